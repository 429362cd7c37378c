import Foundation
import Git
import GitHistory
import TestSupport
import Testing

@Suite("Ancestor walk")
struct AncestorWalkTests {
  @Test func ancestorWalkGivesEveryReachableCommitOnceNewestFirst() throws {
    let (fixture, ids) = try FixtureRepository.mergedHistory()
    let repository = try Repository(at: fixture.path)
    var walk = try AncestorWalk(repository, from: repository.resolveCommit("HEAD"))
    var order: [String] = []
    while let id = try walk.next() { order.append(id.hex) }
    #expect(Set(order) == Set(ids.values))
    #expect(order.count == ids.count)
    #expect(order.first == ids["d"])
    #expect(order.last == ids["a"])
    let times = try order.map { try fixture.git("show", "-s", "--format=%ct", $0) }
      .map { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }
    #expect(times == times.sorted(by: >))
  }
}
