import Foundation
import Testing

@testable import GitReleaseCLI

@Suite("CI outputs")
struct CIOutputsTests {
  @Test func multiLineValuesArriveWhole() throws {
    let notes = "## Features\n\n- add the check command\n"
    let text = try CIOutputs.githubText([("version", "1.2.0"), ("notes", notes)])
    #expect(GitHubOutputFile.parse(text) == ["version": "1.2.0", "notes": notes])
  }

  @Test func aValueHoldingTheDelimiterGetsAnother() throws {
    var delimiters = ["EOF", "EOF"].makeIterator()
    let text = try CIOutputs.githubText(
      [("notes", "a\nEOF\nb")], makeDelimiter: { delimiters.next() ?? "never" })
    #expect(!text.hasPrefix("notes<<EOF\n"))
    #expect(GitHubOutputFile.parse(text) == ["notes": "a\nEOF\nb"])
  }

  @Test func dotenvTakesOneLineValuesOnly() throws {
    let (text, skipped) = try CIOutputs.dotenvText([
      ("version", "1.2.0"), ("notes", "two\nlines"), ("notes_file", "notes.md"),
    ])
    #expect(text == "GIT_RELEASE_VERSION=1.2.0\nGIT_RELEASE_NOTES_FILE=notes.md\n")
    #expect(skipped == ["notes"])
  }

  @Test(arguments: ["version", "notes_file", "_x", "a-b"])
  func validNames(_ name: String) { #expect(CIOutputs.isValidName(name)) }

  @Test(arguments: ["", "1st", "has space", "a=b", "é"])
  func invalidNamesAreRefused(_ name: String) {
    #expect(!CIOutputs.isValidName(name))
    #expect(throws: CommandFailure.self) { try CIOutputs.githubText([(name, "x")]) }
  }

  @Test func publishAppendsToBothFilesAndNothingWithoutThem() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("ci-outputs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let github = folder.appendingPathComponent("out").path
    let dotenv = folder.appendingPathComponent("release.env").path
    try CIOutputs.publish(["tag": "v1.0.0"], environment: [:])
    #expect(!FileManager.default.fileExists(atPath: github))
    try CIOutputs.publish(
      ["tag": "v1.0.0", "released": "true"],
      environment: ["GITHUB_OUTPUT": github, "GIT_RELEASE_DOTENV": dotenv])
    try CIOutputs.publish(
      ["version": "1.0.0"], environment: ["GITHUB_OUTPUT": github, "GIT_RELEASE_DOTENV": dotenv])
    let outputs = GitHubOutputFile.parse(try String(contentsOfFile: github, encoding: .utf8))
    #expect(outputs == ["tag": "v1.0.0", "released": "true", "version": "1.0.0"])
    #expect(
      try String(contentsOfFile: dotenv, encoding: .utf8)
        == "GIT_RELEASE_TAG=v1.0.0\nGIT_RELEASE_RELEASED=true\nGIT_RELEASE_VERSION=1.0.0\n")
  }
}
