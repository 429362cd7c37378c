import Clibgit2
import Foundation
import TestSupport
import Testing

@testable import Git
@testable import GitHistory

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

  /// Every offset in the index's offsets table made to point out of bounds: small offsets past
  /// the pack's end, and large ones past the large-offset table (this pack has none). Without
  /// the reader's bounds checks these reads leave the mapped files.
  @Test func aDamagedOffsetsTableIsNeverTrustedPastItsBounds() throws {
    let (fixture, ids) = try packedHistory()
    let path = try packIndex(fixture)
    var index = IndexFile(try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(index.objects > ids.count)  // it lists the trees and blobs too
    let pack = try FileManager.default.attributesOfItem(
      atPath: String(path.dropLast(4)) + ".pack")[.size] as? Int
    let packSize = try #require(pack)
    var small = 0
    var large = 0
    for (number, id) in ids.enumerated() {
      let position = try #require(index.position(of: id))
      let offset: UInt32 =
        number % 2 == 0 ? UInt32(packSize) + 0x100_0000 : 0x8000_0000 | 0x0fff_ffff
      if offset & 0x8000_0000 == 0 { small += 1 } else { large += 1 }
      index.setOffset(offset, at: position)
    }
    #expect(small == 2 && large == 2)
    try index.data.write(to: URL(fileURLWithPath: path))
    let reader = try #require(PackReader(try Repository(at: fixture.path)))
    for id in ids {
      #expect(try packed(reader, id) == nil)
    }
  }

  /// A fan-out table whose counts run past the number of objects, or a count larger than the
  /// file can hold, is never searched.
  @Test func aDamagedFanOutIsNeverTrustedPastItsBounds() throws {
    let (fixture, ids) = try packedHistory()
    let path = try packIndex(fixture)
    let whole = try Data(contentsOf: URL(fileURLWithPath: path))
    // Each commit's slot of the fan-out made to end far past the ids table.
    var index = IndexFile(whole)
    for id in ids {
      let first = Int(try #require(UInt8(id.prefix(2), radix: 16)))
      if first < 255 { index.setWord(0x00ff_ffff, at: 8 + first * 4) }
    }
    try index.data.write(to: URL(fileURLWithPath: path))
    let reader = try #require(PackReader(try Repository(at: fixture.path)))
    for id in ids where !id.hasPrefix("ff") {
      #expect(try packed(reader, id) == nil)
    }
    // A total count the file is too short for: the pack is not read at all.
    var short = IndexFile(whole)
    short.setWord(0x00ff_ffff, at: 8 + 255 * 4)
    try short.data.write(to: URL(fileURLWithPath: path))
    #expect(PackReader(try Repository(at: fixture.path)) == nil)
  }

  /// The fast path against libgit2's own reading: every commit's bytes, and the commit graph
  /// built on them against libgit2's parse.
  func expectFastPathMatchesLibgit2(_ fixture: FixtureRepository, packed expected: Int) throws {
    let repository = try Repository(at: fixture.path)
    let reader = try #require(PackReader(repository))
    let ids = try fixture.git("rev-list", "--all").split(separator: "\n").map(String.init)
    var fromPacks = 0
    for id in ids {
      let slow = try libgit2Bytes(repository, id)
      guard let fast = try packed(reader, id) else { continue }
      fromPacks += 1
      #expect(fast == slow)
    }
    #expect(fromPacks == expected)
    let graph = try CommitGraph(repository, from: repository.resolveCommit("HEAD")) { $0 }
    #expect(graph.ids.count == ids.count)
    for commit in graph.payloads {
      let slow = try repository.commit(commit.id)
      #expect(commit.parentIDs == slow.parentIDs && commit.treeID == slow.treeID)
      #expect(commit.author == slow.author && commit.committer == slow.committer)
      #expect(commit.rawMessage == slow.rawMessage)
    }
  }

  /// Commits in batches, each batch packed on its own (no deltas), so the history spans packs.
  func historyInPacks(_ count: Int) throws -> FixtureRepository {
    let fixture = try FixtureRepository()
    for pack in 1...count {
      for number in 1...3 { try fixture.commit("feat: pack \(pack) change \(number)") }
      try fixture.git("repack", "-dq", "--window=0")
    }
    let packs = try fixture.git("count-objects", "-v").split(separator: "\n")
    #expect(packs.contains("packs: \(count)"))
    return fixture
  }

  @Test func readsCommitsAcrossSeveralPacks() throws {
    let fixture = try historyInPacks(3)
    try expectFastPathMatchesLibgit2(fixture, packed: 9)
  }

  @Test func readsCommitsOfPacksUnderAMultiPackIndex() throws {
    let fixture = try historyInPacks(3)
    try fixture.git("multi-pack-index", "write")
    let midx = fixture.path + "/.git/objects/pack/multi-pack-index"
    #expect(FileManager.default.fileExists(atPath: midx))
    try expectFastPathMatchesLibgit2(fixture, packed: 9)
  }

  @Test func readsPackedCommitsBesideLooseOnes() throws {
    let fixture = try historyInPacks(2)
    for number in 1...4 { try fixture.commit("fix: loose \(number)") }
    #expect(try fixture.git("count-objects").hasPrefix("12 objects"))  // 4 commits, trees, blobs
    try expectFastPathMatchesLibgit2(fixture, packed: 6)
  }

  /// A commit's bytes as libgit2's object database reads them.
  func libgit2Bytes(_ repository: Repository, _ hex: String) throws -> String {
    let id = try #require(ObjectID(hex: hex))
    let odb = try repository.makeHandle("git_repository_odb") {
      git_repository_odb(&$0, repository.handle)
    }
    defer { git_odb_free(odb) }
    return try RawCommit.withBytes(of: id, packs: nil, odb: odb) {
      String(decoding: $0, as: UTF8.self)
    }
  }

  func packIndex(_ fixture: FixtureRepository) throws -> String {
    let folder = fixture.path + "/.git/objects/pack"
    let name = try #require(
      try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".idx") })
    return folder + "/" + name
  }
}

/// A version 2 pack index, to damage: a header (8 bytes), 256 counts, then each object's id (20),
/// each one's CRC (4) and each one's offset (4), then large offsets and two checksums.
struct IndexFile {
  var data: Data

  init(_ data: Data) { self.data = data }

  func word(at offset: Int) -> UInt32 {
    data[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
  }

  mutating func setWord(_ value: UInt32, at offset: Int) {
    for byte in 0..<4 { data[offset + byte] = UInt8(truncatingIfNeeded: value >> (24 - 8 * byte)) }
  }

  /// Every object in the pack, not only the commits.
  var objects: Int { Int(word(at: 8 + 255 * 4)) }

  /// The position of an object in the sorted ids table.
  func position(of hex: String) -> Int? {
    (0..<objects).first { number in
      let start = 8 + 1024 + number * 20
      return data[start..<start + 20].map { String(format: "%02x", $0) }.joined() == hex
    }
  }

  mutating func setOffset(_ value: UInt32, at position: Int) {
    setWord(value, at: 8 + 1024 + objects * 24 + position * 4)
  }
}
