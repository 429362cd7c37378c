import ReleaseCore
import Testing

@Suite("Release lines")
struct ReleaseLineTests {
  @Test(arguments: [
    ("1.x", "1.x", "1.x"),
    ("1.2.x", "1.2.x", "1.2.x"),
    ("release/1.x", "release/1.x", "1.x"),
    ("release/0.10.x", "release/0.10.x", "0.10.x"),
    ("refs/heads/release/2.3.x", "release/2.3.x", "2.3.x"),
  ])
  func branchNamesThatAreLines(branch: String, name: String, range: String) throws {
    let line = try #require(ReleaseLine(branch: branch))
    #expect(line.name == name)
    #expect(line.range.description == range)
  }

  @Test(arguments: [
    "main", "release/1", "1.2", "1.2.3.x", "v1.x", "release/v1.2.x", "01.x", "1.02.x", "x",
    "hotfix/1.2.x", "1.x.x", "release/", ".x", "1..x",
  ])
  func branchNamesThatAreNot(branch: String) {
    #expect(ReleaseLine(branch: branch) == nil)
  }

  @Test(arguments: [
    ("1.x", "1.0.0", true), ("1.x", "1.9.7", true), ("1.x", "1.3.0-rc.1", true),
    ("1.x", "2.0.0", false), ("1.x", "0.9.0", false), ("1.x", "2.0.0-rc.1", false),
    ("1.2.x", "1.2.0", true), ("1.2.x", "1.2.9", true), ("1.2.x", "1.2.10-beta.1", true),
    ("1.2.x", "1.3.0", false), ("1.2.x", "2.2.1", false), ("1.2.x", "1.1.9", false),
  ])
  func versionsALineTakes(range: String, version: String, accepted: Bool) throws {
    let line = ReleaseLine(name: "l", range: try #require(ReleaseLine.Range(range)))
    #expect(line.accepts(try #require(SemanticVersion(version))) == accepted)
  }

  @Test(arguments: [
    ("1.2.x", "1.2.7", true), ("1.2.x", "1.1.0", true), ("1.2.x", "1.3.0-rc.1", false),
    ("1.2.x", "1.3.0", false), ("1.x", "1.9.0", true), ("1.x", "2.0.0-rc.1", false),
    ("1.x", "0.4.0", true),
  ])
  func releasesThatCanBeALinesCurrent(range: String, version: String, admitted: Bool) throws {
    let line = ReleaseLine(name: "l", range: try #require(ReleaseLine.Range(range)))
    #expect(line.admitsAsCurrent(try #require(SemanticVersion(version))) == admitted)
  }

  @Test func configuredLinesComeBeforeBranchNames() throws {
    let configured = [
      LineSettings(name: "lts", branch: "maint/*", range: .major(3)),
      LineSettings(name: "odd", branch: "1.x", range: .minor(1, 4)),
    ]
    #expect(
      ReleaseLine.of(branch: "refs/heads/maint/2025", configured: configured)
        == ReleaseLine(name: "lts", range: .major(3)))
    #expect(
      ReleaseLine.of(branch: "1.x", configured: configured)
        == ReleaseLine(name: "odd", range: .minor(1, 4)))
    #expect(
      ReleaseLine.of(branch: "release/2.x", configured: configured)
        == ReleaseLine(name: "release/2.x", range: .major(2)))
    #expect(ReleaseLine.of(branch: "maint", configured: configured) == nil)
    #expect(ReleaseLine.of(branch: nil, configured: configured) == nil)
  }

  @Test(arguments: [
    ("maint/*", "maint/1", true), ("maint/*", "maint/", true), ("maint/*", "main", false),
    ("lts-?", "lts-1", true), ("lts-?", "lts-12", false), ("stable", "stable", true),
    ("stable", "stable2", false), ("*-lts", "v3-lts", true),
  ])
  func branchPatterns(pattern: String, branch: String, matches: Bool) {
    let settings = LineSettings(name: "n", branch: pattern, range: .major(1))
    #expect(settings.matches(branch: branch) == matches)
  }

  @Test func refusalNamesTheLineWhatItTakesAndTheCause() throws {
    let line = try #require(ReleaseLine(branch: "release/1.2.x"))
    let text = try #require(
      line.refusal(
        of: SemanticVersion(1, 3, 0), current: "v1.2.0", cause: "commit abc \"feat: x\""))
    #expect(text.contains("release line release/1.2.x"))
    #expect(text.contains("patch releases of 1.2 (1.2.x)"))
    #expect(text.contains("would be 1.3.0"))
    #expect(text.contains("feat: x"))
    #expect(line.refusal(of: SemanticVersion(1, 2, 4), current: "v1.2.3", cause: nil) == nil)
    let major = try #require(ReleaseLine(branch: "1.x"))
    let breaking = try #require(major.refusal(of: SemanticVersion(2, 0, 0), current: nil, cause: nil))
    #expect(breaking.contains("below 2.0.0 (1.x)"))
  }

  func tag(_ version: String, _ commit: String = "0123456789abcdef") -> ReleaseTag {
    ReleaseTag(
      name: "v" + version, version: SemanticVersion(version) ?? SemanticVersion(0, 0, 0),
      commit: commit, isAnnotated: false)
  }

  @Test func aVersionThatExistsElsewhereIsExplained() throws {
    let existing = [tag("1.2.0"), tag("1.3.0", "fedcba9876543210")]
    let text = try #require(
      ReleaseLine.conflict(
        of: SemanticVersion(1, 3, 0), bump: .minor, current: tag("1.2.0"), line: nil,
        existing: existing, namespace: TagNamespace(prefix: "v")))
    #expect(text.contains("v1.3.0 already exists"))
    #expect(text.contains("fedcba987654"))
    #expect(text.contains("git switch -c release/1.2.x v1.2.0"))
    #expect(text.contains("git release tag --as 1.4.0"))
    #expect(
      ReleaseLine.conflict(
        of: SemanticVersion(1, 2, 1), bump: .patch, current: tag("1.2.0"), line: nil,
        existing: existing, namespace: TagNamespace(prefix: "v")) == nil)
  }

  @Test(arguments: [
    ("1.3.0", Bump.minor, nil as String?, ["1.3.0", "1.4.0"], "1.5.0" as String?),
    ("1.2.1", .patch, "1.2.x", ["1.2.1", "1.2.2"], "1.2.3"),
    ("1.3.0", .minor, "1.2.x", ["1.3.0"], nil),
    ("2.0.0", .major, nil, ["2.0.0"], "3.0.0"),
  ])
  func freeVersions(
    from version: String, bump: Bump, range: String?, taken: [String], expected: String?
  ) throws {
    let line = range.flatMap(ReleaseLine.Range.init).map { ReleaseLine(name: "l", range: $0) }
    let free = ReleaseLine.freeVersion(
      after: try #require(SemanticVersion(version)), bump: bump, line: line,
      existing: taken.map { tag($0) })
    #expect(free?.description == expected)
  }
}
