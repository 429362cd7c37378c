import Foundation
import Git
import TestSupport
import Testing

@Suite("Revision walks")
struct RevisionWalkTests {
  func collect(_ walk: borrowing RevisionWalk) throws -> [String] {
    var result: [String] = []
    while let id = try walk.next() { result.append(id.hex) }
    return result
  }

  @Test func walksARangeWithMergedCommits() throws {
    let (fixture, ids) = try FixtureRepository.mergedHistory()
    let repository = try Repository(at: fixture.path)
    let walk = try RevisionWalk(repository, sorting: [.topological, .time])
    try walk.push(range: "\(ids["b"]!)..HEAD")
    #expect(Set(try collect(walk)) == Set([ids["c"]!, ids["m"]!, ids["d"]!]))
  }

  @Test func pushAndHide() throws {
    let (fixture, ids) = try FixtureRepository.mergedHistory()
    let repository = try Repository(at: fixture.path)
    let walk = try RevisionWalk(repository, sorting: .topological)
    try walk.push(try #require(ObjectID(hex: ids["d"]!)))
    try walk.hide(try #require(ObjectID(hex: ids["a"]!)))
    let order = try collect(walk)
    #expect(order.first == ids["d"])
    #expect(Set(order) == Set([ids["b"]!, ids["c"]!, ids["m"]!, ids["d"]!]))
    // Topological: no parent before its children.
    #expect(order.firstIndex(of: ids["m"]!)! < order.firstIndex(of: ids["c"]!)!)
    #expect(order.firstIndex(of: ids["m"]!)! < order.firstIndex(of: ids["b"]!)!)
  }

  @Test func firstParentOnlyLeavesOutMergedBranches() throws {
    let (fixture, ids) = try FixtureRepository.mergedHistory()
    let repository = try Repository(at: fixture.path)
    let walk = try RevisionWalk(repository, firstParentOnly: true)
    try walk.push(try #require(ObjectID(hex: ids["d"]!)))
    #expect(try collect(walk) == [ids["d"]!, ids["m"]!, ids["b"]!, ids["a"]!])
  }

  @Test func reverseOrderStartsAtTheRoot() throws {
    let (fixture, ids) = try FixtureRepository.mergedHistory()
    let repository = try Repository(at: fixture.path)
    let walk = try RevisionWalk(repository, sorting: [.topological, .reverse])
    try walk.push(try #require(ObjectID(hex: ids["d"]!)))
    let order = try collect(walk)
    #expect(order.first == ids["a"])
    #expect(order.last == ids["d"])
  }

  @Test func aBadRangeIsAnError() throws {
    let (fixture, _) = try FixtureRepository.mergedHistory()
    let walk = try RevisionWalk(try Repository(at: fixture.path))
    #expect(throws: GitError.self) { try walk.push(range: "nope..HEAD") }
  }

  /// libgit2 1.5 has no shallow support in walks: it fails with "not found" when it reaches the
  /// missing parents of the cut. A sorted walk prepares everything first and so fails at once; an
  /// unsorted one yields what is there first. Callers must turn this into a clear "shallow" error.
  @Test(arguments: [RevisionWalk.Sorting(), .time, .topological])
  func walkingPastAShallowBoundaryFailsWithNotFound(sorting: RevisionWalk.Sorting) throws {
    let fixture = try FixtureRepository()
    for index in 1...5 { try fixture.commit("feat: change \(index)") }
    let clone = try FixtureRepository.makeTemporaryFolder().appendingPathComponent("clone")
    defer { try? FileManager.default.removeItem(at: clone.deletingLastPathComponent()) }
    try fixture.git("clone", "-q", "--depth", "2", "file://" + fixture.path, clone.path)
    let repository = try Repository(at: clone.path)
    let walk = try RevisionWalk(repository, sorting: sorting)
    try walk.push(try repository.resolveCommit("HEAD"))
    var seen: [String] = []
    var failure: GitError?
    do {
      while let id = try walk.next() { seen.append(id.hex) }
    } catch {
      failure = error
    }
    #expect(failure?.code == .notFound)
    let present = [try fixture.revParse("HEAD"), try fixture.revParse("HEAD~1")]
    #expect(seen.allSatisfy(present.contains))
  }
}
