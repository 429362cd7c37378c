import Foundation
import TestSupport
import Testing

@testable import Git

@Suite("Reading commits straight from pack files")
struct PackReaderTests {
  /// A commit's content as the pack reader gives it; nil when it leaves the commit to libgit2.
  func packed(_ reader: PackReader, _ id: String) throws -> String? {
    reader.withCommit(try #require(ObjectID(hex: id))) { String(decoding: $0, as: UTF8.self) }
  }

  /// The commit's content as git prints it: `--batch` writes a header line, the content, then
  /// a newline of its own, which the fixture drops.
  func expected(_ fixture: FixtureRepository, _ id: String) throws -> String {
    let batch = try fixture.git(["cat-file", "--batch"], input: id + "\n")
    return String(try #require(batch.split(separator: "\n", maxSplits: 1).last))
  }

  /// A history with a merge, a multi-line message and one over 2 KiB, packed by `git gc`.
  func packedHistory() throws -> (FixtureRepository, [String]) {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: a")
    try fixture.git("checkout", "-q", "-b", "side")
    try fixture.commit("fix: b\n\nwith a body\n\nRefs: #1", file: "side.txt")
    try fixture.git("checkout", "-q", "main")
    try fixture.commit("docs: " + String(repeating: "long words ", count: 300))
    try fixture.git("merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side")
    try fixture.git("gc", "-q")
    return (fixture, try fixture.git("rev-list", "--all").split(separator: "\n").map(String.init))
  }

  @Test func readsEveryPackedCommitAsGitStoresIt() throws {
    let (fixture, ids) = try packedHistory()
    let reader = try #require(PackReader(try Repository(at: fixture.path)))
    #expect(ids.count == 4)
    for id in ids {
      let read = try packed(reader, id)
      let whole = try expected(fixture, id)
      #expect(read == whole)
    }
  }

  @Test func leavesLooseCommitsAndOtherObjectsToLibgit2() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: loose")
    #expect(PackReader(try Repository(at: fixture.path)) == nil)  // nothing is packed yet

    let (packedFixture, ids) = try packedHistory()
    let loose = try packedFixture.commit("fix: after the pack")
    let reader = try #require(PackReader(try Repository(at: packedFixture.path)))
    #expect(try packed(reader, loose) == nil)
    #expect(try packed(reader, packedFixture.git("rev-parse", "HEAD^{tree}")) == nil)
    #expect(try packed(reader, ids[0]) == expected(packedFixture, ids[0]))
  }

  @Test func leavesCommitsStoredAsDeltasToLibgit2() throws {
    let fixture = try FixtureRepository()
    let body = String(repeating: "the same long paragraph, again and again. ", count: 200)
    for number in 1...8 { try fixture.commit("feat: change \(number)\n\n\(body)") }
    try fixture.git("repack", "-adfq", "--window=50", "--depth=50")
    // `git verify-pack -v` lists a delta with its depth and base after the offset.
    let listing = try fixture.git("verify-pack", "-v", packIndex(fixture))
    let rows: [[Substring]] = listing.split(separator: "\n").map { $0.split(separator: " ") }
    let delta = try #require(rows.first { $0.count >= 7 && $0[1] == "commit" }).first
    let deltaID = String(try #require(delta))
    let reader = try #require(PackReader(try Repository(at: fixture.path)))
    #expect(try packed(reader, deltaID) == nil)
    // The graph reads it through libgit2 instead, and reads every commit all the same.
    let repository = try Repository(at: fixture.path)
    let graph = try CommitGraph(repository, from: repository.resolveCommit("HEAD")) {
      commit -> Int in commit.rawMessage.count
    }
    let longest = body.utf8.count
    #expect(graph.ids.count == 8)
    #expect(graph.payloads.allSatisfy { (size: Int) in size > longest })
  }

  @Test func aDamagedIndexIsNeverTrustedPastItsBounds() throws {
    let (fixture, ids) = try packedHistory()
    let index = try packIndex(fixture)
    let handle = try #require(FileHandle(forUpdatingAtPath: index))
    // The offsets table (after the header, 256 counts, ids and CRCs) made to point past the end.
    try handle.seek(toOffset: UInt64(8 + 1024 + ids.count * 24 + ids.count * 4 - 40))
    // Small offsets past the pack's end, then large ones past the large-offset table's.
    handle.write(Data(repeating: 0x7f, count: 20) + Data(repeating: 0xff, count: 20))
    try handle.close()
    let reader = try #require(PackReader(try Repository(at: fixture.path)))
    for id in ids {
      let read = try packed(reader, id)
      let whole = try expected(fixture, id)
      #expect(read == nil || read == whole)
    }
  }

  func packIndex(_ fixture: FixtureRepository) throws -> String {
    let folder = fixture.path + "/.git/objects/pack"
    let name = try #require(
      try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".idx") })
    return folder + "/" + name
  }
}
