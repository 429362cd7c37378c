import Foundation

/// A commit message read as Conventional Commits 1.0.0 defines it:
///
///     <type>[(scope)][!]: <description>
///
///     [body]
///
///     [footer(s)]
///
/// Types, scopes and footer tokens are not case sensitive (`FEAT` is `feat`), except
/// `BREAKING CHANGE`, which must be upper case; `BREAKING-CHANGE` is its synonym.
public struct ConventionalCommit: Hashable, Sendable, Codable {
  /// A `token: value` or `token #value` trailer.
  public struct Footer: Hashable, Sendable, Codable {
    public let token: String
    /// `": "` or `" #"`.
    public let separator: String
    public let value: String

    public init(token: String, separator: String, value: String) {
      self.token = token
      self.separator = separator
      self.value = value
    }

    /// True for `BREAKING CHANGE` and `BREAKING-CHANGE`.
    public var isBreakingChange: Bool { token == "BREAKING CHANGE" || token == "BREAKING-CHANGE" }
  }

  /// The type, lower-cased (`feat`, `fix`, ...).
  public let type: String
  public let scope: String?
  public let description: String
  /// The free text between the header and the footers; nil when there is none.
  public let body: String?
  public let footers: [Footer]
  /// True when the header has `!` before the colon.
  public let hasBreakingMarker: Bool

  public init(
    type: String, scope: String? = nil, description: String, body: String? = nil,
    footers: [Footer] = [], hasBreakingMarker: Bool = false
  ) {
    self.type = type
    self.scope = scope
    self.description = description
    self.body = body
    self.footers = footers
    self.hasBreakingMarker = hasBreakingMarker
  }

  /// A breaking change: `!` in the header or a `BREAKING CHANGE` footer.
  public var isBreaking: Bool { hasBreakingMarker || footers.contains(where: \.isBreakingChange) }

  /// What breaks: the `BREAKING CHANGE` footers' text, or the description when only `!` says so.
  public var breakingDescriptions: [String] {
    let notes = footers.filter(\.isBreakingChange).map(\.value)
    if !notes.isEmpty { return notes }
    return hasBreakingMarker ? [description] : []
  }

  /// The values of the footers with this token, compared without regard to case.
  public func footerValues(_ token: String) -> [String] {
    footers.filter { $0.token.caseInsensitiveCompare(token) }.map(\.value)
  }

  // MARK: Parsing

  /// Parses a whole commit message; nil when the first line is not a Conventional Commits header.
  /// Carriage returns are treated as line ends, and lines git would strip as comments are kept (the
  /// message is read as it was committed).
  public static func parse(_ message: String) -> ConventionalCommit? {
    parse(message, keepingBody: true)
  }

  /// The same; without `keepingBody`, `body` is nil whatever the message holds.
  static func parse(_ message: String, keepingBody: Bool) -> ConventionalCommit? {
    // Most messages have no carriage return: skip Foundation's replace (slow on Linux) for them.
    let hasReturn = message.containsByte(13)
    let text = hasReturn ? message.replacingOccurrences(of: "\r\n", with: "\n") : message
    // Without a carriage return no line break is part of a larger Character ("\r\n" is one):
    // split the bytes, not the Characters, which would cost a grapheme break test per byte.
    let lines =
      hasReturn
      ? text.split(separator: "\n", omittingEmptySubsequences: false) : byteLines(text)
    guard let first = lines.first, let header = Header(first) else { return nil }

    // Paragraphs after the header: runs of non-blank lines.
    var paragraphs: [Range<Int>] = []
    var index = 1
    while index < lines.count {
      if isBlank(lines[index]) {
        index += 1
        continue
      }
      let start = index
      while index < lines.count, !isBlank(lines[index]) { index += 1 }
      paragraphs.append(start..<index)
    }

    // The footers start at the last run of paragraphs that each open with a footer line, or earlier
    // at a paragraph that opens with BREAKING CHANGE: everything after a footer belongs to footers.
    var footerStart = lines.count
    for paragraph in paragraphs.reversed() {
      guard footerLine(lines[paragraph.lowerBound]) != nil else { break }
      footerStart = paragraph.lowerBound
    }
    if let breaking = paragraphs.first(where: {
      footerLine(lines[$0.lowerBound])?.isBreakingChange == true
    }) {
      footerStart = min(footerStart, breaking.lowerBound)
    }
    // A header line alone directly followed by a footer (no blank line) is not valid; be lenient
    // only for paragraphs, which always start after a blank line here.

    var footers: [Footer] = []
    var pending: (token: String, separator: String, value: [Substring])?
    func flush() {
      guard let current = pending else { return }
      var value = current.value
      while let last = value.last, isBlank(last) { value.removeLast() }
      while let first = value.first, isBlank(first) { value.removeFirst() }
      footers.append(
        Footer(
          token: current.token, separator: current.separator,
          value: value.joined(separator: "\n")))
      pending = nil
    }
    if footerStart < lines.count {
      for line in lines[footerStart...] {
        if let footer = footerLine(line) {
          flush()
          pending = (footer.token, footer.separator, [Substring(footer.value)])
        } else {
          pending?.value.append(line)
        }
      }
      flush()
    }

    var bodyLines = lines[min(1, lines.count)..<footerStart]
    let body: String
    if !keepingBody {
      body = ""
    } else if hasReturn {
      // Joined, a "\r" ending one line and the next "\n" become one Character: split as before.
      body = bodyLines.joined(separator: "\n").trimmingBlankLines()
    } else {
      while let first = bodyLines.first, isBlank(first) { bodyLines.removeFirst() }
      while let last = bodyLines.last, isBlank(last) { bodyLines.removeLast() }
      body = bodyLines.joined(separator: "\n")
    }

    return ConventionalCommit(
      type: header.type.lowercased(), scope: header.scope, description: header.description,
      body: body.isEmpty ? nil : body, footers: footers, hasBreakingMarker: header.breaking)
  }

  /// The header `type(scope)!: description`.
  struct Header {
    let type: String
    let scope: String?
    let breaking: Bool
    let description: String

    init?(_ line: Substring) {
      // Read in place when the bytes are contiguous: a copy of every header cost more than this.
      guard
        let header = line.utf8.withContiguousStorageIfAvailable(Self.init(bytes:))
          ?? Array(line.utf8).withUnsafeBufferPointer(Self.init(bytes:))
      else { return nil }
      self = header
    }

    private init?(bytes: UnsafeBufferPointer<UInt8>) {
      guard let shape = Shape(bytes) else { return nil }
      type = String(decoding: bytes[shape.type], as: UTF8.self)
      scope = shape.scope.map { String(decoding: bytes[$0], as: UTF8.self).trimmingSpaces() }
      guard scope?.isEmpty != true else { return nil }
      breaking = shape.breaking
      description = String(decoding: bytes[shape.description], as: UTF8.self).trimmingSpaces()
      guard !description.isEmpty else { return nil }
    }

    /// Where a header's parts are, the scope and description not yet trimmed (nor known not to
    /// be blank).
    struct Shape {
      let type: Range<Int>
      let scope: Range<Int>?
      let breaking: Bool
      let description: Range<Int>

      init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        // Type: a noun; letters, digits, `-` and `_`, starting with a letter.
        while index < bytes.count, isTypeByte(bytes[index]) { index += 1 }
        guard index > 0, isLetter(bytes[0]) else { return nil }
        type = 0..<index
        if index < bytes.count, bytes[index] == UInt8(ascii: "(") {
          guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ")")) else { return nil }
          let inner = (index + 1)..<close
          guard !inner.isEmpty, !bytes[inner].contains(UInt8(ascii: "(")) else { return nil }
          scope = inner
          index = close + 1
        } else {
          scope = nil
        }
        breaking = index < bytes.count && bytes[index] == UInt8(ascii: "!")
        if breaking { index += 1 }
        // The colon and the space after it are both required.
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: ":"),
          bytes[index + 1] == UInt8(ascii: " ")
        else { return nil }
        description = (index + 2)..<bytes.count
      }
    }
  }

  /// A line that opens a footer: `Token: value`, `Token #value`, `BREAKING CHANGE: value`.
  static func footerLine(_ line: Substring) -> Footer? {
    // Only lines that start so need the (Foundation-trimming, slow on Linux) checks below.
    // On bytes: it passes every line the Character test would, and more only where the checks
    // below, on Characters, say no.
    let mayBreak = line.utf8.drop { $0 == 0x20 || $0 == 0x09 }.starts(with: "BREAKING".utf8)
    for breaking in ["BREAKING CHANGE", "BREAKING-CHANGE"] where mayBreak {
      for separator in [": ", " #"] where line.hasPrefix(breaking + separator) {
        return Footer(
          token: breaking, separator: separator,
          value: String(line.dropFirst(breaking.count + 2)).trimmingSpaces())
      }
      // git strips the space of `BREAKING CHANGE: ` when the text starts on the next line.
      if line.trimmingCharacters(in: .whitespaces) == breaking + ":" {
        return Footer(token: breaking, separator: ": ", value: "")
      }
    }
    // Read in place: most lines tested are body text, and a copy of each cost more than the test.
    let utf8 = line.utf8
    var end = utf8.startIndex
    while end != utf8.endIndex, isTypeByte(utf8[end]) { utf8.formIndex(after: &end) }
    guard end != utf8.startIndex, isLetter(utf8[utf8.startIndex]), end != utf8.endIndex else {
      return nil
    }
    let next = utf8.index(after: end)
    guard next != utf8.endIndex else { return nil }
    let separator: String
    if utf8[end] == UInt8(ascii: ":"), utf8[next] == UInt8(ascii: " ") {
      separator = ": "
    } else if utf8[end] == UInt8(ascii: " "), utf8[next] == UInt8(ascii: "#") {
      separator = " #"
    } else {
      return nil
    }
    let value = String(line[utf8.index(after: next)...]).trimmingSpaces()
    guard !value.isEmpty else { return nil }
    return Footer(token: String(line[..<end]), separator: separator, value: value)
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
  }

  private static func isTypeByte(_ byte: UInt8) -> Bool {
    isLetter(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: "_")
  }

  /// True when every Character is white space. ASCII is tested byte by byte: a line that is not
  /// blank usually shows it at its first byte.
  static func isBlank(_ line: Substring) -> Bool {
    for byte in line.utf8 {
      switch byte {
      case 0x20, 0x09...0x0D: continue
      case 0x80...: return line.allSatisfy(\.isWhitespace)
      default: return false
      }
    }
    return true
  }

  /// The lines of a text without "\r": what `split(separator: "\n")` gives, found on bytes.
  static func byteLines(_ text: String) -> [Substring] {
    let utf8 = text.utf8
    // Offsets found in the contiguous bytes: walking String indices costs several times more.
    guard
      let breaks = utf8.withContiguousStorageIfAvailable({ bytes in
        bytes.indices.filter { bytes[$0] == 0x0A }
      })
    else { return text.split(separator: "\n", omittingEmptySubsequences: false) }
    var lines: [Substring] = []
    lines.reserveCapacity(breaks.count + 1)
    var start = utf8.startIndex
    for offset in breaks {
      let newline = utf8.index(utf8.startIndex, offsetBy: offset)
      lines.append(text[start..<newline])
      start = utf8.index(after: newline)
    }
    lines.append(text[start...])
    return lines
  }
}

extension String {
  /// True when the UTF-8 form holds `byte`, scanned as contiguous bytes when the string has them.
  func containsByte(_ byte: UInt8) -> Bool {
    utf8.withContiguousStorageIfAvailable { bytes in
      bytes.baseAddress.map { memchr($0, Int32(byte), bytes.count) != nil } ?? false
    } ?? utf8.contains(byte)
  }

  /// `trimmingCharacters(in: .whitespaces)`, which is slow on Linux: ASCII spaces and tabs are
  /// dropped on bytes, and only a text that then ends in a byte not ASCII is left to Foundation.
  func trimmingSpaces() -> String {
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    let utf8 = self.utf8
    var start = utf8.startIndex
    var end = utf8.endIndex
    while start != end, isSpace(utf8[start]) { utf8.formIndex(after: &start) }
    while start != end, isSpace(utf8[utf8.index(before: end)]) { utf8.formIndex(before: &end) }
    if start == end { return "" }
    guard utf8[start] < 0x80, utf8[utf8.index(before: end)] < 0x80 else {
      return trimmingCharacters(in: .whitespaces)
    }
    if start == utf8.startIndex, end == utf8.endIndex { return self }
    return String(self[start..<end])
  }

  fileprivate func caseInsensitiveCompare(_ other: String) -> Bool {
    lowercased() == other.lowercased()
  }

  /// Drops blank lines at both ends, and trailing white space of the last line.
  func trimmingBlankLines() -> String {
    var lines = split(separator: "\n", omittingEmptySubsequences: false)
    while let first = lines.first, ConventionalCommit.isBlank(first) { lines.removeFirst() }
    while let last = lines.last, ConventionalCommit.isBlank(last) { lines.removeLast() }
    return lines.joined(separator: "\n")
  }
}

// MARK: Reading ASCII in place

extension ConventionalCommit {
  /// What `parse` reads, found on the bytes of a message of ASCII without "\r" in place. There
  /// every byte is a Character and every "\n" ends a line, so bytes give the Characters' results;
  /// release notes read a long history's messages this way, nearly all of them such.
  enum ASCIIReading {
    /// A footer line's parts, as `footerLine` finds them.
    struct FooterShape {
      let token: Range<Int>
      let isBreakingChange: Bool
      /// True for `Token #value`, false for `Token: value`.
      let hashSeparator: Bool
      /// Trimmed; empty only for `BREAKING CHANGE:`.
      let value: Range<Int>
    }

    /// True when every byte is ASCII and none is "\r": the messages read here.
    static func accepts(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      guard let base = bytes.baseAddress else { return true }
      let ones: UInt64 = 0x0101_0101_0101_0101
      let high: UInt64 = 0x8080_8080_8080_8080
      var index = 0
      // Eight bytes at a time: this runs on every message.
      while index + 8 <= bytes.count {
        let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self)
        let returns = word ^ (ones &* 0x0D)
        // A high bit set, or else a zero byte of `returns` (a "\r" in `word`), sets a high bit.
        if (word | ((returns &- ones) & ~returns)) & high != 0 { return false }
        index += 8
      }
      while index < bytes.count {
        guard bytes[index] < 0x80, bytes[index] != 0x0D else { return false }
        index += 1
      }
      return true
    }

    /// The offset of the "\n" that ends the line starting at `start`, or of the end.
    static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
      guard let base = bytes.baseAddress, start < bytes.count,
        let newline = memchr(base + start, 0x0A, bytes.count - start)
      else { return bytes.count }
      return base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
    }

    /// `Header`'s parts, the scope and description trimmed; nil where `Header` is nil.
    static func header(_ line: UnsafeBufferPointer<UInt8>) -> (
      type: Range<Int>, scope: Range<Int>?, breaking: Bool, description: Range<Int>
    )? {
      guard let shape = Header.Shape(line) else { return nil }
      let scope = shape.scope.map { trimmed(line, $0) }
      let description = trimmed(line, shape.description)
      guard scope?.isEmpty != true, !description.isEmpty else { return nil }
      return (shape.type, scope, shape.breaking, description)
    }

    /// `footerLine`, on the bytes of one line.
    static func footerLine(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>)
      -> FooterShape?
    {
      let start = line.lowerBound
      let whole = trimmed(bytes, line)
      // Tested on the first byte first: the test of the whole word costs more.
      if !whole.isEmpty, bytes[whole.lowerBound] == UInt8(ascii: "B"),
        bytes[whole].starts(with: "BREAKING".utf8)
      {
        for breaking in ["BREAKING CHANGE", "BREAKING-CHANGE"] {
          let token = start..<(start + 15)
          for separator in [": ", " #"] where bytes[line].starts(with: (breaking + separator).utf8)
          {
            return FooterShape(
              token: token, isBreakingChange: true, hashSeparator: separator == " #",
              value: trimmed(bytes, (start + 17)..<line.upperBound))
          }
          // git strips the space of `BREAKING CHANGE: ` when the text starts on the next line.
          if bytes[whole].elementsEqual((breaking + ":").utf8) {
            return FooterShape(
              token: whole.lowerBound..<(whole.lowerBound + 15), isBreakingChange: true,
              hashSeparator: false, value: whole.upperBound..<whole.upperBound)
          }
        }
      }
      var end = start
      while end < line.upperBound, isTypeByte(bytes[end]) { end += 1 }
      guard end != start, isLetter(bytes[start]), end + 1 < line.upperBound else { return nil }
      let hashSeparator: Bool
      if bytes[end] == UInt8(ascii: ":"), bytes[end + 1] == UInt8(ascii: " ") {
        hashSeparator = false
      } else if bytes[end] == UInt8(ascii: " "), bytes[end + 1] == UInt8(ascii: "#") {
        hashSeparator = true
      } else {
        return nil
      }
      let value = trimmed(bytes, (end + 2)..<line.upperBound)
      guard !value.isEmpty else { return nil }
      return FooterShape(
        token: start..<end, isBreakingChange: false, hashSeparator: hashSeparator, value: value)
    }

    /// A footer `parse` finds: its first line's parts and where the text it is given ends.
    struct FooterSpan {
      let shape: FooterShape
      /// The "\n" that ends the footer's first line.
      let lineEnd: Int
      /// True when the value on the first line is not blank.
      let valueKept: Bool
      /// From the first of its lines not blank (the value, or a later line) to the end of the
      /// last; nil when all are blank.
      var kept: Range<Int>?

      /// The text `parse` gives the footer, as one or two runs of bytes: the first line's value
      /// is trimmed, the lines after it (the second run, from the "\n") are kept as they are.
      var value: (Range<Int>, Range<Int>?) {
        guard let kept else { return (shape.value.upperBound..<shape.value.upperBound, nil) }
        guard valueKept, kept.upperBound > shape.value.upperBound else { return (kept, nil) }
        return (shape.value, lineEnd..<kept.upperBound)
      }

      func value(in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let (first, rest) = value
        let text = String(decoding: bytes[first], as: UTF8.self)
        return rest.map { text + String(decoding: bytes[$0], as: UTF8.self) } ?? text
      }
    }

    /// Each footer `parse` finds in the lines after the header (which ends at `headerEnd`), in
    /// order. Nothing is made of those a caller does not want: notes want a few.
    static func footers(
      _ bytes: UnsafeBufferPointer<UInt8>, headerEnd: Int, _ body: (FooterSpan) -> Void
    ) {
      // The start of the last run of paragraphs that open with a footer line, or of the first
      // paragraph that opens with BREAKING CHANGE, whichever comes first: `parse`'s rule.
      var run: Int?
      var breaking: Int?
      var inParagraph = false
      var previousEnd = headerEnd
      while previousEnd < bytes.count {
        let line = (previousEnd + 1)..<lineEnd(bytes, from: previousEnd + 1)
        previousEnd = line.upperBound
        if isBlank(bytes, line) {
          inParagraph = false
        } else if !inParagraph {
          inParagraph = true
          guard let footer = footerLine(bytes, line) else {
            run = nil
            continue
          }
          if run == nil { run = line.lowerBound }
          if footer.isBreakingChange, breaking == nil { breaking = line.lowerBound }
        }
      }
      guard var lineStart = [run, breaking].compactMap({ $0 }).min() else { return }

      var pending: FooterSpan?
      while lineStart <= bytes.count {
        let line = lineStart..<lineEnd(bytes, from: lineStart)
        lineStart = line.upperBound + 1
        if let shape = footerLine(bytes, line) {
          pending.map(body)
          let valueKept = !isBlank(bytes, shape.value)
          pending = FooterSpan(
            shape: shape, lineEnd: line.upperBound, valueKept: valueKept,
            kept: valueKept ? shape.value : nil)
        } else if let current = pending, !isBlank(bytes, line) {
          pending?.kept = (current.kept?.lowerBound ?? line.lowerBound)..<line.upperBound
        }
      }
      pending.map(body)
    }

    /// `isBlank` for ASCII: white space is a space, a tab or a line or page break.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
      bytes[range].allSatisfy { $0 == 0x20 || (0x09...0x0D).contains($0) }
    }

    /// `trimmingSpaces` for ASCII: spaces and tabs dropped at both ends.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
      var start = range.lowerBound
      var end = range.upperBound
      while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
      while start < end, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
      return start..<end
    }
  }
}

extension String {
  /// ASCII bytes lower-cased: `lowercased()` of their text, without making that text first.
  init(lowercasingASCII bytes: UnsafeBufferPointer<UInt8>) {
    self.init(unsafeUninitializedCapacity: bytes.count) { buffer in
      for (index, byte) in bytes.enumerated() {
        buffer[index] = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
      }
      return bytes.count
    }
  }
}
