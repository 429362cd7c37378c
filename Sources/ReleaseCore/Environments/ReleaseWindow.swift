import Foundation

/// A recurring time when promotion is allowed: `Mon-Thu 09:00-16:00 Australia/Adelaide`.
///
/// Times are wall-clock times in the window's zone: the window is open while the clocks there
/// show a time inside it. So on a day when clocks change, a window spanning the change is an hour
/// shorter or longer in real time, and a window inside a skipped hour does not open at all.
/// When the end is not after the start (`Fri 22:00-02:00`), the window crosses midnight: it opens
/// on the listed day and closes on the next.
public struct ReleaseWindow: Hashable, Sendable, CustomStringConvertible {
  /// Days the window opens on, Monday = 0 ... Sunday = 6.
  public let days: Set<Int>
  /// Minutes after midnight.
  public let start: Int
  /// Minutes after midnight; 1440 is `24:00`.
  public let end: Int
  public let timeZone: TimeZone
  /// The text as configured.
  public let text: String

  static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

  /// Parses `[DAYS] HH:MM-HH:MM [ZONE]`. DAYS is a comma-separated list of days or ranges
  /// (`Mon-Fri`, `Sat,Sun`, `Fri-Mon`), or `daily`; without it, every day. ZONE is an IANA name;
  /// without it, UTC. Throws a sentence saying what is wrong.
  public init(parsing text: String) throws(EnvironmentValueError) {
    self.text = text
    var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard !words.isEmpty else { throw EnvironmentValueError("a window needs at least HH:MM-HH:MM") }
    var days = Set(0..<7)
    if !words[0].contains(":") {
      days = try Self.parseDays(words.removeFirst())
    }
    guard let range = words.first else {
      throw EnvironmentValueError("\"\(text)\" has no time range such as 09:00-16:00")
    }
    words.removeFirst()
    let bounds = range.split(separator: "-", omittingEmptySubsequences: false)
    guard bounds.count == 2, let start = Self.minutes(bounds[0], allowing24: false),
      let end = Self.minutes(bounds[1], allowing24: true)
    else {
      throw EnvironmentValueError(
        "\"\(range)\" is not a time range such as 09:00-16:00 (24-hour clock)")
    }
    guard start != end else {
      throw EnvironmentValueError(
        "\"\(range)\" opens and closes at the same time; for a whole day write 00:00-24:00")
    }
    var zone = TimeZone(identifier: "UTC") ?? TimeZone.current
    if let name = words.first {
      zone = try Self.timeZone(name)
      words.removeFirst()
    }
    guard words.isEmpty else {
      throw EnvironmentValueError(
        "unexpected \"\(words.joined(separator: " "))\" after the time zone; "
          + "write DAYS HH:MM-HH:MM ZONE"
      )
    }
    self.days = days
    self.start = start
    self.end = end
    timeZone = zone
  }

  /// An IANA time zone, or an error naming it.
  static func timeZone(_ name: String) throws(EnvironmentValueError) -> TimeZone {
    guard let zone = TimeZone(identifier: name) else {
      throw EnvironmentValueError(
        "\"\(name)\" is not a time zone; use an IANA name such as Europe/Berlin or UTC")
    }
    return zone
  }

  private static func parseDays(_ text: String) throws(EnvironmentValueError) -> Set<Int> {
    let lower = text.lowercased()
    if lower == "daily" || lower == "*" { return Set(0..<7) }
    var result: Set<Int> = []
    for part in lower.split(separator: ",", omittingEmptySubsequences: false) {
      let ends = part.split(separator: "-", omittingEmptySubsequences: false)
      let indices = ends.map { name in dayNames.firstIndex { name.hasPrefix($0) && name.count <= 9 }
      }
      guard (1...2).contains(ends.count), let first = indices[0], let last = indices.last ?? nil,
        ends.allSatisfy({ $0.count >= 3 })
      else {
        throw EnvironmentValueError(
          "\"\(text)\" is not a list of days such as Mon-Thu, Sat,Sun or daily")
      }
      var day = first
      result.insert(day)
      while day != last {
        day = (day + 1) % 7
        result.insert(day)
      }
    }
    return result
  }

  private static func minutes(_ text: Substring, allowing24: Bool) -> Int? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
      let hours = Int(parts[0]), let minutes = Int(parts[1]), (0..<60).contains(minutes)
    else { return nil }
    if hours == 24 && minutes == 0 && allowing24 { return 1440 }
    guard (0..<24).contains(hours) else { return nil }
    return hours * 60 + minutes
  }

  public var crossesMidnight: Bool { end <= start }

  /// True when the clocks in the window's zone show a time inside the window at `date`.
  public func contains(_ date: Date) -> Bool {
    let clock = WallClock(date, in: timeZone)
    let second = clock.secondOfDay
    if !crossesMidnight {
      return days.contains(clock.weekday) && start * 60 <= second && second < end * 60
    }
    if days.contains(clock.weekday) && second >= start * 60 { return true }
    return days.contains((clock.weekday + 6) % 7) && second < end * 60
  }

  public var description: String { text }
}

/// The time the clocks of a zone show at an instant: day of the week and second of the day.
struct WallClock {
  /// Monday = 0 ... Sunday = 6.
  let weekday: Int
  let secondOfDay: Int

  init(_ date: Date, in zone: TimeZone) {
    let utc = Int(date.timeIntervalSince1970.rounded(.down))
    let local = utc + zone.secondsFromGMT(for: date)
    let (day, second) = local.floorDivided(by: 86_400)
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    weekday = (day + 3).floorDivided(by: 7).remainder
    secondOfDay = second
  }
}

extension Int {
  func floorDivided(by divisor: Int) -> (quotient: Int, remainder: Int) {
    let remainder = ((self % divisor) + divisor) % divisor
    return ((self - remainder) / divisor, remainder)
  }
}

/// A configured value that cannot be read; the message says why and how to write it.
public struct EnvironmentValueError: Error, Equatable, Sendable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
