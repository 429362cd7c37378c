import Testing

@testable import ReleaseRendering

@Suite("Text on its way to a terminal")
struct TerminalTests {
  @Test(arguments: [
    ("plain text stays", "feat(api): add pagination", "feat(api): add pagination"),
    ("tabs and newlines stay", "a\tb\nc", "a\tb\nc"),
    ("escape is shown", "red \u{1B}[31m", "red \u{241B}[31m"),
    ("delete is shown", "x\u{7F}", "x\u{2421}"),
    ("C1 control is replaced", "x\u{9B}31m", "x\u{FFFD}31m"),
    ("a lone bidi override is shown", "invoice\u{202E}fdp.exe", "invoice<U+202E>fdp.exe"),
    ("a lone zero-width space is shown", "v1.0.0\u{200B}", "v1.0.0<U+200B>"),
    ("a byte-order mark is shown", "\u{FEFF}fix: x", "<U+FEFF>fix: x"),
    ("other text in the same ranges stays", "café – “quoted” ﬁ", "café – “quoted” ﬁ"),
  ])
  func sanitize(_ name: String, _ input: String, _ expected: String) {
    #expect(Terminal.sanitize(input) == expected, "\(name)")
  }
}
