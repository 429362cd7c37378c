import Foundation
import TestSupport
import Testing

/// `next` and `tag` hand their results to GitHub Actions (GITHUB_OUTPUT) and dotenv files.
@Suite("CI outputs of next and tag")
struct CIOutputWiringTests {
  /// Reads `name<<DELIMITER ... DELIMITER` blocks as GitHub Actions does.
  func githubOutputs(_ text: String) -> [String: String] {
    var outputs: [String: String] = [:]
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
    while let line = lines.popFirst() {
      guard let marker = line.range(of: "<<") else { continue }
      let name = String(line[..<marker.lowerBound])
      let delimiter = line[marker.upperBound...]
      var value: [Substring] = []
      while let next = lines.popFirst(), next != delimiter { value.append(next) }
      outputs[name] = value.joined(separator: "\n")
    }
    return outputs
  }

  func released(_ fixture: FixtureRepository) throws {
    try fixture.commit("feat: first")
    try fixture.tag("v1.0.0", message: "Release 1.0.0")
    try fixture.commit("feat(api): add pagination")
  }

  @Test func nextPublishesTheVersionAndTag() throws {
    let fixture = try FixtureRepository()
    try released(fixture)
    let output = fixture.url.appendingPathComponent("github-output").path
    let result = try fixture.runGitRelease(["next"], environment: ["GITHUB_OUTPUT": output])
    #expect(result.status == 0)
    let outputs = githubOutputs(try String(contentsOfFile: output, encoding: .utf8))
    #expect(outputs["version"] == "1.1.0")
    #expect(outputs["tag"] == "v1.1.0")
    #expect(outputs["current"] == "1.0.0")
    #expect(outputs["bump"] == "minor")
    #expect(outputs["released"] == "false")
  }

  @Test func nextWithNothingToReleaseStillPublishes() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first")
    try fixture.tag("v1.0.0", message: "Release 1.0.0")
    try fixture.commit("docs: typo")
    let dotenv = fixture.url.appendingPathComponent("release.env").path
    let result = try fixture.runGitRelease(["next", "--dotenv", dotenv])
    #expect(result.status == 3)
    #expect(result.stdout.isEmpty)
    let text = try String(contentsOfFile: dotenv, encoding: .utf8)
    #expect(text.contains("GIT_RELEASE_BUMP=none\n"))
    #expect(text.contains("GIT_RELEASE_VERSION=\n"))
  }

  @Test func tagPublishesWhatItWrote() throws {
    let fixture = try FixtureRepository()
    try released(fixture)
    try fixture.git("config", "user.name", "Rel Eng")
    try fixture.git("config", "user.email", "rel@example.com")
    let output = fixture.url.appendingPathComponent("github-output").path
    let result = try fixture.runGitRelease(["tag"], environment: ["GITHUB_OUTPUT": output])
    #expect(result.status == 0, "\(result.stderr)")
    let outputs = githubOutputs(try String(contentsOfFile: output, encoding: .utf8))
    #expect(outputs["tag"] == "v1.1.0")
    #expect(outputs["released"] == "true")
    #expect(outputs["commit"] == (try fixture.revParse("HEAD")))
    #expect(try fixture.git("cat-file", "-t", "v1.1.0") == "tag")
  }

  @Test func aDryRunTagIsNotReleased() throws {
    let fixture = try FixtureRepository()
    try released(fixture)
    try fixture.git("config", "user.name", "Rel Eng")
    try fixture.git("config", "user.email", "rel@example.com")
    let output = fixture.url.appendingPathComponent("github-output").path
    let result = try fixture.runGitRelease(
      ["tag", "--dry-run"], environment: ["GITHUB_OUTPUT": output])
    #expect(result.status == 0, "\(result.stderr)")
    let outputs = githubOutputs(try String(contentsOfFile: output, encoding: .utf8))
    #expect(outputs["tag"] == "v1.1.0")
    #expect(outputs["released"] == "false")
    #expect(try fixture.git("tag", "--list", "v1.1.0") == "")
  }
}

@Suite("CI outputs of notes")
struct NotesCIOutputTests {
  @Test func notesPublishTheirTextAndFile() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first")
    try fixture.tag("v1.0.0", message: "Release 1.0.0")
    try fixture.commit("fix(io): close files\n\nline two of the body")
    let output = fixture.url.appendingPathComponent("github-output").path
    let notesFile = fixture.url.appendingPathComponent("NOTES.md").path
    let result = try fixture.runGitRelease(
      ["notes", "--output", notesFile], environment: ["GITHUB_OUTPUT": output])
    #expect(result.status == 0, "\(result.stderr)")
    let outputs = CIOutputWiringTests().githubOutputs(
      try String(contentsOfFile: output, encoding: .utf8))
    let written = try String(contentsOfFile: notesFile, encoding: .utf8)
    #expect(written.contains("close files"))
    #expect(outputs["notes_file"] == notesFile)
    // The delimiter format keeps a multi-line value whole, to its last newline.
    #expect(outputs["notes"] == written)
    #expect(outputs["version"] == "1.0.1")
  }

  @Test func jsonFlagIsTheJSONFormat() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first")
    let flag = try fixture.runGitRelease("notes", "--json")
    let format = try fixture.runGitRelease("notes", "--format", "json")
    #expect(flag.status == 0)
    #expect(flag.stdout == format.stdout)
    #expect(flag.stdout.contains("\"sections\""))
  }
}

@Suite("Shallow clones in CI")
struct ShallowChangelogTests {
  @Test func aChangelogOfAShallowCloneSaysHowToFetchTheHistory() throws {
    let origin = try FixtureRepository()
    try origin.commit("feat: first")
    try origin.tag("v1.0.0", message: "Release 1.0.0")
    for index in 1...3 { try origin.commit("fix: change \(index)") }
    let folder = try FixtureRepository.makeTemporaryFolder()
    try origin.git("clone", "-q", "--depth", "1", "file://" + origin.path, folder.path + "/clone")
    let clone = FixtureRepository(existing: folder)
    let result = try clone.runGitRelease(["changelog"], in: "clone")
    #expect(result.status == 6)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("git fetch --unshallow --tags"))
    #expect(result.stderr.contains("fetch-depth: 0"))
  }
}
