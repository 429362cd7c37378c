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

  /// Creating is a compare-and-swap too: of writers racing to create the same reference, one
  /// wins and the others get `.exists`, never a silent overwrite.
  @Test func racingCreatorsHaveOneWinner() throws {
    let fixture = try FixtureRepository()
    let path = fixture.path
    // Enough rounds that a check-then-lock race shows (before the fix, several rounds in 150 had two winners or more).
    let rounds = 150
    let writers = 8
    final class Tally: @unchecked Sendable {
      let lock = NSLock()
      var wins: [Int]
      init(rounds: Int) { wins = [Int](repeating: 0, count: rounds) }
      var failures: [String] = []
    }
    let tally = Tally(rounds: rounds)
    let group = DispatchGroup()
    for writer in 0..<writers {
      group.enter()
      Thread.detachNewThread {
        defer { group.leave() }
        do {
          // Each thread opens its own repository, as libgit2 handles are not shared.
          let repository = try Repository(at: path)
          let signature = Signature(name: "Writer \(writer)", email: "w\(writer)@example.com")
          let tree = try repository.writeEmptyTree()
          for round in 0..<rounds {
            let commit = try repository.writeCommit(
              tree: tree, parents: [], author: signature, committer: signature,
              message: "round \(round) by \(writer)\n")
            do {
              try repository.updateReference(
                named: "refs/environments/round-\(round)", to: commit, expecting: nil,
                logMessage: "create")
              tally.lock.withLock { tally.wins[round] += 1 }
            } catch {
              guard let refused = error as? GitError,
                [GitError.Code.exists, .locked].contains(refused.code)
              else { throw error }
            }
          }
        } catch {
          tally.lock.withLock { tally.failures.append("\(error)") }
        }
      }
    }
    group.wait()
    #expect(tally.failures.isEmpty)
    let wrong = tally.wins.enumerated().filter { $0.element != 1 }
    #expect(wrong.isEmpty, "rounds without exactly one winner: \(wrong.map { "\($0)" })")
  }
}
