import Foundation
import TestSupport
import Testing

/// `git release where`: the releases that carry a fix, its cherry-picks, and where it runs.
@Suite("git release where")
struct WhereCommandTests {
  func json(_ repo: FixtureRepository, _ arguments: String...) throws -> [String: Any] {
    let result = try repo.runGitRelease(arguments + ["--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    return try #require(object as? [String: Any])
  }

  /// main: v1.0.0, v1.1.0, v1.2.0, a fix released as v1.2.1, then v1.3.0. Line release/1.1.x
  /// has the fix cherry-picked with -x (v1.1.1), line release/1.0.x without it (v1.0.1).
  struct History {
    let repo: FixtureRepository
    let fix: String
    let pickedWithX: String
    let pickedWithoutX: String
  }

  func history() throws -> History {
    let repo = try FixtureRepository()
    try repo.write(".gitrelease", "[environment \"staging\"]\n[environment \"production\"]\n")
    try repo.git("add", ".gitrelease")
    try repo.commitStaged("build: environments")
    try repo.commit("feat: first", file: "a.txt")
    try repo.tag("v1.0.0")
    try repo.commit("feat: second", file: "b.txt")
    try repo.tag("v1.1.0")
    try repo.commit("feat: third", file: "c.txt")
    try repo.tag("v1.2.0")
    let fix = try repo.commit("fix: no crash on empty input (#12)", file: "crash.txt")
    try repo.tag("v1.2.1")
    try repo.commit("feat: fourth", file: "d.txt")
    try repo.tag("v1.3.0")

    try repo.git("switch", "-q", "-c", "release/1.1.x", "v1.1.0")
    try repo.git("cherry-pick", "-x", fix)
    let withX = try repo.revParse("HEAD")
    try repo.tag("v1.1.1")

    try repo.git("switch", "-q", "-c", "release/1.0.x", "v1.0.0")
    try repo.git("cherry-pick", fix)
    let withoutX = try repo.revParse("HEAD")
    try repo.tag("v1.0.1")
    try repo.git("switch", "-q", "main")
    return History(repo: repo, fix: fix, pickedWithX: withX, pickedWithoutX: withoutX)
  }

  func promote(
    _ repo: FixtureRepository, _ tag: String, to environment: String, at time: Int,
    first: Bool = true
  ) throws {
    let result = try repo.runGitRelease(
      ["promote", tag, "--to", environment] + (first ? ["--no-rollback-target"] : []),
      environment: ["GIT_COMMITTER_DATE": "\(time) +0000"])
    #expect(result.status == 0, "\(result.stderr)")
  }

  @Test func releasesCherryPicksAndEnvironments() throws {
    let history = try history()
    let repo = history.repo
    try promote(repo, "v1.0.0", to: "production", at: 1_800_000_000)
    try promote(repo, "v1.0.1", to: "production", at: 1_800_003_600, first: false)
    try promote(repo, "v1.1.0", to: "staging", at: 1_800_007_200)

    let report = try json(repo, "where", history.fix)
    let commits = try #require(report["commits"] as? [[String: Any]])
    let item = try #require(commits.first)
    #expect(item["commit"] as? String == history.fix)
    #expect(item["releases"] as? [String] == ["v1.2.1", "v1.3.0"])
    let picks = try #require(item["cherryPicks"] as? [[String: Any]])
    let byCommit = Dictionary(
      uniqueKeysWithValues: picks.map { ($0["commit"] as? String ?? "", $0) })
    #expect(byCommit.count == 2)
    #expect(byCommit[history.pickedWithX]?["foundBy"] as? String == "trailer")
    #expect(byCommit[history.pickedWithX]?["releases"] as? [String] == ["v1.1.1"])
    #expect(byCommit[history.pickedWithoutX]?["foundBy"] as? String == "patch-id")
    #expect(byCommit[history.pickedWithoutX]?["releases"] as? [String] == ["v1.0.1"])
    // Production runs the fix through the pick in v1.0.1; staging runs v1.1.0, without it.
    let environments = try #require(item["environments"] as? [[String: Any]])
    #expect(environments.count == 1)
    #expect(environments.first?["environment"] as? String == "production")
    #expect(environments.first?["release"] as? String == "v1.0.1")
    #expect(environments.first?["via"] as? String == history.pickedWithoutX)
    #expect(environments.first?["since"] as? String == "2027-01-15T09:00:00Z")

    let text = try repo.runGitRelease("where", String(history.fix.prefix(10)))
    #expect(text.status == 0)
    #expect(text.stdout.contains("released in: v1.2.1, v1.3.0"))
    #expect(text.stdout.contains("cherry-picked as \(history.pickedWithX.prefix(12)) (cherry-pick -x line): released in v1.1.1"))
    #expect(text.stdout.contains("runs in production: v1.0.1"))
  }

  @Test func anIssueNumberFindsTheChangeOnce() throws {
    let history = try history()
    let report = try json(history.repo, "where", "#12")
    let commits = try #require(report["commits"] as? [[String: Any]])
    #expect(commits.map { $0["commit"] as? String } == [history.fix])
    let missing = try history.repo.runGitRelease("where", "#99")
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("#99"))
    #expect(try history.repo.runGitRelease("where", "nosuchthing").status == 2)
  }

  @Test func aChangeNotReleasedYet() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: first", file: "a.txt")
    try repo.tag("v1.0.0")
    let fix = try repo.commit("fix: later", file: "b.txt")
    let report = try json(repo, "where", fix)
    let item = try #require((report["commits"] as? [[String: Any]])?.first)
    #expect(item["releases"] as? [String] == [])
    #expect(item["cherryPicks"] as? [[String: Any]] == nil || (item["cherryPicks"] as? [Any])?.isEmpty == true)
    let text = try repo.runGitRelease("where", fix)
    #expect(text.stdout.contains("released in: no release yet"))
  }

  /// A CI checkout has the branches as origin's (refs/remotes/origin/*), few or none of them
  /// local: a backport waiting on a branch of origin's, not released yet, is found there too.
  @Test func aCopyOnABranchOfTheRemoteIsFound() throws {
    let history = try history()
    let origin = history.repo
    try origin.git("switch", "-q", "-c", "backport/12", "v1.1.0")
    try origin.git("commit", "-q", "--allow-empty", "-m", "chore: make room for the backport")
    try origin.git("cherry-pick", "-x", history.fix)
    let backport = try origin.revParse("HEAD")
    try origin.git("switch", "-q", "main")
    let clone = try FixtureRepository()
    try clone.git(
      "fetch", "-q", "file://\(origin.path)", "+refs/heads/*:refs/remotes/origin/*",
      "+refs/tags/*:refs/tags/*")
    try clone.git("checkout", "-q", "-B", "main", "origin/main")
    let report = try json(clone, "where", history.fix)
    let item = try #require((report["commits"] as? [[String: Any]])?.first)
    let picks = try #require(item["cherryPicks"] as? [[String: Any]])
    let found = picks.first { $0["commit"] as? String == backport }
    #expect(found?["foundBy"] as? String == "trailer", "\(picks)")
    #expect(found?["releases"] as? [String] == [])
  }
}
