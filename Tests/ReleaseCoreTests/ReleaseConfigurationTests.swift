import Testing

@testable import ReleaseCore

/// `[release]`, `[type]` and `[package]` read from entries as libgit2 gives them, with the text
/// only used to name lines.
@Suite("Release configuration")
struct ReleaseConfigurationTests {
  /// Entries the way libgit2 normalises them: section and key lower-cased.
  static func configuration(_ text: String) throws(ConfigurationError) -> Configuration {
    var entries: [ConfigurationEntry] = []
    var section = ""
    for line in text.split(separator: "\n") {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("[") {
        let inner = trimmed.dropFirst().dropLast()
        if let quote = inner.firstIndex(of: "\"") {
          section =
            inner[..<quote].trimmingCharacters(in: .whitespaces).lowercased() + "."
            + inner[inner.index(after: quote)...].dropLast()
        } else {
          section = inner.lowercased()
        }
        continue
      }
      let parts = trimmed.split(separator: "=", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      entries.append(
        ConfigurationEntry(name: section + "." + parts[0].lowercased(), value: parts[1]))
    }
    return try Configuration(file: ".gitrelease", entries: entries, text: text)
  }

  @Test func defaults() {
    let defaults = Configuration.defaults
    #expect(defaults.release.tagPrefix == "v")
    #expect(defaults.release.initialVersion == SemanticVersion(0, 1, 0))
    #expect(defaults.release.majorOnZero == false)
    #expect(defaults.type("feat")?.bump == .minor)
    #expect(defaults.type("FIX")?.bump == .patch)
    #expect(defaults.type("perf")?.bump == .patch)
    #expect(defaults.type("chore")?.bump == Bump.none)
    #expect(defaults.packages.isEmpty)
  }

  @Test func valuesAreRead() throws {
    let configuration = try Self.configuration(
      """
      [release]
      tagPrefix = release-
      initialVersion = 1.0.0-rc.1
      majorOnZero = yes
      [type "perf"]
      bump = minor
      [type "Security"]
      bump = PATCH
      [package "api"]
      path = ./services/api/
      [package "web"]
      path = web
      tagPrefix = web@
      """)
    #expect(configuration.release.tagPrefix == "release-")
    #expect(configuration.release.initialVersion.description == "1.0.0-rc.1")
    #expect(configuration.release.majorOnZero)
    #expect(configuration.type("perf")?.bump == .minor)
    #expect(configuration.type("security")?.bump == .patch)
    #expect(
      configuration.package(named: "api")
        == PackageSettings(name: "api", path: "services/api", tagPrefix: "api/v"))
    #expect(configuration.package(named: "web")?.tagPrefix == "web@")
    let planner = ReleasePlanner(
      configuration: configuration, package: configuration.package(named: "api"))
    #expect(planner.namespace.prefix == "api/v")
    #expect(planner.package == "api")
    #expect(planner.majorOnZero)
  }

  @Test(arguments: [
    ("[release]\ninitialVersion = v1.0.0", 2, "initialversion"),
    ("[release]\ntagPrefix = v\ntagPrefix = -x", 3, "cannot start a tag name"),
    ("[release]\nmajorOnZero = maybe", 2, "not a boolean"),
    ("[release]\nprefix = v", 2, "unknown key \"prefix\""),
    ("[type \"feat\"]\nbump = big", 2, "major, minor, patch, none"),
    ("[package \"api\"]\ntagPrefix = api/v", 2, "has no path"),
    ("[package \"api\"]\npath = ../elsewhere", 2, "inside the repository"),
    ("[package \"api\"]\npath = api\ntagPrefix = v", 3, "repository's own release prefix"),
    (
      "[package \"a\"]\npath = a\ntagPrefix = x/\n[package \"b\"]\npath = b\ntagPrefix = x/", 6,
      "share"
    ),
    ("[relase]\ntagPrefix = v", 2, "unknown section [relase]"),
    ("[line \"lts\"]\nrange = 1.x", 2, "has no branch"),
    ("[line \"lts\"]\nbranch = maint", 2, "has no range"),
    ("[line \"lts\"]\nbranch = maint\nrange = 1.2", 3, "write N.x"),
    ("[line \"lts\"]\nbranch = maint\nrange = 1.x\nrelease = 2", 4, "unknown key"),
  ])
  func errorsNameTheLine(_ text: String, _ line: Int, _ mentions: String) {
    #expect {
      _ = try Self.configuration(text)
    } throws: { error in
      guard let error = error as? ConfigurationError else { return false }
      return error.file == ".gitrelease" && error.line == line && error.message.contains(mentions)
    }
  }
}

extension ReleaseConfigurationTests {
  @Test func linesAreReadInOrder() throws {
    let configuration = try Self.configuration(
      "[line \"lts\"]\nbranch = refs/heads/maint/*\nrange = 3.x\n[line \"hot\"]\nbranch = hot\n"
        + "range = 3.1.x")
    #expect(
      configuration.lines == [
        LineSettings(name: "lts", branch: "maint/*", range: .major(3)),
        LineSettings(name: "hot", branch: "hot", range: .minor(3, 1)),
      ])
    #expect(Configuration.defaults.lines.isEmpty)
  }

  @Test(arguments: ["", "v", "api/v", "release-", "web@", "v_", "pkg+v"])
  func tagPrefixesGitAccepts(_ prefix: String) {
    #expect(TagNamespace.isValidPrefix(prefix))
  }

  @Test(arguments: [
    "-v", "/v", ".v", "a..b", "a//v", "a b", "v~", "v^", "v:", "v?", "v*", "v[", "a\\v", "@{v",
    "api/.v", "@",
  ])
  func tagPrefixesGitRefuses(_ prefix: String) {
    #expect(!TagNamespace.isValidPrefix(prefix))
  }
}
