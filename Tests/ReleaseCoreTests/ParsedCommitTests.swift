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
    #expect(ParsedCommit.conventional(commit) == ConventionalCommit.parse(message))
  }
}
