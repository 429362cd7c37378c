import Foundation
import ReleaseCore

/// What `metrics` and `dashboard` read from the trail: the period asked for, and each
/// environment's metrics with the commits its promotions brought.
extension EnvironmentContext {
  /// The default period: the last 90 days.
  package static let defaultSince = "90d"

  /// The period `--since` and `--until` name, `--until` defaulting to now and `--since` to 90
  /// days before it.
  package static func period(since: String?, until: String?, now: Date) throws -> MetricsPeriod {
    func read(_ text: String, _ option: String, from now: Date) throws -> Date {
      guard let moment = MetricsPeriod.moment(text, now: now) else {
        throw ReleaseFailure(
          .usage,
          "\(option) \"\(text)\" is neither a duration nor a date; write 30d, 12w, 36h, "
            + "2026-11-01, 2026-11-01T09:30:00+10:30 or \"2026-11-01 09:30 Australia/Adelaide\"")
      }
      return moment
    }
    let end = try until.map { try read($0, "--until", from: now) } ?? now
    // A duration in --since counts back from the end of the period.
    let since = try read(since ?? defaultSince, "--since", from: end)
    guard since <= end else {
      throw ReleaseFailure(
        .usage,
        "the period starts after it ends (--since \(EnvironmentEvent.formatTime(since)), --until "
          + "\(EnvironmentEvent.formatTime(end))); give a --since before --until")
    }
    return MetricsPeriod(since: since, until: end)
  }

  /// The environments to measure: the one named, or every configured one, then every other
  /// recorded trail. An unknown name is a usage error listing the configured ones.
  package func measuredEnvironments(_ only: String?) throws -> [String] {
    if let only {
      if try store.reference(of: only) == nil { _ = try settings(only) }
      return [only]
    }
    var names = environments.map(\.name)
    for name in try store.recordedEnvironments() where !names.contains(name) { names.append(name) }
    return names
  }

  /// One environment's trail with the commits each of its promotions brought, read once, so the
  /// period and each of its weeks are measured without walking again.
  package struct MeasuredTrail {
    package let environment: String
    package let events: [EnvironmentEvent]
    package let arrivals: [PromotionSpan: [CommitTime]]

    package func metrics(over period: MetricsPeriod) -> DeliveryMetrics {
      DeliveryMetrics(
        environment: environment, events: events, arrivals: arrivals, period: period)
    }
  }

  package func measuredTrail(_ chain: EnvironmentStore.Chain, until: Date) throws -> MeasuredTrail {
    var arrivals: [PromotionSpan: [CommitTime]] = [:]
    // Metrics count every event of the period: the whole trail is read, oldest first.
    let events = try store.allEvents(of: chain.environment)
    for span in DeliveryMetrics.spans(of: events, until: until) {
      arrivals[span] = try self.arrivals(span)
    }
    return MeasuredTrail(environment: chain.environment, events: events, arrivals: arrivals)
  }
}
