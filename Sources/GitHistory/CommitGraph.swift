import Clibgit2
import Foundation
import Git

/// Every commit reachable from a tip, each object read exactly once, ordered children before
/// parents.
///
/// libgit2's topological walk reads every commit to order them, and a caller that wants the
/// messages reads each commit a second time. Here `read` sees each commit as it is parsed from
/// the one read and the graph keeps only what it returns. Among the commits whose children have
/// all come out, the newest commit time goes first, and equal times go by id (smallest first), so
/// the order is the same on every run.
///
/// Two threads share the work: the calling one reads the objects and follows the parents, and
/// another parses each commit and runs `read` on it, so a walk takes about as long as the longer
/// of the two, not their sum.
public struct CommitGraph<Payload: Sendable>: Sendable {
  /// Each commit's id, by position (the order the commits were met and read in).
  public private(set) var ids: [ObjectID] = []
  /// What `read` returned for each commit, by position.
  public private(set) var payloads = Payloads()
  /// Each commit's committer time, in seconds since 1970, by position.
  public private(set) var commitTimes: [Int64] = []
  /// The positions, children before parents.
  public private(set) var order: [Int] = []
  /// False when `stop` ended the walk early: then only `ids` and `payloads` hold what was read,
  /// and `order` is empty.
  public private(set) var isComplete = true
  /// The positions of commit `i`'s parents are `parentList[parentStart[i]..<parentStart[i + 1]]`.
  private var parentStart: [Int32] = [0]
  private var parentList: [Int32] = []
  private var positions: [ObjectID: Int32] = [:]

  /// Reads the history of `tip`. `read` gets each commit once, on another thread, one call at a
  /// time, in the order the commits are read. `stop` is asked every thousand commits or so
  /// whether the walk is still wanted, as when what it was for turns out to be empty.
  public init(
    _ repository: Repository, from tip: ObjectID, stoppingWhen stop: () -> Bool = { false },
    read: @escaping @Sendable (Commit) -> Payload
  ) throws {
    let odb = try repository.makeHandle("git_repository_odb") {
      git_repository_odb(&$0, repository.handle)
    }
    defer { git_odb_free(odb) }
    let packs = PackReader(repository)
    let reader = ConcurrentReader(read)
    var batch = RawCommits()
    // Breadth first: commits are read in the order they are met, so a parent's position is known
    // as soon as it is met, and `ids` is the queue.
    positions = [tip: 0]
    ids = [tip]
    var next = 0
    while next < ids.count {
      let id = ids[next]
      let parents: [ObjectID]
      do {
        parents = try RawCommit.withBytes(of: id, packs: packs, odb: odb) { bytes in
          batch.append(id, bytes)
          let header = RawCommit.graphHeader(bytes)
          commitTimes.append(header.time)
          return header.parents
        }
      } catch {
        _ = reader.finish()
        throw error
      }
      next += 1
      for parent in parents {
        if let known = positions[parent] {
          parentList.append(known)
        } else {
          positions[parent] = Int32(ids.count)
          parentList.append(Int32(ids.count))
          ids.append(parent)
        }
      }
      parentStart.append(Int32(parentList.count))
      if batch.count == Payloads.chunkSize {
        reader.submit(batch)
        batch = RawCommits()
        if stop() {
          isComplete = false
          break
        }
      }
    }
    reader.submit(batch)
    payloads.chunks = reader.finish()
    guard isComplete else { return }
    order = Self.topologicalOrder(
      ids: ids, times: commitTimes, parentStart: parentStart, parentList: parentList)
  }

  /// The position of a commit; nil when the history does not reach it.
  public func position(of id: ObjectID) -> Int? {
    positions[id].map(Int.init)
  }

  /// What `read` returned, by position, kept in chunks: a long history's payloads are never
  /// copied whole to grow, and no second copy is held while they are gathered.
  public struct Payloads: RandomAccessCollection, Sendable {
    @usableFromInline static var chunkSize: Int { 1024 }
    @usableFromInline var chunks: [[Payload]] = []

    public var startIndex: Int { 0 }
    public var endIndex: Int {
      chunks.last.map { (chunks.count - 1) * Self.chunkSize + $0.count } ?? 0
    }
    // Inlinable, so a caller's payload type is copied out directly, not through generic code.
    @inlinable public subscript(position: Int) -> Payload {
      chunks[position / Self.chunkSize][position % Self.chunkSize]
    }
  }

  /// The positions of a commit's parents.
  public func parents(of position: Int) -> ArraySlice<Int32> {
    parentList[Int(parentStart[position])..<Int(parentStart[position + 1])]
  }

  /// Kahn's order: a commit is ready once all its children are out; the newest ready goes next.
  private static func topologicalOrder(
    ids: [ObjectID], times: [Int64], parentStart: [Int32], parentList: [Int32]
  ) -> [Int] {
    var children = [Int32](repeating: 0, count: ids.count)
    for parent in parentList { children[Int(parent)] += 1 }
    // Big-endian words compare as the bytes do, which is the order of the hexadecimal ids.
    let keys = ids.map { ($0.bytes.0.bigEndian, $0.bytes.1.bigEndian, $0.bytes.2.bigEndian) }
    func before(_ a: Int, _ b: Int) -> Bool {
      times[a] != times[b] ? times[a] > times[b] : keys[a] < keys[b]
    }
    var heap = Heap(before: before)
    for index in ids.indices where children[index] == 0 { heap.insert(index) }
    var order: [Int] = []
    order.reserveCapacity(ids.count)
    while let next = heap.removeFirst() {
      order.append(next)
      for parent in parentList[Int(parentStart[next])..<Int(parentStart[next + 1])] {
        children[Int(parent)] -= 1
        if children[Int(parent)] == 0 { heap.insert(Int(parent)) }
      }
    }
    return order
  }
}

/// Commits' raw objects, copied one after another into one buffer: a batch handed to the
/// thread that parses them.
private struct RawCommits: Sendable {
  private(set) var ids: [ObjectID] = []
  private var ends: [Int] = []
  private var bytes: [UInt8] = []

  var count: Int { ids.count }

  mutating func append(_ id: ObjectID, _ object: UnsafeRawBufferPointer) {
    ids.append(id)
    bytes.append(contentsOf: object)
    ends.append(bytes.count)
  }

  /// Parses each commit, in order.
  func map<T>(_ transform: (Commit) -> T) -> [T] {
    bytes.withUnsafeBytes { all in
      ids.indices.map { index in
        let start = index == 0 ? 0 : ends[index - 1]
        let object = UnsafeRawBufferPointer(rebasing: all[start..<ends[index]])
        return transform(RawCommit.parse(object, id: ids[index]))
      }
    }
  }
}

/// Runs `read` over batches of commits on a serial queue, in the order they were submitted, with
/// a few batches in flight at most, so the walk never holds much more than it has handed on.
private final class ConcurrentReader<Payload: Sendable>: @unchecked Sendable {
  private let read: @Sendable (Commit) -> Payload
  private let queue = DispatchQueue(label: "git-release.commit-graph.read")
  private let slots = DispatchSemaphore(value: 4)
  /// Written on `queue` only; read after `finish` has waited for it.
  private var chunks: [[Payload]] = []

  init(_ read: @escaping @Sendable (Commit) -> Payload) { self.read = read }

  func submit(_ batch: RawCommits) {
    guard batch.count > 0 else { return }
    slots.wait()
    queue.async { [self] in
      chunks.append(batch.map(read))
      slots.signal()
    }
  }

  /// Waits for every batch submitted, and gives their payloads in order.
  func finish() -> [[Payload]] {
    queue.sync { chunks }
  }
}

/// A binary heap of positions, the first by `before` on top.
private struct Heap {
  let before: (Int, Int) -> Bool
  var items: [Int] = []

  mutating func insert(_ item: Int) {
    items.append(item)
    var child = items.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard before(items[child], items[parent]) else { return }
      items.swapAt(child, parent)
      child = parent
    }
  }

  mutating func removeFirst() -> Int? {
    guard let top = items.first else { return nil }
    let last = items.removeLast()
    guard !items.isEmpty else { return top }
    items[0] = last
    var parent = 0
    while true {
      let left = 2 * parent + 1
      guard left < items.count else { break }
      var best = left
      if left + 1 < items.count, before(items[left + 1], items[left]) { best = left + 1 }
      guard before(items[best], items[parent]) else { break }
      items.swapAt(best, parent)
      parent = best
    }
    return top
  }
}

/// An object that a walk reached where a commit must be (a tip or a parent that is a tree, a blob
/// or a tag): libgit2 read it fine, so this is not libgit2's error.
public struct NotACommitError: Error, Equatable, Sendable, CustomStringConvertible {
  public let id: ObjectID
  public var description: String { "\(id.hex) is not a commit" }
}

/// A commit parsed from its raw object, as libgit2's own parser reads it.
enum RawCommit {
  /// Calls `body` with the raw bytes of a commit object, valid only during the call: read from
  /// the pack files directly when `packs` can, through libgit2 otherwise.
  static func withBytes<R>(
    of id: ObjectID, packs: PackReader?, odb: OpaquePointer, _ body: (UnsafeRawBufferPointer) -> R
  ) throws -> R {
    if let packs, let result = packs.withCommit(id, body) { return result }
    var object: OpaquePointer?
    try check(id.withRaw { git_odb_read(&object, odb, $0) }, "git_odb_read")
    let read = try Repository.unwrap(object, "git_odb_read")
    defer { git_odb_object_free(read) }
    guard git_odb_object_type(read) == GIT_OBJECT_COMMIT, let data = git_odb_object_data(read)
    else { throw NotACommitError(id: id) }
    return body(UnsafeRawBufferPointer(start: data, count: git_odb_object_size(read)))
  }

  /// The header lines up to the first blank line, then the message after it. Like libgit2, text
  /// stops at a NUL byte, and a signature's name and address are trimmed of white space.
  static func parse(_ bytes: UnsafeRawBufferPointer, id: ObjectID) -> Commit {
    var parents: [ObjectID] = []
    var tree = ObjectID(git_oid())
    var author: Signature?
    var committer: Signature?
    var encoding: String?
    let start = eachHeaderLine(of: bytes) { line in
      if hasPrefix(line, "parent ") {
        if let parent = ObjectID(hexDigits: line, at: 7) { parents.append(parent) }
      } else if hasPrefix(line, "tree ") {
        if let id = ObjectID(hexDigits: line, at: 5) { tree = id }
      } else if hasPrefix(line, "author "), author == nil {
        author = signature(UnsafeRawBufferPointer(rebasing: line[7...]))
      } else if hasPrefix(line, "committer "), committer == nil {
        committer = signature(UnsafeRawBufferPointer(rebasing: line[10...]))
      } else if hasPrefix(line, "encoding "), encoding == nil {
        encoding = text(UnsafeRawBufferPointer(rebasing: line[9...]))
      }
    }
    var message: [UInt8] = []
    if start < bytes.count {
      let end = offset(of: 0, in: bytes, from: start) ?? bytes.count
      message = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
    }
    let nobody = Signature(name: "", email: "", seconds: 0, offsetMinutes: 0)
    return Commit(
      id: id, parentIDs: parents, treeID: tree, author: author ?? nobody,
      committer: committer ?? author ?? nobody, rawMessage: message, encoding: encoding)
  }

  /// What a walk needs of a commit, read as `parse` reads it: the parents, and the commit
  /// time (the committer's, else the author's, else 0) as `Commit.committer.time` holds it.
  static func graphHeader(_ bytes: UnsafeRawBufferPointer) -> (parents: [ObjectID], time: Int64) {
    var parents: [ObjectID] = []
    var seconds: Int64?
    eachHeaderLine(of: bytes) { line in
      if hasPrefix(line, "parent ") {
        if let parent = ObjectID(hexDigits: line, at: 7) { parents.append(parent) }
      } else if hasPrefix(line, "committer "), seconds == nil {
        seconds = when(UnsafeRawBufferPointer(rebasing: line[10...]))?.seconds
      }
    }
    if seconds == nil {  // no committer: the author's time, read only then
      eachHeaderLine(of: bytes) { line in
        if hasPrefix(line, "author "), seconds == nil {
          seconds = when(UnsafeRawBufferPointer(rebasing: line[7...]))?.seconds
        }
      }
    }
    let time = Date(timeIntervalSince1970: TimeInterval(seconds ?? 0)).timeIntervalSince1970
    return (parents, Int64(time))
  }

  /// Calls `body` with each header line, up to the blank line before the message; returns
  /// where the message starts.
  @discardableResult
  private static func eachHeaderLine(
    of bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void
  ) -> Int {
    var start = 0
    while start < bytes.count {
      let end = offset(of: 0x0A, in: bytes, from: start) ?? bytes.count
      if end == start { return start + 1 }  // the blank line before the message
      body(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
      start = end + 1
    }
    return start
  }

  /// The offset of the last `byte`.
  private static func lastOffset(of byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    var index = bytes.count
    while index > 0 {
      index -= 1
      if base.load(fromByteOffset: index, as: UInt8.self) == byte { return index }
    }
    return nil
  }

  /// The offset of the first `byte` at or after `start`.
  private static func offset(of byte: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int)
    -> Int?
  {
    guard start < bytes.count, let base = bytes.baseAddress,
      let found = memchr(base + start, Int32(byte), bytes.count - start)
    else { return nil }
    return UnsafeRawPointer(found) - base
  }

  private static func hasPrefix(_ line: UnsafeRawBufferPointer, _ prefix: StaticString) -> Bool {
    guard line.count >= prefix.utf8CodeUnitCount, let base = line.baseAddress else { return false }
    return memcmp(base, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0
  }

  /// `name <email> seconds +hhmm`, read as `git_signature__parse` does.
  private static func signature(_ line: UnsafeRawBufferPointer) -> Signature? {
    guard let (open, close, seconds, offset) = when(line) else { return nil }
    let name = text(trimmed(UnsafeRawBufferPointer(rebasing: line[..<open])))
    let email = text(trimmed(UnsafeRawBufferPointer(rebasing: line[(open + 1)..<close])))
    return Signature(name: name, email: email, seconds: seconds, offsetMinutes: offset)
  }

  /// Where a signature's `<` and `>` are, and the moment after them; nil without both.
  private static func when(_ line: UnsafeRawBufferPointer) -> (
    open: Int, close: Int, seconds: Int64, offset: Int
  )? {
    guard let open = lastOffset(of: UInt8(ascii: "<"), in: line),
      let close = lastOffset(of: UInt8(ascii: ">"), in: line), open < close
    else { return nil }
    var seconds: Int64 = 0
    var offset = 0
    var index = close + 2
    if index < line.count {
      while index < line.count, line[index] == 0x20 { index += 1 }
      var negative = false
      if index < line.count, line[index] == UInt8(ascii: "-") || line[index] == UInt8(ascii: "+") {
        negative = line[index] == UInt8(ascii: "-")
        index += 1
      }
      var digits = 0
      while index < line.count, (0x30...0x39).contains(line[index]), digits < 18 {
        seconds = seconds * 10 + Int64(line[index] - 0x30)
        index += 1
        digits += 1
      }
      if negative { seconds = -seconds }
      if index + 1 < line.count,
        line[index + 1] == UInt8(ascii: "-") || line[index + 1] == UInt8(ascii: "+")
      {
        let sign = line[index + 1]
        var value = 0
        var cursor = index + 2
        while cursor < line.count, (0x30...0x39).contains(line[cursor]), value < 100_000 {
          value = value * 10 + Int(line[cursor] - 0x30)
          cursor += 1
        }
        let (hours, minutes) = (value / 100, value % 100)
        if hours <= 14 && minutes <= 59 {
          offset = (hours * 60 + minutes) * (sign == UInt8(ascii: "-") ? -1 : 1)
        }
      }
    }
    return (open, close, seconds, offset)
  }

  private static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    var lower = 0
    var upper = bytes.count
    while lower < upper, isSpace(bytes[lower]) { lower += 1 }
    while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
    return UnsafeRawBufferPointer(rebasing: bytes[lower..<upper])
  }

  /// UTF-8 text up to the first NUL, as libgit2's C strings end there.
  private static func text(_ bytes: UnsafeRawBufferPointer) -> String {
    String(
      decoding: UnsafeRawBufferPointer(
        rebasing: bytes[..<(offset(of: 0, in: bytes, from: 0) ?? bytes.count)]),
      as: UTF8.self)
  }
}
