import Foundation
import ReleaseCore
import Testing

/// Gate decisions from plain values: a staging -> production pipeline with every gate configured,
/// and trails written event by event.
@Suite("Promotion gates")
struct PromotionGateTests {
  static let ada = CommitRecord.Person(name: "Ada Author", email: "ada@example.com")
  static let bo = CommitRecord.Person(name: "Bo Builder", email: "bo@example.com")
  static let cy = CommitRecord.Person(name: "Cy Checker", email: "cy@example.com")
  static let old = ReleaseRef(tag: "v1.2.0", commit: String(repeating: "1", count: 40))
  static let new = ReleaseRef(tag: "v1.3.0", commit: String(repeating: "3", count: 40))

  /// Tue 2026-12-01 10:00 in Adelaide (+10:30): inside the window, before the freeze.
  static let tuesdayMorning = ReleaseWindowTests.instant("2026-11-30T23:30:00Z")
  static let hour: TimeInterval = 3_600

  static func production(approvals: Int = 1) throws -> EnvironmentSettings {
    let adelaide = TimeZone(identifier: "Australia/Adelaide")!
    return EnvironmentSettings(
      name: "production", after: ["staging"], soak: TimeSpan("24h"), approvals: approvals,
      windows: [try ReleaseWindow(parsing: "Mon-Thu 09:00-16:00 Australia/Adelaide")],
      freezes: [
        try Freeze(parsing: "2026-12-20..2027-01-05 end-of-year freeze", defaultZone: adelaide)
      ])
  }

  static func event(
    _ kind: EnvironmentEvent.Kind, _ environment: String, _ release: ReleaseRef,
    by actor: CommitRecord.Person = ada, at time: Date
  ) -> EnvironmentEvent {
    EnvironmentEvent(
      kind: kind, environment: environment, tag: release.tag, commit: release.commit, actor: actor,
      time: time)
  }

  /// A request where every gate passes, to be spoiled one gate at a time.
  struct Scenario {
    var staging: [EnvironmentEvent]
    var production: [EnvironmentEvent]
    var tags: [String: TagFacts]
    var time: Date
    var promoter = PromotionGateTests.ada
    var noRollbackTarget = false
    var overrideReason: String?
    var tag = PromotionGateTests.new.tag

    init() {
      let t = PromotionGateTests.tuesdayMorning
      let hour = PromotionGateTests.hour
      staging = [
        PromotionGateTests.event(.promotion, "staging", old, at: t - 200 * hour),
        PromotionGateTests.event(.promotion, "staging", new, at: t - 30 * hour),
      ]
      production = [
        PromotionGateTests.event(.promotion, "production", old, at: t - 100 * hour),
        PromotionGateTests.event(.approval, "production", new, by: bo, at: t - 2 * hour),
      ]
      tags = [
        old.tag: TagFacts(name: old.tag, commit: old.commit, isReleaseTag: true),
        new.tag: TagFacts(name: new.tag, commit: new.commit, isReleaseTag: true),
      ]
      time = t
    }

    func decide(_ settings: EnvironmentSettings) -> PromotionDecision {
      let staging = EnvironmentState(name: "staging", events: staging)
      let production = EnvironmentState(name: "production", events: production)
      return PromotionGates.decide(
        PromotionRequest(
          tag: tag, environment: settings, state: production,
          upstream: ["staging": staging, "production": production], tags: tags,
          promoter: promoter, time: time, noRollbackTarget: noRollbackTarget,
          overrideReason: overrideReason))
    }
  }

  static func verdict(_ decision: PromotionDecision, _ gate: String) -> GateVerdict? {
    decision.verdicts.first { $0.gate == gate }
  }

  /// Each case of `Gate` gives one verdict, in the order of the cases, under its trail name;
  /// only the window and the freeze can be overridden.
  @Test(arguments: Gate.allCases)
  func everyGateIsDecidedOnceUnderItsName(gate: Gate) throws {
    // The names the audit trail has always held, in the order promote has always shown them.
    let trailNames = [
      "release", "block", "after", "soak", "approvals", "window", "freeze", "hold", "rollback-target",
    ]
    #expect(Gate.allCases.map(\.rawValue) == trailNames)
    let decision = Scenario().decide(try Self.production())
    #expect(decision.verdicts.filter { $0.gate == gate.rawValue }.count == 1)
    #expect(gate.isOverridable == [Gate.window, .freeze].contains(gate))
  }

  @Test func everyGatePassesInTheBaseScenario() throws {
    let decision = Scenario().decide(try Self.production())
    #expect(decision.allowed)
    #expect(decision.verdicts.map(\.gate) == PromotionGates.names)
    #expect(decision.event.rollbackTarget == Self.old)
    #expect(decision.event.previous == Self.old)
    #expect(decision.event.kind == .promotion)
  }

  /// Each row changes the base scenario in one way; exactly the named gate refuses, and the
  /// detail says why.
  @Test(arguments: [
    ("the tag does not exist", "release", "does not exist"),
    ("the tag is not a release tag", "release", "is not a release tag"),
    ("production already runs it", "release", "already runs v1.3.0"),
    ("it never reached staging", "after", "has not been promoted to staging"),
    ("staging was rolled back from it", "after", "was rolled back from v1.3.0"),
    ("the tag moved since staging", "after", "but points at"),
    ("it has soaked 23 hours", "soak", "for 23h of 24h"),
    ("nobody approved", "approvals", "0 of 1"),
    ("only the promoter approved", "approvals", "your own approval does not count"),
    ("Friday in Adelaide", "window", "the next opens Mon 2026-12-07 09:00 +10:30"),
    ("8:59 in Adelaide", "window", "outside every window"),
    ("during the end-of-year freeze", "freeze", "end-of-year freeze"),
    ("the rollback target was deleted", "rollback-target", "v1.2.0 (running in production"),
    ("the rollback target moved", "rollback-target", "moved: it was promoted at 1111111"),
    ("the rollback target is no release", "rollback-target", "no longer a release tag"),
    ("a first promotion without the flag", "rollback-target", "pass --no-rollback-target"),
    ("the first-promotion flag on a used environment", "rollback-target", "only for the first"),
  ])
  func oneGateRefuses(change: String, gate: String, detail: String) throws {
    var scenario = Scenario()
    let new = Self.new
    let other = String(repeating: "9", count: 40)
    let t = Self.tuesdayMorning
    var settings = try Self.production()
    switch change {
    case "the tag does not exist": scenario.tags[new.tag] = nil
    case "the tag is not a release tag":
      scenario.tags[new.tag] = TagFacts(name: new.tag, commit: new.commit, isReleaseTag: false)
    case "production already runs it":
      scenario.production.append(Self.event(.promotion, "production", new, at: t - Self.hour))
    case "it never reached staging": scenario.staging.removeLast()
    case "staging was rolled back from it":
      scenario.staging.append(Self.event(.rollback, "staging", Self.old, at: t - Self.hour))
    case "the tag moved since staging":
      scenario.tags[new.tag] = TagFacts(name: new.tag, commit: other, isReleaseTag: true)
      // Approvals were given to the old commit; only the after and soak gates speak of the move.
      scenario.production.append(
        Self.event(
          .approval, "production", ReleaseRef(tag: new.tag, commit: other), by: Self.bo, at: t))
    case "it has soaked 23 hours":
      scenario.staging[1] = Self.event(.promotion, "staging", new, at: t - 23 * Self.hour)
    case "nobody approved": scenario.production.removeLast()
    case "only the promoter approved":
      scenario.production.removeLast()
      scenario.production.append(Self.event(.approval, "production", new, by: Self.ada, at: t))
    case "Friday in Adelaide": scenario.time = ReleaseWindowTests.instant("2026-12-03T23:30:00Z")
    case "8:59 in Adelaide": scenario.time = ReleaseWindowTests.instant("2026-11-30T22:29:00Z")
    case "during the end-of-year freeze":
      // Monday 2026-12-21 10:00 in Adelaide: inside a window, but frozen.
      scenario.time = ReleaseWindowTests.instant("2026-12-20T23:30:00Z")
      settings = EnvironmentSettings(
        name: "production", after: settings.after, soak: settings.soak, approvals: 1,
        windows: settings.windows, freezes: settings.freezes)
    case "the rollback target was deleted": scenario.tags[Self.old.tag] = nil
    case "the rollback target moved":
      scenario.tags[Self.old.tag] = TagFacts(name: Self.old.tag, commit: other, isReleaseTag: true)
    case "the rollback target is no release":
      scenario.tags[Self.old.tag] = TagFacts(name: Self.old.tag, commit: nil, isReleaseTag: true)
    case "a first promotion without the flag":
      scenario.production.removeFirst()
    case "the first-promotion flag on a used environment":
      scenario.noRollbackTarget = true
    default: Issue.record("unknown change \(change)")
    }
    let decision = scenario.decide(settings)
    #expect(!decision.allowed)
    #expect(decision.refusedBy.contains(gate), "\(decision.verdicts)")
    let verdict = try #require(Self.verdict(decision, gate))
    #expect(verdict.detail.contains(detail), "\(verdict.detail)")
    // Without the release upstream, soak cannot pass either; a missing tag has no approvals.
    let consequences = [
      "the tag does not exist", "the tag moved since staging", "it never reached staging",
      "staging was rolled back from it",
    ]
    if !consequences.contains(change) {
      #expect(decision.refusedBy == [gate], "only \(gate) refuses: \(decision.verdicts)")
    }
  }

  @Test func aFirstPromotionWithTheFlagIsRecordedAsSuch() throws {
    var scenario = Scenario()
    scenario.production.removeFirst()
    scenario.noRollbackTarget = true
    let decision = scenario.decide(try Self.production())
    #expect(decision.allowed)
    #expect(decision.event.noRollbackTarget)
    #expect(decision.event.rollbackTarget == nil)
  }

  @Test func approvalsCountDistinctPeopleOtherThanThePromoter() throws {
    var scenario = Scenario()
    let t = Self.tuesdayMorning
    scenario.production.append(Self.event(.approval, "production", Self.new, by: Self.bo, at: t))
    scenario.production.append(Self.event(.approval, "production", Self.new, by: Self.ada, at: t))
    let two = try Self.production(approvals: 2)
    #expect(Self.verdict(scenario.decide(two), "approvals")?.status == .fail)
    scenario.production.append(Self.event(.approval, "production", Self.new, by: Self.cy, at: t))
    #expect(Self.verdict(scenario.decide(two), "approvals")?.status == .pass)
    // Approvals of another release do not count for this one.
    scenario.production.removeLast()
    scenario.production.append(Self.event(.approval, "production", Self.old, by: Self.cy, at: t))
    #expect(Self.verdict(scenario.decide(two), "approvals")?.status == .fail)
  }

  @Test(arguments: [
    ("Friday in Adelaide", "2026-12-03T23:30:00Z", ["window"]),
    ("Monday in the freeze", "2026-12-20T23:30:00Z", ["freeze"]),
    ("Sunday in the freeze", "2026-12-26T23:30:00Z", ["window", "freeze"]),
  ])
  func windowsAndFreezesCanBeOverriddenWithAReason(
    label: String, instant: String, overridden: [String]
  ) throws {
    var scenario = Scenario()
    scenario.time = ReleaseWindowTests.instant(instant)
    scenario.staging[1] = Self.event(
      .promotion, "staging", Self.new, at: scenario.time - 30 * Self.hour)
    #expect(!scenario.decide(try Self.production()).allowed)
    scenario.overrideReason = "security fix for CVE-2026-0001"
    let decision = scenario.decide(try Self.production())
    #expect(decision.allowed)
    #expect(decision.event.overrides == overridden)
    #expect(decision.event.reason == "security fix for CVE-2026-0001")
    #expect(decision.verdicts.filter { $0.status == .overridden }.map(\.gate) == overridden)
  }

  @Test func anOverrideDoesNotOpenOtherGates() throws {
    var scenario = Scenario()
    scenario.production.removeLast()  // no approval
    scenario.overrideReason = "in a hurry"
    let decision = scenario.decide(try Self.production())
    #expect(decision.refusedBy == ["approvals"])
    #expect(decision.event.overrides.isEmpty)
  }
}

@Suite("What runs in an environment")
struct EnvironmentStateTests {
  static func release(_ n: Int) -> ReleaseRef {
    ReleaseRef(tag: "v1.\(n).0", commit: String(repeating: "\(n)", count: 40))
  }

  static func state(_ steps: [(EnvironmentEvent.Kind, Int)]) -> EnvironmentState {
    EnvironmentState(
      name: "production",
      events: steps.enumerated().map { index, step in
        PromotionGateTests.event(
          step.0, "production", release(step.1),
          at: Date(timeIntervalSince1970: 1_800_000_000 + Double(index) * 3_600))
      })
  }

  @Test(arguments: [
    ([(EnvironmentEvent.Kind.promotion, 1)], 1, nil as Int?),
    ([(.promotion, 1), (.promotion, 2)], 2, 1),
    ([(.promotion, 1), (.promotion, 2), (.promotion, 3), (.rollback, 2)], 2, 1),
    // Rolling back twice walks further back instead of returning to the release just left.
    ([(.promotion, 1), (.promotion, 2), (.promotion, 3), (.rollback, 2), (.rollback, 1)], 1, nil),
    ([(.promotion, 1), (.promotion, 2), (.promotion, 3), (.rollback, 1)], 1, nil),
    ([(.promotion, 1), (.promotion, 2), (.rollback, 1), (.promotion, 3)], 3, 1),
    ([(.promotion, 1), (.approval, 2), (.promotion, 2)], 2, 1),
  ])
  func currentAndRollbackTarget(
    steps: [(EnvironmentEvent.Kind, Int)], current: Int, target: Int?
  ) {
    let state = Self.state(steps)
    #expect(state.current?.release == Self.release(current))
    #expect(state.rollbackTarget?.release == target.map(Self.release))
  }

  @Test func stintsEndWhenSomethingElseRuns() throws {
    let state = Self.state([(.promotion, 1), (.promotion, 2), (.rollback, 1)])
    let two = try #require(state.latestStint(ofTag: "v1.2.0"))
    #expect(two.endedBy == .rollback)
    #expect(two.length(at: .distantFuture) == 3_600)
    let one = try #require(state.latestStint(ofTag: "v1.1.0"))
    #expect(one.until == nil)
    #expect(state.current?.cause == .rollback)
  }
}
