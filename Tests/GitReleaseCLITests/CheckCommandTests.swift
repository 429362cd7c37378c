import Foundation
import TestSupport
import Testing

@Suite("git release check")
struct CheckCommandTests {
  @Test func commitsOnADetachedHeadAreTheUnreleasedOnes() throws {
    let repo = try FixtureRepository()
    try repo.commit("Initial import")
    try repo.tag("v0.1.0", message: "Release 0.1.0")
    try repo.commit("feat: add a")
    let bad = try repo.commit("add b")
    try repo.commit("fixup! feat: add a")
    try repo.git("checkout", "-q", "--detach", "HEAD")

    let result = try repo.runGitRelease("check", "--json")
    #expect(result.status == 1)
    let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect(report?["passed"] as? Bool == false)
    #expect(
      (report?["checked"] as? [String: Int])?["commits"] == 3, "released commits are left out")
    let findings = report?["findings"] as? [[String: String]] ?? []
    #expect(findings.map { $0["severity"] } == ["error", "warning"])
    #expect(findings.first?["subject"] == "commit \(bad.prefix(7)) \"add b\"")
    #expect(findings.last?["reason"]?.contains("git rebase -i --autosquash") == true)
  }

  @Test func levelsComeFromTheCheckSection() throws {
    let repo = try FixtureRepository()
    try repo.write(".gitrelease", "[check]\n\tcommits = warn\n")
    try repo.commit("add things")
    let warned = try repo.runGitRelease("check")
    #expect(warned.status == 0)
    #expect(warned.stderr.contains("warning: commit "))

    try repo.write(".gitrelease", "[check]\n\tcommits = sometimes\n")
    let invalid = try repo.runGitRelease("check")
    #expect(invalid.status == 5)
    #expect(invalid.stderr.contains(".gitrelease:2: check.commits = \"sometimes\" is not one of"))
  }

  @Test func aRangeIsCheckedAsGitLogReadsIt() throws {
    let repo = try FixtureRepository()
    try repo.commit("old and unconventional")
    try repo.commit("feat: new")
    #expect(try repo.runGitRelease("check", "commits", "HEAD~1..HEAD").status == 0)
    let all = try repo.runGitRelease("check", "HEAD")
    #expect(all.status == 1)
    #expect(all.stderr.contains("1 problem in HEAD"))
  }

  @Test func aShallowCloneSaysWhatIsMissing() throws {
    let origin = try FixtureRepository()
    try origin.commit("feat: one")
    try origin.tag("v0.1.0", message: "Release 0.1.0")
    try origin.commit("feat: two")
    try origin.commit("fix: three")
    let clone = FixtureRepository(existing: try FixtureRepository.makeTemporaryFolder())
    try clone.git("clone", "-q", "--depth", "1", "file://" + origin.path, ".")
    let result = try clone.runGitRelease("check")
    #expect(result.status == 6)
    // The one shallow-clone message, as `next` and `notes` give it.
    #expect(result.stderr.contains("this is a shallow clone and its history is cut"))
    #expect(result.stderr.contains("git fetch --unshallow --tags"))
  }

  @Test func gitHubActionsAndGitLabReceiveTheOutputs() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: one")
    try repo.git("checkout", "-q", "--detach")
    let github = repo.url.appendingPathComponent("github-output")
    let dotenv = repo.url.appendingPathComponent("release.env")
    try "earlier=kept\n".write(to: github, atomically: true, encoding: .utf8)
    let result = try repo.runGitRelease(
      ["check", "--dotenv", dotenv.path], environment: ["GITHUB_OUTPUT": github.path])
    #expect(result.status == 0)
    let outputs = try String(contentsOf: github, encoding: .utf8)
    #expect(outputs.hasPrefix("earlier=kept\n"))
    #expect(
      GitHubOutputFile.parse(outputs) == [
        "earlier": "kept", "passed": "true", "errors": "0", "warnings": "0",
      ])
    #expect(
      try String(contentsOf: dotenv, encoding: .utf8)
        == "GIT_RELEASE_PASSED=true\nGIT_RELEASE_ERRORS=0\nGIT_RELEASE_WARNINGS=0\n")
  }

  @Test func commitMessageFilesLoseTheirComments() throws {
    let repo = try FixtureRepository()
    let file = repo.url.appendingPathComponent("COMMIT_EDITMSG")
    try "feat: ok\n\n# Please enter the commit message\n# Bad words here\n"
      .write(to: file, atomically: true, encoding: .utf8)
    #expect(try repo.runGitRelease("check", "commit-msg", file.path).status == 0)

    try "# feat: a comment is not a subject\nwrong\n".write(
      to: file, atomically: true, encoding: .utf8)
    let refused = try repo.runGitRelease("check", "commit-msg", file.path)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("message \"wrong\""))

    try repo.git("config", "core.commentChar", ";")
    try "fix: hash lines are text now\n\n#123 was the issue\n; comment\n"
      .write(to: file, atomically: true, encoding: .utf8)
    #expect(try repo.runGitRelease("check", "commit-msg", file.path).status == 0)
  }

  @Test func prePushRefusesMovingOrDeletingARelease() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: one")
    try repo.tag("v1.0.0", message: "Release 1.0.0")
    let tag = try repo.git("rev-parse", "v1.0.0")
    let other = String(repeating: "1", count: 40)
    let zero = String(repeating: "0", count: 40)
    let moved = try repo.runGitRelease(
      ["check", "pre-push", "origin", "url"],
      input: "refs/tags/v1.0.0 \(tag) refs/tags/v1.0.0 \(other)\n")
    #expect(moved.status == 1)
    #expect(moved.stderr.contains("tag v1.0.0: moves a published release tag"))
    let deleted = try repo.runGitRelease(
      ["check", "pre-push", "origin", "url"],
      input: "(delete) \(zero) refs/tags/v1.0.0 \(tag)\n")
    #expect(deleted.status == 1)
    #expect(deleted.stderr.contains("tag v1.0.0: deletes a published release"))
    let garbage = try repo.runGitRelease(["check", "pre-push", "origin"], input: "hello\n")
    #expect(garbage.status == 2)
    #expect(garbage.stderr.contains("standard input line 1"))
  }
}

/// Reads a `GITHUB_OUTPUT` file as the Actions runner does: `name=value` or `name<<DELIMITER`.
enum GitHubOutputFile {
  static func parse(_ text: String) -> [String: String] {
    var result: [String: String] = [:]
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
    while let line = lines.popFirst() {
      if let marker = line.range(of: "<<") {
        let delimiter = line[marker.upperBound...]
        var value: [Substring] = []
        while let next = lines.popFirst(), next != delimiter { value.append(next) }
        result[String(line[..<marker.lowerBound])] = value.joined(separator: "\n")
      } else if let equals = line.firstIndex(of: "=") {
        result[String(line[..<equals])] = String(line[line.index(after: equals)...])
      }
    }
    return result
  }
}
