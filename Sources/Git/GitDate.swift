import Foundation

/// The date forms git accepts in `GIT_COMMITTER_DATE` that scripts use: raw `<seconds> <+hhmm>`
/// (optionally `@<seconds>`), RFC 2822, and ISO 8601.
public enum GitDate {
  public static func parse(_ text: String) -> (time: Date, offsetMinutes: Int)? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let parts = trimmed.split(separator: " ")
    if let first = parts.first {
      let digits = first.hasPrefix("@") ? first.dropFirst() : first
      if let seconds = Int(digits), parts.count <= 2 {
        let offset = parts.count == 2 ? parseOffset(String(parts[1])) : 0
        guard let offset else { return nil }
        return (Date(timeIntervalSince1970: TimeInterval(seconds)), offset)
      }
    }
    for format in [
      "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd HH:mm:ss XX", "yyyy-MM-dd'T'HH:mm:ssXX",
      "EEE, d MMM yyyy HH:mm:ss Z", "EEE MMM d HH:mm:ss yyyy Z",
    ] {
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.dateFormat = format
      if let date = formatter.date(from: trimmed) {
        let offset = trailingOffset(trimmed) ?? 0
        return (date, offset)
      }
    }
    return nil
  }

  /// `+0930` or `-05:00` as minutes.
  static func parseOffset(_ text: String) -> Int? {
    var digits = text.replacingOccurrences(of: ":", with: "")
    guard let sign = digits.first, sign == "+" || sign == "-" else { return nil }
    digits.removeFirst()
    guard digits.count == 4, let value = Int(digits) else { return nil }
    let minutes = (value / 100) * 60 + value % 100
    return sign == "-" ? -minutes : minutes
  }

  private static func trailingOffset(_ text: String) -> Int? {
    if text.hasSuffix("Z") { return 0 }
    guard let range = text.range(of: "[+-][0-9]{2}:?[0-9]{2}$", options: .regularExpression) else {
      return nil
    }
    return parseOffset(String(text[range]))
  }
}

enum TimeZoneOffset {
  static func localMinutes(at date: Date) -> Int {
    TimeZone.current.secondsFromGMT(for: date) / 60
  }
}
