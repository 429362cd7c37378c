import Foundation
import Git
import TestSupport
import Testing

@Suite("Reading commits")
struct CommitTests {
  @Test func readsEveryField() throws {
    let fixture = try FixtureRepository()
    let first = try fixture.commit("feat: first")
    let id = try fixture.git(
      ["commit", "-q", "--allow-empty", "-m", "fix(io): second\n\nBody line.\n\nRefs: #12"],
      environment: ["GIT_AUTHOR_DATE": "1700000100 +0930", "GIT_COMMITTER_DATE": "1700000200 -0500"])
    _ = id
    let head = try fixture.revParse("HEAD")
    let commit = try Repository(at: fixture.path).commit(try #require(ObjectID(hex: head)))
    #expect(commit.id.hex == head)
    #expect(commit.parentIDs.map(\.hex) == [first])
    #expect(commit.author.name == "Ada Author")
    #expect(commit.author.email == "ada@example.com")
    #expect(commit.author.time == Date(timeIntervalSince1970: 1_700_000_100))
    #expect(commit.author.offsetMinutes == 570)
    #expect(commit.committer.name == "Cy Committer")
    #expect(commit.committer.offsetMinutes == -300)
    #expect(commit.committer.offsetString == "-0500")
    #expect(commit.message == "fix(io): second\n\nBody line.\n\nRefs: #12\n")
    #expect(commit.summary == "fix(io): second")
    #expect(!commit.isMerge)
  }

  @Test func messageThatIsNotUTF8KeepsItsBytes() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first")
    // "fix: caf\xe9" in Latin-1, declared as such, the way old git tools wrote it.
    try fixture.git("config", "i18n.commitEncoding", "ISO-8859-1")
    var bytes = Data("fix: caf".utf8)
    bytes.append(0xE9)
    bytes.append(contentsOf: Array("\n".utf8))
    try fixture.commitStaged(rawMessage: bytes, allowEmpty: true)
    let commit = try Repository(at: fixture.path).commit(
      try #require(ObjectID(hex: try fixture.revParse("HEAD"))))
    #expect(commit.rawMessage == Array(bytes))
    #expect(commit.encoding == "ISO-8859-1")
    #expect(commit.message == "fix: caf\u{FFFD}\n")
  }

  @Test func mergeCommitHasBothParents() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: base")
    try fixture.git("checkout", "-q", "-b", "side")
    let side = try fixture.commit("feat: side", file: "side.txt")
    try fixture.git("checkout", "-q", "main")
    let main = try fixture.commit("fix: main", file: "main.txt")
    try fixture.git("merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side")
    let merge = try Repository(at: fixture.path).commit(
      try #require(ObjectID(hex: try fixture.revParse("HEAD"))))
    #expect(merge.isMerge)
    #expect(merge.parentIDs.map(\.hex) == [main, side])
  }

  @Test func treeEntriesByPath() throws {
    let fixture = try FixtureRepository()
    let first = try #require(ObjectID(hex: try fixture.commit("feat(api): one", file: "services/api/a.txt")))
    let second = try #require(ObjectID(hex: try fixture.commit("feat(web): two", file: "web/b.txt")))
    let repository = try Repository(at: fixture.path)
    let apiBefore = try repository.treeEntryID(at: "services/api", inCommit: first)
    let apiAfter = try repository.treeEntryID(at: "services/api", inCommit: second)
    #expect(apiBefore != nil)
    #expect(apiBefore == apiAfter)  // the second commit did not touch services/api
    #expect(try repository.treeEntryID(at: "web", inCommit: first) == nil)
    #expect(try repository.treeEntryID(at: "web", inCommit: second) != nil)
    let contents = try #require(try repository.fileContents(at: "web/b.txt", inCommit: second))
    #expect(String(decoding: contents, as: UTF8.self).contains("feat(web): two"))
    #expect(try repository.fileContents(at: "missing.txt", inCommit: second) == nil)
  }
}

@Suite("Object ids")
struct ObjectIDTests {
  @Test(arguments: [
    "0123456789abcdef0123456789abcdef01234567", "ffffffffffffffffffffffffffffffffffffffff",
    "0000000000000000000000000000000000000000", "DEADBEEFdeadbeef00000000000000000000cafe",
  ])
  func hexReadsBackAsGitWritesIt(_ hex: String) throws {
    let id = try #require(ObjectID(hex: hex))
    #expect(id.hex == hex.lowercased())
    #expect(id.description == hex.lowercased())
  }
}
