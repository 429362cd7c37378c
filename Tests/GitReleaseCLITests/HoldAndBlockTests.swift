import Foundation
import TestSupport
import Testing

/// Stopping the line: a hold stops every promotion to an environment, a block every promotion of
/// a release, both recorded in the trail; refusals write nothing.
@Suite("Environments: holds and blocked releases")
struct HoldAndBlockTests {
  static let ada = ["GIT_COMMITTER_NAME": "Ada Author", "GIT_COMMITTER_EMAIL": "ada@example.com"]
  static let time = ["GIT_COMMITTER_DATE": "2026-12-01T10:00:00Z"]

  static func repository() throws -> FixtureRepository {
    let repo = try FixtureRepository()
    try repo.write(
      ".gitrelease",
      "[environment \"staging\"]\n[environment \"production\"]\n    after = staging\n")
    try repo.git("add", ".gitrelease")
    for (index, tag) in ["v1.0.0", "v1.1.0", "v1.2.0"].enumerated() {
      try repo.commit("feat: feature \(index)")
      try repo.tag(tag, message: tag)
    }
    return repo
  }

  @discardableResult
  static func run(_ repo: FixtureRepository, _ arguments: String...) throws
    -> FixtureRepository.ProcessResult
  {
    try repo.runGitRelease(arguments, environment: ada.merging(time) { $1 })
  }

  static func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8))
  }

  static func tip(_ repo: FixtureRepository, _ ref: String) throws -> String {
    try repo.git("for-each-ref", "--format=%(objectname)", ref)
  }

  @Test func aHoldStopsPromotionsButNotRollbacks() throws {
    let repo = try Self.repository()
    try Self.run(repo, "promote", "v1.0.0", "--to", "staging", "--no-rollback-target")
    try Self.run(repo, "promote", "v1.1.0", "--to", "staging")
    var result = try Self.run(repo, "hold", "staging", "--reason", "incident 42", "--json")
    #expect(result.status == 0, "\(result.stderr)")
    let event = try #require(try Self.json(result.stdout) as? [String: Any])
    #expect(event["kind"] as? String == "hold")
    #expect(event["reason"] as? String == "incident 42")

    result = try Self.run(repo, "promote", "v1.2.0", "--to", "staging")
    #expect(result.status == 4)
    #expect(result.stdout.contains("hold             REFUSED"))
    #expect(
      result.stdout.contains(
        "staging was held by Ada Author <ada@example.com> at 2026-12-01T10:00:00Z: incident 42"))

    // Holding again, or lifting a hold that is not there, is refused and writes nothing.
    let held = try Self.tip(repo, "refs/environments/staging")
    result = try Self.run(repo, "hold", "staging", "--reason", "again")
    #expect(result.status == 1)
    #expect(result.stderr.contains("staging is held already, by Ada Author"))
    #expect(try Self.tip(repo, "refs/environments/staging") == held)
    result = try Self.run(repo, "unhold", "production")
    #expect(result.status == 1)
    #expect(result.stderr.contains("production is not held"))
    #expect(try Self.tip(repo, "refs/environments/production").isEmpty)

    // What a person sees while it lasts.
    result = try Self.run(repo, "status", "--json")
    let overview = try #require(try Self.json(result.stdout) as? [[String: Any]])
    let staging = try #require(overview.first { $0["environment"] as? String == "staging" })
    let hold = try #require(staging["hold"] as? [String: Any])
    #expect(hold["reason"] as? String == "incident 42")
    #expect(try Self.run(repo, "status").stdout.contains("HELD      by Ada Author"))
    result = try Self.run(repo, "windows", "staging", "--json")
    let windows = try #require(try Self.json(result.stdout) as? [String: Any])
    #expect(windows["allowedNow"] as? Bool == false)
    #expect((windows["allowed"] as? [Any])?.isEmpty == true)
    #expect(try Self.run(repo, "windows", "staging").stdout.contains("none while held"))

    // Restoring service comes first.
    result = try Self.run(repo, "rollback", "staging")
    #expect(result.status == 0, "\(result.stderr)")

    result = try Self.run(repo, "unhold", "staging", "--reason", "resolved")
    #expect(result.status == 0, "\(result.stderr)")
    result = try Self.run(repo, "promote", "v1.2.0", "--to", "staging")
    #expect(result.status == 0, "\(result.stderr)")

    result = try Self.run(repo, "history", "staging", "--json")
    let kinds = try #require(try Self.json(result.stdout) as? [[String: Any]]).compactMap {
      $0["kind"] as? String
    }
    #expect(kinds == ["promotion", "unhold", "rollback", "hold", "promotion", "promotion"])
    // The first page of a long trail: only the newest events are read.
    result = try Self.run(repo, "history", "staging", "--limit", "2", "--json")
    #expect((try Self.json(result.stdout) as? [Any])?.count == 2)
  }

  @Test func aBlockedReleaseGoesNowhere() throws {
    let repo = try Self.repository()
    try Self.run(repo, "promote", "v1.0.0", "--to", "staging", "--no-rollback-target")
    var result = try Self.run(repo, "block", "v9.9.9", "--reason", "no such release")
    #expect(result.status == 1)
    #expect(result.stderr.contains("v9.9.9 does not exist"))
    #expect(try Self.tip(repo, "refs/environments/_blocks").isEmpty)

    result = try Self.run(repo, "block", "v1.1.0", "--reason", "corrupts invoices", "--json")
    #expect(result.status == 0, "\(result.stderr)")
    let blocks = try Self.tip(repo, "refs/environments/_blocks")
    #expect(!blocks.isEmpty)
    result = try Self.run(repo, "block", "v1.1.0", "--reason", "again")
    #expect(result.status == 1)
    #expect(try Self.tip(repo, "refs/environments/_blocks") == blocks)

    for environment in ["staging", "production"] {
      result = try Self.run(repo, "promote", "v1.1.0", "--to", environment)
      #expect(result.status == 4)
      #expect(result.stdout.contains("block            REFUSED"))
      #expect(result.stdout.contains("corrupts invoices"))
    }
    // Another release still goes.
    result = try Self.run(repo, "promote", "v1.2.0", "--to", "staging", "--dry-run")
    #expect(result.status == 0, "\(result.stdout)")

    // The blocks trail is no environment: status and history tell them apart.
    result = try Self.run(repo, "status", "--json")
    let overview = try #require(try Self.json(result.stdout) as? [[String: Any]])
    #expect(overview.compactMap { $0["environment"] as? String } == ["staging", "production"])
    try repo.git("tag", "-d", "v1.2.0")
    result = try Self.run(repo, "status")
    #expect(result.stdout.contains("waiting   v1.1.0 (newest release): blocked by block"))
    result = try Self.run(repo, "history", "--json")
    let events = try #require(try Self.json(result.stdout) as? [[String: Any]])
    let block = try #require(events.first { $0["kind"] as? String == "block" })
    #expect(block["environment"] as? String == "*")
    #expect(block["tag"] as? String == "v1.1.0")

    result = try Self.run(repo, "unblock", "v1.1.0", "--reason", "fixed in place")
    #expect(result.status == 0, "\(result.stderr)")
    result = try Self.run(repo, "unblock", "v1.1.0")
    #expect(result.status == 1)
    #expect(result.stderr.contains("v1.1.0 is not blocked"))
    result = try Self.run(repo, "promote", "v1.1.0", "--to", "staging")
    #expect(result.status == 0, "\(result.stdout)")

    // The pre-push check takes the blocks trail as the trail it is.
    let line =
      "refs/environments/_blocks \(try Self.tip(repo, "refs/environments/_blocks")) "
      + "refs/environments/_blocks \(String(repeating: "0", count: 40))\n"
    result = try repo.runGitRelease(
      ["check", "pre-push", "origin"], environment: Self.ada, input: line)
    #expect(result.status == 0, "\(result.stderr)")
  }

  /// A promotion that read the trail before a hold landed is never recorded after it: the
  /// compare-and-swap on the trail orders them. Eight promoters and a holder race, round after
  /// round; walking the trail, no promotion sits between a hold and its unhold.
  @Test func noPromotionLandsInsideAHold() throws {
    let repo = try Self.repository()
    try Self.run(repo, "promote", "v1.0.0", "--to", "staging", "--no-rollback-target")
    let rounds = ProcessInfo.processInfo.environment["GIT_RELEASE_RACE_ROUNDS"].flatMap { Int($0) } ?? 3
    for round in 1...rounds {
      var running: [(Process, Bool)] = []
      let tag = round % 2 == 1 ? "v1.1.0" : "v1.0.0"
      for index in 0..<9 {
        let process = Process()
        process.executableURL = FixtureRepository.gitReleaseBinary
        process.arguments =
          index == 4
          ? ["hold", "staging", "--reason", "round \(round)"]
          : ["promote", tag, "--to", "staging"]
        process.currentDirectoryURL = repo.url
        var environment = repo.environment
        environment["GIT_COMMITTER_NAME"] = "Writer \(index)"
        environment["GIT_COMMITTER_EMAIL"] = "writer\(index)@example.com"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        running.append((process, index == 4))
      }
      for (process, _) in running { try process.run() }
      for (process, isHold) in running {
        process.waitUntilExit()
        if isHold { #expect(process.terminationStatus == 0, "the hold is retried until it lands") }
      }
      let result = try repo.runGitRelease(
        ["unhold", "staging"], environment: Self.ada)
      #expect(result.status == 0, "\(result.stderr)")
    }
    let result = try repo.runGitRelease("history", "staging", "--json")
    let events = try #require(try Self.json(result.stdout) as? [[String: Any]])
    var held = false
    var holds = 0
    for event in events.reversed() {
      switch event["kind"] as? String {
      case "hold":
        held = true
        holds += 1
      case "unhold": held = false
      case "promotion": #expect(!held, "a promotion was recorded while staging was held")
      default: break
      }
    }
    #expect(holds == rounds)
    try repo.git("fsck", "--strict", "--no-dangling")
  }

  /// `verify` evaluates the gates again with the blocks as they stood when each promotion was
  /// recorded: a release blocked before its promotion is reported, one blocked after is not.
  @Test func verifyReportsAPromotionOfAReleaseBlockedBeforeIt() throws {
    let repo = try Self.repository()
    func run(at time: String, _ arguments: String...) throws -> FixtureRepository.ProcessResult {
      try repo.runGitRelease(
        arguments, environment: Self.ada.merging(["GIT_COMMITTER_DATE": time]) { $1 })
    }
    var result = try run(
      at: "2026-12-01T10:00:00Z", "promote", "v1.0.0", "--to", "staging", "--no-rollback-target")
    #expect(result.status == 0, "\(result.stderr)")
    result = try run(at: "2026-12-01T11:00:00Z", "promote", "v1.1.0", "--to", "staging")
    #expect(result.status == 0, "\(result.stderr)")
    let promotion = try Self.tip(repo, "refs/environments/staging")
    #expect(try run(at: "2026-12-01T12:00:00Z", "verify", "staging").status == 0)
    // As when another clone had blocked v1.1.0 at 10:30 and the promotion was made without
    // fetching it: both trails arrive. v1.0.0 is blocked only after it was promoted.
    result = try run(at: "2026-12-01T10:30:00Z", "block", "v1.1.0", "--reason", "corrupts invoices")
    #expect(result.status == 0, "\(result.stderr)")
    result = try run(at: "2026-12-01T12:00:00Z", "block", "v1.0.0", "--reason", "slow")
    #expect(result.status == 0, "\(result.stderr)")
    result = try run(at: "2026-12-01T12:00:00Z", "verify", "staging", "--json")
    #expect(result.status == 1)
    let report = try #require(try Self.json(result.stdout) as? [String: Any])
    let environments = try #require(report["environments"] as? [[String: Any]])
    let problems = try #require(environments.first?["problems"] as? [[String: Any]])
    #expect(problems.compactMap { $0["id"] as? String } == [promotion])
    let reason = try #require(problems.first?["reason"] as? String)
    #expect(reason.contains("the block gate does not pass on what the trail recorded"))
    #expect(reason.contains("corrupts invoices"))
  }
}
