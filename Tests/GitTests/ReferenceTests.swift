import Foundation
import Git
import TestSupport
import Testing

@Suite("References and compare-and-swap updates")
struct ReferenceTests {
  @Test func createsOnlyWhenAbsent() throws {
    let fixture = try FixtureRepository()
    let first = try #require(ObjectID(hex: try fixture.commit("feat: first")))
    let repository = try Repository(at: fixture.path)
    try repository.updateReference(
      named: "refs/environments/staging", to: first, expecting: nil, logMessage: "create")
    #expect(try repository.reference(named: "refs/environments/staging")?.objectID == first)
    #expect {
      try repository.updateReference(
        named: "refs/environments/staging", to: first, expecting: nil, logMessage: "again")
    } throws: { ($0 as? GitError)?.code == .exists }
  }

  @Test func aWriterWithAStaleExpectationLosesTheRace() throws {
    let fixture = try FixtureRepository()
    let first = try #require(ObjectID(hex: try fixture.commit("feat: first")))
    let second = try #require(ObjectID(hex: try fixture.commit("feat: second")))
    let third = try #require(ObjectID(hex: try fixture.commit("feat: third")))
    let name = "refs/environments/production"
    let winner = try Repository(at: fixture.path)
    let loser = try Repository(at: fixture.path)
    try winner.updateReference(named: name, to: first, expecting: nil, logMessage: "start")
    // Both read `first`; the winner moves the ref on, the loser's swap must then fail.
    try winner.updateReference(named: name, to: second, expecting: first, logMessage: "winner")
    #expect {
      try loser.updateReference(named: name, to: third, expecting: first, logMessage: "loser")
    } throws: { ($0 as? GitError)?.code == .modified }
    #expect(try fixture.git("rev-parse", name) == second.hex)
  }

  @Test func aLockedReferenceIsReportedNotOverwritten() throws {
    let fixture = try FixtureRepository()
    let first = try #require(ObjectID(hex: try fixture.commit("feat: first")))
    let second = try #require(ObjectID(hex: try fixture.commit("feat: second")))
    let repository = try Repository(at: fixture.path)
    try repository.updateReference(
      named: "refs/heads/release", to: first, expecting: nil, logMessage: "create")
    // Another git process holds the lock.
    try fixture.write(".git/refs/heads/release.lock", "")
    #expect(throws: GitError.self) {
      try repository.updateReference(
        named: "refs/heads/release", to: second, expecting: first, logMessage: "move")
    }
    #expect(try fixture.git("rev-parse", "refs/heads/release") == first.hex)
  }

  @Test func listsReferencesByGlobInOnePass() throws {
    let fixture = try FixtureRepository()
    let first = try #require(ObjectID(hex: try fixture.commit("feat: first")))
    let repository = try Repository(at: fixture.path)
    for name in ["dev", "staging", "production"] {
      try repository.updateReference(
        named: "refs/environments/\(name)", to: first, expecting: nil, logMessage: name)
    }
    let names = try repository.references(matching: "refs/environments/*").map(\.name).sorted()
    #expect(names == ["refs/environments/dev", "refs/environments/production", "refs/environments/staging"])
    try repository.deleteReference(named: "refs/environments/dev")
    #expect(try repository.reference(named: "refs/environments/dev") == nil)
    #expect(Repository.isValidReferenceName("refs/tags/v1.0.0"))
    #expect(!Repository.isValidReferenceName("refs/tags/v1..0"))
  }

  @Test func writesCommitsOnTheEmptyTreeWithoutMovingRefs() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first")
    let repository = try Repository(at: fixture.path)
    let tree = try repository.writeEmptyTree()
    #expect(tree.hex == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
    let person = Signature(name: "Rel Eng", email: "rel@example.com", time: Date(timeIntervalSince1970: 1_700_000_000))
    let root = try repository.writeCommit(
      tree: tree, parents: [], author: person, committer: person, message: "promote: v1.0.0\n")
    let child = try repository.writeCommit(
      tree: tree, parents: [root], author: person, committer: person, message: "promote: v1.1.0\n")
    #expect(try repository.commit(child).parentIDs == [root])
    #expect(try fixture.git("rev-parse", "HEAD") != child.hex)
    try repository.updateReference(named: "refs/environments/dev", to: child, expecting: nil, logMessage: "x")
    #expect(try fixture.git("log", "--format=%s", "refs/environments/dev") == "promote: v1.1.0\npromote: v1.0.0")
  }
}
