import Foundation

/// When an environment's windows and freezes allow promotion.
public struct PromotionSchedule: Sendable {
  public let windows: [ReleaseWindow]
  public let freezes: [Freeze]

  public init(windows: [ReleaseWindow], freezes: [Freeze]) {
    self.windows = windows
    self.freezes = freezes
  }

  public init(_ settings: EnvironmentSettings) {
    self.init(windows: settings.windows, freezes: settings.freezes)
  }

  /// A stretch of time in which promotion is allowed.
  public struct Period: Hashable, Sendable {
    public let start: Date
    public let end: Date
  }

  /// The window open at `date`; nil when none is (or none is configured).
  public func openWindow(at date: Date) -> ReleaseWindow? {
    windows.first { $0.contains(date) }
  }

  /// The freeze in force at `date`, if any.
  public func freeze(at date: Date) -> Freeze? {
    freezes.first { $0.contains(date) }
  }

  public func allows(_ date: Date) -> Bool {
    freeze(at: date) == nil && (windows.isEmpty || openWindow(at: date) != nil)
  }

  /// The allowed periods from `date` on, at most `limit` of them, looking `horizon` ahead.
  /// A period in progress at `date` starts at `date`.
  ///
  /// Windows open and close on whole minutes of wall-clock time, and every zone's offset is a
  /// whole number of minutes, so sampling each minute finds every edge exactly, across clock
  /// changes too.
  public func allowedPeriods(from date: Date, limit: Int, horizon: TimeInterval = 60 * 86_400)
    -> [Period]
  {
    var result: [Period] = []
    let stop = date.addingTimeInterval(horizon)
    var moment = date
    var openedAt: Date?
    while moment < stop && result.count < limit {
      if let freeze = freeze(at: moment) {
        if let start = openedAt {
          result.append(Period(start: start, end: moment))
          openedAt = nil
        }
        moment = max(freeze.end, moment.addingTimeInterval(60))
        continue
      }
      let allowed = windows.isEmpty || openWindow(at: moment) != nil
      if allowed && openedAt == nil {
        openedAt = moment
      } else if !allowed, let start = openedAt {
        result.append(Period(start: start, end: moment))
        openedAt = nil
      }
      let seconds = moment.timeIntervalSince1970
      moment = Date(timeIntervalSince1970: (seconds / 60).rounded(.down) * 60 + 60)
    }
    if let start = openedAt, result.count < limit {
      result.append(Period(start: start, end: moment))
    }
    return result
  }

  /// The first moment at or after `date` when promotion is allowed; nil if none within the horizon.
  public func nextAllowed(after date: Date, horizon: TimeInterval = 60 * 86_400) -> Date? {
    allowedPeriods(from: date, limit: 1, horizon: horizon).first?.start
  }
}

/// Times as people read them in a zone: `2026-12-01 09:00 +10:30 (Australia/Adelaide)`.
public enum LocalTime {
  public static func format(_ date: Date, in zone: TimeZone) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = zone
    formatter.dateFormat = "EEE yyyy-MM-dd HH:mm xxx"
    let text = formatter.string(from: date)
    return zone.identifier == "UTC" || zone.identifier == "GMT"
      ? text : "\(text) \(zone.identifier)"
  }

  /// Reads `--at` values: ISO 8601 with an offset or `Z` (`2026-12-01T09:30:00+10:30`, seconds
  /// optional), or a local time followed by an IANA zone (`2026-12-01 09:30 Australia/Adelaide`).
  public static func parse(_ text: String) -> Date? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let words = trimmed.split(separator: " ")
    if words.count == 3, let zone = TimeZone(identifier: String(words[2])) {
      return parseLocal("\(words[0])T\(words[1])", in: zone)
    }
    if words.count == 2, let zone = TimeZone(identifier: String(words[1])) {
      return parseLocal(String(words[0]), in: zone)
    }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    if let date = formatter.date(from: trimmed) { return date }
    // Without seconds: add them and try again.
    if let match = trimmed.range(of: "T[0-9]{2}:[0-9]{2}(?=[Z+-])", options: .regularExpression) {
      var padded = trimmed
      padded.insert(contentsOf: ":00", at: match.upperBound)
      return formatter.date(from: padded)
    }
    return nil
  }

  private static func parseLocal(_ text: String, in zone: TimeZone) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = zone
    for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"] {
      formatter.dateFormat = format
      if let date = formatter.date(from: text) { return date }
    }
    return nil
  }
}
