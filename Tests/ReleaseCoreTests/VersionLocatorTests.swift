import Testing

@testable import ReleaseCore

/// The byte locators behind `git release stamp`: where the version is, found by structure, so a
/// dependency with the same version string or a `version =` in a comment is never taken.
@Suite("Version file locators")
struct VersionLocatorTests {
  /// The text with the located bytes replaced by `9.9.9`, so a table shows which bytes were found.
  static func stamp(_ text: String, _ locate: ([UInt8]) throws(VersionFileError) -> VersionLocation)
    throws -> String
  {
    let bytes = Array(text.utf8)
    let location = try locate(bytes)
    return String(decoding: location.replacing(with: "9.9.9", in: bytes), as: UTF8.self)
  }

  @Test(arguments: [
    (#"{"version": "1.0.0"}"#, "version", #"{"version": "9.9.9"}"#),
    (
      #"{"name": "x", "dependencies": {"a": {"version": "1.0.0"}}, "version": "1.0.0"}"#, "version",
      #"{"name": "x", "dependencies": {"a": {"version": "1.0.0"}}, "version": "9.9.9"}"#
    ),
    (
      #"{"packages": {"": {"version": "1.0.0"}}, "version": "1.0.0"}"#, "packages..version",
      #"{"packages": {"": {"version": "9.9.9"}}, "version": "1.0.0"}"#
    ),
    (
      "{\n  \"list\": [\"version\", {\"version\": \"1\"}],\n  \"version\" :\t\"1.0.0\" \n}",
      "version", "{\n  \"list\": [\"version\", {\"version\": \"1\"}],\n  \"version\" :\t\"9.9.9\" \n}"
    ),
    (#"{"a\u0062": {"version": "1.0.0"}}"#, "ab.version", #"{"a\u0062": {"version": "9.9.9"}}"#),
    ("\u{FEFF}{\"version\":\"1.0.0\"}", "version", "\u{FEFF}{\"version\":\"9.9.9\"}"),
  ])
  func json(_ text: String, key: String, expected: String) throws {
    let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    #expect(
      try Self.stamp(text) { (bytes) throws(VersionFileError) in
        try JSONVersionLocator.locate(bytes, path: path, file: "f.json")
      } == expected)
  }

  @Test(arguments: [
    ("[package]\nversion = \"1.0.0\"\n", "package.version", "[package]\nversion = \"9.9.9\"\n"),
    (
      "package.version = '1.0.0' # the version\n", "package.version",
      "package.version = '9.9.9' # the version\n"
    ),
    (
      "[dependencies]\nx = { version = \"1.0.0\" }\n[package]\nversion=\"1.0.0\"",
      "package.version", "[dependencies]\nx = { version = \"1.0.0\" }\n[package]\nversion=\"9.9.9\""
    ),
    (
      "package = { name = \"x\", version = \"1.0.0\" }\n", "package.version",
      "package = { name = \"x\", version = \"9.9.9\" }\n"
    ),
    (
      "[[bin]]\nversion = \"1.0.0\"\n[ project ]\n\"version\" = \"1.0.0\"\r\n", "project.version",
      "[[bin]]\nversion = \"1.0.0\"\n[ project ]\n\"version\" = \"9.9.9\"\r\n"
    ),
    (
      "# version = \"0\"\ntext = '''\nversion = \"0\"\n'''\nlist = [\n  \"a\", # c\n]\nversion = \"1.0.0\"\n",
      "version",
      "# version = \"0\"\ntext = '''\nversion = \"0\"\n'''\nlist = [\n  \"a\", # c\n]\nversion = \"9.9.9\"\n"
    ),
    (
      "date = 1979-05-27 07:32:00Z\n[tool.poetry]\nversion = \"1.0.0\"\n", "tool.poetry.version",
      "date = 1979-05-27 07:32:00Z\n[tool.poetry]\nversion = \"9.9.9\"\n"
    ),
  ])
  func toml(_ text: String, key: String, expected: String) throws {
    let path = key.split(separator: ".").map(String.init)
    #expect(
      try Self.stamp(text) { (bytes) throws(VersionFileError) in
        try TOMLVersionLocator.locate(bytes, path: path, file: "f.toml")
      } == expected)
  }

  @Test(arguments: [
    (#"let v = "(.*)""#, "let a = \"1\"\nlet v = \"1.0.0\"\n", "let a = \"1\"\nlet v = \"9.9.9\"\n"),
    (#"^version: (\S+)"#, "old version: 1\r\nversion: 1.0.0\r\n", "old version: 1\r\nversion: 9.9.9\r\n"),
    (#"ünï = "(.*)""#, "ünï = \"1.0.0\"", "ünï = \"9.9.9\""),
  ])
  func pattern(_ pattern: String, text: String, expected: String) throws {
    #expect(
      try Self.stamp(text) { (bytes) throws(VersionFileError) in
        try PatternVersionLocator.locate(bytes, pattern: pattern, file: "f")
      } == expected)
  }

  @Test(arguments: [
    ("1.0.0\n", "9.9.9\n"), ("1.0.0", "9.9.9"), ("\u{FEFF}1.0.0\r\n", "\u{FEFF}9.9.9\r\n"),
    ("", "9.9.9"), ("  1.0.0  \n\n", "  9.9.9  \n\n"),
  ])
  func wholeFile(_ text: String, expected: String) throws {
    #expect(
      try Self.stamp(text) { (bytes) throws(VersionFileError) in
        try WholeFileVersionLocator.locate(bytes, file: "VERSION")
      } == expected)
  }

  // MARK: Refusals

  @Test(arguments: [
    (#"{"name": "x"}"#, VersionFileError.missingKey(file: "f.json", key: "version")),
    (#"{"version": 1}"#, .notAString(file: "f.json", key: "version", line: 1)),
    (
      "{\"version\": \"1\",\n\"version\": \"2\"}",
      .ambiguous(file: "f.json", key: "version", lines: [1, 2])
    ),
    (#"{"version": "1\u002e0"}"#, .cannotEditInPlace(file: "f.json", key: "version", line: 1, detail: "the string has escape sequences")),
  ])
  func jsonRefusals(_ text: String, error: VersionFileError) {
    #expect(throws: error) {
      try JSONVersionLocator.locate(Array(text.utf8), path: ["version"], file: "f.json")
    }
  }

  @Test(arguments: [
    ("[package]\nname = \"x\"\n", VersionFileError.missingKey(file: "f.toml", key: "package.version")),
    ("[package]\nversion = 1\n", .notAString(file: "f.toml", key: "package.version", line: 2)),
    (
      "[package]\nversion = \"\"\"1.0.0\"\"\"\n",
      .notAString(file: "f.toml", key: "package.version", line: 2)
    ),
  ])
  func tomlRefusals(_ text: String, error: VersionFileError) {
    #expect(throws: error) {
      try TOMLVersionLocator.locate(Array(text.utf8), path: ["package", "version"], file: "f.toml")
    }
  }

  @Test func aPatternMustMatch() {
    #expect(throws: VersionFileError.noMatch(file: "f", pattern: #"v = "(.*)""#)) {
      try PatternVersionLocator.locate(Array("nothing".utf8), pattern: #"v = "(.*)""#, file: "f")
    }
  }

  @Test(arguments: [
    (#"v = "(.*)""#, true), (#"v = "(.*)" (\d)"#, false), (#"v = .*"#, false),
    (#"v = "(?:x)(.*)""#, true), (#"v = ((("#, false),
  ])
  func aPatternHasExactlyOneGroup(_ pattern: String, valid: Bool) {
    #expect((PatternVersionLocator.problem(with: pattern) == nil) == valid)
  }

  @Test(arguments: [
    ("package.json", VersionFileSettings.Format.json), ("Cargo.toml", .toml),
    ("charts/app/Chart.yaml", .yaml), ("a.YML", .yaml), ("VERSION", .text), ("x.json.txt", .text),
  ])
  func formatFromTheName(_ path: String, format: VersionFileSettings.Format) {
    #expect(VersionFileSettings.Format(path: path) == format)
  }
}
