import Foundation
import TestSupport
import Testing

/// Release lines (`release/1.2.x`, `1.x`, `[line]`) and versions that exist on another branch,
/// run as a user would.
@Suite("Release lines: next, tag and current on a line")
struct ReleaseLineCommandTests {
  func output(_ repo: FixtureRepository, _ arguments: String...) throws -> String {
    let result = try repo.runGitRelease(arguments)
    #expect(result.status == 0, "git release \(arguments.joined(separator: " ")): \(result.stderr)")
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func json(_ repo: FixtureRepository, _ arguments: String...) throws -> [String: Any] {
    let result = try repo.runGitRelease(arguments + ["--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    return try #require(object as? [String: Any])
  }

  /// main: v1.2.0, then a feature released as v1.3.0.
  func mainWithTwoReleases() throws -> FixtureRepository {
    let repo = try FixtureRepository()
    try repo.commit("feat: first", file: "a.txt")
    try repo.tag("v1.2.0")
    try repo.commit("feat: search", file: "search.txt")
    try repo.tag("v1.3.0")
    return repo
  }

  @Test func aPatchLineReleasesPatchesOfItsMinor() throws {
    let repo = try mainWithTwoReleases()
    try repo.git("switch", "-q", "-c", "release/1.2.x", "v1.2.0")
    try repo.commit("fix: logins work again", file: "login.txt")
    #expect(try output(repo, "current") == "v1.2.0")
    #expect(try output(repo, "next") == "v1.2.1")
    let plan = try json(repo, "next")
    let line = try #require(plan["line"] as? [String: Any])
    #expect(line["name"] as? String == "release/1.2.x")
    #expect(line["range"] as? String == "1.2.x")
    #expect(try output(repo, "tag").contains("v1.2.1"))
    try repo.commit("fix: and again", file: "login.txt")
    #expect(try output(repo, "current") == "v1.2.1")
    #expect(try output(repo, "next") == "v1.2.2")
    // Off the line, there is no line in the JSON.
    try repo.git("switch", "-q", "main")
    try repo.commit("fix: on main", file: "main.txt")
    #expect(try json(repo, "next")["line"] is NSNull)
    #expect(try output(repo, "next") == "v1.3.1")
  }

  @Test func aFeatureIsRefusedOnAPatchLine() throws {
    let repo = try mainWithTwoReleases()
    try repo.git("switch", "-q", "-c", "release/1.2.x", "v1.2.0")
    try repo.commit("fix: small", file: "fix.txt")
    let feature = try repo.commit("feat: export to CSV", file: "csv.txt")
    for command in ["next", "tag"] {
      let result = try repo.runGitRelease(command)
      #expect(result.status == 1, "\(command): \(result.stderr)")
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.contains("release line release/1.2.x"))
      #expect(result.stderr.contains("patch releases of 1.2 (1.2.x)"))
      #expect(result.stderr.contains(String(feature.prefix(12))))
    }
    #expect(try repo.git("tag", "--list").split(separator: "\n") == ["v1.2.0", "v1.3.0"])
  }

  @Test func aMinorLineReleasesFeaturesAndRefusesBreakingChanges() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: first", file: "a.txt")
    try repo.tag("v1.2.0")
    try repo.commit("feat!: new storage", file: "storage.txt")
    try repo.tag("v2.0.0")
    try repo.git("switch", "-q", "-c", "1.x", "v1.2.0")
    try repo.commit("feat: backported search", file: "search.txt")
    #expect(try output(repo, "next") == "v1.3.0")
    #expect(try output(repo, "tag").contains("v1.3.0"))
    #expect(try output(repo, "current") == "v1.3.0")
    try repo.commit("feat!: drop the old API", file: "api.txt")
    let result = try repo.runGitRelease("next")
    #expect(result.status == 1)
    #expect(result.stderr.contains("release line 1.x"))
    #expect(result.stderr.contains("below 2.0.0 (1.x)"))
    let tagged = try repo.runGitRelease("tag")
    #expect(tagged.status == 1)
    #expect(try repo.git("tag", "--list").split(separator: "\n") == ["v1.2.0", "v1.3.0", "v2.0.0"])
  }

  @Test func aVersionThatExistsOnAnotherBranchIsNeverProposed() throws {
    let repo = try mainWithTwoReleases()
    // Not a line: a plain branch from the old release.
    try repo.git("switch", "-q", "-c", "customer-fix", "v1.2.0")
    try repo.commit("feat: a backport", file: "backport.txt")
    let result = try repo.runGitRelease("next")
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("v1.3.0 would be next, but the tag v1.3.0 already exists"))
    #expect(result.stderr.contains("git switch -c release/1.2.x v1.2.0"))
    #expect(result.stderr.contains("git release tag --as 1.4.0"))
    let tagged = try repo.runGitRelease("tag")
    #expect(tagged.status == 1)
    #expect(tagged.stderr.contains("already exists"))
    // What it says to do works.
    #expect(try output(repo, "next", "--as", "1.4.0") == "v1.4.0")
    #expect(try json(repo, "next", "--as", "v1.4.0")["bump"] as? String == "minor")
    #expect(try repo.runGitRelease("next", "--as", "1.3.0").status == 1)
    #expect(try output(repo, "tag", "--as", "1.4.0").contains("v1.4.0"))
  }

  @Test func asOutsideTheLineIsRefused() throws {
    let repo = try mainWithTwoReleases()
    try repo.git("switch", "-q", "-c", "release/1.2.x", "v1.2.0")
    try repo.commit("fix: small", file: "fix.txt")
    for command in ["next", "tag"] {
      let result = try repo.runGitRelease(command, "--as", "1.5.0")
      #expect(result.status == 1, "\(command): \(result.stderr)")
      #expect(result.stderr.contains("--as 1.5.0: release line release/1.2.x"))
    }
    #expect(try output(repo, "next", "--as", "1.2.5") == "v1.2.5")
  }

  @Test func aLineConfiguredInGitrelease() throws {
    let repo = try mainWithTwoReleases()
    try repo.write(
      ".gitrelease", "[line \"lts\"]\n    branch = maint/*\n    range = 1.2.x\n")
    try repo.git("add", ".gitrelease")
    try repo.commitStaged("chore: release lines")
    try repo.git("switch", "-q", "-c", "maint/acme", "v1.2.0")
    try repo.git("checkout", "main", "--", ".gitrelease")
    try repo.commitStaged("chore: release lines")
    try repo.commit("fix: for acme", file: "acme.txt")
    #expect(try output(repo, "next") == "v1.2.1")
    let line = try #require(try json(repo, "next")["line"] as? [String: Any])
    #expect(line["name"] as? String == "lts")
    #expect(line["range"] as? String == "1.2.x")
    try repo.commit("feat: for acme", file: "acme2.txt")
    let result = try repo.runGitRelease("next")
    #expect(result.status == 1)
    #expect(result.stderr.contains("release line lts takes only patch releases of 1.2"))
  }

  @Test func aBadLineSectionIsAConfigurationError() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: first")
    try repo.write(".gitrelease", "[line \"lts\"]\n    branch = maint\n    range = one\n")
    let result = try repo.runGitRelease("next")
    #expect(result.status == 5)
    #expect(result.stderr.contains(".gitrelease:3"))
  }
}
