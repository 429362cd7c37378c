import Foundation
import TestSupport
import Testing

/// `git release stamp`: version files rewritten in place, compared byte for byte with the files
/// kept in `Golden/version-files/before` and `after`.
@Suite("git release stamp")
struct StampCommandTests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden/version-files")

  /// Every golden file, relative to `before/`.
  static func goldenFiles() throws -> [String] {
    let root = golden.appendingPathComponent("before")
    let enumerator = FileManager.default.enumerator(atPath: root.path)
    var files: [String] = []
    while let path = enumerator?.nextObject() as? String {
      var isFolder: ObjCBool = false
      FileManager.default.fileExists(
        atPath: root.appendingPathComponent(path).path, isDirectory: &isFolder)
      if !isFolder.boolValue { files.append(path) }
    }
    return files.sorted()
  }

  static let configuration = """
    [file "package.json"]
        key = version                 # JSON: a dotted key path
    [file "web/package.json"]
        key = version
    [file "Cargo.toml"]
        key = package.version         # TOML
    [file "pyproject.toml"]
        key = project.version
    [file "charts/app/Chart.yaml"]
        key = version                 # YAML
    [file "charts/app/values.yml"]
        key = image.tag
    [file "Sources/App/Version.swift"]
        pattern = let appVersion = \\"(.*)\\"   # any text file
    [file "VERSION"]                  # the whole file

    """

  /// A repository released as v1.2.0 with the `before` files, and a feature since.
  static func repository(configuration: String = configuration) throws -> FixtureRepository {
    let repo = try FixtureRepository()
    for file in try goldenFiles() {
      try repo.write(
        file, try Data(contentsOf: golden.appendingPathComponent("before").appendingPathComponent(file)))
    }
    try repo.write(".gitrelease", configuration)
    try repo.git("add", "-A")
    try repo.commitStaged("feat: first release")
    try repo.tag("v1.2.0", message: "v1.2.0")
    try repo.commit("feat: a feature for 1.3.0")
    return repo
  }

  func contents(_ repo: FixtureRepository, _ file: String) throws -> Data {
    try Data(contentsOf: repo.url.appendingPathComponent(file))
  }

  func expected(_ file: String, _ kind: String) throws -> Data {
    try Data(contentsOf: Self.golden.appendingPathComponent(kind).appendingPathComponent(file))
  }

  @Test func writesOnlyTheVersionsBytesInEveryKindOfFile() throws {
    let repo = try Self.repository()
    let result = try repo.runGitRelease("stamp")
    #expect(result.status == 0, "\(result.stderr)")
    for file in try Self.goldenFiles() {
      #expect(try contents(repo, file) == expected(file, "after"), "\(file)")
    }
    #expect(result.stdout.contains("Cargo.toml:4: 1.2.0 -> 1.3.0"), "\(result.stdout)")
    #expect(result.stdout.contains("charts/app/Chart.yaml:4: 1.2.0 -> 1.3.0"))
  }

  @Test func aSecondRunChangesNothing() throws {
    let repo = try Self.repository()
    #expect(try repo.runGitRelease("stamp", "--version", "1.3.0").status == 0)
    let modified = try Self.goldenFiles().map {
      try FileManager.default.attributesOfItem(atPath: repo.url.appendingPathComponent($0).path)[
        .modificationDate] as? Date
    }
    let again = try repo.runGitRelease("stamp", "--version", "v1.3.0", "--json")
    #expect(again.status == 0, "\(again.stderr)")
    for file in try Self.goldenFiles() {
      #expect(try contents(repo, file) == expected(file, "after"), "\(file)")
    }
    let after = try Self.goldenFiles().map {
      try FileManager.default.attributesOfItem(atPath: repo.url.appendingPathComponent($0).path)[
        .modificationDate] as? Date
    }
    #expect(after == modified)
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
    #expect(report["version"] as? String == "1.3.0")
    let files = try #require(report["files"] as? [[String: Any]])
    #expect(files.count == 8)
    #expect(files.allSatisfy { $0["changed"] as? Bool == false && $0["from"] as? String == "1.3.0" })
  }

  @Test func jsonListsWhatChanged() throws {
    let repo = try Self.repository()
    let result = try repo.runGitRelease("stamp", "--json")
    #expect(result.status == 0, "\(result.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let files = try #require(report["files"] as? [[String: Any]])
    let cargo = try #require(files.first { $0["path"] as? String == "Cargo.toml" })
    #expect(cargo["place"] as? String == "key package.version")
    #expect(cargo["line"] as? Int == 4)
    #expect(cargo["from"] as? String == "1.2.0")
    #expect(cargo["to"] as? String == "1.3.0")
    #expect(cargo["changed"] as? Bool == true)
  }

  // MARK: --check

  @Test func checkComparesWithTheCurrentRelease() throws {
    let repo = try Self.repository()
    let agree = try repo.runGitRelease("stamp", "--check")
    #expect(agree.status == 0, "\(agree.stderr)")
    #expect(agree.stdout.contains("8 version files hold 1.2.0"))

    try repo.write("VERSION", "1.1.0\n")
    try repo.write("Cargo.toml", String(decoding: try expected("Cargo.toml", "after"), as: UTF8.self))
    let disagree = try repo.runGitRelease("stamp", "--check")
    #expect(disagree.status == 1)
    #expect(disagree.stderr.contains("VERSION:1: holds 1.1.0, not 1.2.0 (v1.2.0)"), "\(disagree.stderr)")
    #expect(disagree.stderr.contains("Cargo.toml:4: holds 1.3.0, not 1.2.0 (v1.2.0)"))
    #expect(!disagree.stderr.contains("package.json"))

    let json = try repo.runGitRelease("stamp", "--check", "--json")
    #expect(json.status == 1)
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(report["passed"] as? Bool == false)
    #expect(report["tag"] as? String == "v1.2.0")
    let files = try #require(report["files"] as? [[String: Any]])
    #expect(files.filter { $0["matches"] as? Bool == false }.count == 2)
  }

  // MARK: Refusals, with nothing written

  @Test(arguments: [
    ("Cargo.toml", "[package]\nname = \"rocket\"\n", "Cargo.toml: no key package.version"),
    ("package.json", "{\"name\": \"rocket\",}", "package.json"),
    ("charts/app/Chart.yaml", "version: [1.2.0\n", "charts/app/Chart.yaml"),
    ("Sources/App/Version.swift", "let other = 1\n", "nothing matches pattern"),
    ("pyproject.toml", "[project]\nversion = 1.2\n", "pyproject.toml:2: key project.version is not a one-line string"),
  ])
  func refusesABadFileAndWritesNoFile(file: String, contents broken: String, message: String)
    throws
  {
    let repo = try Self.repository()
    try repo.write(file, broken)
    let before = try Self.goldenFiles().map { try contents(repo, $0) }
    let result = try repo.runGitRelease("stamp")
    #expect(result.status == 5)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(try Self.goldenFiles().map { try contents(repo, $0) } == before)
    #expect(try repo.git("status", "--porcelain", "--untracked-files=all").contains(".git-release") == false)
  }

  @Test func refusesAPatternWithoutExactlyOneGroup() throws {
    let repo = try Self.repository(configuration: "[file \"VERSION\"]\n    pattern = (\\\\d+)\\\\.(\\\\d+)\n")
    let result = try repo.runGitRelease("stamp", "--version", "2.0.0")
    #expect(result.status == 5)
    #expect(result.stderr.contains(".gitrelease:2"), "\(result.stderr)")
    #expect(result.stderr.contains("has 2 groups"))
    #expect(try contents(repo, "VERSION") == expected("VERSION", "before"))
  }

  @Test func refusesAMissingFile() throws {
    let repo = try Self.repository(configuration: Self.configuration + "[file \"gone.json\"]\n    key = version\n")
    let result = try repo.runGitRelease("stamp")
    #expect(result.status == 5)
    #expect(result.stderr.contains("gone.json: no such file"), "\(result.stderr)")
    #expect(try contents(repo, "VERSION") == expected("VERSION", "before"))
  }

  @Test func withoutVersionFilesSaysWhatToAdd() throws {
    let repo = try Self.repository(configuration: "")
    let result = try repo.runGitRelease("stamp")
    #expect(result.status == 5)
    #expect(result.stderr.contains("[file \"package.json\"]"))
  }

  @Test func keepsPermissions() throws {
    let repo = try Self.repository()
    let path = repo.url.appendingPathComponent("VERSION").path
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
    #expect(try repo.runGitRelease("stamp").status == 0)
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o640)
  }
}
