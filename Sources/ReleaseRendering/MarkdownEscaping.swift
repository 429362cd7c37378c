/// Markdown escaping of text written by others, on its own so the fuzzer can build it alone.
/// It works on Unicode scalars, as Markdown does: a combining mark after `>` or `[` makes one
/// Swift Character of the two, yet Markdown still sees the `>` or `[`; and `\r` ends a line.
package enum MarkdownEscaping {
  package typealias Line = [Unicode.Scalar]

  /// A value made safe for Markdown. Lines after the first are indented by two spaces, so a
  /// multi-line text stays within the list item that holds it; blank lines separate paragraphs.
  /// Lines end at `\n`, `\r\n` or `\r` as in Markdown, and come out ending in `\n`.
  package static func escape(_ text: String) -> String {
    if isInert(text) { return text }
    var escaped: [String] = []
    for line in lines(of: text) {
      let text = escapeLine(line)
      escaped.append(escaped.isEmpty || text.isEmpty ? text : "  " + text)
    }
    return escaped.joined(separator: "\n")
  }

  /// True for text that cannot mean anything in Markdown: one line of letters, digits, spaces and
  /// harmless punctuation, not starting with a digit or a space. Most commit text is such.
  package static func isInert(_ text: String) -> Bool {
    guard let first = text.utf8.first else { return true }
    // A digit, space or marker first may start a block: the slow path decides, but for ids,
    // dates and versions, which every changelog entry has.
    guard (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first) else {
      return isInertNumber(text) || isIssueNumber(text)
    }
    // Over contiguous bytes when the text has them: a changelog tests every text it writes.
    return text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isInertByte) }
      ?? text.utf8.allSatisfy(isInertByte)
  }

  private static func isInertByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x20, 0x80...:
      true  // letters, digits, space, and anything not ASCII
    case 0x21, 0x22, 0x23, 0x24, 0x25, 0x27, 0x28, 0x29, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x3A, 0x3B,
      0x3D, 0x3F, 0x40:
      true  // ! " # $ % ' ( ) + , - . / : ; = ? @ after the first letter
    default:
      false
    }
  }

  /// True for `#123`, as every reference to an issue is written: `#` and digits make no
  /// heading (that needs a space after the `#`) and nothing inline.
  package static func isIssueNumber(_ text: String) -> Bool {
    let bytes = text.utf8
    return bytes.count > 1 && bytes.first == UInt8(ascii: "#")
      && bytes.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
  }

  /// True for a short hash, a date or a version (`5c8a5ec`, `2023-11-14`, `1.2.0-rc.1+b.2`):
  /// a digit first, then only letters, digits, `.`, `-` and `+`, and no `1.` alone (a list item).
  package static func isInertNumber(_ text: String) -> Bool {
    let bytes = text.utf8
    guard let first = bytes.first, (0x30...0x39).contains(first) else { return false }
    let digits = bytes.prefix { (0x30...0x39).contains($0) }.count
    if digits == bytes.count - 1, bytes.last == UInt8(ascii: ".") { return false }
    return bytes.allSatisfy { byte in
      switch byte {
      case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2E, 0x2D, 0x2B: true  // alnum . - +
      default: false
      }
    }
  }

  /// The lines of a text as Markdown reads them: ended by `\n`, `\r\n` or a lone `\r`.
  package static func lines(of text: String) -> [Line] {
    var lines: [Line] = [[]]
    var afterReturn = false
    for scalar in text.unicodeScalars {
      defer { afterReturn = scalar == "\r" }
      if scalar == "\n" && afterReturn { continue }
      if scalar == "\n" || scalar == "\r" {
        lines.append([])
      } else {
        lines[lines.count - 1].append(scalar)
      }
    }
    return lines
  }

  /// Punctuation that makes inline structure: escaped outside code spans.
  private static let inline: Set<Unicode.Scalar> = ["\\", "<", ">", "[", "]", "|", "&"]
  /// Pairs that only make emphasis when balanced: escaped when their count is odd.
  private static let paired: [Unicode.Scalar] = ["*", "_", "~"]

  package static func escapeLine(_ line: Line) -> String {
    let characters = Array(line.drop { $0 == " " || $0 == "\t" })
    // Where each code span starting at an index ends, and which indices are inside one.
    var spanEnds: [Int: Int] = [:]
    var inSpan = [Bool](repeating: false, count: characters.count)
    for span in codeSpans(characters) {
      spanEnds[span.lowerBound] = span.upperBound
      for index in span { inSpan[index] = true }
    }
    var oddPairs = Set<Unicode.Scalar>()
    for mark in paired {
      let count = characters.indices.filter { characters[$0] == mark && !inSpan[$0] }.count
      if count % 2 == 1 { oddPairs.insert(mark) }
    }
    // Unbalanced backticks: no code span at all, every backtick literal.
    let backticksOpen = spanEnds.isEmpty && characters.contains("`")
    var result: Line = []
    var index = 0
    while index < characters.count {
      if let end = spanEnds[index] {
        result.append(contentsOf: characters[index..<end])
        index = end
        continue
      }
      let character = characters[index]
      if inline.contains(character) || oddPairs.contains(character)
        || (backticksOpen && character == "`")
      {
        result.append("\\")
      }
      result.append(character)
      index += 1
    }
    return escapeLeadingMarker(result)
  }

  /// A line that would start a heading, list, quote, thematic break or setext underline.
  private static func escapeLeadingMarker(_ line: Line) -> String {
    let text = String(String.UnicodeScalarView(line))
    guard let first = line.first else { return text }
    let second = line.dropFirst().first
    let endsMarker = second == nil || second == " " || second == "\t"
    switch first {
    case ">":
      return "\\" + text
    case "#":
      // `#123` is a reference, `# text` and `###` a heading.
      let hashes = line.prefix { $0 == "#" }
      let after = line.dropFirst(hashes.count).first
      return after == nil || after == " " || after == "\t" ? "\\" + text : text
    case "-", "+", "*", "=", "_":
      return endsMarker || line.allSatisfy({ $0 == first || $0 == " " }) ? "\\" + text : text
    default:
      let digits = line.prefix { ("0"..."9").contains($0) }
      guard !digits.isEmpty, digits.count <= 9 else { return text }
      let rest = line.dropFirst(digits.count)
      guard rest.first == "." || rest.first == ")" else { return text }
      let after = rest.dropFirst().first
      guard after == nil || after == " " || after == "\t" else { return text }
      return String(String.UnicodeScalarView(digits)) + "\\"
        + String(String.UnicodeScalarView(rest))
    }
  }

  /// The index ranges of code spans: a run of backticks closed by the next run of the same
  /// length. Each run learns where the next run of its length starts in one pass from the end,
  /// so a line of a million unmatched backtick runs costs no more than its length.
  package static func codeSpans(_ characters: Line) -> [Range<Int>] {
    var runs: [Range<Int>] = []
    var index = 0
    while index < characters.count {
      guard characters[index] == "`" else {
        index += 1
        continue
      }
      var end = index
      while end < characters.count, characters[end] == "`" { end += 1 }
      runs.append(index..<end)
      index = end
    }
    var nextOfLength = [Int?](repeating: nil, count: runs.count)
    var latest: [Int: Int] = [:]
    for run in runs.indices.reversed() {
      nextOfLength[run] = latest[runs[run].count]
      latest[runs[run].count] = run
    }
    var spans: [Range<Int>] = []
    var run = 0
    while run < runs.count {
      if let closing = nextOfLength[run] {
        spans.append(runs[run].lowerBound..<runs[closing].upperBound)
        run = closing + 1
      } else {
        run += 1
      }
    }
    return spans
  }
}
