import Foundation
import TestSupport
import Testing

@Suite("Test fixtures: commits made in bulk")
struct FixtureRepositoryTests {
  /// The bulk path must make what the one-at-a-time path makes, so tests may use either.
  @Test func emptyCommitsAreTheCommitsEmptyCommitMakes() throws {
    let messages = ["feat: one", "fix: two\n\nwith a body\n", "chore: three"]
    let oneByOne = try FixtureRepository()
    try oneByOne.commit("feat: root")
    let bulk = try FixtureRepository()
    try bulk.commit("feat: root")
    let expected = try messages.map { try oneByOne.emptyCommit($0) }
    #expect(try bulk.emptyCommits(messages) == expected)
    #expect(bulk.clock == oneByOne.clock)
    #expect(try bulk.git("status", "--porcelain") == "")
    // Loose objects, as `git commit` leaves them: no pack.
    #expect(try bulk.git("count-objects", "-v").contains("packs: 0"))
    #expect(try bulk.emptyCommits([]) == [])
  }
}
