import Foundation
import Testing

@testable import ReleaseCore

/// The short ways of reading events (trailer times without a formatter, trailers from the UTF-8
/// bytes) give exactly what the long ways give: each is checked against the long way it replaces.
@Suite("Reading event times and trailers the short way")
struct EventReadingTests {
  static func formatter() -> ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter
  }

  @Test(arguments: [
    "2026-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
    "1900-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "9999-12-31T23:59:59Z",
    "2024-02-29T12:34:56Z", "2023-02-29T12:00:00Z", "2100-02-29T00:00:00Z",
    "2000-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
    "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-01T24:00:00Z",
    "2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z", "2026-01-01T00:00:00+01:00",
    "2026-01-01T00:00:00-07:30", "2026-01-01t00:00:00z", "2026-1-01T00:00:00Z",
    "2026-01-01T00:00:00.5Z", "2026-01-01 00:00:00Z", "+026-01-01T00:00:00Z",
    "2026-01-01T00:00:00", "", "Z", "yesterday", "２026-01-01T00:00:00Z",
  ])
  func aTimeReadsAsTheFormatterReadsIt(text: String) {
    #expect(InternetTime.parse(text) == Self.formatter().date(from: text))
  }

  @Test func timesOverTheYearsWriteAndReadAsTheFormatterDoes() throws {
    let formatter = Self.formatter()
    let first = InternetTime.daysSince1970(year: 1890, month: 1, day: 1) * 86_400
    let last = InternetTime.daysSince1970(year: 10_001, month: 1, day: 1) * 86_400
    // About 4,000 seconds spread over those years, and every day's first and last second of
    // a leap year's end of February.
    var seconds = Array(stride(from: first, to: last, by: 63_113_851))
    let leap = InternetTime.daysSince1970(year: 2024, month: 2, day: 28) * 86_400
    seconds += (0..<(3 * 86_400)).filter { $0 % 86_400 < 2 || $0 % 86_400 > 86_397 }.map {
      leap + $0
    }
    for second in seconds {
      for date in [
        Date(timeIntervalSince1970: Double(second)),
        Date(timeIntervalSince1970: Double(second) + 0.75),
      ] {
        let text = InternetTime.format(date)
        #expect(text == formatter.string(from: date))
        #expect(InternetTime.parse(text) == formatter.date(from: text))
      }
    }
  }

  @Test func theShortWayCoversEveryDayOfItsYears() throws {
    // Each day of a few years, through the short way's own arithmetic both ways.
    for year in [1900, 1970, 2000, 2024, 2100, 9999] {
      var day = InternetTime.daysSince1970(year: year, month: 1, day: 1)
      for month in 1...12 {
        for date in 1...InternetTime.daysIn(month: month, year: year) {
          #expect(InternetTime.daysSince1970(year: year, month: month, day: date) == day)
          let civil = InternetTime.civil(daysSince1970: day)
          #expect(civil.year == year && civil.month == month && civil.day == date)
          day += 1
        }
      }
    }
  }

  static let trailers =
    "Event: approval\nEnvironment: staging\nRelease: v1.0.0\nCommit: "
    + String(repeating: "a", count: 40) + "\nActor: Ada <ada@example.com>\n"
    + "Time: 2026-01-01T00:00:00Z\n"

  @Test(arguments: [
    "approve v1.0.0 for staging\n\nApproved by Ada.\n\n" + trailers,
    "approve\n\n" + trailers + "\n\n\n",
    "approve\n\n" + trailers + "\n\n \t\n\n",
    "approve\n\n" + trailers + "\n\n\u{A0}\u{2003}\n",
    "approve\n\n" + trailers + "\n\n\u{2028}",
    "approve\n\n\n" + trailers,
    "approve\r\n\r\n" + trailers.replacingOccurrences(of: "\n", with: "\r\n"),
    "approve\n\n" + trailers + "Note:\u{301} a mark on the colon\nReason: \u{301}on the space\n",
    "approve\n\n" + trailers + "Note: Zoë, 日本, 👩‍👩‍👧 and é\n",
    "approve\n\n" + trailers + "Note:no space\nReason:\nOverride: \n:\n: value\nKey : v\n",
    "approve\n\n" + trailers + "Note: a: b: c\n\n\n\nReason: the last paragraph\n",
    "approve\n\n" + trailers + "\u{0600}Note: a prepended mark\n",
    "\n\n\n\n", "", " ", "\u{A0}", "one line", "Event: promotion",
  ])
  func trailersReadFromBytesAsFromCharacters(message: String) {
    func flat(_ fields: [(String, String)]?) -> [String]? { fields?.map { "\($0)\u{0}\($1)" } }
    #expect(
      flat(EnvironmentEvent.trailerFields(of: message))
        == flat(EnvironmentEvent.trailerFieldsByCharacter(of: message)))
  }

  @Test(arguments: [
    "Ada Author <ada@example.com>", "  Ada\tAuthor \t <ada@example.com>", "<ada@example.com>",
    "Ada <>", "Ada <a> <b@example.com>", "Ada <ada@example.com", "Ada ada@example.com>",
    "Ada <ada@example.com> ", "\t<x>", ">", "<", "", "\u{0B}Ada\u{0C} <ada@example.com>",
  ])
  func anActorReadsFromBytesAsFromCharacters(text: String) throws {
    try #require(EnvironmentEvent.isASCII(text))
    #expect(EnvironmentEvent.personFromBytes(text) == EnvironmentEvent.personByCharacter(text))
  }

  @Test(arguments: [
    "v1.0.0 " + String(repeating: "a", count: 40), "release pass v1.0.0 is a release tag",
    "  two  spaces  ", "", " ", "one", "a b c d e", "window overridden  outside every window: fix",
  ])
  func wordsSplitFromBytesAsFromCharacters(text: String) throws {
    try #require(EnvironmentEvent.isASCII(text))
    for maxSplits in [1, 2, Int.max] {
      #expect(
        EnvironmentEvent.wordsFromBytes(text, maxSplits: maxSplits)
          == text.split(separator: " ", maxSplits: maxSplits))
    }
  }
}
