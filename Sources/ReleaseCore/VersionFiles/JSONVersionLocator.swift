/// Finds the string at a key path in a JSON document, as byte offsets, by walking its tokens: the
/// file is never re-serialised, and a dependency that has the same version string elsewhere is
/// not touched. Only objects are descended; the value must be a string.
public struct JSONVersionLocator {
  private let bytes: [UInt8]
  private let file: String
  private let key: String
  private var position: Int
  /// Every place the whole key path was met (more than one when keys repeat).
  private var found: [Found] = []

  private enum Found {
    case string(VersionLocation)
    case other(line: Int)
  }

  private init(bytes: [UInt8], file: String, key: String) {
    self.bytes = bytes
    self.file = file
    self.key = key
    position = VersionFileText.start(of: bytes)
  }

  /// The location of the string at `path`; `missingKey` when no object holds it.
  public static func locate(_ bytes: [UInt8], path: [String], file: String)
    throws(VersionFileError) -> VersionLocation
  {
    let key = path.joined(separator: ".")
    var scanner = JSONVersionLocator(bytes: bytes, file: file, key: key)
    try scanner.value(path: path[...])
    scanner.skipSpace()
    guard scanner.position == bytes.count else { throw scanner.malformed("text after the end") }
    switch scanner.found.count {
    case 0: throw .missingKey(file: file, key: key)
    case 1: break
    default:
      throw .ambiguous(
        file: file, key: key,
        lines: scanner.found.map {
          switch $0 {
          case .string(let location): location.line
          case .other(let line): line
          }
        })
    }
    switch scanner.found[0] {
    case .string(let location): return location
    case .other(let line): throw .notAString(file: file, key: key, line: line)
    }
  }

  private func malformed(_ detail: String) -> VersionFileError {
    .unparsable(
      file: file, line: VersionFileText.line(of: position, in: bytes), detail: "JSON: \(detail)")
  }

  private mutating func skipSpace() {
    while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) {
      position += 1
    }
  }

  private mutating func expect(_ byte: UInt8) throws(VersionFileError) {
    skipSpace()
    guard position < bytes.count, bytes[position] == byte else {
      throw malformed("expected \(Character(Unicode.Scalar(byte)))")
    }
    position += 1
  }

  /// Reads one value. `path` is what is still looked for below it: nil when nothing is, empty
  /// when this value is the one looked for.
  private mutating func value(path: ArraySlice<String>?) throws(VersionFileError) {
    skipSpace()
    guard position < bytes.count else { throw malformed("unexpected end") }
    let line = VersionFileText.line(of: position, in: bytes)
    switch bytes[position] {
    case UInt8(ascii: "{"):
      if path?.isEmpty == true { found.append(.other(line: line)) }
      position += 1
      skipSpace()
      if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
        position += 1
        return
      }
      while true {
        skipSpace()
        let key = try string().text
        try expect(UInt8(ascii: ":"))
        if let path, let first = path.first, first == key {
          try value(path: path.dropFirst())
        } else {
          try value(path: nil)
        }
        skipSpace()
        guard position < bytes.count else { throw malformed("unexpected end") }
        if bytes[position] == UInt8(ascii: ",") {
          position += 1
          continue
        }
        try expect(UInt8(ascii: "}"))
        return
      }
    case UInt8(ascii: "["):
      if path?.isEmpty == true { found.append(.other(line: line)) }
      position += 1
      skipSpace()
      if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
        position += 1
        return
      }
      while true {
        try value(path: nil)
        skipSpace()
        guard position < bytes.count else { throw malformed("unexpected end") }
        if bytes[position] == UInt8(ascii: ",") {
          position += 1
          continue
        }
        try expect(UInt8(ascii: "]"))
        return
      }
    case UInt8(ascii: "\""):
      let string = try string()
      guard path?.isEmpty == true else { return }
      if string.hasEscapes {
        throw .cannotEditInPlace(
          file: file, key: key, line: line, detail: "the string has escape sequences")
      }
      found.append(.string(VersionLocation(range: string.range, in: bytes)))
    default:
      // A number, true, false or null.
      let start = position
      while position < bytes.count,
        !([0x20, 0x09, 0x0A, 0x0D] + Array(",]}".utf8)).contains(bytes[position])
      {
        position += 1
      }
      guard position > start else { throw malformed("expected a value") }
      if path?.isEmpty == true { found.append(.other(line: line)) }
    }
  }

  /// Reads a string at the position: its text decoded, and the byte range between its quotes.
  private mutating func string() throws(VersionFileError) -> (
    text: String, range: Range<Int>, hasEscapes: Bool
  ) {
    guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
      throw malformed("expected a string")
    }
    position += 1
    let start = position
    var decoded: [UInt8] = []
    var hasEscapes = false
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        let range = start..<position
        position += 1
        return (String(decoding: decoded, as: UTF8.self), range, hasEscapes)
      }
      guard byte == UInt8(ascii: "\\") else {
        guard byte >= 0x20 else { throw malformed("a control character in a string") }
        decoded.append(byte)
        position += 1
        continue
      }
      hasEscapes = true
      guard position + 1 < bytes.count else { break }
      let escaped = bytes[position + 1]
      position += 2
      switch escaped {
      case UInt8(ascii: "b"): decoded.append(0x08)
      case UInt8(ascii: "f"): decoded.append(0x0C)
      case UInt8(ascii: "n"): decoded.append(0x0A)
      case UInt8(ascii: "r"): decoded.append(0x0D)
      case UInt8(ascii: "t"): decoded.append(0x09)
      case UInt8(ascii: "u"):
        guard var scalar = hexQuad() else { throw malformed("a bad \\u escape") }
        // A surrogate pair, as JSON writes characters beyond the Basic Multilingual Plane.
        if (0xD800..<0xDC00).contains(scalar), position + 1 < bytes.count,
          bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
        {
          position += 2
          guard let low = hexQuad() else { throw malformed("a bad \\u escape") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        decoded += Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
      default: decoded.append(escaped)
      }
    }
    throw malformed("a string that does not end")
  }

  private mutating func hexQuad() -> UInt32? {
    guard position + 4 <= bytes.count else { return nil }
    let text = String(decoding: bytes[position..<position + 4], as: UTF8.self)
    guard let value = UInt32(text, radix: 16) else { return nil }
    position += 4
    return value
  }
}
