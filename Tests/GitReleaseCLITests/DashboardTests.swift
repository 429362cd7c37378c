import Foundation
import Git
import ReleaseCore
import TestSupport
import Testing

@testable import GitReleaseCLI
@testable import ReleaseRepository

/// The dashboard page rendered by a real browser: headless Chromium (Debian's `chromium`, which
/// `.ci/run` installs) takes a screenshot and dumps the DOM it built. Without Chromium these tests
/// fail: a page nobody looked at is not tested.
@Suite("Dashboard in a browser", .serialized)
struct DashboardTests {
  static func chromium() throws -> String {
    for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    where FileManager.default.isExecutableFile(atPath: candidate) {
      return candidate
    }
    Issue.record("chromium is not installed: apt-get install chromium (.ci/run installs it)")
    throw FixtureError.commandFailed("no chromium")
  }

  /// Runs headless Chromium on a file at 1400x1000 with its own profile folder.
  @discardableResult
  static func browse(_ arguments: [String], _ page: URL, in folder: URL, dark: Bool = false)
    throws -> FixtureRepository.ProcessResult
  {
    let profile = folder.appendingPathComponent("profile-\(UUID().uuidString)")
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = folder.path
    let result = try FixtureRepository.run(
      try chromium(),
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--user-data-dir=\(profile.path)", "--window-size=1400,1000",
      ] + (dark ? ["--force-dark-mode"] : []) + arguments + [page.absoluteString],
      in: folder, environment: environment)
    #expect(result.status == 0, "chromium: \(result.stderr)")
    return result
  }

  /// A PNG's width and height, from its IHDR chunk.
  static func pngSize(_ data: Data) throws -> (width: Int, height: Int) {
    let bytes = [UInt8](data)
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    try #require(bytes.count > 24 && Array(bytes[0..<8]) == signature, "not a PNG")
    try #require(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
    func int(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
    return (int(16), int(20))
  }

  static func dashboard() throws -> (FixtureRepository, URL, String) {
    let repo = try MetricsCommandTests.trail()
    let folder = repo.url.appendingPathComponent("site")
    let result = try MetricsCommandTests.run(
      repo, ["dashboard", "--output", folder.path, "--json"], at: 24)
    let data = try MetricsCommandTests.json(result.stdout)
    for key in ["environments", "metrics", "trends", "timeline", "windows", "releases"] {
      #expect(data[key] != nil, "dashboard --json has \(key)")
    }
    let page = folder.appendingPathComponent("index.html")
    return (repo, page, try String(contentsOf: page, encoding: .utf8))
  }

  @Test func thePageStandsAloneAndEscapesWhatPeopleWrote() throws {
    let (_, _, html) = try Self.dashboard()
    // Nothing loaded from elsewhere, and no script at all.
    for reference in [
      "<script", "<link", "<img", " src=\"", " href=\"http", "@import", "url(", "<iframe",
    ] {
      #expect(!html.lowercased().contains(reference), "the page has \(reference)")
    }
    #expect(html.contains("&lt;script&gt;alert(&quot;&amp;&quot;)&lt;/script&gt;"))
    #expect(html.contains("keep &quot;quotes&quot; &amp; ampersands"))
    #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    #expect(html.contains("prefers-color-scheme:dark"))
  }

  @Test func chromiumBuildsTheBoardThePlotAndTheNotes() throws {
    let (repo, page, _) = try Self.dashboard()
    let dom = try Self.browse(["--dump-dom"], page, in: repo.url).stdout
    #expect(dom.contains("id=\"board\""))
    #expect(dom.contains("<svg viewBox="))
    #expect(dom.contains("class=\"timeline\""))
    // Five promotions and a rollback in production, one promotion in staging.
    #expect(dom.components(separatedBy: "class=\"marker promotion\"").count - 1 == 5)
    #expect(dom.components(separatedBy: "class=\"marker rollback\"").count - 1 == 1)
    // What runs, its rollback target and what waits, as status says.
    #expect(dom.contains(">v1.2.0</a>"))
    #expect(dom.contains("Rollback target"))
    #expect(dom.contains(">v1.2.0</a> (newest release)"))
    // Hostile text stays text in the DOM the browser built: no element came out of it.
    #expect(dom.contains("&lt;script&gt;alert(\"&amp;\")&lt;/script&gt;"))
    #expect(!dom.contains("<script"))
    #expect(!dom.contains("<img"))
    // Every release link of the timeline lands on that release's notes.
    let targets = dom.components(separatedBy: "<a href=\"#").dropFirst().compactMap {
      $0.split(separator: "\"").first.map(String.init)
    }
    #expect(targets.contains("release-v1.1.0"))
    for target in Set(targets) {
      #expect(dom.contains("id=\"\(target)\""), "no anchor \(target)")
    }
    #expect(dom.contains("Bug Fixes"))
  }

  @Test(arguments: [false, true])
  func theScreenshotShowsThePage(dark: Bool) throws {
    let (repo, page, _) = try Self.dashboard()
    // A blank page of the same size, for comparison: one colour compresses to almost nothing.
    let blank = repo.url.appendingPathComponent("blank.html")
    try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: blank)
    let shot = repo.url.appendingPathComponent("shot.png")
    let empty = repo.url.appendingPathComponent("blank.png")
    try Self.browse(["--screenshot=\(shot.path)"], page, in: repo.url, dark: dark)
    try Self.browse(["--screenshot=\(empty.path)"], blank, in: repo.url, dark: dark)
    let image = try Data(contentsOf: shot)
    let nothing = try Data(contentsOf: empty)
    #expect(try Self.pngSize(image) == (1400, 1000))
    #expect(try Self.pngSize(nothing) == (1400, 1000))
    #expect(
      image.count > 10 * nothing.count,
      "the screenshot (\(image.count) bytes) is hardly larger than a blank page (\(nothing.count))")
  }

  @Test func theBoardShowsHoldsAndBlockedReleases() throws {
    let repo = try MetricsCommandTests.trail()
    let store = EnvironmentStore(repository: try Repository(at: repo.path))
    let bo = CommitRecord.Person(name: "Bo Builder", email: "bo@example.com")
    let hold = EnvironmentEvent(
      kind: .hold, environment: "production", tag: "", commit: "", actor: bo,
      time: Date(timeIntervalSince1970: 1_800_000_000 + 14 * 3_600), reason: "incident <42> & co")
    _ = try store.append(hold, to: try store.read("production"), offsetMinutes: 0)
    let commit = try repo.revParse("v1.1.0")
    let block = EnvironmentEvent(
      kind: .block, environment: EnvironmentEvent.everyEnvironment, tag: "v1.1.0", commit: commit,
      actor: bo, time: Date(timeIntervalSince1970: 1_800_000_000 + 15 * 3_600),
      reason: "leaks \"memory\"")
    _ = try store.append(block, to: try store.readBlocks(), offsetMinutes: 0)

    let folder = repo.url.appendingPathComponent("site")
    let data = try MetricsCommandTests.json(
      try MetricsCommandTests.run(repo, ["dashboard", "--output", folder.path, "--json"], at: 24)
        .stdout)
    #expect((data["holds"] as? [String: Any])?["production"] != nil)
    #expect((data["blocked"] as? [Any])?.count == 1)
    let page = folder.appendingPathComponent("index.html")
    let dom = try Self.browse(["--dump-dom"], page, in: repo.url).stdout
    #expect(dom.contains(">held</span> by Bo Builder since "))
    #expect(dom.contains("incident &lt;42&gt; &amp; co"))
    #expect(dom.contains(">blocked</span> <a href=\"#release-v1.1.0\">v1.1.0</a> by Bo Builder"))
    #expect(dom.contains("leaks \"memory\""))
  }
}
