import Foundation
import Testing

@testable import ReleaseCore

@Suite("Reading commits for release notes")
struct ParsedCommitTests {
  @Test(arguments: [
    "feat: one line", "feat(api)!: breaking header\n", "fix: trailing blanks \n\n  \n",
    "fix: crlf\r\n", "not conventional", "feat: body\n\nwith text", "feat:missing space", "",
    "feat(scope): with footer\n\nBREAKING CHANGE: gone", "FEAT(Api): upper case",
  ])
  func theOneLineShortcutReadsAsTheFullParse(_ message: String) {
    let commit = CommitRecord(
      id: String(repeating: "a", count: 40), parents: [], author: .init(name: "A", email: "a@x"),
      authorDate: Date(timeIntervalSince1970: 0), message: message)
    #expect(
      ParsedCommit.conventional(commit) == ConventionalCommit.parse(message, keepingBody: false))
  }

  @Test(arguments: [
    "feat: body\n\nwith text\n\nRefs: #1", "fix: crlf\r\n\r\nbody\r\n", "feat: one line",
    "fix(x)!: text\n\n  indented body  \n\nBREAKING CHANGE: gone\ncontinued", "not conventional",
  ])
  func readingWithoutTheBodyChangesNothingElse(_ message: String) {
    let full = ConventionalCommit.parse(message)
    let lean = ConventionalCommit.parse(message, keepingBody: false)
    #expect(
      lean
        == full.map {
          ConventionalCommit(
            type: $0.type, scope: $0.scope, description: $0.description, footers: $0.footers,
            hasBreakingMarker: $0.hasBreakingMarker)
        })
    #expect(lean?.body == nil)
  }

  @Test(arguments: [
    ("feat: x\n\nCo-authored-by: Ann Lee <ann@x.org>", [("Ann Lee", "ann@x.org")]),
    ("feat: x\n\nCO-AUTHORED-BY:\t Bo  <bo@x>\n", [("Bo", "bo@x")]),
    ("feat: x\r\n\r\nCo-authored-by: Cy <cy@x>\r\n", []),
    ("feat: x\n\nCo-authored-by\u{1A} Di <di@x>", []),
    ("feat: x\n\nCo-authored-by:\u{301} Ed <ed@x>", []),
    ("feat: x\n\nCo-authored-by: \u{A0}Flo\u{A0} <flo@x>", [("Flo", "flo@x")]),
  ])
  func coAuthorsAreReadFromTheirTrailers(_ message: String, _ expected: [(String, String)]) {
    let found = ContributorTally.coAuthors(message)
    #expect(found.map(\.0) == expected.map(\.0))
    #expect(found.map(\.1) == expected.map(\.1))
  }
}

@Suite("Finding issue references")
struct IssueReferenceReadingTests {
  /// A letter that is not ASCII at the end sends a text down the Character path: both read alike.
  @Test(arguments: [
    "fix #12 and owner/repo#34", "C#1 page#3 (#5) [#6] ,#7 ;#8 :#9", "a/b/c#1 /x#2 x/#3 -a/b#4",
    "#0 #1234567890 #123456789 #12a #12_ #12.", "see\t#4\n#5\u{0B}#6", "#", "##7", "a_b/c.d#8",
  ])
  func asciiTextReadsAsTheCharacterPath(_ text: String) {
    for requireBoundary in [true, false] {
      let ascii = IssueReferences.mentions(in: text, requireBoundary: requireBoundary)
      let unicode = IssueReferences.mentions(in: text + " é", requireBoundary: requireBoundary)
      #expect(ascii.map(\.0) == unicode.map(\.0))
      #expect(ascii.map(\.1) == unicode.map(\.1))
    }
  }
}
