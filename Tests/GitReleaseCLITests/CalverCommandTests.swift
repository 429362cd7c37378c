import Foundation
import TestSupport
import Testing

/// Calendar versions end to end: `next`, `tag`, `current`, `notes`, `changelog`, `stamp`, the
/// pre-push check and promotion, with "now" pinned through GIT_COMMITTER_DATE as git reads it.
@Suite("Calendar versions")
struct CalverCommandTests {
  static let configuration = """
    [release]
        scheme = calver
        calver = YYYY.0M.MICRO
    [file "VERSION"]
    [environment "staging"]

    """

  private func repository(configuration: String = configuration) throws -> FixtureRepository {
    let repo = try FixtureRepository()
    try repo.write(".gitrelease", configuration)
    try repo.write("VERSION", "0\n")
    try repo.git("add", "-A")
    try repo.commitStaged("feat: launch")
    return repo
  }

  private func on(_ day: String) -> [String: String] {
    ["GIT_COMMITTER_DATE": "\(day)T12:00:00Z"]
  }

  private func run(_ repo: FixtureRepository, _ arguments: [String], on day: String) throws
    -> FixtureRepository.ProcessResult
  {
    try repo.runGitRelease(arguments, environment: on(day))
  }

  @Test func releasesAcrossAMonthChange() throws {
    let repo = try repository()
    #expect(try run(repo, ["next"], on: "2026-10-30").stdout == "v2026.10.0\n")
    #expect(try run(repo, ["tag"], on: "2026-10-30").status == 0)
    try repo.commit("fix: a leak")
    #expect(try run(repo, ["tag"], on: "2026-10-31").stdout.contains("v2026.10.1"))
    try repo.commit("fix: another leak")
    let next = try run(repo, ["next", "--json"], on: "2026-11-02")
    #expect(next.status == 0, "\(next.stderr)")
    let plan = try #require(
      try JSONSerialization.jsonObject(with: Data(next.stdout.utf8)) as? [String: Any])
    #expect(plan["next"] as? String == "2026.11.0")
    #expect(plan["current"] as? String == "2026.10.1")
    #expect(try run(repo, ["tag"], on: "2026-11-02").status == 0)
    #expect(try repo.runGitRelease("current").stdout == "v2026.11.0\n")
    // Nothing new: nothing to release, whatever the date.
    #expect(try run(repo, ["next"], on: "2026-12-24").status == 3)

    let notes = try repo.runGitRelease("notes", "v2026.11.0")
    #expect(notes.status == 0, "\(notes.stderr)")
    #expect(notes.stdout.contains("another leak"))
    #expect(!notes.stdout.contains("a leak\n"))
    let changelog = try repo.runGitRelease("changelog")
    #expect(changelog.status == 0, "\(changelog.stderr)")
    let order = ["2026.11.0", "2026.10.1", "2026.10.0"].compactMap {
      changelog.stdout.range(of: $0)?.lowerBound
    }
    #expect(order.count == 3 && order == order.sorted(), "\(changelog.stdout)")
  }

  @Test func zeroPaddedMonthsAndAYearChange() throws {
    let repo = try repository()
    #expect(try run(repo, ["tag"], on: "2026-12-30").stdout.contains("v2026.12.0"))
    try repo.commit("feat: fireworks")
    #expect(try run(repo, ["next"], on: "2027-01-01").stdout == "v2027.01.0\n")
    #expect(try run(repo, ["tag", "--commit"], on: "2027-01-01").status == 0)
    #expect(try repo.git("log", "-1", "--format=%s") == "chore(release): v2027.01.0")
    #expect(try String(contentsOf: repo.url.appendingPathComponent("VERSION"), encoding: .utf8) == "2027.01.0\n")
    #expect(try repo.runGitRelease("stamp", "--check").status == 0)
    // v2026.12.0 < v2027.01.0: the January release is current though December's sorts first as text.
    #expect(try repo.runGitRelease("current").stdout == "v2027.01.0\n")
  }

  @Test func theTimeZoneDecidesTheDate() throws {
    let repo = try repository(
      configuration: "[release]\n    scheme = calver\n    timeZone = Pacific/Auckland\n")
    // 2026-12-31 12:00 UTC is already 2027-01-01 in Auckland.
    #expect(try run(repo, ["next"], on: "2026-12-31").stdout == "v2027.01.0\n")
    let utc = try repository(configuration: "[release]\n    scheme = calver\n")
    #expect(try run(utc, ["next"], on: "2026-12-31").stdout == "v2026.12.0\n")
  }

  @Test func preReleaseChannels() throws {
    let repo = try repository()
    #expect(try run(repo, ["tag"], on: "2026-11-02").status == 0)
    try repo.commit("feat: radar")
    #expect(try run(repo, ["tag", "--pre", "rc"], on: "2026-11-10").stdout.contains("v2026.11.1-rc.1"))
    try repo.commit("fix: radar range")
    #expect(try run(repo, ["next", "--pre", "rc"], on: "2026-11-11").stdout == "v2026.11.1-rc.2\n")
    #expect(try run(repo, ["next"], on: "2026-11-11").stdout == "v2026.11.1\n")
  }

  @Test func thePrePushCheckKnowsCalendarTags() throws {
    let repo = try repository()
    #expect(try run(repo, ["tag"], on: "2026-11-02").status == 0)
    let object = try repo.git("rev-parse", "v2026.11.0")
    let zero = String(repeating: "0", count: 40)
    let good = try repo.runGitRelease(
      ["check", "pre-push", "origin"],
      input: "refs/tags/v2026.11.0 \(object) refs/tags/v2026.11.0 \(zero)\n")
    // VERSION still says 0: the tag's files do not hold its version.
    #expect(good.status == 1)
    #expect(good.stderr.contains("VERSION:1 holds 0, not 2026.11.0"), "\(good.stderr)")
    try repo.tag("v2026.1.0", message: "not as the format writes it")
    let padded = try repo.git("rev-parse", "v2026.1.0")
    let bad = try repo.runGitRelease(
      ["check", "pre-push", "origin"],
      input: "refs/tags/v2026.1.0 \(padded) refs/tags/v2026.1.0 \(zero)\n")
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("v2026.1.0"))
  }

  @Test func promotesACalendarRelease() throws {
    let repo = try repository()
    #expect(try run(repo, ["tag"], on: "2026-11-02").status == 0)
    let result = try repo.runGitRelease(
      "promote", "v2026.11.0", "--to", "staging", "--no-rollback-target")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try repo.runGitRelease("status").stdout.contains("v2026.11.0"))
  }

  @Test func aBadFormatNamesTheLine() throws {
    let repo = try repository(configuration: "[release]\n    scheme = calver\n    calver = MM.YYYY\n")
    let result = try repo.runGitRelease("next")
    #expect(result.status == 5)
    #expect(result.stderr.contains(".gitrelease:3"), "\(result.stderr)")
  }
}
