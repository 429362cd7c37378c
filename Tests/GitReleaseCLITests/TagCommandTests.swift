import Foundation
import TestSupport
import Testing

@Suite("git release tag")
struct TagCommandTests {
  /// v1.0.0 on the first commit, one feature since: the next release is v1.1.0.
  private func releasedRepository() throws -> FixtureRepository {
    let repo = try FixtureRepository()
    try repo.commit("feat: first feature")
    try repo.tag("v1.0.0", message: "Release 1.0.0")
    try repo.commit("feat(api): second feature")
    return repo
  }

  private func tagNames(_ repo: FixtureRepository) throws -> [String] {
    try repo.git("tag", "-l").split(separator: "\n").map(String.init)
  }

  private func json(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(object as? [String: Any])
  }

  // MARK: Writing

  @Test func writesAnAnnotatedTagOnHeadWithTheConfiguredTagger() throws {
    let repo = try releasedRepository()
    let result = try repo.runGitRelease("tag")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("v1.1.0"))
    #expect(try repo.git("cat-file", "-t", "v1.1.0") == "tag")
    #expect(try repo.revParse("v1.1.0") == repo.revParse("HEAD"))
    let tagger = try repo.git(
      "for-each-ref", "--format=%(taggername) %(taggeremail) %(taggerdate:raw)", "refs/tags/v1.1.0")
    #expect(tagger == "Cy Committer <cy@example.com> \(repo.clock) +0000")
    let message = try repo.git("for-each-ref", "--format=%(contents)", "refs/tags/v1.1.0")
    #expect(message.contains("second feature"))
    #expect(!message.contains("first feature"))
  }

  @Test func honoursTheCommitterEnvironmentAsGitDoes() throws {
    let repo = try releasedRepository()
    let result = try repo.runGitRelease(
      ["tag"],
      environment: [
        "GIT_COMMITTER_NAME": "Rel Eng", "GIT_COMMITTER_EMAIL": "releases@example.com",
        "GIT_COMMITTER_DATE": "1700001234 +0200",
      ])
    #expect(result.status == 0, "\(result.stderr)")
    let tagger = try repo.git(
      "for-each-ref", "--format=%(taggername) %(taggeremail) %(taggerdate:raw)", "refs/tags/v1.1.0")
    #expect(tagger == "Rel Eng <releases@example.com> 1700001234 +0200")
  }

  @Test func dryRunShowsTheExactObjectAndWritesNothing() throws {
    let repo = try releasedRepository()
    let before = try repo.git("for-each-ref")
    let dry = try repo.runGitRelease("tag", "--dry-run")
    #expect(dry.status == 0, "\(dry.stderr)")
    #expect(try repo.git("for-each-ref") == before)
    let header = try #require(dry.stdout.range(of: "\n\n"))
    let shown = String(dry.stdout[header.upperBound...])
    let written = try repo.runGitRelease("tag")
    #expect(written.status == 0, "\(written.stderr)")
    #expect(shown == (try repo.git("cat-file", "tag", "v1.1.0")) + "\n")
  }

  @Test func dryRunWritesNoObject() throws {
    let repo = try releasedRepository()
    let objects = try repo.git("count-objects", "-v")
    #expect(try repo.runGitRelease("tag", "--dry-run", "--json").status == 0)
    #expect(try repo.git("count-objects", "-v") == objects)
  }

  @Test func jsonNamesTagVersionCommitAndNotes() throws {
    let repo = try releasedRepository()
    let result = try repo.runGitRelease("tag", "--json")
    #expect(result.status == 0, "\(result.stderr)")
    let output = try json(result.stdout)
    #expect(output["tag"] as? String == "v1.1.0")
    #expect(output["version"] as? String == "1.1.0")
    #expect(output["commit"] as? String == (try repo.revParse("HEAD")))
    #expect(output["object"] as? String == (try repo.git("rev-parse", "v1.1.0")))
    #expect((output["message"] as? String)?.contains("second feature") == true)
    let notes = try #require(output["notes"] as? [String: Any])
    #expect(notes["previousTag"] as? String == "v1.0.0")
    #expect(notes["tag"] as? String == "v1.1.0")
    #expect(output["dryRun"] as? Bool == false)
    #expect(output["pushed"] is NSNull)
  }

  @Test func messageTemplateRendersTheNotes() throws {
    let repo = try releasedRepository()
    try repo.write(
      "tag.mustache",
      "Shipped {{tag}} after {{previousTag}}\n"
        + "{{#sections}}{{#entries}}\n* {{description}}{{/entries}}{{/sections}}\n")
    let result = try repo.runGitRelease("tag", "--message-template", "tag.mustache")
    #expect(result.status == 0, "\(result.stderr)")
    let message = try repo.git("for-each-ref", "--format=%(contents)", "refs/tags/v1.1.0")
    #expect(message == "Shipped v1.1.0 after v1.0.0\n\n* second feature\n")
  }

  @Test func aMissingMessageTemplateIsAUsageErrorAndWritesNothing() throws {
    let repo = try releasedRepository()
    try expectRefusal(
      repo, ["--message-template", "nope.mustache"], status: 2, mentioning: "nope.mustache")
  }

  @Test func dryRunJSONHasNoObject() throws {
    let repo = try releasedRepository()
    let result = try repo.runGitRelease("tag", "--dry-run", "--json")
    let output = try json(result.stdout)
    #expect(output["object"] is NSNull)
    #expect(output["dryRun"] as? Bool == true)
    #expect(output["tag"] as? String == "v1.1.0")
  }

  @Test(arguments: [("2.0.0", "v2.0.0"), ("v1.5.0", "v1.5.0"), ("1.1.0-rc.1", "v1.1.0-rc.1")])
  func asReleasesTheGivenVersion(requested: String, tag: String) throws {
    let repo = try releasedRepository()
    let result = try repo.runGitRelease("tag", "--as", requested)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try tagNames(repo) == ["v1.0.0", tag])
  }

  @Test func promotesAReleaseCandidateOnTheSameCommitWithAs() throws {
    let repo = try releasedRepository()
    try repo.tag("v1.1.0-rc.1", message: "rc")
    let result = try repo.runGitRelease("tag", "--as", "1.1.0")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try repo.revParse("v1.1.0") == repo.revParse("v1.1.0-rc.1"))
  }

  @Test func preReleaseChannel() throws {
    let repo = try releasedRepository()
    let result = try repo.runGitRelease("tag", "--pre", "rc", "--json")
    #expect(result.status == 0, "\(result.stderr)")
    let tag = try #require(try json(result.stdout)["tag"] as? String)
    #expect(tag.hasPrefix("v1.1.0-rc"))
    #expect(try tagNames(repo).contains(tag))
  }

  @Test func tagsADetachedHeadAsCIChecksItOut() throws {
    let repo = try releasedRepository()
    try repo.git("checkout", "-q", "--detach", "HEAD")
    let result = try repo.runGitRelease("tag")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try repo.revParse("v1.1.0") == repo.revParse("HEAD"))
  }

  @Test func tagsAMonorepoPackageOnItsOwnLine() throws {
    let repo = try FixtureRepository()
    try repo.write(".gitrelease", "[package \"api\"]\n\tpath = services/api\n")
    try repo.git("add", ".gitrelease")
    try repo.commitStaged("chore: configure releases")
    try repo.commit("feat(api): first endpoint", file: "services/api/main.txt")
    try repo.tag("api/v1.0.0", message: "api 1.0.0")
    try repo.commit("fix(api): handle empty bodies", file: "services/api/main.txt")
    try repo.commit("feat(web): a page", file: "web/index.txt")
    let result = try repo.runGitRelease("tag", "--package", "api", "--json")
    #expect(result.status == 0, "\(result.stderr)")
    let output = try json(result.stdout)
    #expect(output["tag"] as? String == "api/v1.0.1")
    let message = try #require(output["message"] as? String)
    #expect(message.contains("handle empty bodies"))
    #expect(!message.contains("a page"))
    #expect(try tagNames(repo) == ["api/v1.0.0", "api/v1.0.1"])
  }

  // MARK: Refusals: each one writes nothing

  /// Runs `git release tag` expecting a refusal; checks no reference changed.
  private func expectRefusal(
    _ repo: FixtureRepository, _ arguments: [String], status: Int32, mentioning text: String,
    environment: [String: String]? = nil
  ) throws {
    let before = try repo.git("for-each-ref")
    let result: FixtureRepository.ProcessResult
    if let environment {
      result = try FixtureRepository.run(
        FixtureRepository.gitReleaseBinary.path, ["tag"] + arguments, in: repo.url,
        environment: environment)
    } else {
      result = try repo.runGitRelease(["tag"] + arguments)
    }
    #expect(result.status == status, "\(result.stderr)")
    #expect(result.stderr.contains(text), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(try repo.git("for-each-ref") == before)
  }

  @Test func refusesWhenThereIsNothingToRelease() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: first")
    try repo.tag("v1.0.0", message: "Release")
    try expectRefusal(repo, [], status: 3, mentioning: "nothing to release")
    try expectRefusal(repo, ["--dry-run"], status: 3, mentioning: "nothing to release")
  }

  /// The tag the next release would take already exists, out of HEAD's history.
  @Test(arguments: ["lightweight", "annotated", "blob"])
  func refusesWhenTheTagExists(kind: String) throws {
    let repo = try releasedRepository()
    switch kind {
    case "lightweight", "annotated":
      try repo.git("checkout", "-q", "-b", "side", "HEAD~1")
      try repo.commit("fix: on a side branch")
      try repo.tag("v1.1.0", message: kind == "annotated" ? "elsewhere" : nil)
      try repo.git("checkout", "-q", "main")
    default:
      let blob = try repo.git(["hash-object", "-w", "--stdin"], input: "not a commit\n")
      try repo.git("tag", "v1.1.0", blob)
    }
    try expectRefusal(repo, [], status: 1, mentioning: "tag v1.1.0 already exists")
  }

  @Test(arguments: ["1.0.0", "0.9.0", "1.0.0-rc.1", "v1.0.0+build.7"])
  func refusesAVersionNotGreaterThanTheCurrentOne(requested: String) throws {
    let repo = try releasedRepository()
    try expectRefusal(repo, ["--as", requested], status: 1, mentioning: "not greater than")
  }

  @Test(arguments: [["--as", "1.2"], ["--as", "1.2.0", "--pre", "rc"], ["--push", "-x"]])
  func refusesBadArgumentsAsUsageErrors(arguments: [String]) throws {
    let repo = try releasedRepository()
    let result = try repo.runGitRelease(["tag"] + arguments)
    #expect(result.status == 2, "\(result.stderr)")
    #expect(try tagNames(repo) == ["v1.0.0"])
  }

  @Test func refusesAnUnbornHead() throws {
    let repo = try FixtureRepository()
    try expectRefusal(repo, [], status: 6, mentioning: "no commits yet")
  }

  @Test func refusesStagedChanges() throws {
    let repo = try releasedRepository()
    try repo.write("new.txt", "staged\n")
    try repo.git("add", "new.txt")
    try expectRefusal(repo, [], status: 1, mentioning: "staged changes")
  }

  @Test func workTreeChangesAndUntrackedFilesDoNotMatter() throws {
    let repo = try releasedRepository()
    try repo.write("file.txt", "edited, not staged\n")
    try repo.write("build/output.bin", "untracked\n")
    #expect(try repo.runGitRelease("tag").status == 0)
  }

  @Test func refusesUnresolvedConflicts() throws {
    let repo = try releasedRepository()
    try repo.git("checkout", "-q", "-b", "side", "HEAD~1")
    try repo.write("file.txt", "side\n")
    try repo.git("commit", "-q", "-am", "fix: side")
    try repo.git("checkout", "-q", "main")
    _ = try? repo.git("merge", "-q", "side")
    try expectRefusal(repo, [], status: 1, mentioning: "unresolved conflicts")
  }

  @Test func refusesWithoutAnIdentity() throws {
    let repo = try releasedRepository()
    var environment = repo.environment
    for key in ["GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL"]
    {
      environment[key] = nil
    }
    try expectRefusal(
      repo, [], status: 1, mentioning: "user.name and user.email", environment: environment)
    try repo.git("config", "user.name", "Configured Name")
    try repo.git("config", "user.email", "configured@example.com")
    let result = try FixtureRepository.run(
      FixtureRepository.gitReleaseBinary.path, ["tag"], in: repo.url, environment: environment)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      try repo.git("for-each-ref", "--format=%(taggername)", "refs/tags/v1.1.0")
        == "Configured Name")
  }

  @Test func refusesAnUnreadableCommitterDate() throws {
    let repo = try releasedRepository()
    var environment = repo.environment
    environment["GIT_COMMITTER_DATE"] = "next tuesday"
    try expectRefusal(repo, [], status: 1, mentioning: "GIT_COMMITTER_DATE", environment: environment)
  }

  @Test func refusesAnUnknownRemoteBeforeWriting() throws {
    let repo = try releasedRepository()
    try expectRefusal(
      repo, ["--push", "upstream"], status: 1, mentioning: "no remote named upstream")
  }

  // MARK: Signing

  @Test func signedTagVerifiesWithGitTagV() throws {
    let repo = try releasedRepository()
    let key = try SSHSigningKey(in: repo.url, for: "cy@example.com")
    try key.configure(repo)
    let result = try repo.runGitRelease("tag", "--sign")
    #expect(result.status == 0, "\(result.stderr)")
    let verify = try FixtureRepository.run(
      "/usr/bin/env", ["git", "tag", "-v", "v1.1.0"], in: repo.url, environment: repo.environment)
    #expect(verify.status == 0, "\(verify.stderr)")
    #expect(verify.stderr.contains("Good \"git\" signature for cy@example.com"))
  }

  /// The default format: gpg with the tagger's identity as the key, from a throwaway keyring.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/gpg")))
  func openPGPSignedTagVerifiesWithGitTagV() throws {
    let repo = try releasedRepository()
    let keyring = repo.url.appendingPathComponent("gnupg")
    try FileManager.default.createDirectory(
      at: keyring, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let environment = repo.environment.merging(["GNUPGHOME": keyring.path]) { $1 }
    func run(_ arguments: [String]) throws -> FixtureRepository.ProcessResult {
      try FixtureRepository.run("/usr/bin/env", arguments, in: repo.url, environment: environment)
    }
    // gpg starts an agent for the keyring; it must not outlive the test.
    defer { _ = try? run(["gpgconf", "--kill", "gpg-agent"]) }
    let made = try run([
      "gpg", "--batch", "--quiet", "--passphrase", "", "--quick-gen-key",
      "Cy Committer <cy@example.com>", "ed25519", "sign", "never",
    ])
    try #require(made.status == 0, "\(made.stderr)")
    let result = try repo.runGitRelease(["tag", "--sign"], environment: ["GNUPGHOME": keyring.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("openpgp key Cy Committer <cy@example.com> (gpg)"))
    let verify = try run(["git", "tag", "-v", "v1.1.0"])
    #expect(verify.status == 0, "\(verify.stderr)")
    #expect(verify.stderr.contains("Good signature from \"Cy Committer <cy@example.com>\""))
  }

  @Test func aFailingSignerWritesNothing() throws {
    let repo = try releasedRepository()
    try repo.git("config", "gpg.format", "ssh")
    try repo.git("config", "user.signingKey", repo.url.appendingPathComponent("no-such-key").path)
    try expectRefusal(repo, ["--sign"], status: 1, mentioning: "cannot sign tag v1.1.0")
  }

  @Test func dryRunNamesTheSigningKeyWithoutSigning() throws {
    let repo = try releasedRepository()
    try repo.git("config", "gpg.format", "ssh")
    try repo.git("config", "user.signingKey", "/keys/release_ed25519")
    let result = try repo.runGitRelease("tag", "--sign", "--dry-run")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("ssh key /keys/release_ed25519"))
  }

  // MARK: Pushing

  private func addRemote(_ repo: FixtureRepository, named name: String = "origin") throws
    -> FixtureRepository
  {
    let remote = try FixtureRepository(bare: true)
    try repo.git("remote", "add", name, remote.path)
    return remote
  }

  @Test func pushesJustTheTagToOrigin() throws {
    let repo = try releasedRepository()
    let remote = try addRemote(repo)
    let result = try repo.runGitRelease("tag", "--push")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Pushed v1.1.0 to origin"))
    #expect(try remote.git("rev-parse", "refs/tags/v1.1.0") == repo.git("rev-parse", "v1.1.0"))
    #expect(try remote.git("for-each-ref", "--format=%(refname)") == "refs/tags/v1.1.0")
  }

  @Test func pushesToTheNamedRemote() throws {
    let repo = try releasedRepository()
    let origin = try addRemote(repo)
    let upstream = try addRemote(repo, named: "upstream")
    let result = try repo.runGitRelease("tag", "--push", "upstream", "--json")
    #expect(result.status == 0, "\(result.stderr)")
    let output = try json(result.stdout)
    #expect(output["remote"] as? String == "upstream")
    #expect(output["pushed"] as? Bool == true)
    #expect(try upstream.git("rev-parse", "refs/tags/v1.1.0") == repo.git("rev-parse", "v1.1.0"))
    #expect(try origin.git("for-each-ref").isEmpty)
  }

  @Test func aRejectedPushKeepsTheLocalTagAndSaysSo() throws {
    let repo = try releasedRepository()
    let remote = try addRemote(repo)
    try remote.write("hooks/pre-receive", "#!/bin/sh\necho 'tags are frozen' >&2\nexit 1\n")
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755],
      ofItemAtPath: remote.url.appendingPathComponent("hooks/pre-receive").path)
    let result = try repo.runGitRelease("tag", "--push", "--json")
    #expect(result.status == 1)
    #expect(result.stderr.contains("tags are frozen"))
    #expect(result.stderr.contains("The local tag is kept"))
    #expect(try json(result.stdout)["pushed"] as? Bool == false)
    #expect(try tagNames(repo) == ["v1.0.0", "v1.1.0"])
    #expect(try remote.git("for-each-ref").isEmpty)
  }

  // MARK: Racing

  /// Starts `git release tag` without waiting for it, so that two runs overlap.
  private func startTag(in repo: FixtureRepository) throws -> (Process, Pipe) {
    let process = Process()
    process.executableURL = FixtureRepository.gitReleaseBinary
    process.arguments = ["tag"]
    process.currentDirectoryURL = repo.url
    process.environment = repo.environment
    let stderr = Pipe()
    process.standardError = stderr
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    return (process, stderr)
  }

  @Test func twoRacingRunsMakeOneTagAndOneClearRefusal() throws {
    for _ in 0..<3 {
      let repo = try releasedRepository()
      let runs = try [startTag(in: repo), startTag(in: repo)]
      var outcomes: [(status: Int32, stderr: String)] = []
      for (process, stderr) in runs {
        let text = String(
          decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        outcomes.append((process.terminationStatus, text))
      }
      #expect(outcomes.filter { $0.status == 0 }.count == 1, "\(outcomes)")
      // The loser either lost at the reference (1) or started after the winner had finished and
      // found HEAD released already (3, nothing to release).
      let refused = try #require(outcomes.first { $0.status != 0 })
      #expect(refused.status == 1 || refused.status == 3)
      #expect(
        refused.stderr.contains("another run") || refused.stderr.contains("already exists")
          || refused.stderr.contains("nothing to release"),
        "\(refused.stderr)")
      #expect(try tagNames(repo) == ["v1.0.0", "v1.1.0"])
      #expect(try repo.git("cat-file", "-t", "v1.1.0") == "tag")
    }
  }
}
