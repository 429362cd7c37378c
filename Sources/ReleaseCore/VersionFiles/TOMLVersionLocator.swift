/// Finds the string at a key path in a TOML document, as byte offsets. Tables (`[package]`),
/// dotted keys (`package.version = ...`) and inline tables (`package = { version = ... }`) are
/// followed; arrays of tables (`[[bin]]`) are not addressable by a dotted path and are skipped,
/// as are strings, arrays and comments, so a `version =` inside them is never taken.
public struct TOMLVersionLocator {
  private let bytes: [UInt8]
  private let file: String
  private let path: [String]
  private var position: Int
  private var found: [(location: VersionLocation?, line: Int)] = []

  private init(bytes: [UInt8], file: String, path: [String]) {
    self.bytes = bytes
    self.file = file
    self.path = path
    position = VersionFileText.start(of: bytes)
  }

  public static func locate(_ bytes: [UInt8], path: [String], file: String)
    throws(VersionFileError) -> VersionLocation
  {
    var scanner = TOMLVersionLocator(bytes: bytes, file: file, path: path)
    try scanner.document()
    let key = path.joined(separator: ".")
    guard let first = scanner.found.first else { throw .missingKey(file: file, key: key) }
    guard scanner.found.count == 1 else {
      throw .ambiguous(file: file, key: key, lines: scanner.found.map(\.line))
    }
    guard let location = first.location else {
      throw .notAString(file: file, key: key, line: first.line)
    }
    return location
  }

  // MARK: Structure

  private mutating func document() throws(VersionFileError) {
    // nil inside an array of tables, whose keys no dotted path reaches.
    var table: [String]? = []
    while true {
      skipBlank(newlines: true)
      guard position < bytes.count else { return }
      if bytes[position] == UInt8(ascii: "[") {
        let isArray = position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "[")
        position += isArray ? 2 : 1
        let keys = try key()
        try expect("]")
        if isArray { try expect("]") }
        table = isArray ? nil : keys
        try endOfLine()
        continue
      }
      try keyValue(prefix: table)
      try endOfLine()
    }
  }

  /// `key = value`, with `prefix` the table it is in (nil: not addressable).
  private mutating func keyValue(prefix: [String]?) throws(VersionFileError) {
    let line = VersionFileText.line(of: position, in: bytes)
    let keys = try key()
    try expect("=")
    skipBlank(newlines: false)
    guard let prefix else { return try skipValue() }
    let full = prefix + keys
    if full == path {
      found.append((try oneLineString(), line))
      return
    }
    if full.count < path.count, Array(path.prefix(full.count)) == full, position < bytes.count,
      bytes[position] == UInt8(ascii: "{")
    {
      return try inlineTable(prefix: full)
    }
    try skipValue()
  }

  private mutating func inlineTable(prefix: [String]?) throws(VersionFileError) {
    position += 1
    skipBlank(newlines: true)
    if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
      position += 1
      return
    }
    while true {
      skipBlank(newlines: true)
      try keyValue(prefix: prefix)
      skipBlank(newlines: true)
      guard position < bytes.count else { throw malformed("an inline table that does not end") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
        continue
      }
      try expect("}")
      return
    }
  }

  /// A dotted key: bare or quoted parts separated by dots.
  private mutating func key() throws(VersionFileError) -> [String] {
    var parts: [String] = []
    while true {
      skipBlank(newlines: false)
      guard position < bytes.count else { throw malformed("a key that does not end") }
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        let string = try singleLineString()
        parts.append(string.text)
      } else {
        let start = position
        while position < bytes.count, Self.isBareKeyByte(bytes[position]) { position += 1 }
        guard position > start else { throw malformed("expected a key") }
        parts.append(String(decoding: bytes[start..<position], as: UTF8.self))
      }
      skipBlank(newlines: false)
      guard position < bytes.count, bytes[position] == UInt8(ascii: ".") else { return parts }
      position += 1
    }
  }

  // MARK: Values

  /// The value looked for: its location when it is a one-line string, nil otherwise.
  private mutating func oneLineString() throws(VersionFileError) -> VersionLocation? {
    guard position < bytes.count else { throw malformed("expected a value") }
    let byte = bytes[position]
    let quote = byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    guard quote, !startsMultiline() else {
      try skipValue()
      return nil
    }
    let line = VersionFileText.line(of: position, in: bytes)
    let string = try singleLineString()
    if string.hasEscapes {
      throw .cannotEditInPlace(
        file: file, key: path.joined(separator: "."), line: line,
        detail: "the string has escape sequences")
    }
    return VersionLocation(range: string.range, in: bytes)
  }

  private func startsMultiline() -> Bool {
    guard position + 2 < bytes.count else { return false }
    return bytes[position + 1] == bytes[position] && bytes[position + 2] == bytes[position]
  }

  /// Any value: a string of any kind, an array, an inline table, or a bare word (numbers,
  /// booleans, dates).
  private mutating func skipValue() throws(VersionFileError) {
    guard position < bytes.count else { throw malformed("expected a value") }
    switch bytes[position] {
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      if startsMultiline() { try skipMultilineString() } else { _ = try singleLineString() }
    case UInt8(ascii: "["):
      position += 1
      while true {
        skipBlank(newlines: true)
        guard position < bytes.count else { throw malformed("an array that does not end") }
        if bytes[position] == UInt8(ascii: "]") {
          position += 1
          return
        }
        try skipValue()
        skipBlank(newlines: true)
        if position < bytes.count, bytes[position] == UInt8(ascii: ",") { position += 1 }
      }
    case UInt8(ascii: "{"):
      try inlineTable(prefix: nil)
    default:
      let start = position
      while position < bytes.count,
        !(Array(" \t\r\n#,]}".utf8)).contains(bytes[position])
      {
        position += 1
      }
      // A date and a time may be separated by one space: 1979-05-27 07:32:00Z.
      if position + 1 < bytes.count, bytes[position] == 0x20, bytes[position + 1] >= 0x30,
        bytes[position + 1] <= 0x39, bytes[start..<position].contains(UInt8(ascii: "-"))
      {
        position += 1
        while position < bytes.count, !(Array(" \t\r\n#,]}".utf8)).contains(bytes[position]) {
          position += 1
        }
      }
      guard position > start else { throw malformed("expected a value") }
    }
  }

  private mutating func singleLineString() throws(VersionFileError) -> (
    text: String, range: Range<Int>, hasEscapes: Bool
  ) {
    let quote = bytes[position]
    position += 1
    let start = position
    var hasEscapes = false
    while position < bytes.count {
      let byte = bytes[position]
      if byte == quote {
        let range = start..<position
        position += 1
        let raw = String(decoding: bytes[range], as: UTF8.self)
        return (raw, range, hasEscapes)
      }
      if byte == 0x0A { break }
      if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
        hasEscapes = true
        position += 2
        continue
      }
      position += 1
    }
    throw malformed("a string that does not end on its line")
  }

  private mutating func skipMultilineString() throws(VersionFileError) {
    let quote = bytes[position]
    position += 3
    while position < bytes.count {
      if bytes[position] == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
        position += 2
        continue
      }
      if bytes[position] == quote, position + 2 < bytes.count, bytes[position + 1] == quote,
        bytes[position + 2] == quote
      {
        position += 3
        // Up to two more quotes belong to the string: """a"""""
        while position < bytes.count, bytes[position] == quote { position += 1 }
        return
      }
      position += 1
    }
    throw malformed("a multi-line string that does not end")
  }

  // MARK: Blanks

  private mutating func skipBlank(newlines: Bool) {
    while position < bytes.count {
      let byte = bytes[position]
      if byte == 0x20 || byte == 0x09 || (newlines && (byte == 0x0A || byte == 0x0D)) {
        position += 1
      } else if byte == UInt8(ascii: "#") {
        while position < bytes.count, bytes[position] != 0x0A { position += 1 }
      } else {
        return
      }
    }
  }

  private mutating func endOfLine() throws(VersionFileError) {
    skipBlank(newlines: false)
    guard position < bytes.count else { return }
    if bytes[position] == 0x0D { position += 1 }
    guard position < bytes.count, bytes[position] == 0x0A else {
      throw malformed("more after a value on its line")
    }
    position += 1
  }

  private mutating func expect(_ character: Character) throws(VersionFileError) {
    skipBlank(newlines: false)
    guard let ascii = character.asciiValue, position < bytes.count, bytes[position] == ascii else {
      throw malformed("expected \(character)")
    }
    position += 1
  }

  private func malformed(_ detail: String) -> VersionFileError {
    .unparsable(
      file: file, line: VersionFileText.line(of: position, in: bytes), detail: "TOML: \(detail)")
  }

  private static func isBareKeyByte(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
  }
}
