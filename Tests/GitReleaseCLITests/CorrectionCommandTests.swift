import Foundation
import TestSupport
import Testing

/// `git release amend`: corrected messages kept as notes under refs/notes/release, read by
/// next, notes, changelog, where and check, replicated by fetch and push.
@Suite("Corrections: git release amend")
struct CorrectionCommandTests {
  func output(_ repo: FixtureRepository, _ arguments: String...) throws -> String {
    let result = try repo.runGitRelease(arguments)
    #expect(result.status == 0, "git release \(arguments.joined(separator: " ")): \(result.stderr)")
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func json(_ repo: FixtureRepository, _ arguments: String...) throws -> [String: Any] {
    let result = try repo.runGitRelease(arguments)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    return try #require(object as? [String: Any], "\(result.stderr)")
  }

  /// v1.0.0, then a fix whose message is not a Conventional Commit.
  func mislabelledFix() throws -> (FixtureRepository, String) {
    let repo = try FixtureRepository()
    try repo.commit("feat: first", file: "a.txt")
    try repo.tag("v1.0.0")
    let fix = try repo.commit("fixed login", file: "login.txt")
    return (repo, fix)
  }

  @Test func aCorrectionMustBeAConventionalCommit() throws {
    let (repo, fix) = try mislabelledFix()
    let result = try repo.runGitRelease("amend", fix, "--as", "fixed login properly")
    #expect(result.status == 1)
    #expect(result.stderr.contains("not a Conventional Commit"))
    #expect(result.stderr.contains("nothing was written"))
    #expect(try repo.git("for-each-ref", "refs/notes/").isEmpty)
    #expect(try repo.runGitRelease("amend", fix).status == 2)
    #expect(try repo.runGitRelease("amend", "nosuchcommit", "--as", "fix: x").status == 2)
  }

  @Test func nextNotesAndCheckReadTheCorrection() throws {
    let (repo, fix) = try mislabelledFix()
    #expect(try repo.runGitRelease("next").status == 3)
    #expect(try repo.runGitRelease("check", "commits", "v1.0.0..HEAD").status == 1)

    let amended = try json(
      repo, "amend", String(fix.prefix(8)), "--as", "fix(auth): logins work again", "--json")
    #expect(amended["commit"] as? String == fix)
    #expect(amended["original"] as? String == "fixed login")
    #expect(try repo.git("notes", "--ref", "release", "show", fix) == "fix(auth): logins work again")
    // History is not rewritten.
    #expect(try repo.revParse("HEAD") == fix)

    #expect(try output(repo, "next") == "v1.0.1")
    #expect(try output(repo, "check", "commits", "v1.0.0..HEAD").isEmpty)
    let notes = try json(repo, "notes", "--format", "json")
    let sections = try #require(notes["sections"] as? [[String: Any]])
    let entries = sections.flatMap { $0["entries"] as? [[String: Any]] ?? [] }
    let entry = try #require(entries.first { $0["hash"] as? String == fix })
    #expect(entry["description"] as? String == "logins work again")
    #expect(entry["scope"] as? String == "auth")
    #expect(entry["corrected"] as? Bool == true)
    #expect(try output(repo, "notes").contains("logins work again"))

    #expect(try output(repo, "amend", fix, "--remove").contains("Removed"))
    #expect(try repo.runGitRelease("next").status == 3)
    #expect(try output(repo, "amend", fix, "--remove").contains("nothing to remove"))
  }

  @Test func aCorrectedReleasedCommitChangesTheChangelogNotTheRelease() throws {
    let (repo, fix) = try mislabelledFix()
    try repo.commit("feat: export", file: "export.txt")
    try repo.tag("v1.1.0")
    let before = try output(repo, "changelog")
    #expect(!before.contains("logins work again"))
    // Even a correction that would have made a major release leaves the past one alone.
    _ = try output(repo, "amend", fix, "--as", "fix(auth)!: logins work again")
    let after = try output(repo, "changelog")
    #expect(after.contains("logins work again"))
    #expect(after.contains("1.1.0"))
    #expect(!after.contains("[2.0.0]") && !after.contains("## 2.0.0"))
    #expect(try repo.git("tag", "--list").split(separator: "\n") == ["v1.0.0", "v1.1.0"])
    #expect(try output(repo, "current") == "v1.1.0")
    #expect(try repo.runGitRelease("next").status == 3)
    let notes = try output(repo, "notes", "v1.1.0")
    #expect(notes.contains("logins work again"))
    // The corrected entry is marked in the changelog's JSON too.
    let changelog = try json(repo, "changelog", "--format", "json")
    let releases = try #require(changelog["releases"] as? [[String: Any]])
    let entries = releases.flatMap { release in
      (release["sections"] as? [[String: Any]] ?? []).flatMap {
        $0["entries"] as? [[String: Any]] ?? []
      }
    }
    #expect(entries.filter { $0["corrected"] as? Bool == true }.map { $0["hash"] as? String } == [fix])
  }

  @Test func wherReadsTheCorrection() throws {
    let (repo, fix) = try mislabelledFix()
    try repo.tag("v1.0.1")
    _ = try output(repo, "amend", fix, "--as", "fix(auth): logins work again (#7)")
    let report = try json(repo, "where", "#7", "--json")
    let commits = try #require(report["commits"] as? [[String: Any]])
    #expect(commits.count == 1)
    #expect(commits.first?["commit"] as? String == fix)
    #expect(commits.first?["corrected"] as? Bool == true)
    #expect(commits.first?["releases"] as? [String] == ["v1.0.1"])
  }

  @Test func prePushValidatesPushedCorrections() throws {
    let (repo, fix) = try mislabelledFix()
    let zero = String(repeating: "0", count: 40)
    func prePush() throws -> FixtureRepository.ProcessResult {
      let notes = try repo.revParse("refs/notes/release")
      return try repo.runGitRelease(
        ["check", "pre-push", "origin"],
        input: "refs/notes/release \(notes) refs/notes/release \(zero)\n")
    }
    // Written with git itself, past amend's own check.
    try repo.git("notes", "--ref", "release", "add", "-m", "fixed login again", fix)
    var result = try prePush()
    #expect(result.status == 1)
    #expect(result.stderr.contains("correction of \(fix.prefix(7))"))
    #expect(result.stderr.contains("not a Conventional Commit"))

    _ = try output(repo, "amend", fix, "--as", "fix: logins work again")
    #expect(try prePush().status == 0)

    let blob = try repo.git("hash-object", "-w", "a.txt").trimmingCharacters(in: .whitespacesAndNewlines)
    try repo.git("notes", "--ref", "release", "add", "-m", "fix: about a file", blob)
    result = try prePush()
    #expect(result.status == 1)
    #expect(result.stderr.contains("not a commit of this repository"))
  }

  @Test func correctionsReplicateThroughTheRemote() throws {
    let origin = try FixtureRepository(bare: true)
    let (repo, fix) = try mislabelledFix()
    try repo.git("remote", "add", "origin", origin.path)
    try repo.git("push", "-q", "origin", "main", "v1.0.0")
    let clone = FixtureRepository(existing: try FixtureRepository.makeTemporaryFolder())
    try clone.git("clone", "-q", origin.path, ".")
    let installed = try output(clone, "hook", "install")
    #expect(installed.contains("now brings refs/notes/release"))
    #expect(try output(clone, "hook", "install").contains("already brings"))
    #expect(
      try clone.git("config", "--get-all", "remote.origin.fetch").split(separator: "\n").filter {
        $0 == "refs/notes/release:refs/notes/release"
      }.count == 1)

    _ = try output(repo, "amend", fix, "--as", "fix(auth): logins work again")
    try repo.git("push", "-q", "origin", "refs/notes/release")
    #expect(try clone.runGitRelease("next").status == 3)
    try clone.git("fetch", "-q", "origin")
    #expect(try output(clone, "next") == "v1.0.1")
  }
}
