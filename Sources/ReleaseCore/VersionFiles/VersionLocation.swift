/// Where a version is in a file's bytes: the only bytes `stamp` rewrites.
public struct VersionLocation: Hashable, Sendable {
  /// Byte offsets of the version's text, quotes excluded.
  public let range: Range<Int>
  /// The text there now.
  public let value: String
  /// The 1-based line it is on.
  public let line: Int

  public init(range: Range<Int>, value: String, line: Int) {
    self.range = range
    self.value = value
    self.line = line
  }

  /// The location of `range` in `bytes`, its value and line read from them.
  public init(range: Range<Int>, in bytes: [UInt8]) {
    self.init(
      range: range, value: String(decoding: bytes[range], as: UTF8.self),
      line: VersionFileText.line(of: range.lowerBound, in: bytes))
  }

  /// The file with `version` written in place of the value; every other byte stays.
  public func replacing(with version: String, in bytes: [UInt8]) -> [UInt8] {
    var result = [UInt8]()
    result.reserveCapacity(bytes.count + version.utf8.count)
    result += bytes[..<range.lowerBound]
    result += version.utf8
    result += bytes[range.upperBound...]
    return result
  }
}

/// Why a version file cannot be read or written; every case names the file and the place.
public enum VersionFileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file is not valid in its format; `detail` is the parser's own words.
  case unparsable(file: String, line: Int?, detail: String)
  case missingKey(file: String, key: String)
  /// The key holds something other than a one-line string (a number, a table, a block scalar).
  case notAString(file: String, key: String, line: Int?)
  /// The key is set more than once in the file, so which one is the version cannot be told.
  case ambiguous(file: String, key: String, lines: [Int])
  case noMatch(file: String, pattern: String)
  /// What the parser reads differs from the bytes found (escapes in the value, say), so the
  /// value cannot be rewritten in place without changing what it means.
  case cannotEditInPlace(file: String, key: String, line: Int, detail: String)
  case missingFile(file: String)
  case unreadable(file: String, detail: String)

  public var description: String {
    switch self {
    case .unparsable(let file, let line, let detail):
      "\(file)\(line.map { ":\($0)" } ?? ""): the file does not parse (\(detail)); fix it, "
        + "nothing was written"
    case .missingKey(let file, let key):
      "\(file): no key \(key) in the file; check the key path in its [file \"\(file)\"] "
        + "section of .gitrelease (a dotted path such as package.version)"
    case .notAString(let file, let key, let line):
      "\(file)\(line.map { ":\($0)" } ?? ""): key \(key) is not a one-line string; the "
        + "version must be written as one, such as \"1.2.3\""
    case .ambiguous(let file, let key, let lines):
      "\(file): key \(key) is set \(lines.count) times (lines "
        + lines.map(String.init).joined(separator: ", ") + "); keep one"
    case .noMatch(let file, let pattern):
      "\(file): nothing matches pattern \(pattern); check the pattern in its [file \"\(file)\"] "
        + "section of .gitrelease"
    case .cannotEditInPlace(let file, let key, let line, let detail):
      "\(file):\(line): the value of \(key) cannot be rewritten in place (\(detail)); write it as "
        + "a plain string such as \"1.2.3\""
    case .missingFile(let file):
      "\(file): no such file in the work tree; create it or remove its [file \"\(file)\"] "
        + "section from .gitrelease"
    case .unreadable(let file, let detail):
      "\(file): \(detail)"
    }
  }
}

/// Byte-level helpers the locators share.
public enum VersionFileText {
  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Where the text starts: after a UTF-8 byte-order mark, if there is one.
  public static func start(of bytes: [UInt8]) -> Int {
    bytes.starts(with: byteOrderMark) ? 3 : 0
  }

  /// The 1-based line of a byte offset.
  public static func line(of offset: Int, in bytes: [UInt8]) -> Int {
    var line = 1
    for byte in bytes[..<min(offset, bytes.count)] where byte == 0x0A { line += 1 }
    return line
  }
}
