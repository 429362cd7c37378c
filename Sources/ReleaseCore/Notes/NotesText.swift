/// Text from commit messages made fit for release notes: control characters out, lengths bounded.
/// The model keeps plain text; escaping for a markup (Markdown) is the renderer's job.
public enum NotesText {
  /// The longest one-line text (a description) before it is cut, in characters.
  public static let lineLimit = 300
  /// The longest multi-line text (a breaking change's explanation) before it is cut.
  public static let blockLimit = 3_000

  /// One line: line breaks, tabs and other control characters become spaces, runs of white space
  /// become one, and text longer than `limit` is cut at a word boundary with `…`.
  public static func line(_ text: some StringProtocol, limit: Int = lineLimit) -> String {
    // Contiguous bytes when the text has them: indexing a UTF-8 view costs more than the test.
    let plain =
      text.utf8.withContiguousStorageIfAvailable { isPlainLine($0, limit: limit) }
      ?? isPlainLine(text.utf8, limit: limit)
    if plain { return String(text) }
    var result = ""
    var pendingSpace = false
    var count = 0
    for character in text {
      if character.isWhitespace || character.unicodeScalars.allSatisfy(isControl) {
        pendingSpace = !result.isEmpty
        continue
      }
      if pendingSpace {
        result.append(" ")
        count += 1
        pendingSpace = false
      }
      result.append(character)
      count += 1
      if count > limit { return cut(result, limit: limit) }
    }
    return result
  }

  /// `line(_:limit:)` of ASCII bytes, made a String once when they are one line already.
  static func line(ascii bytes: UnsafeBufferPointer<UInt8>, limit: Int = lineLimit) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    return isPlainLine(bytes, limit: limit) ? text : line(text, limit: limit)
  }

  /// Several lines: control characters other than line breaks removed, trailing spaces and blank
  /// lines at both ends trimmed, and text longer than `limit` cut at a word boundary with `…`.
  public static func block(_ text: some StringProtocol, limit: Int = blockLimit) -> String {
    var lines: [String] = []
    var count = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      for character in raw
      where !character.unicodeScalars.allSatisfy(isControl) || character == "\t" {
        line.append(character == "\t" ? " " : character)
      }
      while line.last?.isWhitespace == true { line.removeLast() }
      lines.append(line)
      count += line.count + 1
      if count > limit { break }
    }
    while lines.first?.isEmpty == true { lines.removeFirst() }
    while lines.last?.isEmpty == true { lines.removeLast() }
    let joined = lines.joined(separator: "\n")
    return joined.count > limit ? cut(joined, limit: limit) : joined
  }

  /// Printable ASCII with single inner spaces and no more than `limit` bytes: already one line.
  static func isPlainLine(_ bytes: some Collection<UInt8>, limit: Int) -> Bool {
    guard bytes.count <= limit, bytes.first != 0x20 else { return false }
    var previous: UInt8 = 0
    for byte in bytes {
      guard byte >= 0x20, byte < 0x7F, !(byte == 0x20 && previous == 0x20) else { return false }
      previous = byte
    }
    return previous != 0x20
  }

  /// The same on contiguous bytes, eight at a time: this runs on every name, address and
  /// description of a history.
  static func isPlainLine(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Bool {
    guard bytes.count <= limit else { return false }
    guard !bytes.isEmpty, let base = bytes.baseAddress else { return true }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    let spaces = ones &* 0x20
    var index = 0
    // Each step tests eight bytes, and each of them with the byte after it for a double space.
    while index + 9 <= bytes.count {
      let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self)
      let next = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index + 1, as: UInt64.self)
      // Bit-twiddling tests for any byte below 0x20, any above 0x7E, and any zero byte (two
      // spaces). Each sets a high bit only when such a byte is there.
      let below = (word &- spaces) & ~word
      let above = (word &+ ones) | word
      let pairs = (word ^ spaces) | (next ^ spaces)
      let doubled = (pairs &- ones) & ~pairs
      guard (below | above | doubled) & high == 0 else { return false }
      index += 8
    }
    var previous: UInt8 = index == 0 ? 0 : bytes[index - 1]
    while index < bytes.count {
      let byte = bytes[index]
      guard byte >= 0x20, byte < 0x7F, !(byte == 0x20 && previous == 0x20) else { return false }
      previous = byte
      index += 1
    }
    return bytes[0] != 0x20 && previous != 0x20
  }

  /// Cuts at the last space before `limit`, or at `limit` when that would lose over a third.
  static func cut(_ text: String, limit: Int) -> String {
    let head = text.prefix(limit)
    if let space = head.lastIndex(where: \.isWhitespace),
      head.distance(from: head.startIndex, to: space) > limit * 2 / 3
    {
      return String(head[..<space]) + " …"
    }
    return String(head) + "…"
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00..<0x20, 0x7F..<0xA0, 0x200B...0x200F, 0x2028...0x202E, 0x2066...0x2069, 0xFEFF:
      // C0/C1 controls, zero-width and bidirectional controls (which can make text read backwards).
      true
    default:
      false
    }
  }
}
