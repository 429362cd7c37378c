import Testing

@testable import ReleaseCore

/// Conventional Commits 1.0.0, checked against the specification's examples and numbered rules.
@Suite("Conventional Commits 1.0.0")
struct ConventionalCommitTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let message: String
    let type: String
    let scope: String?
    let breaking: Bool
    let footers: [String]
    var testDescription: String { String(message.prefix(50)) }
  }

  /// The messages of the specification's Examples section.
  @Test(arguments: [
    Case(
      message: """
        feat: allow provided config object to extend other configs

        BREAKING CHANGE: `extends` key in config file is now used for extending other config files
        """, type: "feat", scope: nil, breaking: true, footers: ["BREAKING CHANGE"]),
    Case(
      message: "refactor!: drop support for Node 6", type: "refactor", scope: nil, breaking: true,
      footers: []),
    Case(
      message: "refactor(runtime)!: drop support for Node 6", type: "refactor", scope: "runtime",
      breaking: true, footers: []),
    Case(
      message: """
        refactor!: drop support for Node 6

        BREAKING CHANGE: refactor to use JavaScript features not available in Node 6.
        """, type: "refactor", scope: nil, breaking: true, footers: ["BREAKING CHANGE"]),
    Case(
      message: "docs: correct spelling of CHANGELOG", type: "docs", scope: nil, breaking: false,
      footers: []),
    Case(
      message: "feat(lang): add polish language", type: "feat", scope: "lang", breaking: false,
      footers: []),
    Case(
      message: """
        fix: correct minor typos in code

        see the issue for details

        on typos fixed.

        Reviewed-by: Z
        Refs #133
        """, type: "fix", scope: nil, breaking: false, footers: ["Reviewed-by", "Refs"]),
    Case(
      message: """
        revert: let us never again speak of the noodle incident

        Refs: 676104e, a215868
        """, type: "revert", scope: nil, breaking: false, footers: ["Refs"]),
  ])
  func specificationExamples(_ example: Case) throws {
    let commit = try #require(ConventionalCommit.parse(example.message))
    #expect(commit.type == example.type)
    #expect(commit.scope == example.scope)
    #expect(commit.isBreaking == example.breaking)
    #expect(commit.footers.map(\.token) == example.footers)
  }

  @Test func multiParagraphBodyAndFootersAreSeparated() throws {
    let commit = try #require(
      ConventionalCommit.parse(
        "fix: correct minor typos in code\n\nsee the issue for details\n\non typos fixed.\n\n"
          + "Reviewed-by: Z\nRefs #133\n"))
    #expect(commit.body == "see the issue for details\n\non typos fixed.")
    #expect(commit.footers.map(\.value) == ["Z", "133"])
    #expect(commit.footers.map(\.separator) == [": ", " #"])
    #expect(commit.description == "correct minor typos in code")
  }

  /// Rule 13: with `!` and no footer, the description describes the breaking change.
  @Test func bangUsesTheDescriptionAsTheBreakingChange() throws {
    let commit = try #require(ConventionalCommit.parse("refactor!: drop support for Node 6"))
    #expect(commit.breakingDescriptions == ["drop support for Node 6"])
  }

  /// Rule 10: a footer's value may span lines, up to the next token.
  @Test func footerValuesSpanLines() throws {
    let commit = try #require(
      ConventionalCommit.parse(
        "feat: x\n\nBREAKING CHANGE: the config\nformat changed\n\nmore about it\nRefs: #1"))
    #expect(commit.footers.map(\.token) == ["BREAKING CHANGE", "Refs"])
    #expect(commit.footers.first?.value == "the config\nformat changed\n\nmore about it")
  }

  /// Rules 1, 5, 12, 15 and 16 on the header and on breaking-change footers.
  @Test(arguments: [
    ("feat: add x", "feat", false),
    ("FEAT: add x", "feat", false),  // rule 15: types are not case sensitive
    ("Fix(Parser): y", "fix", false),
    ("chore!: drop Node 6", "chore", true),  // rule 3 of the summary: any type can break
    ("feat: x\n\nBREAKING-CHANGE: y", "feat", true),  // rule 16: the synonym
    ("fix: x\n\nbreaking change: y", "fix", false),  // rule 15: BREAKING CHANGE must be upper case
    ("fix: x\n\nBreaking-Change: y", "fix", false),
    ("fix: x\n\nBREAKING CHANGE:\n  the text on the next line", "fix", true),
    ("docs: x\n\nThe BREAKING CHANGE: word in the body is prose", "docs", false),
    ("feat(api)!: x\n\nRefs: #1", "feat", true),
  ])
  func headersAndBreakingChanges(_ message: String, _ type: String, _ breaking: Bool) throws {
    let commit = try #require(ConventionalCommit.parse(message))
    #expect(commit.type == type)
    #expect(commit.isBreaking == breaking)
  }

  /// Rule 1 requires the colon and the space; rule 4 a non-empty scope; rule 5 a description.
  @Test(arguments: [
    "feat:no space", "feat add x", "feat(): x", "feat(api: x", "feat(a)(b): x", ": x", "feat: ",
    "feat !: x", "Merge branch 'main'", "Revert \"feat: x\"", "feat!!: x", "(api): x", "",
  ])
  func nonConformingHeadersAreNotConventional(_ message: String) {
    #expect(ConventionalCommit.parse(message) == nil)
  }

  @Test func footerTokensAreNotCaseSensitive() throws {
    let commit = try #require(ConventionalCommit.parse("feat: x\n\nrelease-as: 2.0.0"))
    #expect(commit.footerValues("Release-As") == ["2.0.0"])
  }

  @Test func revertedIDsComeFromGitAndFromRefs() {
    let git = CommitRecord(
      id: "f".repeated(40), parents: [], author: .init(name: "a", email: "a@b"),
      authorDate: .init(timeIntervalSince1970: 0),
      message:
        "Revert \"feat: x\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.\n")
    #expect(git.revertedIDs == ["0123456789abcdef0123456789abcdef01234567"])
    let conventional = CommitRecord(
      id: "e".repeated(40), parents: [], author: .init(name: "a", email: "a@b"),
      authorDate: .init(timeIntervalSince1970: 0),
      message: "revert: let us never again speak of the noodle incident\n\nRefs: 676104e, a215868\n"
    )
    #expect(conventional.revertedIDs == ["676104e", "a215868"])
  }
}

extension String {
  func repeated(_ count: Int) -> String { String(repeating: self, count: count) }
}
