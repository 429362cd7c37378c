import Clibgit2
import Git

/// The commits reachable from a tip, newest commit time first, each read when the walk reaches it.
///
/// libgit2's walk (`RevisionWalk`) reads the whole history before it gives its first commit. A
/// caller that stops early, at the nearest release tag, reads here only the commits it passes and
/// their parents, as `git describe` does. The order is by commit time alone, not topological.
public struct AncestorWalk: ~Copyable {
  private struct Entry {
    let time: Int64
    /// Insertion order: commits of the same time come out in the order they were met.
    let sequence: Int
    let id: ObjectID
    let parents: [ObjectID]

    func comesBefore(_ other: Entry) -> Bool {
      time != other.time ? time > other.time : sequence < other.sequence
    }
  }

  private let repository: Repository  // keeps the parent alive
  private let odb: OpaquePointer
  private var heap = Heap<Entry> { $0.comesBefore($1) }
  private var seen: Set<ObjectID> = []
  private var sequence = 0

  public init(_ repository: Repository, from tip: ObjectID) throws {
    let odb = try repository.makeHandle("git_repository_odb") {
      git_repository_odb(&$0, repository.handle)
    }
    let header: ([ObjectID], Int64)
    do {
      header = try Self.readHeader(tip, odb: odb)
    } catch {
      git_odb_free(odb)
      throw error
    }
    self.repository = repository
    self.odb = odb
    heap.insert(Entry(time: header.1, sequence: 0, id: tip, parents: header.0))
    seen = [tip]
    sequence = 1
  }

  deinit { git_odb_free(odb) }

  /// The next commit id; nil when every reachable commit was given.
  public mutating func next() throws -> ObjectID? {
    guard let top = heap.removeFirst() else { return nil }
    for parent in top.parents { try enqueue(parent) }
    return top.id
  }

  private mutating func enqueue(_ id: ObjectID) throws {
    guard seen.insert(id).inserted else { return }
    let (parents, time) = try Self.readHeader(id, odb: odb)
    heap.insert(Entry(time: time, sequence: sequence, id: id, parents: parents))
    sequence += 1
  }

  /// The parents and commit time of a commit, from its raw object: nothing else is parsed.
  /// Read through libgit2: a walk that stops at the nearest release tag reads a few commits,
  /// for which mapping the pack indexes as `PackReader` does would cost more than it saves.
  private static func readHeader(_ id: ObjectID, odb: OpaquePointer) throws
    -> ([ObjectID], Int64)
  {
    try RawCommit.withBytes(of: id, packs: nil, odb: odb) {
      let header = RawCommit.graphHeader($0)
      return (header.parents, header.time)
    }
  }
}
