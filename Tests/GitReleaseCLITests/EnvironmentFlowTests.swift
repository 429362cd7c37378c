import Foundation
import TestSupport
import Testing

/// Promotion flows run as a user would: the built binary against fixture repositories, with the
/// actor and the moment pinned through GIT_COMMITTER_NAME, _EMAIL and _DATE.
@Suite("Environments: promote, approve, roll back")
struct EnvironmentFlowTests {
  static let pipeline = """
    [environment "staging"]
    [environment "production"]
        after = staging          # must have been promoted to staging first
        soak = 24h               # ...and stayed there this long
        approvals = 1            # distinct approvers, the promoter's own approval not counted
        window = Mon-Thu 09:00-16:00 Australia/Adelaide   # may repeat; promote only inside one
        freeze = 2026-12-20..2027-01-05 end-of-year freeze  # may repeat; never inside one

    """

  /// Mon 2026-11-30, 10:00 in Adelaide, and hours after it.
  static func monday(plus hours: Int = 0) -> String {
    "\(1_795_995_000 + hours * 3_600) +1030"
  }

  static let ada = ["GIT_COMMITTER_NAME": "Ada Author", "GIT_COMMITTER_EMAIL": "ada@example.com"]
  static let bo = ["GIT_COMMITTER_NAME": "Bo Builder", "GIT_COMMITTER_EMAIL": "bo@example.com"]
  static let cy = ["GIT_COMMITTER_NAME": "Cy Checker", "GIT_COMMITTER_EMAIL": "cy@example.com"]

  /// A repository with the pipeline configured and releases v1.0.0, v1.1.0, v1.2.0.
  static func repository(config: String = pipeline) throws -> FixtureRepository {
    let repo = try FixtureRepository()
    try repo.write(".gitrelease", config)
    try repo.git("add", ".gitrelease")
    try repo.commitStaged("build: configure environments")
    try repo.commit("feat: first feature")
    try repo.tag("v1.0.0", message: "v1.0.0")
    try repo.commit("fix: a fix for staging")
    try repo.tag("v1.1.0", message: "v1.1.0")
    try repo.commit("feat: the next feature")
    try repo.tag("v1.2.0")
    return repo
  }

  /// The pipeline after a day's work: v1.0.0 runs in both environments, v1.1.0 reached staging on
  /// Tuesday 10:00 in Adelaide, and Bo approved it for production.
  static func productionRunsV1() throws -> FixtureRepository {
    let repo = try repository()
    try run(repo, ["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"])
    try run(repo, ["approve", "v1.0.0", "--for", "production"], as: bo)
    try run(
      repo, ["promote", "v1.0.0", "--to", "production", "--no-rollback-target"],
      at: monday(plus: 24))
    try run(repo, ["promote", "v1.1.0", "--to", "staging"], at: monday(plus: 24))
    try run(repo, ["approve", "v1.1.0", "--for", "production"], as: bo)
    return repo
  }

  @discardableResult
  static func run(
    _ repo: FixtureRepository, _ arguments: [String], as person: [String: String] = ada,
    at time: String = monday()
  ) throws -> FixtureRepository.ProcessResult {
    try repo.runGitRelease(
      arguments, environment: person.merging(["GIT_COMMITTER_DATE": time]) { $1 })
  }

  /// The subjects of an environment's trail, newest first; also checks it is one straight line.
  static func trail(_ repo: FixtureRepository, _ environment: String) throws -> [String] {
    let ref = "refs/environments/\(environment)"
    #expect(try repo.git("rev-list", "--min-parents=2", ref).isEmpty, "no merges in \(ref)")
    #expect(
      try repo.git("ls-tree", "--name-only", ref).split(separator: "\n").contains("state"),
      "each event stores the state after it")
    return try repo.git("log", "--format=%s", ref).split(separator: "\n").map(String.init)
  }

  @Test func stagingThenProduction() throws {
    let repo = try Self.repository()
    var result = try Self.run(
      repo, ["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("rollback-target  pass"))

    // Too early for production: no soak yet, nobody approved.
    result = try Self.run(
      repo, ["promote", "v1.0.0", "--to", "production", "--no-rollback-target"],
      at: Self.monday(plus: 1))
    #expect(result.status == 4)
    #expect(result.stdout.contains("soak             REFUSED"))
    #expect(result.stdout.contains("approvals        REFUSED"))
    #expect(result.stderr.contains("refused by: soak, approvals"))
    #expect(try Self.trail(repo, "staging").count == 1)
    #expect(try repo.git("for-each-ref", "refs/environments/production").isEmpty)

    result = try Self.run(repo, ["approve", "v1.0.0", "--for", "production"], as: Self.bo)
    #expect(result.status == 0, "\(result.stderr)")
    // Tuesday 10:00 in Adelaide: soaked 24 hours, approved, inside the window.
    result = try Self.run(
      repo, ["promote", "v1.0.0", "--to", "production", "--no-rollback-target"],
      at: Self.monday(plus: 24))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Ada Author promoted v1.0.0 to production"))

    // The next release follows the same road, and v1.0.0 becomes production's rollback target.
    try Self.run(repo, ["promote", "v1.1.0", "--to", "staging"], at: Self.monday(plus: 25))
    try Self.run(repo, ["approve", "v1.1.0", "--for", "production"], as: Self.cy)
    result = try Self.run(
      repo, ["promote", "v1.1.0", "--to", "production"], at: Self.monday(plus: 49))
    #expect(result.status == 0, "\(result.stderr)")
    // The release notes of what changed in production, as git release notes renders them.
    #expect(result.stdout.contains("## 1.1.0 ("))
    #expect(result.stdout.contains("### Bug Fixes\n\n- a fix for staging ("))
    #expect(!result.stdout.contains("first feature"))
    #expect(
      try Self.trail(repo, "production") == [
        "promote v1.1.0 to production (was v1.0.0)", "approve v1.1.0 for production",
        "promote v1.0.0 to production", "approve v1.0.0 for production",
      ])
    try repo.git("fsck", "--strict")

    let status = try Self.run(repo, ["status", "--json"], at: Self.monday(plus: 50))
    let environments = try #require(
      try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
    let production = try #require(
      environments.first { $0["environment"] as? String == "production" })
    let current = production["current"] as? [String: Any]
    #expect((current?["release"] as? [String: Any])?["tag"] as? String == "v1.1.0")
    #expect(
      ((production["rollbackTarget"] as? [String: Any])?["release"] as? [String: Any])?["tag"]
        as? String == "v1.0.0")
    let staging = try #require(environments.first { $0["environment"] as? String == "staging" })
    #expect((staging["waiting"] as? [[String: Any]])?.first?["tag"] as? String == "v1.2.0")

    let text = try Self.run(repo, ["status"], at: Self.monday(plus: 50)).stdout
    #expect(text.contains("runs      v1.1.0"))
    #expect(text.contains("promoted by Ada Author <ada@example.com>"))
  }

  /// One refusal for each gate, from a fresh pipeline in which v1.0.0 runs in both environments
  /// and v1.1.0 has run in staging for a day with Bo's approval.
  @Test(arguments: [
    "release", "after", "soak", "approvals", "window", "freeze", "rollback-target deleted",
    "rollback-target moved", "rollback-target first",
  ])
  func eachGateRefuses(gate: String) throws {
    let repo = try Self.productionRunsV1()
    var tag = "v1.1.0"
    var environment = "production"
    var time = Self.monday(plus: 48)  // Wednesday 10:00 in Adelaide
    var person = Self.ada
    switch gate {
    case "release": tag = "v9.9.9"
    case "after": tag = "v1.2.0"
    case "soak": time = Self.monday(plus: 47)
    case "approvals": person = Self.bo  // Bo's own approval does not count for Bo
    case "window": time = Self.monday(plus: 96)  // Friday
    case "freeze": time = "2026-12-21T09:30:00+10:30"  // a Monday, inside the window
    case "rollback-target deleted": try repo.git("tag", "-d", "v1.0.0")
    case "rollback-target moved": try repo.git("tag", "-f", "v1.0.0", "v1.2.0")
    case "rollback-target first": environment = "qa"
    default: Issue.record("no case for \(gate)")
    }
    if environment == "qa" {
      try repo.write(".gitrelease", Self.pipeline + "[environment \"qa\"]\n")
    }
    let before = try repo.git("for-each-ref", "refs/environments/")
    let result = try Self.run(repo, ["promote", tag, "--to", environment], as: person, at: time)
    #expect(result.status == 4, "\(result.stdout)\(result.stderr)")
    let name = gate.split(separator: " ").first.map(String.init) ?? gate
    #expect(
      result.stdout.split(separator: "\n").contains {
        $0.hasPrefix("  \(name) ") && $0.contains("REFUSED")
      },
      "\(result.stdout)")
    #expect(result.stderr.contains("refused by: \(name)"), "\(result.stderr)")
    #expect(try repo.git("for-each-ref", "refs/environments/") == before, "nothing recorded")
    switch gate {
    case "rollback-target deleted":
      #expect(result.stdout.contains("the rollback target v1.0.0"))
      #expect(result.stdout.contains("was deleted; restore it with git tag v1.0.0 "))
    case "rollback-target moved":
      #expect(result.stdout.contains("the rollback target v1.0.0 moved"))
    case "rollback-target first":
      #expect(result.stdout.contains("--no-rollback-target"))
    default: break
    }
  }

  @Test func theFirstPromotionRecordsItsAcknowledgment() throws {
    let repo = try Self.repository()
    let refused = try Self.run(repo, ["promote", "v1.0.0", "--to", "staging"])
    #expect(refused.status == 4)
    #expect(refused.stdout.contains("pass --no-rollback-target"))
    let result = try Self.run(
      repo, ["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"])
    #expect(result.status == 0)
    let message = try repo.git("log", "-1", "--format=%B", "refs/environments/staging")
    #expect(message.contains("Rollback-Target: none (acknowledged with --no-rollback-target)"))
    #expect(message.contains("Event: promotion\nEnvironment: staging\nRelease: v1.0.0\n"))
    #expect(message.contains("Actor: Ada Author <ada@example.com>"))
    // Once something runs there, the flag is refused: it only ever acknowledges a first time.
    let again = try Self.run(
      repo, ["promote", "v1.1.0", "--to", "staging", "--no-rollback-target"])
    #expect(again.status == 4)
    #expect(again.stdout.contains("only for the first promotion"))
  }

  @Test func rollbackWalksBackAndIsNeverBlocked() throws {
    let repo = try Self.productionRunsV1()
    let promoted = try Self.run(
      repo, ["promote", "v1.1.0", "--to", "production"], at: Self.monday(plus: 48))
    #expect(promoted.status == 0, "\(promoted.stdout)")

    // Sunday night inside the end-of-year freeze: no window is open, yet rollback goes through.
    let frozen = "2026-12-27T22:00:00+10:30"
    try repo.git("tag", "-d", "v1.0.0")
    let result = try Self.run(
      repo, ["rollback", "production", "--reason", "error rate doubled", "--json"], as: Self.cy,
      at: frozen)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("v1.0.0 was deleted since; rolling back to its recorded commit"))
    let announcement = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let event = try #require(announcement["event"] as? [String: Any])
    #expect(event["kind"] as? String == "rollback")
    #expect(event["tag"] as? String == "v1.0.0")
    #expect(event["reason"] as? String == "error rate doubled")
    #expect(
      (announcement["changes"] as? [[String: Any]])?.first?["summary"] as? String
        == "fix: a fix for staging")
    #expect(
      try Self.trail(repo, "production").first == "roll production back to v1.0.0 (from v1.1.0)")

    // Nothing ran before v1.0.0: there is nowhere further back to go.
    let further = try Self.run(repo, ["rollback", "production"], at: frozen)
    #expect(further.status == 1)
    #expect(further.stderr.contains("nothing ran in production before v1.0.0"))

    let history = try Self.run(repo, ["history", "production"]).stdout
    #expect(history.contains("production  rollback  v1.0.0"))
    #expect(history.contains("reason    error rate doubled"))
  }

  @Test func rollbackToANamedEarlierRelease() throws {
    let repo = try Self.repository(config: "[environment \"dev\"]\n")
    try Self.run(repo, ["promote", "v1.0.0", "--to", "dev", "--no-rollback-target"])
    try Self.run(repo, ["promote", "v1.1.0", "--to", "dev"])
    try Self.run(repo, ["promote", "v1.2.0", "--to", "dev"])
    let unknown = try Self.run(repo, ["rollback", "dev", "--to", "v0.9.0"])
    #expect(unknown.status == 1)
    #expect(
      unknown.stderr.contains("v0.9.0 never ran in dev; it can be rolled back to v1.1.0, v1.0.0"))
    let result = try Self.run(repo, ["rollback", "dev", "--to", "v1.0.0"])
    #expect(result.status == 0, "\(result.stderr)")
    let status = try Self.run(repo, ["status"]).stdout
    #expect(status.contains("runs      v1.0.0"))
    #expect(status.contains("rolled back by Ada Author"))
    // v1.2.0 was rolled back from: running it again is a promotion, not a rollback.
    let forward = try Self.run(repo, ["rollback", "dev", "--to", "v1.2.0"])
    #expect(forward.stderr.contains("to run it again, promote it"))
  }

  @Test func approvalsComeFromDistinctPeopleOtherThanThePromoter() throws {
    let config = "[environment \"production\"]\n    approvals = 2\n"
    let repo = try Self.repository(config: config)
    try Self.run(repo, ["approve", "v1.0.0", "--for", "production", "--note", "mine"])
    try Self.run(repo, ["approve", "v1.0.0", "--for", "production"], as: Self.bo)
    let twice = try Self.run(repo, ["approve", "v1.0.0", "--for", "production"], as: Self.bo)
    #expect(twice.status == 1)
    #expect(twice.stderr.contains("bo@example.com approved v1.0.0 for production already"))
    var result = try Self.run(
      repo, ["promote", "v1.0.0", "--to", "production", "--no-rollback-target"])
    #expect(result.status == 4)
    #expect(result.stdout.contains("1 of 2 (Bo Builder); your own approval does not count"))
    try Self.run(repo, ["approve", "v1.0.0", "--for", "production"], as: Self.cy)
    result = try Self.run(
      repo, ["promote", "v1.0.0", "--to", "production", "--no-rollback-target"])
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stdout.contains("2 of 2: Bo Builder, Cy Checker"))
    // Bo promoting would need two people besides Bo.
    try repo.git("tag", "v1.0.1", "v1.0.0^{}")
    try Self.run(repo, ["approve", "v1.0.1", "--for", "production"], as: Self.ada)
    try Self.run(repo, ["approve", "v1.0.1", "--for", "production"], as: Self.bo)
    let byBo = try Self.run(repo, ["promote", "v1.0.1", "--to", "production"], as: Self.bo)
    #expect(byBo.stdout.contains("1 of 2 (Ada Author); your own approval does not count"))
  }

  @Test func windowsAndFreezesYieldToAnOverrideWithAReason() throws {
    let repo = try Self.repository(
      config: "[environment \"production\"]\n  window = Mon-Thu 09:00-16:00 Australia/Adelaide\n")
    let friday = Self.monday(plus: 96)
    let noReason = try Self.run(
      repo, ["promote", "v1.0.0", "--to", "production", "--no-rollback-target", "--override"],
      at: friday)
    #expect(noReason.status == 2)
    #expect(noReason.stderr.contains("--override needs --reason"))
    let result = try Self.run(
      repo,
      [
        "promote", "v1.0.0", "--to", "production", "--no-rollback-target", "--override",
        "--reason", "payment outage fix", "--json",
      ], at: friday)
    #expect(result.status == 0, "\(result.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect((report["event"] as? [String: Any])?["overrides"] as? [String] == ["window"])
    let message = try repo.git("log", "-1", "--format=%B", "refs/environments/production")
    #expect(message.contains("Override: window\nReason: payment outage fix"))
    let history = try Self.run(repo, ["history"]).stdout
    #expect(history.contains("production  override  v1.0.0"))
  }

  @Test func planningWithDryRunAndWindows() throws {
    let repo = try Self.repository(config: Self.pipeline)
    try Self.run(repo, ["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"])
    try Self.run(repo, ["approve", "v1.0.0", "--for", "production"], as: Self.bo)
    let plan = [
      "promote", "v1.0.0", "--to", "production", "--no-rollback-target", "--dry-run", "--at",
    ]
    let tuesday = try Self.run(repo, plan + ["2026-12-01 10:00 Australia/Adelaide"])
    #expect(tuesday.status == 0, "\(tuesday.stdout)")
    #expect(tuesday.stdout.contains("may be promoted to production"))
    let christmas = try Self.run(repo, plan + ["2026-12-22T10:00:00+10:30"])
    #expect(christmas.status == 4)
    #expect(christmas.stdout.contains("inside the freeze \"end-of-year freeze\""))
    #expect(
      try Self.trail(repo, "production") == ["approve v1.0.0 for production"],
      "dry runs record nothing")
    let noDryRun = try Self.run(
      repo, ["promote", "v1.0.0", "--to", "production", "--at", "2026-12-01T00:00Z"])
    #expect(noDryRun.status == 2)

    let windows = try Self.run(
      repo, ["windows", "production", "--at", "2026-12-17T10:00:00+10:30", "--count", "2"])
    #expect(windows.status == 0)
    #expect(
      windows.stdout.contains(
        "Next allowed:\n  Thu 2026-12-17 10:00 +10:30 Australia/Adelaide  until  "
          + "Thu 2026-12-17 16:00 +10:30 Australia/Adelaide\n"
          + "  Wed 2027-01-06 09:00 +10:30 Australia/Adelaide"), "\(windows.stdout)")
    #expect(windows.stdout.contains("end-of-year freeze: Sun 2026-12-20 00:00 +10:30"))
  }

  @Test func diffListsWhatPromotingWouldBring() throws {
    let repo = try Self.repository(
      config: "[environment \"staging\"]\n[environment \"production\"]\n")
    try Self.run(repo, ["promote", "v1.0.0", "--to", "production", "--no-rollback-target"])
    try Self.run(repo, ["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"])
    try Self.run(repo, ["promote", "v1.2.0", "--to", "staging"])
    let result = try Self.run(repo, ["diff", "production", "staging"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("production runs v1.0.0; staging runs v1.2.0"))
    #expect(result.stdout.contains("### Features\n\n- the next feature ("))
    #expect(result.stdout.contains("### Bug Fixes\n\n- a fix for staging ("))
    #expect(!result.stdout.contains("first feature"))
    let json = try Self.run(repo, ["diff", "production", "staging", "--json"])
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(report["changeCount"] as? Int == 2)
    #expect((report["notes"] as? String)?.contains("- the next feature") == true)
    #expect(report["behindCount"] as? Int == 0)
  }

  @Test(arguments: [
    ("  soak = 1 day", 4, "is not a duration"),
    ("  window = Mon-Thu 09:00-16:00 Australia/Adelaid", 4, "is not a time zone"),
    ("  after = production", 4, "makes a cycle"),
    ("  aprovals = 1", 4, "unknown key \"aprovals\""),
  ])
  func configurationMistakesNameTheLine(line: String, number: Int, message: String) throws {
    let repo = try Self.repository(
      config:
        "[environment \"staging\"]\n[environment \"production\"]\n  after = staging\n\(line)\n")
    let result = try Self.run(repo, ["status"])
    #expect(result.status == 5)
    #expect(result.stderr.contains(".gitrelease:\(number): "), "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  @Test func unknownEnvironmentsAreNamed() throws {
    let repo = try Self.repository()
    let result = try Self.run(repo, ["promote", "v1.0.0", "--to", "prod"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("environment \"prod\" is not configured"))
    #expect(result.stderr.contains("declares staging, production"))
  }
}
