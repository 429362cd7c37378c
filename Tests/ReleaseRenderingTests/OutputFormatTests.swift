import Testing

@testable import ReleaseRendering

@Suite("--format values")
struct OutputFormatTests {
  @Test(arguments: [
    ("markdown", OutputFormat.markdown), ("md", .markdown), ("text", .text), ("json", .json),
    ("JSON", nil), ("html", nil), ("", nil), ("markdown ", nil),
  ])
  func namesReadAsFormats(_ name: String, _ expected: OutputFormat?) {
    #expect(OutputFormat(name: name) == expected)
  }
}
