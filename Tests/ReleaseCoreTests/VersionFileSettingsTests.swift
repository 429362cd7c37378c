import Testing

@testable import ReleaseCore

/// `[file "PATH"]` and `[changelog]` sections of `.gitrelease`.
@Suite("Version file configuration")
struct VersionFileSettingsTests {
  @Test func readsKeysPatternsAndWholeFilesInOrder() throws {
    let configuration = try ReleaseConfigurationTests.configuration(
      """
      [file "package.json"]
          key = version
      [file "Cargo.toml"]
          key = package.version
      [file "Sources/App/Version.swift"]
          pattern = let appVersion = "(.*)"
      [file "VERSION"]
      [changelog]
          file = CHANGELOG.md
      """)
    #expect(
      configuration.files == [
        VersionFileSettings(path: "package.json", locator: .key(["version"])),
        VersionFileSettings(path: "Cargo.toml", locator: .key(["package", "version"])),
        VersionFileSettings(
          path: "Sources/App/Version.swift", locator: .pattern(#"let appVersion = "(.*)""#)),
        VersionFileSettings(path: "VERSION", locator: .wholeFile),
      ])
    #expect(configuration.changelog.file == "CHANGELOG.md")
    #expect(Configuration.defaults.files.isEmpty)
    #expect(Configuration.defaults.changelog.file == nil)
  }

  @Test(arguments: [
    ("[file \"a.json\"]\n    key = version\n    pattern = (x)", 3, "both key and pattern"),
    ("[file \"VERSION\"]\n    key = version", 2, "key works in .json, .toml, .yaml"),
    ("[file \"a.toml\"]\n    key = package..version", 2, "not a dotted key path"),
    ("[file \"a.txt\"]\n    pattern = v(\\d)(\\d)", 2, "has 2 groups"),
    ("[file \"a.txt\"]\n    pattern = version", 2, "has 0 groups"),
    ("[file \"../a.json\"]\n    key = version", 2, "leaves the work tree"),
    ("[file \"/etc/a.json\"]\n    key = version", 2, "absolute"),
    ("[file \"a.json\"]\n    path = version", 2, "unknown key \"path\""),
    ("[changelog]\n    name = x", 2, "unknown key \"name\""),
    ("[changelog]\n    file = ../CHANGELOG.md", 2, "leaves the work tree"),
  ])
  func refusesWithTheLine(_ text: String, line: Int, message: String) {
    do {
      _ = try ReleaseConfigurationTests.configuration(text)
      Issue.record("accepted: \(text)")
    } catch {
      #expect(error.line == line)
      #expect(error.message.contains(message), "\(error.message)")
    }
  }
}
