import Mustache

/// How a template's `{{name}}` writes a value. Values come from commit messages, written by
/// anyone: in Markdown they must stay text and never become structure (a heading, a list, a
/// quote, raw HTML that hides what follows, a link to somewhere else).
enum TemplateMarkup: String, Sendable {
  case markdown = "GIT_RELEASE_MARKDOWN"
  case text = "GIT_RELEASE_TEXT"
  case html = "HTML"

  /// The markup a template file's name suggests: `.txt` is text, `.html` is HTML, else Markdown.
  init(fileName: String) {
    let name = fileName.lowercased()
    if name.contains(".txt") || name.contains(".text") {
      self = .text
    } else if name.contains(".html") || name.contains(".htm") {
      self = .html
    } else {
      self = .markdown
    }
  }

  /// The pragma that selects this markup, on a line of its own before the template's first line.
  var pragma: String { "{{% CONTENT_TYPE: \(rawValue) }}\n" }

  /// Registers the content types with the Mustache library once.
  static let registered: Bool = {
    MustacheContentTypes.register(MarkdownContent(), named: TemplateMarkup.markdown.rawValue)
    MustacheContentTypes.register(PlainTextContent(), named: TemplateMarkup.text.rawValue)
    return true
  }()
}

/// Markdown: every line of a value stays inside the block the template put it in.
struct MarkdownContent: MustacheContentType {
  func escapeText(_ text: String) -> String { MarkdownEscaping.escape(text) }
}

/// Plain text: values as they are; continuation lines of a multi-line value indented to stay
/// under the line that starts it.
struct PlainTextContent: MustacheContentType {
  func escapeText(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { String($0) }.joined(separator: "\n  ").replacingOccurrences(of: "\n  \n", with: "\n\n")
  }
}

enum MarkdownEscaping {
  /// A value made safe for Markdown. Lines after the first are indented by two spaces, so a
  /// multi-line text stays within the list item that holds it; blank lines separate paragraphs.
  static func escape(_ text: String) -> String {
    if isInert(text) { return text }
    var lines: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let escaped = escapeLine(line)
      lines.append(lines.isEmpty || escaped.isEmpty ? escaped : "  " + escaped)
    }
    return lines.joined(separator: "\n")
  }

  /// True for text that cannot mean anything in Markdown: one line of letters, digits, spaces and
  /// harmless punctuation, not starting with a digit or a space. Most commit text is such.
  static func isInert(_ text: String) -> Bool {
    guard let first = text.utf8.first else { return true }
    // A digit, space or marker first may start a block: the slow path decides, but for ids,
    // dates and versions, which every changelog entry has.
    guard (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first) else {
      return isInertNumber(text)
    }
    func isPlain(_ byte: UInt8) -> Bool {
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
    // Contiguous bytes when the text has them: every text of a changelog is tested here.
    return text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isPlain) }
      ?? text.utf8.allSatisfy(isPlain)
  }

  /// True for a short hash, a date or a version (`5c8a5ec`, `2023-11-14`, `1.2.0-rc.1+b.2`):
  /// a digit first, then only letters, digits, `.`, `-` and `+`, and no `1.` alone (a list item).
  static func isInertNumber(_ text: String) -> Bool {
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

  /// Punctuation that makes inline structure: escaped outside code spans.
  private static let inline: Set<Character> = ["\\", "<", ">", "[", "]", "|", "&"]
  /// Pairs that only make emphasis when balanced: escaped when their count is odd.
  private static let paired: [Character] = ["*", "_", "~"]

  static func escapeLine(_ line: Substring) -> String {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    let characters = Array(trimmed)
    let spans = codeSpans(characters)
    var oddPairs = Set<Character>()
    for mark in paired {
      var count = 0
      for (index, character) in characters.enumerated() where character == mark {
        if !spans.contains(where: { $0.contains(index) }) { count += 1 }
      }
      if count % 2 == 1 { oddPairs.insert(mark) }
    }
    // Unbalanced backticks: no code span at all, every backtick literal.
    let backticksOpen = spans.isEmpty && characters.contains("`")
    var result = ""
    var index = 0
    while index < characters.count {
      if let span = spans.first(where: { $0.lowerBound == index }) {
        result += String(characters[span])
        index = span.upperBound
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
  private static func escapeLeadingMarker(_ line: String) -> String {
    guard let first = line.first else { return line }
    let second = line.dropFirst().first
    let endsMarker = second == nil || second == " " || second == "\t"
    switch first {
    case ">":
      return "\\" + line
    case "#":
      // `#123` is a reference, `# text` and `###` a heading.
      let hashes = line.prefix { $0 == "#" }
      let after = line.dropFirst(hashes.count).first
      return after == nil || after == " " || after == "\t" ? "\\" + line : line
    case "-", "+", "*", "=", "_":
      return endsMarker || line.allSatisfy({ $0 == first || $0 == " " }) ? "\\" + line : line
    default:
      let digits = line.prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty, digits.count <= 9 else { return line }
      let rest = line.dropFirst(digits.count)
      guard rest.first == "." || rest.first == ")" else { return line }
      let after = rest.dropFirst().first
      return after == nil || after == " " || after == "\t"
        ? digits + "\\" + rest : line
    }
  }

  /// The index ranges of code spans: a run of backticks closed by a run of the same length.
  static func codeSpans(_ characters: [Character]) -> [Range<Int>] {
    var spans: [Range<Int>] = []
    var index = 0
    while index < characters.count {
      guard characters[index] == "`" else {
        index += 1
        continue
      }
      var end = index
      while end < characters.count, characters[end] == "`" { end += 1 }
      let length = end - index
      var search = end
      var closed: Int?
      while search < characters.count {
        if characters[search] == "`" {
          var run = search
          while run < characters.count, characters[run] == "`" { run += 1 }
          if run - search == length {
            closed = run
            break
          }
          search = run
        } else {
          search += 1
        }
      }
      if let closed {
        spans.append(index..<closed)
        index = closed
      } else {
        index = end
      }
    }
    return spans
  }
}
