import Testing

@testable import ReleaseRendering

/// What the Escaping fuzz target (Fuzz/EscapingFuzz.swift) turned up in the Markdown escaping of
/// commit text, kept as tests (docs/reliability.md).
@Suite("Fuzz findings: Markdown escaping")
struct EscapingFindingsTests {
  @Test(arguments: [
    // A combining mark makes one Swift Character of ">\u{301}" or "[\u{301}", which compared
    // unequal to ">" and "[": Markdown still saw a quote and a link.
    (">\u{301} quote", "\\>\u{301} quote"),
    ("see [\u{301}docs](https://evil.example)", "see \\[\u{301}docs\\](https://evil.example)"),
    ("<\u{301}b>bold", "\\<\u{301}b\\>bold"),
    // "\r\n" is one Character, so it never matched "\n"; a lone "\r" ends a line in Markdown.
    ("first\r\n# heading", "first\n  \\# heading"),
    ("first\r> quote\r- item", "first\n  \\> quote\n  \\- item"),
    // The fuzzer's first finds: a combining mark first on a line after a quote and a heading.
    ("# ading\n>  two\n\u{5BF}---\n===\n:", "\\# ading\n  \\>  two\n  \u{5BF}---\n  \\===\n  :"),
  ])
  func escapesWhatMarkdownSees(_ input: String, _ expected: String) {
    #expect(MarkdownEscaping.escape(input).unicodeScalars.elementsEqual(expected.unicodeScalars))
  }

  /// Each character used to search every code span of its line: a 1 MiB subject of code spans
  /// and stars took over a minute. It is one pass now.
  @Test func aLongLineOfCodeSpansIsEscapedInOnePass() {
    let line = String(repeating: "`a` *", count: 200_001)
    #expect(MarkdownEscaping.escape(line) == String(repeating: "`a` \\*", count: 200_001))
  }
}

@Suite("Markdown escaping's quick paths")
struct MarkdownQuickPathTests {
  /// Text the quick paths pass as it is must come out of the full escaping unchanged too.
  @Test(arguments: [
    "#1", "#123", "#", "#a", "#12 x", "##12", "#1.", "1.", "12)", "5c8a5ec", "2023-11-14",
    "1.2.0-rc.1+b.2", "feat: a *b* c", "Fix <b> tag", "Plain words, and (#12)",
  ])
  func quickPathsAgreeWithTheFullEscaping(text: String) throws {
    let line = try #require(MarkdownEscaping.lines(of: text).first)
    #expect(MarkdownEscaping.escape(text) == MarkdownEscaping.escapeLine(line))
  }
}
