import Foundation
import Git
import ReleaseCore
import TestSupport
import Testing

@testable import GitReleaseCLI
@testable import ReleaseRendering
@testable import ReleaseRepository

@Suite("git release notes and changelog")
struct NotesCommandTests {
  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  @Test(arguments: BuiltInTemplate.allCases)
  func embeddedTemplatesEqualTheFilesInTemplates(_ template: BuiltInTemplate) throws {
    let file = Self.repositoryRoot.appendingPathComponent("templates/\(template.rawValue)")
    #expect(try Data(contentsOf: file) == Data(template.text.utf8), "\(template.rawValue)")
  }

  @Test func aTemplateErrorNamesFileLineAndColumn() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.write("broken.md.mustache", "# Notes\n\n{{#sections}}\n- {{title}}\n{{/entries}}\n")
    let result = try repo.runGitRelease("notes", "--template", "broken.md.mustache")
    #expect(result.status == 2)
    #expect(result.stderr.contains("broken.md.mustache:5:"), "\(result.stderr)")
    #expect(result.stderr.contains("does not match"))
  }

  @Test func aMissingTemplateIsAUsageError() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    let result = try repo.runGitRelease("notes", "--template", "nope.mustache")
    #expect(result.status == 2)
    #expect(result.stderr.contains("nope.mustache: no such file"))
  }

  @Test func theConfiguredTemplateIsUsedAndSeesTheModel() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.tag("v1.0.0")
    try repo.commit("fix(core): b")
    try repo.write(".gitrelease", "[notes]\n\ttemplate = release.txt.mustache\n")
    try repo.write(
      "release.txt.mustache",
      "{{version}} after {{previous}}:{{#sections}}{{#entries}} {{type}}/{{scope}}/{{description}}"
        + "{{/entries}}{{/sections}}\n")
    let result = try repo.runGitRelease("notes")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "1.0.1 after 1.0.0: fix/core/b\n")
  }

  @Test func aBrokenConfiguredTemplateIsAConfigurationError() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.write(".gitrelease", "[notes]\n\ttemplate = bad.mustache\n")
    try repo.write("bad.mustache", "{{#sections}}")
    let result = try repo.runGitRelease("notes")
    #expect(result.status == 5)
    #expect(result.stderr.contains("bad.mustache:1:"), "\(result.stderr)")
  }

  @Test func gitLabRemoteOverHTTPSGivesGitLabLinks() throws {
    let repo = try FixtureRepository()
    try repo.git(
      "remote", "add", "origin", "https://ci-token:secret@gitlab.com/space/tools/rocket.git")
    try repo.commit("feat: a")
    try repo.tag("v1.0.0")
    let id = try repo.commit("fix: b\n\nFixes #9")
    let result = try repo.runGitRelease("notes", "--format", "json")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("https://gitlab.com/space/tools/rocket/-/commit/\(id)"))
    #expect(result.stdout.contains("https://gitlab.com/space/tools/rocket/-/issues/9"))
    #expect(result.stdout.contains("https://gitlab.com/space/tools/rocket/-/compare/v1.0.0...HEAD"))
    #expect(!result.stdout.contains("secret"))
  }

  @Test func hostileMessagesCannotBreakTheMarkdownAroundThem() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.tag("v1.0.0")
    try repo.commit(
      """
      feat!: <details><summary>click

      BREAKING CHANGE: # Not a heading
      - not a list
      > not a quote
      ```
      <!-- hides the rest
      1. not numbered
      ---
      """)
    try repo.commit("fix: ] [x]: https://evil.example | *half `tick")
    let result = try repo.runGitRelease("notes")
    #expect(result.status == 0, "\(result.stderr)")
    // Structure: headings from the template, list items, their indented continuations, blanks.
    for line in result.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
      let structural =
        line.isEmpty || line.hasPrefix("## ") || line.hasPrefix("### ") || line.hasPrefix("- ")
        || line.hasPrefix("  ")
      #expect(structural, "line escapes its block: \(line)")
      guard line.hasPrefix("- ") || line.hasPrefix("  ") else { continue }
      let text = line.dropFirst(2)
      #expect(!"#>`-".contains(text.first ?? " "), "a content line starts a block: \(line)")
      #expect(!text.drop { $0.isNumber }.hasPrefix(". "), "a content line starts a list: \(line)")
    }
    // Every `<` is escaped, so no raw HTML (no comment hiding the rest, no open <details>).
    let angles = result.stdout.indices.filter { result.stdout[$0] == "<" }
    #expect(angles.allSatisfy { result.stdout[result.stdout.index(before: $0)] == "\\" })
    #expect(!angles.isEmpty)
  }

  @Test(arguments: [
    ["notes", "v1.0.0...HEAD"], ["notes", "no-such-tag"], ["notes", "v1.0.0..nope"],
  ])
  func badRangesAreUsageErrors(_ arguments: [String]) throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.tag("v1.0.0")
    let result = try repo.runGitRelease(arguments)
    #expect(result.status == 2, "\(result.stderr)")
    #expect(!result.stderr.isEmpty)
  }

  @Test func aReleaseTagAloneMeansThatRelease() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: one")
    try repo.tag("v1.0.0")
    try repo.commit("feat: two")
    try repo.tag("v1.1.0-rc.1")
    try repo.commit("fix: three")
    try repo.tag("v1.1.0")
    try repo.commit("fix: four")
    let result = try repo.runGitRelease("notes", "v1.1.0", "--format", "json")
    #expect(result.status == 0, "\(result.stderr)")
    let notes = try JSONDecoder().decode(NotesJSON.self, from: Data(result.stdout.utf8))
    #expect(notes.version == "1.1.0")
    #expect(notes.previous == "1.0.0")
    #expect(notes.sections.flatMap { $0.entries.map(\.description) } == ["two", "three"])
  }

  @Test func aPackageHasItsOwnTagsAndCommits() throws {
    let repo = try FixtureRepository()
    try repo.write(".gitrelease", "[package \"api\"]\n\tpath = services/api\n")
    try repo.commit("feat(api): first endpoint", file: "services/api/a.txt")
    try repo.tag("api/v1.0.0")
    try repo.commit("feat(web): a page", file: "web/index.txt")
    try repo.commit("fix(api): a status code", file: "services/api/a.txt")
    try repo.tag("api/v1.0.1")
    try repo.commit("feat(api): second endpoint", file: "services/api/b.txt")
    let unreleased = try repo.runGitRelease("notes", "--package", "api", "--format", "json")
    #expect(unreleased.status == 0, "\(unreleased.stderr)")
    let notes = try JSONDecoder().decode(NotesJSON.self, from: Data(unreleased.stdout.utf8))
    #expect(notes.version == "1.1.0")
    #expect(notes.previous == "1.0.1")
    #expect(notes.sections.flatMap { $0.entries.map(\.description) } == ["second endpoint"])
    let released = try repo.runGitRelease(
      "notes", "api/v1.0.1", "--package", "api", "--format", "json")
    #expect(released.status == 0, "\(released.stderr)")
    let release = try JSONDecoder().decode(NotesJSON.self, from: Data(released.stdout.utf8))
    #expect(release.previous == "1.0.0")
    #expect(release.sections.flatMap { $0.entries.map(\.description) } == ["a status code"])
  }

  @Test func nothingNewSaysSo() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: one")
    try repo.tag("v1.0.0")
    try repo.commit("docs: a typo")
    let result = try repo.runGitRelease("notes")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("No notable changes."))
  }

  struct NotesJSON: Decodable {
    struct Section: Decodable {
      struct Entry: Decodable { let description: String }
      let entries: [Entry]
    }
    let version: String
    let previous: String?
    let sections: [Section]
  }

  /// The changelog reads tags through a second repository handle and commits straight from the
  /// packs: it must read the same from every shape a repository comes in.
  @Test func changelogIsTheSameFromWorktreesPacksAndBareClones() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: one")
    try repo.tag("v1.0.0", message: "v1.0.0")
    try repo.git("checkout", "-q", "-b", "side")
    try repo.commit("fix: on a side branch", file: "side.txt")
    try repo.git("checkout", "-q", "main")
    try repo.commit("feat: two (#12)")
    try repo.git("merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side")
    try repo.tag("v1.1.0")
    try repo.commit("fix: three")
    try repo.tag("v1.1.1", message: "v1.1.1")
    let loose = try repo.runGitRelease("changelog")
    #expect(loose.status == 0)
    #expect(loose.stdout.contains("## [1.1.0]") && loose.stdout.contains("on a side branch"))

    try repo.git("worktree", "add", "-q", "linked", "HEAD")
    #expect(try repo.runGitRelease(["changelog"], in: "linked").stdout == loose.stdout)
    try repo.git("gc", "-q")
    #expect(try repo.runGitRelease("changelog").stdout == loose.stdout)
    let bare = FixtureRepository(existing: try FixtureRepository.makeTemporaryFolder())
    try bare.git("clone", "-q", "--bare", repo.path, bare.path + "/clone.git")
    #expect(try bare.runGitRelease(["changelog"], in: "clone.git").stdout == loose.stdout)
  }

  // MARK: --prepend

  @Test func prependAddsOnlyMissingReleasesAndKeepsTheFile() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: one")
    try repo.tag("v1.0.0")
    try repo.commit("fix: two")
    try repo.tag("v1.0.1")
    #expect(try repo.runGitRelease("changelog", "--output", "CHANGELOG.md").status == 0)
    let file = repo.url.appendingPathComponent("CHANGELOG.md")
    // A person edits the file: their words must survive.
    var edited = try String(contentsOf: file, encoding: .utf8)
    edited = edited.replacingOccurrences(of: "- two", with: "- two, explained by hand")
    edited += "\nA footer someone wrote.\n"
    try Data(edited.utf8).write(to: file)

    try repo.commit("feat: three")
    try repo.tag("v1.1.0")
    let first = try repo.runGitRelease("changelog", "--output", "CHANGELOG.md", "--prepend")
    #expect(first.status == 0, "\(first.stderr)")
    let after = try String(contentsOf: file, encoding: .utf8)
    let added = after.components(separatedBy: "## [1.1.0]")
    #expect(added.count == 2, "exactly one new section")
    #expect(after.contains("- two, explained by hand"))
    #expect(after.hasSuffix("\nA footer someone wrote.\n"))
    // Everything that was there is still there, in order, around the new section.
    let newSection = "## [1.1.0]" + added[1].components(separatedBy: "## [1.0.1]")[0]
    #expect(after.replacingOccurrences(of: newSection, with: "") == edited)

    let second = try repo.runGitRelease("changelog", "--output", "CHANGELOG.md", "--prepend")
    #expect(second.status == 0)
    #expect(try String(contentsOf: file, encoding: .utf8) == after)
  }

  @Test func prependToAMissingFileWritesTheWholeChangelog() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: one")
    try repo.tag("v1.0.0")
    let result = try repo.runGitRelease("changelog", "--output", "NEW.md", "--prepend")
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(contentsOf: repo.url.appendingPathComponent("NEW.md"), encoding: .utf8)
    #expect(text.hasPrefix("# Changelog\n"))
    #expect(text.contains("## [1.0.0]"))
  }

  @Test func prependWithoutOutputIsAUsageError() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: one")
    #expect(try repo.runGitRelease("changelog", "--prepend").status == 2)
  }
}

@Suite("Markdown escaping of commit text")
struct MarkdownEscapingTests {
  /// Ids, dates and versions skip the line-by-line escaping: only where it changes nothing.
  @Test(arguments: [
    ("5c8a5ec", true), ("2023-11-14", true), ("1.2.0-rc.1+b.2", true), ("12345678901", true),
    ("1.", false), ("12.", false), ("1)", false), ("1. x", false), ("1_000", false), ("", false),
  ])
  func idsDatesAndVersionsAreInertOnlyWhenEscapingKeepsThem(text: String, inert: Bool) {
    #expect(MarkdownEscaping.isInertNumber(text) == inert)
    if inert { #expect(MarkdownEscaping.escapeLine(Array(text.unicodeScalars)) == text) }
  }

  @Test(arguments: [
    ("plain words", "plain words"),
    ("use `a|b` and `<T>`", "use `a|b` and `<T>`"),
    ("<script>", "\\<script\\>"),
    ("[x](https://evil)", "\\[x\\](https://evil)"),
    ("a | b", "a \\| b"),
    ("2 * 3", "2 \\* 3"),
    ("**bold** stays", "**bold** stays"),
    ("snake_case", "snake\\_case"),
    ("# title", "\\# title"),
    ("#123 is an issue", "#123 is an issue"),
    ("- item", "\\- item"),
    ("1. first", "1\\. first"),
    ("1.2.0 is out", "1.2.0 is out"),
    ("---", "\\---"),
    ("half `tick", "half \\`tick"),
    ("R&D", "R\\&D"),
  ])
  func escapesOneLine(_ input: String, _ expected: String) {
    #expect(MarkdownEscaping.escape(input) == expected)
  }

  @Test func laterLinesAreIndentedUnderTheFirst() {
    #expect(MarkdownEscaping.escape("first\n# second\n\nthird") == "first\n  \\# second\n\n  third")
  }
}

@Suite("The model as templates see it")
struct TemplateValueTests {
  @Test func theTreeIsTheJSONOfTheModel() throws {
    let repo = try NotesGoldenTests.makeHistory()
    let context = try RepositoryContext(try Repository(at: repo.path))
    let model = ChangelogModel(
      header: true, repositoryURL: try context.forge()?.url,
      releases: try context.changelog(includeHidden: true))
    let tree = try TemplateValue.tree(of: model)
    let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(model))
    let options: JSONSerialization.WritingOptions = [.sortedKeys, .prettyPrinted]
    #expect(
      try JSONSerialization.data(withJSONObject: tree, options: options)
        == JSONSerialization.data(withJSONObject: json, options: options))
  }

  struct Sample: Encodable {
    let text: String
    let count: Int
    let ratio: Double
    let flag: Bool
    let missing: String?
    let list: [String]

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(text, forKey: .text)
      try container.encode(count, forKey: .count)
      try container.encode(ratio, forKey: .ratio)
      try container.encode(flag, forKey: .flag)
      try container.encode(missing, forKey: .missing)
      try container.encode(list, forKey: .list)
    }

    enum CodingKeys: String, CodingKey { case text, count, ratio, flag, missing, list }
  }

  @Test func theDefaultChangelogWrittenAReleaseAtATimeIsTheWholeRendering() throws {
    let repo = try NotesGoldenTests.makeHistory()
    let context = try RepositoryContext(try Repository(at: repo.path))
    let template = try NotesTemplate(.changelog)
    let url = try context.forge()?.url
    let releases = try context.changelog()
    #expect(releases.count == 2)
    let whole = try template.render(
      ChangelogModel(header: true, repositoryURL: url, releases: releases))
    var pieces = try template.render(ChangelogModel(header: true, repositoryURL: url, releases: []))
    for release in releases {
      pieces += try template.render(
        ChangelogModel(header: false, repositoryURL: url, releases: [release]))
    }
    #expect(pieces == whole)
  }

  @Test func everyJSONValueComesBackAsItWas() throws {
    let text = "quote \" backslash \\ slash / tab \t line\n control \u{1} emoji 🚀 é \u{FFFD}"
    let tree = try TemplateValue.tree(
      of: Sample(text: text, count: -3, ratio: 0.5, flag: true, missing: nil, list: ["a", ""]))
    let object = try #require(tree as? [String: Any])
    #expect(object["text"] as? String == text)
    #expect(object["count"] as? Int == -3)
    #expect(object["ratio"] as? Double == 0.5)
    #expect(object["flag"] as? Bool == true)
    #expect(object["missing"] is NSNull)
    #expect(object["list"] as? [String] == ["a", ""])
  }
}
