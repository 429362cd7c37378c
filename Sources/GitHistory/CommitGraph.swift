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
    var heap = Heap<Int>(before: before)
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
