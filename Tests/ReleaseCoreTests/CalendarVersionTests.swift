import Foundation
import Testing

@testable import ReleaseCore

/// Calendar versions (`[release] scheme = calver`): formats, which tags are valid, precedence, and
/// the next version by date and MICRO, as tables.
@Suite("Calendar versions")
struct CalendarVersionTests {
  static func scheme(_ format: String) throws -> CalendarScheme {
    try CalendarScheme(format: format)
  }

  @Test(arguments: [
    ("YYYY.0M.MICRO", true), ("YY.MM.MICRO", true), ("YYYY.0M.0D", true), ("0Y.0W", true),
    ("YYYY.MICRO", true), ("YY.0M", true), ("YYYY.0M.0D.MICRO", false), ("MM.YYYY", false),
    ("YYYY.DD", false), ("YYYY", false), ("YYYY.0M.MICRO.X", false), ("YYYY.MICRO.0M", false),
    ("YYYY.0W.0D", false), ("yyyy.0m.micro", false), ("YYYY-0M", false), ("YYYY.YY", false),
  ])
  func formats(_ format: String, valid: Bool) {
    #expect(((try? CalendarScheme(format: format)) != nil) == valid)
  }

  /// Zero-padded fields are valid here, though SemVer forbids leading zeros; each version has one
  /// spelling, the format's.
  @Test(arguments: [
    ("YYYY.0M.MICRO", "2026.01.0", true), ("YYYY.0M.MICRO", "2026.1.0", false),
    ("YYYY.0M.MICRO", "2026.11.12", true), ("YYYY.0M.MICRO", "2026.13.0", false),
    ("YYYY.0M.MICRO", "2026.00.0", false), ("YYYY.0M.MICRO", "2026.01.00", false),
    ("YYYY.0M.MICRO", "2026.01.0-rc.1", true), ("YYYY.0M.MICRO", "2026.01.0-rc.01", false),
    ("YYYY.0M.MICRO", "2026.01.0+build.7", true), ("YYYY.0M.MICRO", "2026.01", false),
    ("YYYY.0M.MICRO", "026.01.0", false), ("YYYY.0M.MICRO", "v2026.01.0", false),
    ("YY.MM.MICRO", "26.1.3", true), ("YY.MM.MICRO", "26.01.3", false),
    ("0Y.0M", "06.11", true), ("0Y.0M", "6.11", false), ("YYYY.0M.0D", "2026.02.31", true),
    ("YYYY.0M.0D", "2026.02.32", false), ("0Y.0W", "26.53", true), ("0Y.0W", "26.54", false),
    ("YYYY.MICRO", "2026.4", true), ("YYYY.0M.MICRO", "2026.01.0.1", false),
  ])
  func tags(_ format: String, text: String, valid: Bool) throws {
    let version = try Self.scheme(format).version(text)
    #expect((version != nil) == valid)
    if let version { #expect(version.description == text) }
  }

  @Test(arguments: [
    ("2026.01.0", "2026.01.1"), ("2026.01.9", "2026.01.10"), ("2026.09.3", "2026.10.0"),
    ("2026.12.5", "2027.01.0"), ("2026.11.0-rc.1", "2026.11.0"),
    ("2026.11.0-rc.2", "2026.11.0-rc.10"), ("2026.11.0-beta.1", "2026.11.0-rc.1"),
  ])
  func precedence(_ lower: String, _ higher: String) throws {
    let scheme = try Self.scheme("YYYY.0M.MICRO")
    let a = try #require(scheme.version(lower))
    let b = try #require(scheme.version(higher))
    #expect(a < b)
    #expect(a.comparePrecedence(to: b) < 0)
  }

  @Test(arguments: [
    ("YYYY.0M.MICRO", "2026-01-31T23:30:00Z", "UTC", [2026, 1] as [UInt64]),
    ("YYYY.0M.MICRO", "2026-01-31T23:30:00Z", "Australia/Adelaide", [2026, 2]),
    ("YYYY.0M.MICRO", "2027-01-01T04:00:00Z", "America/New_York", [2026, 12]),
    ("YY.MM.MICRO", "2026-11-05T00:00:00Z", "UTC", [26, 11]),
    ("YYYY.0M.0D", "2026-11-05T00:00:00Z", "UTC", [2026, 11, 5]),
    // 2026-12-31 is in ISO week 53 of 2026; 2027-01-01 too.
    ("YYYY.0W", "2027-01-01T12:00:00Z", "UTC", [2026, 53]),
    ("YYYY.0W", "2025-12-29T12:00:00Z", "UTC", [2026, 1]),
  ])
  func dateParts(_ format: String, instant: String, zone: String, expected: [UInt64]) throws {
    let date = try #require(ISO8601DateFormatter().date(from: instant))
    let timeZone = try #require(TimeZone(identifier: zone))
    #expect(try Self.scheme(format).dateParts(at: date, in: timeZone) == expected)
  }

  // MARK: The next version

  static func date(_ text: String) -> Date {
    ISO8601DateFormatter().date(from: text + "T12:00:00Z") ?? Date(timeIntervalSince1970: 0)
  }

  static func next(
    _ current: String?, _ messages: [String], on day: String, pre: String? = nil,
    existing: [String] = [], format: String = "YYYY.0M.MICRO"
  ) throws -> String? {
    let scheme = try Self.scheme(format)
    let namespace = TagNamespace(prefix: "v", calendar: scheme)
    var planner = ReleasePlanner(namespace: namespace)
    planner.now = date(day)
    let tag = { (name: String) -> ReleaseTag in
      ReleaseTag(
        name: name, version: namespace.version(ofTag: name)!,
        commit: String(repeating: "c", count: 40), isAnnotated: true)
    }
    let currentTag = current.map(tag)
    return try planner.plan(
      current: currentTag, commits: ReleasePlannerTests.commits(messages),
      existingVersions: existing.map { tag($0).version }, preRelease: pre
    ).tag
  }

  @Test(arguments: [
    // The first release, whatever the commits.
    (nil, ["chore: start"], "2026-11-05", nil, [], "v2026.11.0"),
    // MICRO counts within the month, and restarts when it changes: a month and a year change.
    ("v2026.11.0", ["fix: a"], "2026-11-20", nil, [], "v2026.11.1"),
    ("v2026.11.3", ["fix: a"], "2026-12-01", nil, [], "v2026.12.0"),
    ("v2026.12.4", ["feat: a"], "2027-01-02", nil, [], "v2027.01.0"),
    // Nothing to release without a change; any change releases, breaking or not.
    ("v2026.11.0", ["docs: a"], "2026-11-20", nil, [], nil),
    ("v2026.11.0", ["feat!: a"], "2026-11-20", nil, [], "v2026.11.1"),
    // An older period's tag made later (a hotfix) does not reset this month's count.
    ("v2026.11.2", ["fix: a"], "2026-11-21", nil, ["v2026.10.7", "v2026.11.1"], "v2026.11.3"),
    // Tags of this month on other branches count, so two branches never share a version.
    ("v2026.10.1", ["fix: a"], "2026-11-21", nil, ["v2026.11.0"], "v2026.11.1"),
    // Pre-release channels.
    ("v2026.11.0", ["feat: a"], "2026-11-20", "rc", [], "v2026.11.1-rc.1"),
    ("v2026.11.1-rc.1", ["fix: a"], "2026-11-21", "rc", [], "v2026.11.1-rc.2"),
    ("v2026.11.1-rc.2", [], "2026-11-22", nil, [], "v2026.11.1"),
    ("v2026.11.1-rc.2", [], "2026-11-22", "rc", [], nil),
    ("v2026.11.1-rc.2", ["fix: a"], "2026-12-01", nil, [], "v2026.12.0"),
    (nil, ["feat: a"], "2026-11-05", "rc", [], "v2026.11.0-rc.1"),
    // A clock behind the current release's date gives nothing rather than a lower version.
    ("v2026.11.0", ["fix: a"], "2026-10-31", nil, [], nil),
  ] as [(String?, [String], String, String?, [String], String?)])
  func next(
    current: String?, messages: [String], day: String, pre: String?, existing: [String],
    expected: String?
  ) throws {
    #expect(try Self.next(current, messages, on: day, pre: pre, existing: existing) == expected)
  }

  @Test func withoutMicroASecondReleaseOfTheSameDateIsRefused() throws {
    #expect(try Self.next("v26.11", ["fix: a"], on: "2026-11-20", format: "YY.0M") == nil)
    #expect(try Self.next("v26.11", ["fix: a"], on: "2026-12-01", format: "YY.0M") == "v26.12")
  }

  @Test func tagNamespacesParseBySchemeAndSemVerStaysStrict() throws {
    let calendar = TagNamespace(prefix: "v", calendar: try Self.scheme("YYYY.0M.MICRO"))
    #expect(calendar.version(ofTag: "v2026.01.0")?.description == "2026.01.0")
    #expect(calendar.version(ofTag: "v1.2.3") == nil)
    #expect(calendar.tagName(for: calendar.version(ofTag: "v2026.01.0")!) == "v2026.01.0")
    let semver = TagNamespace(prefix: "v")
    #expect(semver.version(ofTag: "v2026.01.0") == nil)
    #expect(semver.version(ofTag: "v2026.11.0")?.description == "2026.11.0")
  }
}
