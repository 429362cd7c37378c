import Foundation
import ReleaseCore
import Testing

/// Inputs the libFuzzer targets in Fuzz/ turned up, kept as tests (docs/reliability.md).
@Suite("Fuzz findings: environment settings")
struct FuzzFindingsTests {
  /// Found by the Environments target: a window may end at 00:00, closing at midnight.
  @Test func aWindowEndingAtMidnightCrossesIt() throws {
    let window = try ReleaseWindow(parsing: "Fri 22:00-00:00")
    #expect(window.crossesMidnight)
    #expect(window.contains(ReleaseWindowTests.instant("2026-11-27T23:59:00Z")))  // Fri 23:59
    #expect(!window.contains(ReleaseWindowTests.instant("2026-11-28T00:00:00Z")))  // Sat 00:00
  }

  /// Int() reads a sign, so "+9:00" once passed for 09:00 and "+026" for the year 26.
  @Test(arguments: ["+9:00-17:00", "09:00-+5:00", "-0:00-10:00", "Mon 09:+5-10:00"])
  func signedTimesAreRefused(window: String) {
    #expect(throws: EnvironmentValueError.self) { try ReleaseWindow(parsing: window) }
  }

  @Test(arguments: [
    "+026-12-20..2027-01-05", "2026-+1-20..2027-01-05", "2026-12-20..2027-01-+5",
    "2026-12-18T+7:00..2027-01-05",
  ])
  func signedDatesAreRefused(freeze: String) {
    let utc = TimeZone(identifier: "UTC") ?? .current
    #expect(throws: EnvironmentValueError.self) {
      try Freeze(parsing: freeze, defaultZone: utc)
    }
  }
}
