import Foundation
import TestSupport
import Testing

/// `git release metrics` and `git release dashboard` on a trail whose answers were worked out by
/// hand: the built binary against a fixture repository, with every moment pinned.
@Suite("Metrics and the dashboard")
struct MetricsCommandTests {
  static let start = 1_800_000_000
  static let hour = 3_600
  static let ada = ["GIT_COMMITTER_NAME": "Ada Author", "GIT_COMMITTER_EMAIL": "ada@example.com"]
  static let bo = ["GIT_COMMITTER_NAME": "Bo Builder", "GIT_COMMITTER_EMAIL": "bo@example.com"]
  static let hostile = "<script>alert(\"&\")</script>"

  static func at(_ hours: Int) -> String { "\(start + hours * hour) +0000" }

  @discardableResult
  static func run(
    _ repo: FixtureRepository, _ arguments: [String], at hours: Int,
    as person: [String: String] = ada
  ) throws -> FixtureRepository.ProcessResult {
    let result = try repo.runGitRelease(
      arguments, environment: person.merging(["GIT_COMMITTER_DATE": at(hours)]) { $1 })
    #expect(result.status == 0, "\(arguments): \(result.stderr)")
    return result
  }

  /// Commits at hours 0, 2, 3 and 9. Production: v1.0.0 first at h1; v1.1.0 (the commits of h2
  /// and h3) at h5; rolled back at h6; v1.1.0 again at h8; v1.2.0 (the commit of h9) at h13.
  /// Staging: v1.0.0 at h1 only. Bo approves v1.2.0 at h10 with a hostile note.
  static func trail() throws -> FixtureRepository {
    let repo = try FixtureRepository()
    repo.clock = start - hour
    try repo.write(".gitrelease", "[environment \"staging\"]\n[environment \"production\"]\n")
    try repo.git("add", ".gitrelease")
    try repo.commitStaged("build: configure environments")
    repo.clock = start
    try repo.commit("feat: first")
    try repo.tag("v1.0.0", message: "v1.0.0")
    try run(repo, ["promote", "v1.0.0", "--to", "production", "--no-rollback-target"], at: 1)
    try run(repo, ["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"], at: 1)
    repo.clock = start + 2 * hour
    try repo.commit("feat(ui): escape \(hostile) in titles")
    repo.clock = start + 3 * hour
    try repo.commit("fix: keep \"quotes\" & ampersands")
    try repo.tag("v1.1.0", message: "v1.1.0 \(hostile)")
    try run(repo, ["promote", "v1.1.0", "--to", "production"], at: 5)
    try run(repo, ["rollback", "production", "--reason", "<img src=x onerror=alert(1)>"], at: 6)
    try run(repo, ["promote", "v1.1.0", "--to", "production"], at: 8)
    repo.clock = start + 9 * hour
    try repo.commit("perf: faster")
    try repo.tag("v1.2.0", message: "v1.2.0")
    try run(repo, ["approve", "v1.2.0", "--for", "production", "--note", "\"&<b>"], at: 10, as: bo)
    try run(repo, ["promote", "v1.2.0", "--to", "production"], at: 13)
    return repo
  }

  static func json(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  static func environment(_ report: [String: Any], _ name: String) throws -> [String: Any] {
    let list = try #require(report["environments"] as? [[String: Any]])
    return try #require(list.first { $0["environment"] as? String == name })
  }

  @Test func productionOverTheDefaultNinetyDays() throws {
    let repo = try Self.trail()
    let result = try Self.run(repo, ["metrics", "--json"], at: 24)
    let report = try Self.json(result.stdout)
    #expect(report["until"] as? String == "2027-01-16T08:00:00Z")
    #expect(report["since"] as? String == "2026-10-18T08:00:00Z")
    let production = try Self.environment(report, "production")
    #expect(production["deployments"] as? Int == 4)
    #expect(production["rollbacks"] as? Int == 1)
    #expect(production["changeFailureRate"] as? Double == 0.25)
    let perWeek = try #require(production["deploymentsPerWeek"] as? Double)
    #expect(abs(perWeek - 4.0 / (90.0 / 7.0)) < 1e-9)
    // Lead times 3h and 2h (v1.1.0; its second promotion brings nothing new) and 4h (v1.2.0).
    let lead = try #require(production["leadTime"] as? [String: Any])
    #expect(lead["medianSeconds"] as? Double == Double(3 * Self.hour))
    #expect(lead["p90Seconds"] as? Double == Double(4 * Self.hour))
    #expect(lead["commits"] as? Int == 3)
    let restore = try #require(production["timeToRestore"] as? [String: Any])
    #expect(restore["medianSeconds"] as? Double == Double(Self.hour))
    #expect(restore["p90Seconds"] as? Double == Double(Self.hour))
    // Staging's only promotion is its first: the baseline, no lead time.
    let staging = try Self.environment(report, "staging")
    #expect(staging["deployments"] as? Int == 1)
    #expect(staging["changeFailureRate"] as? Double == 0)
    let stagingLead = try #require(staging["leadTime"] as? [String: Any])
    #expect(stagingLead["commits"] as? Int == 0)
    #expect(stagingLead["medianSeconds"] is NSNull)

    let text = try Self.run(repo, ["metrics"], at: 24).stdout
    #expect(text.contains("ENVIRONMENT  DEPLOYS"))
    let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("production") })
    #expect(
      row.split(separator: " ", omittingEmptySubsequences: true).map(String.init) == [
        "production", "4", "0.31", "1", "25%", "3h", "4h", "3", "1h", "1h",
      ])
  }

  @Test func aPeriodAfterTheRollbackAndAnEmptyOne() throws {
    let repo = try Self.trail()
    // From h7: the re-promotion at h8 and v1.2.0 at h13; the re-promotion brings nothing new.
    var report = try Self.json(
      try Self.run(
        repo, ["metrics", "--env", "production", "--since", "6h", "--json"], at: 13
      ).stdout)
    var production = try Self.environment(report, "production")
    #expect((report["environments"] as? [Any])?.count == 1)
    #expect(production["deployments"] as? Int == 2)
    #expect(production["rollbacks"] as? Int == 0)
    var lead = try #require(production["leadTime"] as? [String: Any])
    #expect(lead["commits"] as? Int == 1)
    #expect(lead["medianSeconds"] as? Double == Double(4 * Self.hour))

    report = try Self.json(
      try Self.run(
        repo, ["metrics", "--since", "2020-01-01", "--until", "2020-02-01", "--json"], at: 24
      ).stdout)
    production = try Self.environment(report, "production")
    #expect(production["deployments"] as? Int == 0)
    #expect(production["deploymentsPerWeek"] as? Double == 0)
    #expect(production["changeFailureRate"] as? Double == 0)
    lead = try #require(production["leadTime"] as? [String: Any])
    #expect(lead["commits"] as? Int == 0)
    #expect(lead["p90Seconds"] is NSNull)
    let restore = try #require(production["timeToRestore"] as? [String: Any])
    #expect(restore["medianSeconds"] is NSNull)
  }

  @Test(arguments: [
    (
      ["metrics", "--since", "yesterday"], "--since \"yesterday\" is neither a duration nor a date"
    ),
    (["metrics", "--env", "qa"], "environment \"qa\" is not configured"),
    (
      ["metrics", "--since", "2026-01-02", "--until", "2026-01-01"],
      "the period starts after it ends"
    ),
    (["dashboard"], "Missing expected argument '--output <dir>'"),
  ])
  func badInputIsAUsageError(_ arguments: [String], message: String) throws {
    let repo = try Self.trail()
    let result = try repo.runGitRelease(arguments)
    #expect(result.status == 2)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test func aDashboardThatCannotBeWrittenSaysSoAndWritesNothing() throws {
    let repo = try Self.trail()
    // A file where the folder should be.
    let result = try repo.runGitRelease(["dashboard", "--output", ".gitrelease"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("cannot write"), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(try repo.git("status", "--porcelain").isEmpty)
  }
}
