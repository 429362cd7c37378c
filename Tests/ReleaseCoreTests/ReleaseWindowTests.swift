import Foundation
import ReleaseCore
import Testing

/// Instants are written in UTC; the comment on each row says what the clocks show in the window's
/// zone, which is what the window is about.
@Suite("Release windows, freezes and the schedule")
struct ReleaseWindowTests {
  static func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else {
      preconditionFailure("bad test instant \(text)")
    }
    return date
  }

  static let adelaide = "Mon-Thu 09:00-16:00 Australia/Adelaide"

  @Test(arguments: [
    // Adelaide in standard time (+09:30), the week before clocks go forward.
    (adelaide, "2026-09-27T23:30:00Z", true),  // Mon 09:00 ACST
    (adelaide, "2026-09-27T23:29:59Z", false),  // Mon 08:59:59 ACST
    // Adelaide in daylight time (+10:30) after Sun 2026-10-04 02:00 became 03:00.
    (adelaide, "2026-10-04T22:30:00Z", true),  // Mon 09:00 ACDT
    (adelaide, "2026-10-04T22:29:00Z", false),  // Mon 08:59 ACDT (09:59 would be wrong offset)
    (adelaide, "2026-10-08T05:29:00Z", true),  // Thu 15:59 ACDT
    (adelaide, "2026-10-08T05:30:00Z", false),  // Thu 16:00 ACDT: the end is not inside
    (adelaide, "2026-10-08T23:30:00Z", false),  // Fri 10:00 ACDT: not a listed day
    // Back to standard time after Sun 2026-04-05 03:00 became 02:00.
    (adelaide, "2026-04-05T23:30:00Z", true),  // Mon 09:00 ACST
    (adelaide, "2026-04-05T22:30:00Z", false),  // Mon 08:00 ACST
    // A window inside the hour Adelaide skips never opens that night.
    ("Sun 02:00-03:00 Australia/Adelaide", "2026-10-03T16:29:00Z", false),  // 01:59 ACST
    ("Sun 02:00-03:00 Australia/Adelaide", "2026-10-03T16:30:00Z", false),  // 03:00 ACDT
    // ...and inside the hour it repeats, is open twice.
    ("Sun 02:00-03:00 Australia/Adelaide", "2026-04-04T15:30:00Z", true),  // 02:00 ACDT
    ("Sun 02:00-03:00 Australia/Adelaide", "2026-04-04T16:29:00Z", true),  // 02:59 ACDT
    ("Sun 02:00-03:00 Australia/Adelaide", "2026-04-04T16:30:00Z", true),  // 02:00 ACST
    ("Sun 02:00-03:00 Australia/Adelaide", "2026-04-04T17:29:00Z", true),  // 02:59 ACST
    ("Sun 02:00-03:00 Australia/Adelaide", "2026-04-04T17:30:00Z", false),  // 03:00 ACST
    // Berlin springs forward on Sun 2026-03-29 at 02:00 CET.
    ("Sun 02:00-03:00 Europe/Berlin", "2026-03-29T00:59:00Z", false),  // 01:59 CET
    ("Sun 02:00-03:00 Europe/Berlin", "2026-03-29T01:00:00Z", false),  // 03:00 CEST
    ("Sun 01:00-04:00 Europe/Berlin", "2026-03-29T00:00:00Z", true),  // 01:00 CET
    ("Sun 01:00-04:00 Europe/Berlin", "2026-03-29T01:59:00Z", true),  // 03:59 CEST
    ("Sun 01:00-04:00 Europe/Berlin", "2026-03-29T02:00:00Z", false),  // 04:00 CEST
    // Berlin falls back on Sun 2026-10-25 at 03:00 CEST: 02:00-03:00 happens twice.
    ("Sun 02:00-03:00 Europe/Berlin", "2026-10-24T23:59:00Z", false),  // 01:59 CEST
    ("Sun 02:00-03:00 Europe/Berlin", "2026-10-25T00:00:00Z", true),  // 02:00 CEST
    ("Sun 02:00-03:00 Europe/Berlin", "2026-10-25T01:00:00Z", true),  // 02:00 CET
    ("Sun 02:00-03:00 Europe/Berlin", "2026-10-25T01:59:00Z", true),  // 02:59 CET
    ("Sun 02:00-03:00 Europe/Berlin", "2026-10-25T02:00:00Z", false),  // 03:00 CET
    // Windows crossing midnight open on the listed day and close on the next.
    ("Fri 22:00-02:00", "2026-11-27T21:59:00Z", false),  // Fri 21:59
    ("Fri 22:00-02:00", "2026-11-27T22:00:00Z", true),  // Fri 22:00
    ("Fri 22:00-02:00", "2026-11-28T01:59:00Z", true),  // Sat 01:59
    ("Fri 22:00-02:00", "2026-11-28T02:00:00Z", false),  // Sat 02:00
    ("Fri 22:00-02:00", "2026-11-28T23:00:00Z", false),  // Sat 23:00: Saturday is not listed
    ("Fri 22:00-02:00", "2026-11-26T23:00:00Z", false),  // Thu 23:00
    ("Sun 22:00-02:00 UTC", "2026-11-30T01:00:00Z", true),  // Mon 01:00, across the week's end
    ("Sun 22:00-02:00 UTC", "2026-11-30T22:30:00Z", false),  // Mon 22:30
    ("Fri-Mon 20:00-06:00 Europe/Berlin", "2026-12-01T04:00:00Z", true),  // Tue 05:00 CET
    ("Fri-Mon 20:00-06:00 Europe/Berlin", "2026-12-01T05:00:00Z", false),  // Tue 06:00 CET
    ("Fri-Mon 20:00-06:00 Europe/Berlin", "2026-12-02T04:00:00Z", false),  // Wed 05:00 CET
    // Day lists and the whole day.
    ("Sat,Sun 10:00-12:00", "2026-11-28T10:30:00Z", true),  // Sat
    ("Sat,Sun 10:00-12:00", "2026-11-30T10:30:00Z", false),  // Mon
    ("00:00-24:00", "2026-11-30T23:59:59Z", true),
    ("daily 09:00-17:00 Asia/Kolkata", "2026-11-29T03:30:00Z", true),  // Sun 09:00 IST
  ])
  func windowContains(window: String, instant: String, expected: Bool) throws {
    let parsed = try ReleaseWindow(parsing: window)
    #expect(parsed.contains(Self.instant(instant)) == expected, "\(window) at \(instant)")
  }

  @Test(arguments: [
    ("Mon-Thu 09:00", "is not a time range"),
    ("Mon-Thu 9-16", "is not a time range"),
    ("Mo-Th 09:00-16:00", "is not a list of days"),
    ("Mon-Thu 09:00-16:00 Australia/Adelaid", "is not a time zone"),
    ("Mon-Thu 09:00-16:00 Mars/Olympus", "is not a time zone"),
    ("Mon 09:00-09:00", "opens and closes at the same time"),
    ("Mon 24:00-09:00", "is not a time range"),
    ("Mon 09:00-16:00 UTC extra", "unexpected \"extra\""),
  ])
  func badWindowsSayWhy(window: String, message: String) {
    #expect(throws: EnvironmentValueError.self) { try ReleaseWindow(parsing: window) }
    do {
      _ = try ReleaseWindow(parsing: window)
    } catch {
      #expect(error.message.contains(message), "\(error.message)")
    }
  }

  @Test(arguments: [
    ("2026-12-20..2027-01-05 end-of-year freeze", "2026-12-19T23:59:00Z", false),
    ("2026-12-20..2027-01-05 end-of-year freeze", "2026-12-20T00:00:00Z", true),
    ("2026-12-20..2027-01-05 end-of-year freeze", "2027-01-05T23:59:00Z", true),
    ("2026-12-20..2027-01-05 end-of-year freeze", "2027-01-06T00:00:00Z", false),
    // Days in Adelaide's summer time (+10:30).
    ("2026-12-20..2027-01-05 Australia/Adelaide holidays", "2026-12-19T13:29:00Z", false),
    ("2026-12-20..2027-01-05 Australia/Adelaide holidays", "2026-12-19T13:30:00Z", true),
    ("2026-12-20..2027-01-05 Australia/Adelaide holidays", "2027-01-05T13:29:00Z", true),
    ("2026-12-20..2027-01-05 Australia/Adelaide holidays", "2027-01-05T13:30:00Z", false),
    // Bounds with times: the end is the moment it lifts.
    ("2026-12-18T17:00..2027-01-05T09:00 Europe/Berlin", "2026-12-18T15:59:00Z", false),
    ("2026-12-18T17:00..2027-01-05T09:00 Europe/Berlin", "2026-12-18T16:00:00Z", true),
    ("2026-12-18T17:00..2027-01-05T09:00 Europe/Berlin", "2027-01-05T07:59:00Z", true),
    ("2026-12-18T17:00..2027-01-05T09:00 Europe/Berlin", "2027-01-05T08:00:00Z", false),
  ])
  func freezeContains(freeze: String, instant: String, expected: Bool) throws {
    let parsed = try Freeze(parsing: freeze, defaultZone: TimeZone(identifier: "UTC")!)
    #expect(parsed.contains(Self.instant(instant)) == expected, "\(freeze) at \(instant)")
  }

  @Test func freezeKeepsItsReason() throws {
    let utc = TimeZone(identifier: "UTC")!
    #expect(
      try Freeze(parsing: "2026-12-20..2027-01-05 end-of-year freeze", defaultZone: utc).reason
        == "end-of-year freeze")
    #expect(
      try Freeze(parsing: "2026-12-20..2027-01-05 Europe/Berlin", defaultZone: utc).reason == "")
  }

  @Test(arguments: [
    "2026-13-01..2026-12-31", "2026-12-20", "2026-12-20..2026-12-01", "20261220..20270105",
    "2026-12-20..2027-01-05 Europe/Berlinn holidays",
  ])
  func badFreezesAreRefused(freeze: String) {
    #expect(throws: EnvironmentValueError.self) {
      try Freeze(parsing: freeze, defaultZone: TimeZone(identifier: "UTC")!)
    }
  }

  @Test func nextWindowIsFoundAcrossAClockChange() throws {
    // Friday 2026-10-02, 09:30 in Adelaide; clocks go forward on Sunday.
    let schedule = PromotionSchedule(
      windows: [try ReleaseWindow(parsing: Self.adelaide)], freezes: [])
    let from = Self.instant("2026-10-02T00:00:00Z")
    let periods = schedule.allowedPeriods(from: from, limit: 2)
    #expect(periods.count == 2)
    #expect(periods.first?.start == Self.instant("2026-10-04T22:30:00Z"))  // Mon 09:00 ACDT
    #expect(periods.first?.end == Self.instant("2026-10-05T05:30:00Z"))  // Mon 16:00 ACDT
    #expect(periods.last?.start == Self.instant("2026-10-05T22:30:00Z"))  // Tue 09:00 ACDT
  }

  @Test func freezesAreSkippedWhenLookingForTheNextWindow() throws {
    let adelaide = TimeZone(identifier: "Australia/Adelaide")!
    let schedule = PromotionSchedule(
      windows: [try ReleaseWindow(parsing: Self.adelaide)],
      freezes: [try Freeze(parsing: "2026-10-05..2026-10-06 release party", defaultZone: adelaide)])
    let next = schedule.nextAllowed(after: Self.instant("2026-10-02T00:00:00Z"))
    #expect(next == Self.instant("2026-10-06T22:30:00Z"))  // Wed 09:00 ACDT
  }

  @Test func aPeriodInProgressStartsNow() throws {
    let schedule = PromotionSchedule(
      windows: [try ReleaseWindow(parsing: "Fri 22:00-02:00")], freezes: [])
    let now = Self.instant("2026-11-27T23:15:30Z")
    let period = schedule.allowedPeriods(from: now, limit: 1).first
    #expect(period?.start == now)
    #expect(period?.end == Self.instant("2026-11-28T02:00:00Z"))
  }

  @Test(arguments: [
    ("24h", 86_400), ("90m", 5_400), ("1h30m", 5_400), ("2d", 172_800), ("1w", 604_800),
    ("45s", 45), ("0", 0), ("1D12H", 129_600),
  ])
  func durationsParse(text: String, seconds: Int) {
    #expect(TimeSpan(text)?.seconds == seconds)
  }

  @Test(arguments: ["24", "24 hours", "h", "1.5h", "-1h", "", "1y"])
  func badDurationsAreRefused(text: String) {
    #expect(TimeSpan(text) == nil)
  }

  @Test(arguments: [
    ("2026-12-01T09:30:00+10:30", "2026-11-30T23:00:00Z"),
    ("2026-12-01T09:30+10:30", "2026-11-30T23:00:00Z"),
    ("2026-12-01T00:00Z", "2026-12-01T00:00:00Z"),
    ("2026-12-01 09:30 Australia/Adelaide", "2026-11-30T23:00:00Z"),
    ("2026-07-01T09:30 Australia/Adelaide", "2026-07-01T00:00:00Z"),
  ])
  func planningTimesParse(text: String, expected: String) {
    #expect(LocalTime.parse(text) == Self.instant(expected))
  }
}
