import Clibgit2
import Foundation
import Git

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
