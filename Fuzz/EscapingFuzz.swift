// libFuzzer target: what stands between text from commits and a terminal or a Markdown page.
// Sanitized text keeps no control character but newline and tab; escaped Markdown keeps one
// line per line, each inside the block the template put it in, none starting a block itself.
// Checked on Unicode scalars, as terminals and Markdown read them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEscaping(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  for scalar in Terminal.sanitize(text).unicodeScalars where scalar != "\n" && scalar != "\t" {
    check(scalar.value >= 0x20 && !(0x7F..<0xA0).contains(scalar.value), "a control character left", text)
  }
  let lines = MarkdownEscaping.lines(of: text)
  let escaped = MarkdownEscaping.lines(of: MarkdownEscaping.escape(text))
  check(escaped.count == lines.count, "escaping changed the number of lines", text)
  for (index, line) in escaped.enumerated() {
    check(index == 0 || line.isEmpty || line.starts(with: [" ", " "]), "a line left its block", text)
    let start = Array(line.drop { $0 == " " || $0 == "\t" })
    check(start.first != ">" && start.first != "<", "a line starts a quote or HTML", text)
    for marker: Unicode.Scalar in ["-", "+", "*", "#"] {
      check(start != [marker] && !start.starts(with: [marker, " "]), "a line starts a block", text)
    }
  }
  return 0
}

/// precondition prints nothing in optimised builds: say what failed, on which input.
func check(_ condition: Bool, _ what: String, _ input: String) {
  if !condition { fatalError("\(what): \(input.debugDescription)") }
}
