import Foundation
import TestSupport
import Testing

/// Release notes and changelogs of a fixture history, compared with the expected output kept in
/// `Golden/` beside this file. After a deliberate change of output, rewrite those files with
/// `GIT_RELEASE_UPDATE_GOLDEN=1 swift test --filter NotesGoldenTests` and read the diff.
@Suite("Release notes and changelog, against expected files")
struct NotesGoldenTests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  /// Two releases and unreleased work, with what real histories hold: scopes, a breaking change
  /// with a multi-line footer, issue references, a merge, a revert inside the release, hidden
  /// types, a non-conventional commit, a message that is not UTF-8, an empty one and a huge one.
  static func makeHistory(remote: String? = "git@github.com:acme/rocket.git") throws
    -> FixtureRepository
  {
    let repo = try FixtureRepository()
    if let remote { try repo.git("remote", "add", "origin", remote) }
    try repo.commit("feat: launch the rocket")
    try repo.tag("v1.0.0", message: "v1.0.0")
    try repo.commit("fix(parser): accept an empty flight plan (#12)")
    try repo.commit(
      """
      feat(api)!: replace the v1 endpoints

      The v1 endpoints could not carry payload metadata.

      BREAKING CHANGE: /v1/launch is gone; call /v2/launch instead.
      Payloads now need a `mass` field.
      Closes #34
      """)
    try repo.commit("docs: explain the launch window")
    let temporary = try repo.commit("feat: a countdown that never ends")
    try repo.commitStaged(
      "Revert \"feat: a countdown that never ends\"\n\nThis reverts commit \(temporary).\n",
      allowEmpty: true)
    try repo.git("checkout", "-q", "-b", "cache")
    try repo.commit("perf(cache): reuse telemetry buffers\n\nRefs: #40", file: "cache.txt")
    try repo.git("checkout", "-q", "main")
    try repo.commit("fix: retry a lost telemetry link")
    try repo.git("merge", "-q", "--no-ff", "cache", "-m", "Merge branch 'cache'")
    repo.clock += 60
    try repo.commit("Update README")
    try repo.tag("v1.1.0", message: "v1.1.0")
    try repo.commit(
      "fix: escape <!-- comments -->, [links](https://evil.example), | pipes and *stars")
    // "fix: naïve" in Latin-1, written as bytes: `git commit` would convert it to UTF-8.
    let tree = try repo.git("rev-parse", "HEAD^{tree}")
    let parent = try repo.git("rev-parse", "HEAD")
    let header =
      "tree \(tree)\nparent \(parent)\nauthor Ada Author <ada@example.com> \(repo.clock) +0000\n"
      + "committer Cy Committer <cy@example.com> \(repo.clock) +0000\n\n"
    let message: [UInt8] = [0x66, 0x69, 0x78, 0x3A, 0x20, 0x6E, 0x61, 0xEF, 0x76, 0x65, 0x0A]
    try repo.write(".raw-commit", Data(header.utf8) + Data(message))
    let raw = try repo.git("hash-object", "-t", "commit", "-w", ".raw-commit")
    try repo.git("update-ref", "refs/heads/main", raw)
    try FileManager.default.removeItem(at: repo.url.appendingPathComponent(".raw-commit"))
    repo.clock += 60
    try repo.git("commit", "-q", "--allow-empty", "--allow-empty-message", "-m", "")
    repo.clock += 60
    let long = Array(repeating: "a very long description", count: 40).joined(separator: " ")
    try repo.commit("feat(cli): " + long)
    try repo.commit(
      "feat(cli): print notes as JSON\n\nCo-authored-by: Bo Pair <bo@example.com>")
    return repo
  }

  static let environment = ["SOURCE_DATE_EPOCH": "1700086400"]

  @Test(arguments: [
    ("notes-unreleased.md", ["notes"]),
    ("notes-unreleased-hidden.md", ["notes", "--include-hidden"]),
    ("notes-v1.1.0.md", ["notes", "v1.1.0"]),
    ("notes-v1.0.0..v1.1.0.json", ["notes", "v1.0.0..v1.1.0", "--format", "json"]),
    ("tag-message-v1.1.0.txt", ["notes", "v1.1.0", "--format", "text"]),
    ("changelog.md", ["changelog"]),
  ])
  func matchesExpectedFile(_ name: String, arguments: [String]) throws {
    let repo = try Self.makeHistory()
    let result = try repo.runGitRelease(arguments, environment: Self.environment)
    #expect(result.status == 0, "\(result.stderr)")
    try Self.expect(result.stdout, matches: name)
  }

  @Test func withoutARemoteThereAreNoLinks() throws {
    let repo = try Self.makeHistory(remote: nil)
    let result = try repo.runGitRelease(["notes", "v1.1.0"], environment: Self.environment)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stdout.contains("http"))
    try Self.expect(result.stdout, matches: "notes-v1.1.0-no-remote.md")
  }

  static func expect(_ output: String, matches name: String) throws {
    let file = golden.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["GIT_RELEASE_UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
      try Data(output.utf8).write(to: file)
      return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(output == expected, "output differs from Golden/\(name)")
  }
}
