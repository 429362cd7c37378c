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
}
