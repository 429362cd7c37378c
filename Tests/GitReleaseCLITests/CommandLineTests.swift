import Foundation
import TestSupport
import Testing

@Suite("The git-release command line")
struct CommandLineTests {
  @Test func helpListsEveryCommand() throws {
    let repo = try FixtureRepository()
    let result = try repo.runGitRelease("--help")
    #expect(result.status == 0)
    for command in [
      "current", "next", "notes", "changelog", "tag", "promote", "rollback", "approve", "status",
      "history", "windows", "diff", "check", "hook",
    ] {
      #expect(result.stdout.contains("\n  \(command) "), "help lists \(command)")
    }
    #expect(result.stdout.contains("USAGE: git release <subcommand>"))
  }

  @Test func versionIsPrinted() throws {
    let repo = try FixtureRepository()
    let result = try repo.runGitRelease("--version")
    #expect(result.status == 0)
    #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
  }

  @Test func unknownCommandIsAUsageError() throws {
    let repo = try FixtureRepository()
    let result = try repo.runGitRelease("frobnicate")
    #expect(result.status == 2)
    #expect(result.stderr.contains("frobnicate"))
  }

  @Test func gitRunsItAsASubcommand() throws {
    let repo = try FixtureRepository()
    let binary = FixtureRepository.gitReleaseBinary.deletingLastPathComponent().path
    let path = binary + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    let result = try FixtureRepository.run(
      "/usr/bin/env", ["git", "release", "--version"], in: repo.url,
      environment: repo.environment.merging(["PATH": path]) { $1 })
    #expect(result.status == 0)
    #expect(!result.stdout.isEmpty)
  }

  /// Quick exits once raced libgit2's set-up on another thread and died in libcrypto now and
  /// then (about 2 in 100); `reliability/quick-exits` measures thousands of runs.
  @Test func quickExitsAlwaysExitCleanly() throws {
    let repo = try FixtureRepository()
    let version = try repo.runGitRelease("--version").stdout
    let help = try repo.runGitRelease("notes", "--help").stdout
    #expect(!version.isEmpty && help.contains("USAGE: git release notes"))
    for _ in 1...100 {
      let printed = try repo.runGitRelease("--version")
      #expect(printed.status == 0 && printed.stdout == version && printed.stderr.isEmpty)
      let helped = try repo.runGitRelease("notes", "--help")
      #expect(helped.status == 0 && helped.stdout == help)
      let unknown = try repo.runGitRelease("frobnicate")
      #expect(unknown.status == 2 && unknown.stderr.contains("frobnicate"))
    }
  }

  /// git's convention puts `-C` before the subcommand; both places read the same repository.
  @Test(arguments: [
    ["next"], ["current", "--json"], ["notes"], ["check", "commits", "--json"],
  ])
  func directoryBeforeOrAfterTheSubcommand(_ command: [String]) throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: first")
    try repo.tag("v1.0.0")
    try repo.commit("fix: second")
    let elsewhere = try FixtureRepository.makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: elsewhere) }
    let after = try FixtureRepository.run(
      FixtureRepository.gitReleaseBinary.path, command + ["-C", repo.path], in: elsewhere,
      environment: repo.environment)
    let before = try FixtureRepository.run(
      FixtureRepository.gitReleaseBinary.path, ["-C", repo.path] + command, in: elsewhere,
      environment: repo.environment)
    #expect(after.status == 0, "\(after.stderr)")
    #expect(before.status == after.status)
    #expect(before.stdout == after.stdout)
    #expect(before.stderr == after.stderr)
  }

  @Test func severalLeadingDirectoriesComposeAsGitsDo() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: first")
    try repo.tag("v1.0.0")
    try repo.commit("feat: second")
    try repo.write("sub/folder/keep.txt", "")
    let parent = repo.url.deletingLastPathComponent().path
    let name = repo.url.lastPathComponent
    let composed = try repo.runGitRelease(["-C", parent, "-C", name, "-C", "sub/folder", "next"])
    #expect(composed.status == 0, "\(composed.stderr)")
    #expect(composed.stdout == "v1.1.0\n")
    // Before no subcommand it changes nothing; a missing folder is the same error in both places.
    #expect(try repo.runGitRelease("-C", parent, "--version").status == 0)
    let missing = try repo.runGitRelease("-C", "no/such/folder", "next")
    let missingAfter = try repo.runGitRelease("next", "-C", "no/such/folder")
    #expect(missing.status == 2 && missing.stderr == missingAfter.stderr)
    #expect(missing.stderr.contains("cannot change to 'no/such/folder'"))
  }
}
