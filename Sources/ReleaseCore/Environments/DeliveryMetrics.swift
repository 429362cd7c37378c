import Foundation

/// A span of time metrics are counted over. Both ends are included: the trail records whole
/// seconds, so an event at exactly `until` (now, by default) counts.
public struct MetricsPeriod: Codable, Hashable, Sendable {
  public let since: Date
  public let until: Date

  public init(since: Date, until: Date) {
    self.since = since
    self.until = until
  }

  public func contains(_ time: Date) -> Bool { time >= since && time <= until }

  public var seconds: TimeInterval { max(0, until.timeIntervalSince(since)) }

  public static let week: TimeInterval = 7 * 86_400

  /// Reads `--since`/`--until`: a duration back from `now` (`30d`, `12w`, `36h`), a day
  /// (`2026-11-01`, its first second in UTC), or a time as `promote --at` takes it
  /// (`2026-11-01T09:30:00+10:30`, `"2026-11-01 09:30 Australia/Adelaide"`). `now` itself is `now`.
  public static func moment(_ text: String, now: Date) -> Date? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.lowercased() == "now" { return now }
    if let span = TimeSpan(trimmed) { return now.addingTimeInterval(-TimeInterval(span.seconds)) }
    if trimmed.range(of: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", options: .regularExpression) != nil {
      return LocalTime.parse(trimmed + "T00:00:00Z")
    }
    return LocalTime.parse(trimmed)
  }

  /// Consecutive weeks ending at `until`, oldest first; the first may be shorter, as the period
  /// need not be a whole number of weeks. A week takes its last second, not the next week's first.
  public var weeks: [MetricsPeriod] {
    var result: [MetricsPeriod] = []
    var end = until
    while end >= since {
      let start = max(since, end.addingTimeInterval(-Self.week + 1))
      result.append(MetricsPeriod(since: start, until: end))
      end = start.addingTimeInterval(-1)
    }
    return result.reversed()
  }
}

/// A commit and its committer time, as lead time needs it.
public struct CommitTime: Hashable, Sendable {
  public let commit: String
  public let time: Date

  public init(commit: String, time: Date) {
    self.commit = commit
    self.time = time
  }
}

/// What a promotion changed in an environment: from the commit that ran before (nil for the
/// first promotion) to the commit promoted.
public struct PromotionSpan: Hashable, Sendable {
  public let from: String?
  public let to: String

  public init(from: String?, to: String) {
    self.from = from
    self.to = to
  }

  /// The span of a promotion event.
  public init(_ event: EnvironmentEvent) {
    self.init(from: event.previous?.commit, to: event.commit)
  }
}

/// Median and 90th percentile of a list of durations, in seconds; nil for an empty list.
public struct DurationSummary: Codable, Hashable, Sendable {
  @NullEncoded public private(set) var medianSeconds: Double?
  @NullEncoded public private(set) var p90Seconds: Double?

  public init(_ values: [TimeInterval]) {
    medianSeconds = Self.median(values)
    p90Seconds = Self.percentile(90, of: values)
  }

  /// The middle value; of an even count, the mean of the two middle values.
  public static func median(_ values: [TimeInterval]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// The nearest-rank percentile: the smallest value that at least `p` percent of the values do
  /// not exceed, always one of the values (`sorted[ceil(p/100 * n) - 1]`).
  public static func percentile(_ p: Int, of values: [TimeInterval]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let rank = (p * sorted.count + 99) / 100
    return sorted[min(sorted.count, max(1, rank)) - 1]
  }
}

/// The delivery metrics of one environment over a period, as `git release metrics` prints them.
public struct DeliveryMetrics: Codable, Hashable, Sendable {
  public struct LeadTime: Codable, Hashable, Sendable {
    @NullEncoded public private(set) var medianSeconds: Double?
    @NullEncoded public private(set) var p90Seconds: Double?
    /// The commits that first reached the environment in the period.
    public let commits: Int
  }

  public let environment: String
  /// Promotions recorded in the period.
  public let deployments: Int
  /// Rollbacks recorded in the period.
  public let rollbacks: Int
  /// Rollbacks divided by deployments; 0 when there were no deployments.
  public let changeFailureRate: Double
  /// Deployments divided by the period's length in weeks.
  public let deploymentsPerWeek: Double
  public let leadTime: LeadTime
  public let timeToRestore: DurationSummary

  /// Measures one environment's trail over a period.
  ///
  /// - `events`: the environment's trail, oldest first (approvals are ignored).
  /// - `arrivals`: for each promotion's span, the commits the promoted release has and the one
  ///   running before lacked. A span missing from it brings nothing (its commits were not
  ///   readable). The first promotion's span has no `from`; it sets the baseline.
  ///
  /// Lead time counts each commit once, at the first promotion that brought it, even if a
  /// rollback took it out and a later promotion brought it again; and only when that first
  /// promotion falls in the period. Time to restore runs from the latest promotion of the
  /// release a rollback left to the rollback.
  public init(
    environment: String, events: [EnvironmentEvent], arrivals: [PromotionSpan: [CommitTime]],
    period: MetricsPeriod
  ) {
    self.environment = environment
    var deployments = 0
    var rollbacks = 0
    var leadTimes: [TimeInterval] = []
    var restoreTimes: [TimeInterval] = []
    var reached: Set<String> = []
    var promoted: [ReleaseRef: Date] = [:]
    for event in events where event.time <= period.until {
      let inPeriod = period.contains(event.time)
      // Only promotions and rollbacks change what runs; other events (approvals) are not measured.
      if event.kind == .promotion {
        if inPeriod { deployments += 1 }
        promoted[event.release] = event.time
        for arrival in arrivals[PromotionSpan(event)] ?? []
        where reached.insert(arrival.commit).inserted && inPeriod {
          leadTimes.append(max(0, event.time.timeIntervalSince(arrival.time)))
        }
      } else if event.kind == .rollback, inPeriod {
        rollbacks += 1
        if let left = event.previous, let start = promoted[left] {
          restoreTimes.append(max(0, event.time.timeIntervalSince(start)))
        }
      }
    }
    self.deployments = deployments
    self.rollbacks = rollbacks
    changeFailureRate = deployments == 0 ? 0 : Double(rollbacks) / Double(deployments)
    deploymentsPerWeek =
      period.seconds == 0 ? 0 : Double(deployments) / (period.seconds / MetricsPeriod.week)
    let lead = DurationSummary(leadTimes)
    leadTime = LeadTime(
      medianSeconds: lead.medianSeconds, p90Seconds: lead.p90Seconds, commits: leadTimes.count)
    timeToRestore = DurationSummary(restoreTimes)
  }

  /// The spans whose arrivals `init` reads: one per distinct promotion up to the period's end.
  public static func spans(of events: [EnvironmentEvent], until: Date) -> [PromotionSpan] {
    var seen: Set<PromotionSpan> = []
    return events.filter { $0.kind == .promotion && $0.time <= until }.map(PromotionSpan.init)
      .filter { seen.insert($0).inserted }
  }
}

/// What `git release metrics` reports: every environment over one period.
public struct MetricsReport: Codable, Hashable, Sendable {
  public let environments: [DeliveryMetrics]
  public let since: Date
  public let until: Date

  public init(environments: [DeliveryMetrics], period: MetricsPeriod) {
    self.environments = environments
    since = period.since
    until = period.until
  }
}
