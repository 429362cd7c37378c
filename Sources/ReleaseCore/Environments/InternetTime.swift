import Foundation

/// Times as event trailers write them, `2026-01-01T00:00:00Z` (RFC 3339 in UTC, whole seconds),
/// read and written without making an `ISO8601DateFormatter` each time: making one costs about
/// a millisecond, and reading a trail reads a time for every event. Only that exact form, in
/// years 1900 to 9999, takes the short way; anything else goes to the formatter, so every
/// result is the formatter's.
enum InternetTime {
  /// The years the short way covers (well inside the Gregorian calendar the formatter uses).
  static let years = 1900...9999

  /// The date `text` names, as `ISO8601DateFormatter` with `.withInternetDateTime` reads it.
  static func parse(_ text: String) -> Date? {
    if let seconds = secondsSince1970(text) { return Date(timeIntervalSince1970: seconds) }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)
  }

  /// `date` as `ISO8601DateFormatter` with `.withInternetDateTime` writes it.
  static func format(_ date: Date) -> String {
    if let text = canonical(date) { return text }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }

  /// The seconds since 1970 of `YYYY-MM-DDTHH:MM:SSZ` naming a real second of `years`; nil for
  /// any other text (which the formatter then reads, or refuses).
  static func secondsSince1970(_ text: String) -> Double? {
    // A string without contiguous UTF-8 (none on Linux) is left to the formatter.
    text.utf8.withContiguousStorageIfAvailable { bytes -> Double? in
      guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54,
        bytes[13] == 0x3A, bytes[16] == 0x3A, bytes[19] == 0x5A
      else { return nil }
      func number(_ from: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in bytes[from..<from + count] {
          guard (0x30...0x39).contains(byte) else { return nil }
          value = value * 10 + Int(byte - 0x30)
        }
        return value
      }
      guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
        let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
        years.contains(year), (1...12).contains(month),
        (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60,
        second < 60
      else { return nil }
      let days = daysSince1970(year: year, month: month, day: day)
      return Double(days * 86_400 + hour * 3_600 + minute * 60 + second)
    } ?? nil
  }

  /// `YYYY-MM-DDTHH:MM:SSZ` for a date on a whole second of `years`; nil otherwise.
  static func canonical(_ date: Date) -> String? {
    let interval = date.timeIntervalSince1970
    let lowest = Double(daysSince1970(year: years.lowerBound, month: 1, day: 1) * 86_400)
    let end = Double(daysSince1970(year: years.upperBound + 1, month: 1, day: 1) * 86_400)
    guard interval >= lowest, interval < end, interval.rounded(.down) == interval else {
      return nil
    }
    let seconds = Int(interval)
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let time = seconds - days * 86_400
    let (year, month, day) = civil(daysSince1970: days)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(year)-\(two(month))-\(two(day))T\(two(time / 3_600)):\(two(time / 60 % 60)):"
      + "\(two(time % 60))Z"
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days from 1970-01-01 to a date of the Gregorian calendar (Howard Hinnant's algorithm).
  static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
    let shifted = month <= 2 ? year - 1 : year
    let era = (shifted >= 0 ? shifted : shifted - 399) / 400
    let yearOfEra = shifted - era * 400
    let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The Gregorian date `days` after 1970-01-01, the inverse of `daysSince1970`.
  static func civil(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra =
      (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
