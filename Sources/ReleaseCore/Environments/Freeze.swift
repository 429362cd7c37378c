import Foundation

/// A period when nothing may be promoted: `2026-12-20..2027-01-05 end-of-year freeze`.
///
/// Both days are included. A bound may carry a time (`2026-12-18T17:00`); an end with a time is
/// the moment the freeze lifts. The days are read in the zone written after the range
/// (`2026-12-20..2027-01-05 Europe/Berlin holidays`), else in the given default zone.
public struct Freeze: Hashable, Sendable, CustomStringConvertible {
  public let start: Date
  /// The first moment after the freeze.
  public let end: Date
  public let reason: String
  public let timeZone: TimeZone
  public let text: String

  public init(parsing text: String, defaultZone: TimeZone) throws(EnvironmentValueError) {
    self.text = text
    var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard !words.isEmpty else {
      throw EnvironmentValueError("a freeze needs a range of days such as 2026-12-20..2027-01-05")
    }
    let range = words.removeFirst()
    var zone = defaultZone
    if let next = words.first, next.contains("/") || next == "UTC" {
      zone = try ReleaseWindow.timeZone(next)
      words.removeFirst()
    }
    let bounds = range.components(separatedBy: "..")
    guard bounds.count == 2,
      let first = Self.moment(bounds[0], in: zone, endOfDay: false),
      let last = Self.moment(bounds[1], in: zone, endOfDay: true)
    else {
      throw EnvironmentValueError(
        "\"\(range)\" is not a range of days such as 2026-12-20..2027-01-05 "
          + "(or with times, 2026-12-18T17:00..2027-01-05T09:00)")
    }
    guard first < last else {
      throw EnvironmentValueError("\"\(range)\" ends before it starts")
    }
    start = first
    end = last
    timeZone = zone
    reason = words.joined(separator: " ")
  }

  /// `YYYY-MM-DD` (its midnight, or the next midnight for an end) or `YYYY-MM-DDTHH:MM`.
  private static func moment(_ text: String, in zone: TimeZone, endOfDay: Bool) -> Date? {
    let parts = text.split(separator: "T", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count) else { return nil }
    let day = parts[0].split(separator: "-", omittingEmptySubsequences: false)
    guard day.count == 3, day[0].count == 4, day[1].count == 2, day[2].count == 2,
      let year = Int(day[0]), let month = Int(day[1]), let date = Int(day[2])
    else { return nil }
    var components = DateComponents(year: year, month: month, day: date, hour: 0, minute: 0)
    if parts.count == 2 {
      let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
      guard time.count == 2, time[0].count == 2, time[1].count == 2, let hour = Int(time[0]),
        let minute = Int(time[1]), (0..<24).contains(hour), (0..<60).contains(minute)
      else { return nil }
      components.hour = hour
      components.minute = minute
    }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    guard components.isValidDate(in: calendar), let moment = calendar.date(from: components)
    else { return nil }
    if parts.count == 1 && endOfDay {
      return calendar.date(byAdding: .day, value: 1, to: moment)
    }
    return moment
  }

  public func contains(_ date: Date) -> Bool { start <= date && date < end }

  public var description: String { text }
}
