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
      var index = 0
      // Type: a noun; letters, digits, `-` and `_`, starting with a letter.
      while index < bytes.count, isTypeByte(bytes[index]) { index += 1 }
      guard index > 0, isLetter(bytes[0]) else { return nil }
      type = String(decoding: bytes[0..<index], as: UTF8.self)
      var scope: String?
      if index < bytes.count, bytes[index] == UInt8(ascii: "(") {
        guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ")")) else { return nil }
        let inner = bytes[(index + 1)..<close]
        guard !inner.isEmpty, !inner.contains(UInt8(ascii: "(")) else { return nil }
        scope = String(decoding: inner, as: UTF8.self).trimmingSpaces()
        guard scope?.isEmpty == false else { return nil }
        index = close + 1
      }
      self.scope = scope
      breaking = index < bytes.count && bytes[index] == UInt8(ascii: "!")
      if breaking { index += 1 }
      // The colon and the space after it are both required.
      guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: ":"),
        bytes[index + 1] == UInt8(ascii: " ")
      else { return nil }
      let text = String(decoding: bytes[(index + 2)...], as: UTF8.self)
        .trimmingSpaces()
      guard !text.isEmpty else { return nil }
      description = text
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
