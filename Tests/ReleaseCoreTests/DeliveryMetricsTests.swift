import Foundation
import ReleaseCore
import Testing

/// Delivery metrics over trails whose answers were worked out by hand. Times are hours after
/// `start`; each release's commit is a letter repeated.
@Suite("Delivery metrics")
struct DeliveryMetricsTests {
  static let start = Date(timeIntervalSince1970: 1_800_000_000)
  static let ada = CommitRecord.Person(name: "Ada Author", email: "ada@example.com")
  static let hour: TimeInterval = 3_600

  static func at(_ hours: Double) -> Date { start.addingTimeInterval(hours * hour) }
  static func release(_ n: Int) -> ReleaseRef {
    ReleaseRef(tag: "v\(n).0.0", commit: String(repeating: "\(n)", count: 40))
  }

  static func promote(_ n: Int, at hours: Double, was previous: Int? = nil) -> EnvironmentEvent {
    EnvironmentEvent(
      kind: .promotion, environment: "production", tag: release(n).tag, commit: release(n).commit,
      actor: ada, time: at(hours), previous: previous.map(release),
      noRollbackTarget: previous == nil)
  }

  static func rollback(to n: Int, at hours: Double, from previous: Int) -> EnvironmentEvent {
    EnvironmentEvent(
      kind: .rollback, environment: "production", tag: release(n).tag, commit: release(n).commit,
      actor: ada, time: at(hours), previous: release(previous))
  }

  static func approve(_ n: Int, at hours: Double) -> EnvironmentEvent {
    EnvironmentEvent(
      kind: .approval, environment: "production", tag: release(n).tag, commit: release(n).commit,
      actor: ada, time: at(hours))
  }

  static func span(_ from: Int, _ to: Int) -> PromotionSpan {
    PromotionSpan(from: release(from).commit, to: release(to).commit)
  }

  static func commits(_ named: [(String, Double)]) -> [CommitTime] {
    named.map { CommitTime(commit: $0.0, time: at($0.1)) }
  }

  /// v1 first; v2 (two commits, made at h2 and h6) at h10; rolled back at h12; v2 promoted again
  /// at h20 (bringing nothing new); v3 (commits of h26 and h29) at h30. Approvals in between.
  static let rolledBackAndRepromoted: ([EnvironmentEvent], [PromotionSpan: [CommitTime]]) = (
    [
      promote(1, at: 0), approve(2, at: 9), promote(2, at: 10, was: 1),
      rollback(to: 1, at: 12, from: 2), promote(2, at: 20, was: 1), approve(3, at: 29.5),
      promote(3, at: 30, was: 2),
    ],
    [
      span(1, 2): commits([("x1", 2), ("x2", 6)]),
      span(2, 3): commits([("x3", 26), ("x4", 29)]),
    ]
  )

  /// v1 first; v2 (a commit of h9) at h10; v3 (commits of h10 and h19) at h20; rolled back to v2
  /// at h21 and to v1 at h25, walking down the stack.
  static let rolledBackTwice: ([EnvironmentEvent], [PromotionSpan: [CommitTime]]) = (
    [
      promote(1, at: 0), promote(2, at: 10, was: 1), promote(3, at: 20, was: 2),
      rollback(to: 2, at: 21, from: 3), rollback(to: 1, at: 25, from: 2),
    ],
    [span(1, 2): commits([("y1", 9)]), span(2, 3): commits([("y2", 10), ("y3", 19)])]
  )

  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let trail: ([EnvironmentEvent], [PromotionSpan: [CommitTime]])
    let from: Double
    let to: Double
    let deployments: Int
    let rollbacks: Int
    let changeFailureRate: Double
    let perWeek: Double
    /// Hours.
    let leadMedian: Double?
    let leadP90: Double?
    let leadCommits: Int
    let restoreMedian: Double?
    let restoreP90: Double?

    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "a rollback, then the same release promoted again", trail: rolledBackAndRepromoted,
      from: 0, to: 168, deployments: 4, rollbacks: 1, changeFailureRate: 0.25, perWeek: 4,
      leadMedian: 4, leadP90: 8, leadCommits: 4, restoreMedian: 2, restoreP90: 2),
    Case(
      name: "a re-promotion brings no commit that had reached before",
      trail: rolledBackAndRepromoted,
      from: 15, to: 183, deployments: 2, rollbacks: 0, changeFailureRate: 0, perWeek: 2,
      leadMedian: 2.5, leadP90: 4, leadCommits: 2, restoreMedian: nil, restoreP90: nil),
    Case(
      name: "an empty period", trail: rolledBackAndRepromoted, from: 200, to: 368,
      deployments: 0, rollbacks: 0, changeFailureRate: 0, perWeek: 0, leadMedian: nil,
      leadP90: nil, leadCommits: 0, restoreMedian: nil, restoreP90: nil),
    Case(
      name: "two rollbacks walk down the stack", trail: rolledBackTwice, from: 0, to: 336,
      deployments: 3, rollbacks: 2, changeFailureRate: 2.0 / 3.0, perWeek: 1.5, leadMedian: 1,
      leadP90: 10, leadCommits: 3, restoreMedian: 8, restoreP90: 15),
    Case(
      name: "an event at the period's last second counts", trail: rolledBackTwice, from: 0,
      to: 20, deployments: 3, rollbacks: 0, changeFailureRate: 0, perWeek: 3 * 168 / 20,
      leadMedian: 1, leadP90: 10, leadCommits: 3, restoreMedian: nil, restoreP90: nil),
    Case(
      name: "a period after the rollbacks only", trail: rolledBackTwice, from: 21, to: 189,
      deployments: 0, rollbacks: 2, changeFailureRate: 0, perWeek: 0, leadMedian: nil,
      leadP90: nil, leadCommits: 0, restoreMedian: 8, restoreP90: 15),
  ]

  @Test(arguments: cases)
  func metrics(_ known: Case) {
    let metrics = DeliveryMetrics(
      environment: "production", events: known.trail.0, arrivals: known.trail.1,
      period: MetricsPeriod(since: Self.at(known.from), until: Self.at(known.to)))
    #expect(metrics.deployments == known.deployments)
    #expect(metrics.rollbacks == known.rollbacks)
    #expect(abs(metrics.changeFailureRate - known.changeFailureRate) < 1e-9)
    #expect(abs(metrics.deploymentsPerWeek - known.perWeek) < 1e-9)
    #expect(metrics.leadTime.medianSeconds == known.leadMedian.map { $0 * Self.hour })
    #expect(metrics.leadTime.p90Seconds == known.leadP90.map { $0 * Self.hour })
    #expect(metrics.leadTime.commits == known.leadCommits)
    #expect(metrics.timeToRestore.medianSeconds == known.restoreMedian.map { $0 * Self.hour })
    #expect(metrics.timeToRestore.p90Seconds == known.restoreP90.map { $0 * Self.hour })
  }

  @Test func spansAreEachPromotionOnceUpToTheEnd() {
    let (events, _) = Self.rolledBackAndRepromoted
    #expect(
      DeliveryMetrics.spans(of: events, until: Self.at(25)) == [
        PromotionSpan(from: nil, to: Self.release(1).commit), Self.span(1, 2),
      ])
  }

  @Test(
    arguments: [
      ([], nil, nil),
      ([5], 5, 5),
      ([3, 1], 2, 3),
      ([3, 1, 2], 2, 3),
      ([4, 1, 3, 2], 2.5, 4),
      (Array(1...10).map(Double.init), 5.5, 9),
      (Array(1...11).map(Double.init), 6, 10),
      (Array(1...20).map(Double.init), 10.5, 18),
    ] as [([Double], Double?, Double?)])
  func medianAndP90(_ values: [Double], median: Double?, p90: Double?) {
    let summary = DurationSummary(values)
    #expect(summary.medianSeconds == median)
    #expect(summary.p90Seconds == p90)
  }

  @Test func emptySummariesKeepTheirKeysAsNull() throws {
    let json = String(
      decoding: try JSONEncoder().encode(DurationSummary([])), as: UTF8.self)
    #expect(json.contains("\"medianSeconds\":null"))
    #expect(json.contains("\"p90Seconds\":null"))
  }

  @Test func weeksEndAtTheEndAndCoverThePeriod() {
    let period = MetricsPeriod(since: Self.at(0), until: Self.at(240))
    let weeks = period.weeks
    #expect(weeks.count == 2)
    #expect(weeks.first?.since == period.since)
    #expect(weeks.last?.until == period.until)
    #expect(weeks.last?.since == Self.at(240 - 168).addingTimeInterval(1))
    #expect(weeks.first?.until == Self.at(240 - 168))
  }

  /// Typed: as @Test's own argument, this table's arithmetic took 3 s to type-check.
  static let countedBack: [(String, Double)] = [
    ("30d", -30 * 86_400.0),
    ("12w", -12 * 604_800.0),
    ("36h", -36 * 3_600.0),
    ("now", 0),
  ]

  @Test(arguments: countedBack)
  func durationsCountBackFromNow(_ text: String, offset: Double) {
    #expect(MetricsPeriod.moment(text, now: Self.start) == Self.start.addingTimeInterval(offset))
  }

  @Test(arguments: [
    ("2026-11-01", 1_793_491_200.0),
    ("2026-11-01T09:30:00+10:30", 1_793_487_600.0),
    ("2026-11-01 09:30 Australia/Adelaide", 1_793_487_600.0),
  ])
  func datesAreRead(_ text: String, seconds: Double) {
    #expect(MetricsPeriod.moment(text, now: Self.start) == Date(timeIntervalSince1970: seconds))
  }

  @Test(arguments: ["", "30", "yesterday", "2026-13-45", "30 days"])
  func otherTextIsNotAMoment(_ text: String) {
    #expect(MetricsPeriod.moment(text, now: Self.start) == nil)
  }
}
