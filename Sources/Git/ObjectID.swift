import Clibgit2

/// The SHA-1 name of a git object.
public struct ObjectID: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The 20 raw bytes.
  public let bytes: (UInt64, UInt64, UInt32)

  package init(_ oid: git_oid) {
    var copy = oid
    var a: UInt64 = 0
    var b: UInt64 = 0
    var c: UInt32 = 0
    withUnsafeBytes(of: &copy.id) { raw in
      a = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
      b = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
      c = raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
    }
    bytes = (a, b, c)
  }

  init(_ pointer: UnsafePointer<git_oid>) {
    self.init(pointer.pointee)
  }

  /// Parses a full 40-digit hexadecimal id; nil for anything else.
  public init?(hex: String) {
    var hex = hex
    guard hex.utf8.count == 40,
      let id = hex.withUTF8({ Self(hexDigits: UnsafeRawBufferPointer($0), at: 0) })
    else { return nil }
    self = id
  }

  /// Parses the 40 hexadecimal digits at `offset` of `text`; nil when any is not one. Done here,
  /// not by git_oid_fromstrn, which costs more than the parse: every commit names its tree and
  /// parents, and every release tag its commit.
  package init?(hexDigits text: UnsafeRawBufferPointer, at offset: Int) {
    guard offset >= 0, text.count >= offset + 40, let digits = text.baseAddress else {
      return nil
    }
    // 0...15 for a digit, 0xFF for anything else: one test for all 40 at the end.
    func nibble(_ byte: UInt8) -> UInt8 {
      let digit = byte &- 0x30
      let letter = (byte | 0x20) &- 0x61
      return digit < 10 ? digit : letter < 6 ? letter &+ 10 : 0xFF
    }
    var oid = git_oid()
    var invalid: UInt8 = 0
    withUnsafeMutableBytes(of: &oid.id) { out in
      let hex = digits + offset
      for index in 0..<20 {
        let high = nibble(hex.load(fromByteOffset: 2 * index, as: UInt8.self))
        let low = nibble(hex.load(fromByteOffset: 2 * index + 1, as: UInt8.self))
        invalid |= (high | low) & 0xF0
        out[index] = high << 4 | low & 0x0F
      }
    }
    guard invalid == 0 else { return nil }
    self.init(oid)
  }

  var raw: git_oid {
    var oid = git_oid()
    var (a, b, c) = bytes
    withUnsafeMutableBytes(of: &oid.id) { raw in
      withUnsafeBytes(of: &a) { raw.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: 8) }
      withUnsafeBytes(of: &b) {
        (raw.baseAddress! + 8).copyMemory(from: $0.baseAddress!, byteCount: 8)
      }
      withUnsafeBytes(of: &c) {
        (raw.baseAddress! + 16).copyMemory(from: $0.baseAddress!, byteCount: 4)
      }
    }
    return oid
  }

  /// Calls `body` with a pointer to the C form of this id, valid only during the call.
  package func withRaw<R, E: Error>(_ body: (UnsafePointer<git_oid>) throws(E) -> R) throws(E) -> R {
    var oid = raw
    return try body(&oid)
  }

  /// The 40-digit lowercase hexadecimal form.
  public var hex: String {
    // Written here, not by git_oid_fmt: a changelog formats every commit's id and its parents'.
    let digits: StaticString = "0123456789abcdef"
    return withUnsafeBytes(of: bytes) { raw in
      String(unsafeUninitializedCapacity: 40) { buffer in
        for index in 0..<20 {
          buffer[2 * index] = digits.utf8Start[Int(raw[index] >> 4)]
          buffer[2 * index + 1] = digits.utf8Start[Int(raw[index] & 0x0F)]
        }
        return 40
      }
    }
  }

  public var description: String { hex }

  public static func == (lhs: ObjectID, rhs: ObjectID) -> Bool {
    lhs.bytes.0 == rhs.bytes.0 && lhs.bytes.1 == rhs.bytes.1 && lhs.bytes.2 == rhs.bytes.2
  }

  /// The first 8 bytes of a SHA-1 are as good a hash as all 20, at a third of the cost: ids are
  /// hashed for every commit a walk meets.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(bytes.0)
  }

  public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.hex < rhs.hex }
}
