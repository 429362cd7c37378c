import Foundation

/// A calendar version format (calver.org): `YYYY.0M.MICRO`, `YY.MM.MICRO`, `YYYY.0M.0D`, ...
///
/// Two or three parts separated by dots: date parts from the year down (the year first; month and
/// day, or a week), then an optional `MICRO`, which counts releases within the same date. A tag's
/// version must be written exactly as the format writes it: `2026.01.0` under `YYYY.0M.MICRO`,
/// never `2026.1.0`, so each version has one tag name. Pre-releases and build metadata follow
/// SemVer: `2026.11.0-rc.1`, `2026.11.0+42`.
///
/// Versions are `SemanticVersion` values whose numbers are the parts (a two-part version has
/// patch 0) and whose `calendarWidths` say how they are written, so precedence is SemVer's over
/// the numbers: by date, then MICRO, a pre-release below its release.
public struct CalendarScheme: Hashable, Sendable, CustomStringConvertible {
  /// calver.org's tokens.
  public enum Token: String, Hashable, Sendable, CaseIterable {
    case fullYear = "YYYY", shortYear = "YY", paddedYear = "0Y"
    case month = "MM", paddedMonth = "0M"
    case week = "WW", paddedWeek = "0W"
    case day = "DD", paddedDay = "0D"
    case micro = "MICRO"

    /// The width the number is zero-padded to; 0 for none.
    var width: UInt8 {
      switch self {
      case .paddedYear, .paddedMonth, .paddedWeek, .paddedDay: 2
      default: 0
      }
    }

    var isYear: Bool { [.fullYear, .shortYear, .paddedYear].contains(self) }
    var isMonth: Bool { [.month, .paddedMonth].contains(self) }
    var isWeek: Bool { [.week, .paddedWeek].contains(self) }
    var isDay: Bool { [.day, .paddedDay].contains(self) }

    /// The values a part may take.
    var range: ClosedRange<UInt64> {
      if isMonth { return 1...12 }
      if isWeek { return 1...53 }
      if isDay { return 1...31 }
      if self == .fullYear { return 1000...9999 }
      return 0...UInt64.max
    }
  }

  public let tokens: [Token]

  /// Reads a format; throws a sentence saying what is wrong.
  public init(format: String) throws(CalendarFormatError) {
    let parts = format.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    var tokens: [Token] = []
    for part in parts {
      guard let token = Token(rawValue: part) else {
        throw CalendarFormatError(
          format: format,
          reason: "\"\(part)\" is not a token; use YYYY YY 0Y MM 0M WW 0W DD 0D MICRO, separated "
            + "by dots")
      }
      tokens.append(token)
    }
    guard (2...3).contains(tokens.count) else {
      throw CalendarFormatError(
        format: format, reason: "it has \(tokens.count) parts; use two or three, such as YYYY.0M.MICRO")
    }
    guard tokens[0].isYear, tokens.dropFirst().allSatisfy({ !$0.isYear }) else {
      throw CalendarFormatError(format: format, reason: "the year must come first, once")
    }
    if let micro = tokens.firstIndex(of: .micro), micro != tokens.count - 1 {
      throw CalendarFormatError(format: format, reason: "MICRO must be the last part")
    }
    let date = tokens.dropFirst().filter { $0 != .micro }
    let valid: Bool
    switch date.count {
    case 0: valid = tokens.contains(.micro)
    case 1: valid = date[date.startIndex].isMonth || date[date.startIndex].isWeek
    default: valid = date.count == 2 && date[date.startIndex].isMonth && date[date.startIndex + 1].isDay
    }
    guard valid else {
      throw CalendarFormatError(
        format: format,
        reason: "after the year come a month, a month and a day, or a week, then MICRO")
    }
    self.tokens = tokens
  }

  public var description: String { tokens.map(\.rawValue).joined(separator: ".") }

  /// True when the format counts releases within a date (`MICRO`).
  public var hasMicro: Bool { tokens.last == .micro }

  /// How many leading parts are the date.
  var dateCount: Int { hasMicro ? tokens.count - 1 : tokens.count }

  // MARK: Versions

  /// The version a tag's text (after its prefix) carries; nil unless written exactly as the
  /// format writes it, with valid dates, and SemVer pre-release and build parts.
  public func version(_ text: some StringProtocol) -> SemanticVersion? {
    let bytes = Array(text.utf8)
    let coreEnd = bytes.firstIndex { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") } ?? bytes.count
    let parts = bytes[..<coreEnd].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    guard parts.count == tokens.count else { return nil }
    var numbers: [UInt64] = []
    for (part, token) in zip(parts, tokens) {
      guard !part.isEmpty, part.count <= 19, part.allSatisfy({ (0x30...0x39).contains($0) }) else {
        return nil
      }
      let value = part.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - 0x30) }
      guard token.range.contains(value), Array(Self.written(value, width: token.width).utf8) == Array(part)
      else { return nil }
      numbers.append(value)
    }
    // The rest is SemVer's: let SemVer's parser read it after a stand-in core.
    guard let rest = SemanticVersion("0.0.0" + String(decoding: bytes[coreEnd...], as: UTF8.self))
    else { return nil }
    return make(numbers, preRelease: rest.preRelease, build: rest.build)
  }

  /// The version of these part values (as many as the format has parts).
  func make(
    _ numbers: [UInt64], preRelease: [SemanticVersion.Identifier] = [], build: [String] = []
  ) -> SemanticVersion {
    var version = SemanticVersion(
      numbers[0], numbers.count > 1 ? numbers[1] : 0, numbers.count > 2 ? numbers[2] : 0,
      preRelease: preRelease, build: build)
    version.calendarWidths = tokens.map(\.width)
    return version
  }

  /// The part values of a version of this format.
  func numbers(of version: SemanticVersion) -> [UInt64] {
    Array([version.major, version.minor, version.patch].prefix(tokens.count))
  }

  /// The date parts of a version: every part but MICRO.
  public func dateParts(of version: SemanticVersion) -> [UInt64] {
    Array(numbers(of: version).prefix(dateCount))
  }

  /// The MICRO of a version; nil when the format has none.
  public func micro(of version: SemanticVersion) -> UInt64? {
    hasMicro ? numbers(of: version).last : nil
  }

  /// The date parts of an instant, in a time zone. With a week, the year is the ISO 8601
  /// week-based year, so the last days of December can belong to the next year's first week.
  public func dateParts(at date: Date, in timeZone: TimeZone) -> [UInt64] {
    let usesWeek = tokens.contains(where: \.isWeek)
    var calendar = Calendar(identifier: usesWeek ? .iso8601 : .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents(
      [.year, .month, .day, .weekOfYear, .yearForWeekOfYear], from: date)
    let year = UInt64(max(0, usesWeek ? parts.yearForWeekOfYear ?? 0 : parts.year ?? 0))
    return tokens.prefix(dateCount).map { token in
      switch token {
      case .fullYear: year
      case .shortYear, .paddedYear: year >= 2000 ? year - 2000 : year
      case .month, .paddedMonth: UInt64(parts.month ?? 1)
      case .week, .paddedWeek: UInt64(parts.weekOfYear ?? 1)
      case .day, .paddedDay: UInt64(parts.day ?? 1)
      case .micro: 0
      }
    }
  }

  /// The version of a date and a MICRO (ignored without one).
  public func version(date: [UInt64], micro: UInt64) -> SemanticVersion {
    make(hasMicro ? date + [micro] : date)
  }

  static func written(_ value: UInt64, width: UInt8) -> String {
    let digits = String(value)
    return digits.count >= Int(width) ? digits : String(repeating: "0", count: Int(width) - digits.count) + digits
  }
}

/// A `[release] calver` format that cannot be used, and why.
public struct CalendarFormatError: Error, Equatable, Sendable {
  public let format: String
  public let reason: String
}
