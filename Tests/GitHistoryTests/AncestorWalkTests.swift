import Foundation
import Git
import GitHistory
import TestSupport
import Testing

@Suite("Ancestor walk")
struct AncestorWalkTests {
  /// main: a - b - m(merge of side c) - d ; side: c
  func history() throws -> (FixtureRepository, [String: String]) {
    let fixture = try FixtureRepository()
    var ids: [String: String] = [:]
    ids["a"] = try fixture.commit("feat: a")
    ids["b"] = try fixture.commit("feat: b")
    try fixture.git("checkout", "-q", "-b", "side")
    ids["c"] = try fixture.commit("feat: c", file: "side.txt")
    try fixture.git("checkout", "-q", "main")
    try fixture.git("merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side")
    ids["m"] = try fixture.revParse("HEAD")
    ids["d"] = try fixture.commit("fix: d")
    return (fixture, ids)
  }

  @Test func ancestorWalkGivesEveryReachableCommitOnceNewestFirst() throws {
    let (fixture, ids) = try history()
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
