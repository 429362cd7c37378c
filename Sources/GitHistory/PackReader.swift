import Clibdeflate
import Foundation
import Git

/// Reads whole (undeltified) objects straight from the repository's pack files, for the one
/// object type a history walk reads by the thousand: commits.
///
/// libgit2 reads every object through its general machinery: a lock and a mapped-window lookup
/// per read, a zlib stream set up and torn down per object, a copy into a new buffer. Here the
/// pack indexes are searched directly and each commit is inflated by libdeflate into one buffer
/// that is reused, which costs a fraction of that. Whatever this reader does not find as a whole
/// commit in a pack it understands (loose objects, deltas, packs of another version, alternates,
/// anything out of bounds) it leaves to libgit2 by returning nil, so it never decides an answer,
/// only how fast a common one comes.
final class PackReader {
  private let packs: [Pack]
  private let decompressor: OpaquePointer
  private var buffer: UnsafeMutableRawBufferPointer

  /// Opens the packs of the repository's object folder; nil when it has none this reader reads.
  init?(_ repository: Repository) {
    let folder = repository.commonDirectory.appendingPathComponent("objects/pack").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    let packs = names.filter { $0.hasSuffix(".idx") }.sorted().compactMap {
      Pack(index: folder + "/" + $0, pack: folder + "/" + $0.dropLast(4) + ".pack")
    }
    guard !packs.isEmpty, let decompressor = libdeflate_alloc_decompressor() else { return nil }
    self.packs = packs
    self.decompressor = decompressor
    buffer = .allocate(byteCount: 4096, alignment: 16)
  }

  deinit {
    libdeflate_free_decompressor(decompressor)
    buffer.deallocate()
  }

  /// Calls `body` with the content of commit `id`, valid only during the call; nil, without
  /// calling it, when the commit is not stored whole in a pack this reader reads.
  func withCommit<R>(_ id: ObjectID, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
    for pack in packs {
      guard let offset = pack.offset(of: id) else { continue }
      return pack.withCommit(at: offset, decompressor: decompressor, buffer: &buffer, body)
    }
    return nil
  }
}

/// One pack file and its version 2 index, both mapped read-only.
private final class Pack {
  private let index: MappedFile
  private let pack: MappedFile
  private let count: Int
  /// Bytes of the pack read since its pages were last let go.
  private var readSinceRelease = 0

  init?(index indexPath: String, pack packPath: String) {
    guard let index = MappedFile(indexPath), let pack = MappedFile(packPath) else { return nil }
    // Version 2: a magic number, the version, 256 counts, then ids, CRCs and offsets; a pack
    // starts with "PACK". Anything else is left to libgit2.
    guard index.size >= 8 + 1024 + 40, index.word(at: 0) == 0xff74_4f63, index.word(at: 4) == 2,
      pack.size >= 12 + 20, pack.word(at: 0) == 0x5041_434b
    else { return nil }
    count = Int(index.word(at: 8 + 255 * 4))
    guard index.size >= 8 + 1024 + count * 28 + 40 else { return nil }
    self.index = index
    self.pack = pack
  }

  /// The offset of an object in the pack; nil when the index does not list it.
  func offset(of id: ObjectID) -> Int? {
    let first = withUnsafeBytes(of: id.bytes) { Int($0[0]) }
    var low = first == 0 ? 0 : Int(index.word(at: 8 + (first - 1) * 4))
    var high = Int(index.word(at: 8 + first * 4))
    guard low <= high, high <= count else { return nil }
    let ids = index.base + 8 + 1024
    let found: Int? = withUnsafeBytes(of: id.bytes) { wanted in
      guard let wanted = wanted.baseAddress else { return nil }
      while low < high {
        let middle = (low + high) / 2
        let order = memcmp(ids + middle * 20, wanted, 20)
        if order == 0 { return middle }
        if order < 0 { low = middle + 1 } else { high = middle }
      }
      return nil
    }
    guard let found else { return nil }
    let offsets = 8 + 1024 + count * 24
    let small = index.word(at: offsets + found * 4)
    guard small & 0x8000_0000 != 0 else { return Int(small) }
    // Packs over 2 GiB keep large offsets in a table of their own.
    let large = offsets + count * 4 + Int(small & 0x7fff_ffff) * 8
    guard large + 8 <= index.size - 40 else { return nil }
    let offset = UInt64(index.word(at: large)) << 32 | UInt64(index.word(at: large + 4))
    return offset < UInt64(Int.max) ? Int(offset) : nil
  }

  /// Inflates the commit at `offset` into `buffer`, growing it when needed, and calls `body`.
  func withCommit<R>(
    at offset: Int, decompressor: OpaquePointer, buffer: inout UnsafeMutableRawBufferPointer,
    _ body: (UnsafeRawBufferPointer) -> R
  ) -> R? {
    let end = pack.size - 20  // the trailing checksum
    guard offset >= 12, offset < end else { return nil }
    // The entry's header: type in bits 4-6 of the first byte, the size in 4 + 7n bits after.
    var cursor = offset
    var byte = pack.base.load(fromByteOffset: cursor, as: UInt8.self)
    cursor += 1
    guard (byte >> 4) & 7 == 1 else { return nil }  // a commit, stored whole
    var size = Int(byte & 0x0f)
    var shift = 4
    while byte & 0x80 != 0 {
      guard cursor < end, shift <= 56 else { return nil }
      byte = pack.base.load(fromByteOffset: cursor, as: UInt8.self)
      cursor += 1
      size |= Int(byte & 0x7f) << shift
      shift += 7
    }
    guard size >= 0, size <= 1 << 30 else { return nil }
    if buffer.count < size {
      buffer.deallocate()
      buffer = .allocate(byteCount: max(size, buffer.count * 2), alignment: 16)
    }
    var consumed = 0
    var produced = 0
    let result = libdeflate_zlib_decompress_ex(
      decompressor, pack.base + cursor, end - cursor, buffer.baseAddress, size, &consumed,
      &produced)
    guard result == LIBDEFLATE_SUCCESS, produced == size else { return nil }
    releaseBehind(consumed + cursor - offset)
    return body(UnsafeRawBufferPointer(rebasing: buffer[..<size]))
  }

  /// A long walk touches every page of the commits: let them go every megabyte read, as
  /// libgit2's small windows did, so that a walk's memory does not grow with the history.
  private func releaseBehind(_ bytes: Int) {
    readSinceRelease += bytes
    guard readSinceRelease >= 1 << 20 else { return }
    readSinceRelease = 0
    pack.release()
  }
}

/// A whole file mapped read-only.
private final class MappedFile {
  let base: UnsafeRawPointer
  let size: Int

  init?(_ path: String) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
    size = Int(status.st_size)
    guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
      mapped != MAP_FAILED
    else { return nil }
    base = UnsafeRawPointer(mapped)
  }

  deinit { munmap(UnsafeMutableRawPointer(mutating: base), size) }

  /// The big-endian 32-bit word at `offset`.
  func word(at offset: Int) -> UInt32 {
    UInt32(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  /// Drops this process's pages of the file; they are read again from the page cache if needed.
  func release() {
    madvise(UnsafeMutableRawPointer(mutating: base), size, MADV_DONTNEED)
  }
}
