import Foundation
import Git
import TestSupport
import Testing

@Suite("Writing annotated tags: index state, message cleanup, signing")
struct TagWritingTests {
  private let tagger = Signature(
    name: "Cy Committer", email: "cy@example.com", time: Date(timeIntervalSince1970: 1_700_000_000))

  @Test func cleanIndexIgnoresWorkTreeAndUntrackedFiles() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first")
    try fixture.write("file.txt", "changed but not staged\n")
    try fixture.write("untracked.txt", "new\n")
    let status = try Repository(at: fixture.path).indexStatus()
    #expect(status.isClean)
  }

  @Test func stagedChangesAreListed() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first")
    try fixture.write("staged.txt", "new\n")
    try fixture.git("add", "staged.txt")
    try fixture.git("rm", "-q", "--cached", "file.txt")
    let status = try Repository(at: fixture.path).indexStatus()
    #expect(status.stagedPaths.sorted() == ["file.txt", "staged.txt"])
    #expect(status.conflictedPaths.isEmpty)
  }

  @Test func unresolvedConflictsAreListed() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: base")
    try fixture.git("checkout", "-q", "-b", "side")
    try fixture.write("file.txt", "side\n")
    try fixture.git("commit", "-q", "-am", "fix: side")
    try fixture.git("checkout", "-q", "main")
    try fixture.write("file.txt", "main\n")
    try fixture.git("commit", "-q", "-am", "fix: main")
    _ = try? fixture.git("merge", "-q", "side")
    let status = try Repository(at: fixture.path).indexStatus()
    #expect(status.conflictedPaths == ["file.txt"])
    #expect(!status.isClean)
  }

  @Test func unbornIndexWithFilesIsDirty() throws {
    let fixture = try FixtureRepository()
    try fixture.write("a.txt", "a\n")
    try fixture.git("add", "a.txt")
    #expect(try Repository(at: fixture.path).indexStatus().stagedPaths == ["a.txt"])
  }

  @Test(arguments: [
    ("Release 1.0\n\n\n\nBody   \n\n", "Release 1.0\n\nBody\n"),
    ("\n\n# Features\n- one", "# Features\n- one\n"),
    ("single", "single\n"),
  ])
  func messagesAreCleanedAsGitCleansThem(raw: String, cleaned: String) throws {
    #expect(try Repository.cleanedMessage(raw) == cleaned)
  }

  @Test func cleanedMessageMatchesGitStripspace() throws {
    let fixture = try FixtureRepository()
    let raw = "  \nTitle  \n\n\n\tindented\t\n\n## kept heading\n\n"
    let git = try fixture.git(["stripspace"], input: raw) + "\n"
    #expect(try Repository.cleanedMessage(raw) == git)
  }

  @Test func openPGPKeyDefaultsToTheTaggerIdentity() throws {
    let fixture = try FixtureRepository()
    let method = try Repository(at: fixture.path).signingMethod(for: tagger)
    #expect(method.format == .openpgp)
    #expect(method.program == "gpg")
    #expect(method.key == "Cy Committer <cy@example.com>")
  }

  @Test func programAndKeyComeFromGitConfig() throws {
    let fixture = try FixtureRepository()
    try fixture.git("config", "gpg.program", "/opt/gpg2")
    try fixture.git("config", "user.signingKey", "ABCDEF12")
    var method = try Repository(at: fixture.path).signingMethod(for: tagger)
    #expect(method.program == "/opt/gpg2" && method.key == "ABCDEF12")
    try fixture.git("config", "gpg.format", "ssh")
    try fixture.git("config", "gpg.ssh.program", "/opt/ssh-keygen")
    method = try Repository(at: fixture.path).signingMethod(for: tagger)
    #expect(method.format == .ssh && method.program == "/opt/ssh-keygen")
  }

  @Test func sshWithoutAKeyIsAClearError() throws {
    let fixture = try FixtureRepository()
    try fixture.git("config", "gpg.format", "ssh")
    #expect {
      try Repository(at: fixture.path).signingMethod(for: tagger)
    } throws: { error in
      (error as? SigningError)?.message.contains("user.signingKey") == true
    }
  }

  @Test func unknownFormatIsAClearError() throws {
    let fixture = try FixtureRepository()
    try fixture.git("config", "gpg.format", "pgp")
    #expect {
      try Repository(at: fixture.path).signingMethod(for: tagger)
    } throws: { error in
      (error as? SigningError)?.message.contains("openpgp, x509 or ssh") == true
    }
  }

  @Test func sshSignedTagVerifiesWithGit() throws {
    let fixture = try FixtureRepository()
    let commit = try fixture.commit("feat: first")
    let key = try SSHSigningKey(in: fixture.url, for: "cy@example.com")
    try key.configure(fixture)
    let repository = try Repository(at: fixture.path)
    let method = try repository.signingMethod(for: tagger)
    let target = try #require(ObjectID(hex: commit))
    let payload = Repository.annotatedTagBuffer(
      name: "v1.0.0", target: target, tagger: tagger, message: "Release 1.0.0\n")
    let signature = try method.sign(Array(payload.utf8))
    #expect(String(decoding: signature, as: UTF8.self).hasPrefix("-----BEGIN SSH SIGNATURE-----"))
    let id = try repository.writeObject(Array(payload.utf8) + signature, type: .tag)
    try repository.createTagReference(named: "v1.0.0", to: id, logMessage: "test")
    let verified = try fixture.git("tag", "-v", "v1.0.0")
    #expect(verified.contains("Release 1.0.0"))
    #expect(try fixture.git("cat-file", "-t", "v1.0.0") == "tag")
  }

  @Test func failingSignerThrowsWithItsMessage() throws {
    let fixture = try FixtureRepository()
    try fixture.git("config", "gpg.format", "ssh")
    try fixture.git("config", "user.signingKey", fixture.url.appendingPathComponent("missing").path)
    let method = try Repository(at: fixture.path).signingMethod(for: tagger)
    #expect {
      try method.sign(Array("payload\n".utf8))
    } throws: { error in
      (error as? SigningError)?.message.contains("could not sign") == true
    }
  }

  @Test func missingSignerProgramIsNamed() throws {
    let method = SigningMethod(
      format: .openpgp, program: "git-release-no-such-gpg", key: "Cy <cy@example.com>")
    #expect {
      try method.sign(Array("payload\n".utf8))
    } throws: { error in
      (error as? SigningError)?.message.contains("git-release-no-such-gpg") == true
    }
  }
}

@Suite("Creating tag references: create-only, under the lock")
struct TagReferenceCreationTests {
  @Test(arguments: [false, true])
  func anExistingTagIsNeverReplaced(packed: Bool) throws {
    let fixture = try FixtureRepository()
    let first = try fixture.commit("feat: first")
    let second = try fixture.commit("feat: second")
    try fixture.git("tag", "v1.0.0", first)
    if packed { try fixture.git("pack-refs", "--all") }
    let repository = try Repository(at: fixture.path)
    let target = try #require(ObjectID(hex: second))
    #expect {
      try repository.createTagReference(named: "v1.0.0", to: target, logMessage: "test")
    } throws: { error in
      (error as? GitError)?.code == .exists
    }
    #expect(try fixture.revParse("v1.0.0") == first)
  }

  @Test func aNewTagIsCreated() throws {
    let fixture = try FixtureRepository()
    let commit = try fixture.commit("feat: first")
    let repository = try Repository(at: fixture.path)
    try repository.createTagReference(
      named: "v1.0.0", to: try #require(ObjectID(hex: commit)), logMessage: "test")
    #expect(try fixture.revParse("v1.0.0") == commit)
  }

  @Test func aHeldLockRefusesTheWrite() throws {
    let fixture = try FixtureRepository()
    let commit = try fixture.commit("feat: first")
    try fixture.write(".git/refs/tags/v1.0.0.lock", "")
    let repository = try Repository(at: fixture.path)
    #expect {
      try repository.createTagReference(
        named: "v1.0.0", to: try #require(ObjectID(hex: commit)), logMessage: "test")
    } throws: { error in
      (error as? GitError)?.code == .locked
    }
    #expect(try fixture.git("tag", "-l").isEmpty)
  }
}
