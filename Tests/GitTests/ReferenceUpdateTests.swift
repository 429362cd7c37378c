import Foundation
import Git
import TestSupport
import Testing

/// The compare-and-swap the environment trails rely on.
@Suite("Reference updates")
struct ReferenceUpdateTests {
  @Test func onlyTheExpectedTipCanBeReplaced() throws {
    let fixture = try FixtureRepository()
    let repository = try Repository(at: fixture.path)
    let signature = Signature(
      name: "Ada", email: "ada@example.com", time: Date(timeIntervalSince1970: 1_800_000_000))
    let tree = try repository.writeEmptyTree()
    let first = try repository.writeCommit(
      tree: tree, parents: [], author: signature, committer: signature, message: "first\n")
    let second = try repository.writeCommit(
      tree: tree, parents: [first], author: signature, committer: signature, message: "second\n")
    let rival = try repository.writeCommit(
      tree: tree, parents: [first], author: signature, committer: signature, message: "rival\n")
    let name = "refs/environments/production"

    try repository.updateReference(named: name, to: first, expecting: nil, logMessage: "create")
    #expect {
      try repository.updateReference(named: name, to: rival, expecting: nil, logMessage: "again")
    } throws: { ($0 as? GitError)?.code == .exists }

    try repository.updateReference(named: name, to: second, expecting: first, logMessage: "move")
    #expect {
      try repository.updateReference(named: name, to: rival, expecting: first, logMessage: "stale")
    } throws: { ($0 as? GitError)?.code == .modified }
    #expect(try repository.reference(named: name)?.objectID == second)
    #expect(try fixture.git("rev-list", "--count", name) == "2")
    #expect(tree.hex == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
  }
}
