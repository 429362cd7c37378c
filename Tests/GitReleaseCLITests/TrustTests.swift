import Foundation
import TestSupport
import Testing

/// Signed audit trails as a team uses them: real ssh keys, a policy committed in the repository,
/// events forged by hand with `git commit-tree`, and a bare server with the pre-receive hook.
@Suite("Trust: signed events, verify, pre-receive")
struct TrustTests {
  /// Alice and Bob are allowed signers; Eve has a key but is not in the policy.
  final class Team {
    let repo: FixtureRepository
    let keys: URL
    let alice: SSHSigningKey
    let bob: SSHSigningKey
    let eve: SSHSigningKey

    init(approvals: Int = 1, extra: String = "") throws {
      keys = try FixtureRepository.makeTemporaryFolder()
      alice = try SSHSigningKey(in: keys, for: "alice@example.com")
      bob = try SSHSigningKey(in: keys, for: "bob@example.com")
      eve = try SSHSigningKey(in: keys, for: "eve@example.com")
      repo = try FixtureRepository()
      try repo.write(
        ".release/allowed_signers",
        "# who may sign events\nalice@example.com \(alice.publicKey)\n"
          + "bob@example.com namespaces=\"git\" \(bob.publicKey)\n")
      try repo.write(
        ".gitrelease",
        """
        [trust]
            allowedSigners = .release/allowed_signers
        [environment "staging"]
        [environment "production"]
            after = staging
            signed = true
            approvals = \(approvals)
        \(extra)
        """)
      try repo.git("add", ".")
      try repo.commitStaged("build: a signed production")
      try repo.commit("feat: first feature")
      try repo.tag("v1.0.0", message: "v1.0.0")
      try repo.commit("feat: second feature")
      try repo.tag("v1.1.0", message: "v1.1.0")
      try repo.git("config", "gpg.format", "ssh")
    }

    deinit { try? FileManager.default.removeItem(at: keys) }

    /// Runs git-release as the owner of `key`, with git's identity `name <email>`.
    @discardableResult
    func run(
      _ arguments: [String], key: SSHSigningKey?, name: String = "Alice",
      email: String = "alice@example.com", extra: [String: String] = [:]
    ) throws -> FixtureRepository.ProcessResult {
      if let key {
        try repo.git("config", "user.signingKey", key.privateKeyPath)
      } else {
        _ = try? repo.git("config", "--unset", "user.signingKey")
      }
      return try repo.runGitRelease(
        arguments,
        environment: ["GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email].merging(extra) {
          $1
        })
    }

    func tip(_ environment: String) throws -> String {
      try repo.git("rev-parse", "refs/environments/\(environment)")
    }

    /// v1.0.0 in staging (unsigned there), approved by Bob for production.
    func stagedAndApproved() throws {
      let staged = try run(
        ["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"], key: nil)
      try #require(staged.status == 0, "\(staged.stderr)")
      let approved = try run(
        ["approve", "v1.0.0", "--for", "production"], key: bob, name: "Bob",
        email: "bob@example.com")
      try #require(approved.status == 0, "\(approved.stderr)")
    }

    /// Writes a commit by hand on top of production's trail (`git commit-tree`, signed with
    /// `key` when given) and moves the ref to it, as someone with push access could.
    @discardableResult
    func forge(
      _ message: String, signedBy key: SSHSigningKey? = nil, parent: String? = nil,
      root: Bool = false
    ) throws -> String {
      let tree = try repo.git(["mktree"], input: "")
      var arguments = ["commit-tree", tree]
      if let parent = try parent ?? (root ? nil : try? tip("production")) {
        arguments += ["-p", parent]
      }
      if let key { arguments += ["-S\(key.privateKeyPath)"] }
      let id = try repo.git(arguments, input: message)
      try repo.git("update-ref", "refs/environments/production", id)
      return id
    }

    /// An approval message as git-release writes it, with any actor.
    func approvalMessage(actor: String, time: String = "2023-11-14T22:20:00Z") throws -> String {
      let commit = try repo.revParse("v1.0.0")
      return """
        approve v1.0.0 for production

        Approved by \(actor) at \(time).

        Event: approval
        Environment: production
        Release: v1.0.0
        Commit: \(commit)
        Actor: \(actor)
        Time: \(time)

        """
    }
  }

  // MARK: Signing

  @Test func signedEventsVerifyWithGitAlone() throws {
    let team = try Team()
    try team.stagedAndApproved()
    let promoted = try team.run(
      ["promote", "v1.0.0", "--to", "production", "--no-rollback-target"], key: team.alice)
    #expect(promoted.status == 0, "\(promoted.stderr)")
    let allowed = team.repo.url.appendingPathComponent(".release/allowed_signers").path
    try team.repo.git("config", "gpg.ssh.allowedSignersFile", allowed)
    let checked = try FixtureRepository.run(
      "/usr/bin/env", ["git", "verify-commit", "refs/environments/production"], in: team.repo.url,
      environment: team.repo.environment)
    #expect(checked.status == 0, "\(checked.stderr)")
    #expect(checked.stderr.contains("Good \"git\" signature for alice@example.com"))
    let log = try team.repo.git("log", "--show-signature", "refs/environments/production")
    #expect(log.components(separatedBy: "Good \"git\" signature").count == 3)
    let verified = try team.run(["verify"], key: nil)
    #expect(verified.status == 0, "\(verified.stderr)")
    #expect(verified.stdout.contains("production: 2 events (2 signed and verified)"))
    #expect(verified.stdout.contains("staging: 1 event (1 unsigned): ok"))
  }

  /// The issue's case: one person invents two approvers with GIT_COMMITTER_NAME/EMAIL.
  @Test func spoofedIdentitiesDoNotApprove() throws {
    let team = try Team(approvals: 2)
    try team.run(["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"], key: nil)
    let first = try team.run(
      ["approve", "v1.0.0", "--for", "production"], key: team.alice, name: "m1", email: "m1@x")
    #expect(first.status == 0, "\(first.stderr)")
    // The actor is the key's principal, whatever git's identity says.
    #expect(first.stdout.contains("m1 <alice@example.com> approved"))
    let second = try team.run(
      ["approve", "v1.0.0", "--for", "production"], key: team.alice, name: "m2", email: "m2@x")
    #expect(second.status == 1)
    #expect(second.stderr.contains("alice@example.com approved v1.0.0 for production already"))
    let promoted = try team.run(
      ["promote", "v1.0.0", "--to", "production", "--no-rollback-target"], key: team.alice,
      name: "m3", email: "m3@x")
    #expect(promoted.status == 4)
    #expect(promoted.stdout.contains("0 of 2; your own approval does not count"))
  }

  @Test func theVerdictNamesApprovalsThatDidNotCount() throws {
    let team = try Team()
    try team.run(["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"], key: nil)
    let forged = try team.forge(try team.approvalMessage(actor: "Bob <bob@example.com>"))
    let promoted = try team.run(
      ["promote", "v1.0.0", "--to", "production", "--no-rollback-target"], key: team.alice)
    #expect(promoted.status == 4)
    #expect(promoted.stdout.contains("not counted: bob@example.com (is not signed"))
    #expect(try team.tip("production") == forged, "nothing was written")
  }

  @Test func eventsThePolicyWouldRefuseAreNotWritten() throws {
    let team = try Team(extra: "    promoters = bob@example.com\n")
    try team.stagedAndApproved()
    let before = try team.tip("production")
    let unsigned = try team.run(
      ["promote", "v1.0.0", "--to", "production", "--no-rollback-target"], key: nil)
    #expect(unsigned.status == 1)
    #expect(unsigned.stderr.contains("production requires signed events"))
    let stranger = try team.run(
      ["approve", "v1.0.0", "--for", "production"], key: team.eve, name: "Eve",
      email: "eve@example.com")
    #expect(stranger.status == 1)
    #expect(stranger.stderr.contains("is not accepted by the policy"))
    let notPromoter = try team.run(
      ["promote", "v1.0.0", "--to", "production", "--no-rollback-target"], key: team.alice)
    #expect(notPromoter.status == 1)
    #expect(notPromoter.stderr.contains("alice@example.com is not among the promoters"))
    #expect(try team.tip("production") == before)
  }

  @Test func rollbacksAreSignedAndSignOptsIn() throws {
    let team = try Team(approvals: 0)
    for (tag, extra) in [("v1.0.0", ["--no-rollback-target"]), ("v1.1.0", [])] {
      let staged = try team.run(["promote", tag, "--to", "staging"] + extra, key: nil)
      try #require(staged.status == 0, "\(staged.stderr)")
      let promoted = try team.run(["promote", tag, "--to", "production"] + extra, key: team.alice)
      try #require(promoted.status == 0, "\(promoted.stderr)")
    }
    let refused = try team.run(["rollback", "production"], key: team.eve, name: "Eve", email: "eve@example.com")
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("Nothing was written"))
    let rolled = try team.run(["rollback", "production", "--reason", "outage"], key: team.bob, name: "Bob", email: "bob@example.com")
    #expect(rolled.status == 0, "\(rolled.stderr)")
    // On staging signing is optional: --sign signs, with the key's principal as the actor.
    let signed = try team.run(
      ["rollback", "staging", "--sign"], key: team.bob, name: "Bob", email: "bob@laptop.local")
    #expect(signed.status == 0, "\(signed.stderr)")
    #expect(try team.repo.git("log", "-1", "--format=%ae %G?", "refs/environments/staging").hasPrefix("bob@example.com"))
    let verified = try team.run(["verify", "--json"], key: nil)
    #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    #expect(verified.stdout.components(separatedBy: "\"signature\" : \"verified\"").count == 5)
  }

  /// Adding Eve to the work tree's allowed signers, uncommitted, grants her nothing.
  @Test func aWorkTreeEditGrantsNothing() throws {
    let team = try Team()
    try team.stagedAndApproved()
    let file = team.repo.url.appendingPathComponent(".release/allowed_signers")
    let text = try String(contentsOf: file, encoding: .utf8)
    try team.repo.write(
      ".release/allowed_signers", text + "eve@example.com \(team.eve.publicKey)\n")
    try team.repo.write(
      ".gitrelease",
      "[trust]\n    allowedSigners = .release/allowed_signers\n[environment \"staging\"]\n"
        + "[environment \"production\"]\n")
    let result = try team.run(
      ["approve", "v1.0.0", "--for", "production"], key: team.eve, name: "Eve",
      email: "eve@example.com")
    #expect(result.status == 1)
    #expect(result.stderr.contains("not accepted by the policy (HEAD at"))
  }

  // MARK: verify

  @Test func verifyNamesEachForgedEvent() throws {
    let team = try Team()
    try team.stagedAndApproved()
    let unsigned = try team.forge(try team.approvalMessage(actor: "Cy <cy@example.com>"))
    var result = try team.run(["verify", "production"], key: nil)
    #expect(result.status == 1)
    #expect(result.stdout.contains("\(unsigned) approve v1.0.0 for production: is not signed"))

    let stranger = try team.forge(
      try team.approvalMessage(actor: "Eve <eve@example.com>"), signedBy: team.eve)
    result = try team.run(["verify", "production"], key: nil)
    #expect(result.stdout.contains("\(stranger) approve v1.0.0 for production: its signature"))
    #expect(result.stdout.contains("not an allowed signer"))

    let liar = try team.forge(
      try team.approvalMessage(actor: "Alice <alice@example.com>"), signedBy: team.bob)
    result = try team.run(["verify", "--json", "production"], key: nil)
    #expect(result.status == 1)
    #expect(result.stdout.contains("\"passed\" : false"))
    #expect(result.stdout.contains("\"id\" : \"\(liar)\""))
    #expect(result.stdout.contains("but was signed by bob@example.com"))
  }

  /// Replacing an older event breaks the signatures of every event above it.
  @Test func aRewrittenOlderEventIsCaught() throws {
    let team = try Team()
    try team.stagedAndApproved()
    try #require(
      try team.run(
        ["promote", "v1.0.0", "--to", "production", "--no-rollback-target"], key: team.alice
      ).status == 0)
    let promotion = try team.tip("production")
    let approval = try team.repo.git("rev-parse", "\(promotion)^")
    // Bob's approval becomes Carol's, signed by nobody; the promotion is copied on top as is.
    let replaced = try team.forge(
      try team.approvalMessage(actor: "Carol <carol@example.com>"), root: true)
    let raw = try team.repo.git("cat-file", "commit", promotion)
      .replacingOccurrences(of: "parent \(approval)", with: "parent \(replaced)")
    let copied = try team.repo.git(
      ["hash-object", "-t", "commit", "-w", "--stdin", "--literally"], input: raw + "\n")
    try team.repo.git("update-ref", "refs/environments/production", copied)
    let result = try team.run(["verify", "production"], key: nil)
    #expect(result.status == 1)
    #expect(result.stdout.contains("\(replaced) approve v1.0.0 for production: is not signed"))
    #expect(result.stdout.contains("\(copied) promote v1.0.0 to production: its signature"))
  }

  @Test func unsignedTrailsOfEarlierVersionsStillVerify() throws {
    let team = try Team()
    for tag in ["v1.0.0", "v1.1.0"] {
      let result = try team.run(
        ["promote", tag, "--to", "staging"] + (tag == "v1.0.0" ? ["--no-rollback-target"] : []),
        key: nil)
      try #require(result.status == 0, "\(result.stderr)")
    }
    let result = try team.run(["verify", "--json"], key: nil)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\"signature\" : \"unsigned\""))
    #expect(result.stdout.contains("\"passed\" : true"))
  }

  @Test func verifyEvaluatesTheGatesAgain() throws {
    let team = try Team(approvals: 0)
    try team.run(["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"], key: nil)
    // A promotion of v1.1.0, which never ran in staging, with gates recorded as passing.
    let commit = try team.repo.revParse("v1.1.0")
    let message = """
      promote v1.1.0 to production

      Promoted by Alice <alice@example.com> at 2023-11-14T22:20:00Z.

      Event: promotion
      Environment: production
      Release: v1.1.0
      Commit: \(commit)
      Actor: Alice <alice@example.com>
      Time: 2023-11-14T22:20:00Z
      Rollback-Target: none (acknowledged with --no-rollback-target)
      Gate: release pass v1.1.0 is a release tag
      Gate: after pass v1.1.0 ran in staging

      """
    let tree = try team.repo.git(["mktree"], input: "")
    try team.repo.git("config", "user.signingKey", team.alice.privateKeyPath)
    let forged = try team.repo.git(["commit-tree", tree, "-S"], input: message)
    try team.repo.git("update-ref", "refs/environments/production", forged)
    let result = try team.run(["verify", "production"], key: nil)
    #expect(result.status == 1)
    #expect(
      result.stdout.contains(
        "\(forged) promote v1.1.0 to production: the after gate does not pass on what the trail "
          + "recorded: v1.1.0 has not been promoted to staging"))
  }

  /// Each event's tree stores the state after it; verify recomputes it from the events.
  @Test func aStoredStateThatDisagreesWithItsEventsIsRefused() throws {
    let team = try Team()
    for (tag, extra) in [("v1.0.0", ["--no-rollback-target"]), ("v1.1.0", [])] {
      let staged = try team.run(["promote", tag, "--to", "staging"] + extra, key: nil)
      try #require(staged.status == 0, "\(staged.stderr)")
    }
    let tip = try team.repo.git("rev-parse", "refs/environments/staging")
    #expect(try team.run(["verify", "staging"], key: nil).status == 0)
    // The v1.1.0 promotion again, with the tree of the event below it: "staging runs v1.0.0".
    let message = try team.repo.git("log", "-1", "--format=%B", tip)
    let forged = try team.repo.git(
      ["commit-tree", "\(tip)^^{tree}", "-p", "\(tip)^"], input: message + "\n")
    try team.repo.git("update-ref", "refs/environments/staging", forged)
    let result = try team.run(["verify", "staging"], key: nil)
    #expect(result.status == 1)
    #expect(
      result.stdout.contains(
        "\(forged) promote v1.1.0 to staging (was v1.0.0): its stored state does not follow"),
      "\(result.stdout)")
  }

  // MARK: Bad input

  @Test func aBadAllowedSignersLineIsNamed() throws {
    let team = try Team()
    try team.repo.write(".release/allowed_signers", "alice@example.com not-a-key\n")
    try team.repo.git("commit", "-qam", "chore: break the signers")
    let result = try team.run(["verify"], key: nil)
    #expect(result.status == 5)
    #expect(result.stderr.contains(".release/allowed_signers (in HEAD at"))
    #expect(result.stderr.contains("):1: "))
  }

  @Test func aMissingPolicyRefIsAnError() throws {
    let team = try Team()
    try team.repo.write(".gitrelease", "[trust]\n    policyRef = refs/heads/no-such-branch\n")
    try team.repo.git("commit", "-qam", "chore: point at nothing")
    let result = try team.run(["verify"], key: nil)
    #expect(result.status == 5)
    #expect(result.stderr.contains("policyRef = refs/heads/no-such-branch names no commit"))
  }

  @Test func aMissingSSHKeygenIsAnErrorNotAPass() throws {
    let team = try Team()
    try team.stagedAndApproved()
    try team.repo.git("config", "gpg.ssh.program", "/nonexistent/ssh-keygen")
    let result = try team.run(["verify"], key: nil)
    #expect(result.status == 1)
    #expect(result.stderr.contains("cannot run /nonexistent/ssh-keygen"))
  }

  @Test func aCorruptSignatureIsAProblem() throws {
    let team = try Team()
    try team.stagedAndApproved()
    let approval = try team.tip("production")
    let raw = try team.repo.git("cat-file", "commit", approval)
    var lines = raw.components(separatedBy: "\n")
    let index = try #require(lines.firstIndex { $0.hasPrefix("gpgsig") })
    lines[index + 2] = " " + String(lines[index + 2].dropFirst().reversed())
    let corrupt = try team.repo.git(
      ["hash-object", "-t", "commit", "-w", "--stdin", "--literally"],
      input: lines.joined(separator: "\n") + "\n")
    try team.repo.git("update-ref", "refs/environments/production", corrupt)
    let result = try team.run(["verify"], key: nil)
    #expect(result.status == 1)
    #expect(result.stdout.contains("\(corrupt) approve v1.0.0 for production: its signature"))
  }

  // MARK: The server

  @Test func theServerHookRefusesWhatVerifyWould() throws {
    let team = try Team()
    let server = try FixtureRepository(bare: true)
    let install = try server.runGitRelease("hook", "install", "--server")
    #expect(install.status == 0, "\(install.stderr)")
    #expect(install.stdout.contains("pre-receive: installed"))
    try team.repo.git("remote", "add", "origin", "file://" + server.path)
    try team.repo.git("push", "-q", "origin", "main", "--tags")
    try team.repo.git("fetch", "-q", "origin")
    try team.repo.git("branch", "-q", "-u", "origin/main")
    // Events on the server are checked against its clock: record them now.
    let now = ["GIT_COMMITTER_DATE": "\(Int(Date().timeIntervalSince1970)) +0000"]
    try #require(
      try team.run(
        ["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"], key: nil, extra: now
      ).status == 0)
    try #require(
      try team.run(
        ["approve", "v1.0.0", "--for", "production"], key: team.bob, name: "Bob",
        email: "bob@example.com", extra: now
      ).status == 0)
    func push(_ ref: String) throws -> FixtureRepository.ProcessResult {
      try FixtureRepository.run(
        "/usr/bin/env", ["git", "push", "origin", "\(ref):\(ref)"], in: team.repo.url,
        environment: team.repo.environment)
    }
    var result = try push("refs/environments/staging")
    #expect(result.status == 0, "\(result.stderr)\n\(result.stdout)")
    result = try push("refs/environments/production")
    #expect(result.status == 0, "\(result.stderr)")
    // A forged approval: refused by the server, naming the commit.
    let forged = try team.forge(try team.approvalMessage(actor: "Cy <cy@example.com>"))
    result = try push("refs/environments/production")
    #expect(result.status != 0)
    #expect(result.stderr.contains("event \(forged): is not signed"))
    // A signed event whose time is a year away from the server's clock.
    try team.repo.git("update-ref", "refs/environments/production", "\(forged)^")
    let old = try team.run(
      ["approve", "v1.0.0", "--for", "production"], key: team.alice, extra: [:])
    try #require(old.status == 0, "\(old.stderr)")
    result = try push("refs/environments/production")
    #expect(result.status != 0)
    #expect(result.stderr.contains("from this server's clock"))
    #expect(
      try server.git("rev-parse", "refs/environments/production")
        == team.repo.git("rev-parse", "\(forged)^"))
  }

  @Test func installingTheServerHookKeepsTheOneThere() throws {
    let server = try FixtureRepository(bare: true)
    try server.write("hooks/pre-receive", "#!/bin/sh\nexit 0\n")
    let result = try server.runGitRelease("hook", "install", "--server")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("kept as pre-receive.before-git-release"))
    let kept = try String(
      contentsOf: server.url.appendingPathComponent("hooks/pre-receive.before-git-release"),
      encoding: .utf8)
    #expect(kept == "#!/bin/sh\nexit 0\n")
    let clone = try FixtureRepository()
    let refused = try clone.runGitRelease("hook", "install", "--server")
    #expect(refused.status == 2)
  }

  @Test func theShippedServerHookIsTheInstalledOne() throws {
    let server = try FixtureRepository(bare: true)
    #expect(try server.runGitRelease("hook", "install", "--server").status == 0)
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let shipped = try String(
      contentsOf: root.appendingPathComponent("hooks/pre-receive"), encoding: .utf8)
    let installed = try String(
      contentsOf: server.url.appendingPathComponent("hooks/pre-receive"), encoding: .utf8)
    let normalised = installed.replacingOccurrences(
      of: #"fallback='[^']*'"#, with: "fallback=''", options: .regularExpression)
    #expect(normalised == shipped)
  }

  /// A throwaway OpenPGP keyring for the team's repository; its gpg-agent stops with it.
  final class Keyring {
    let team: Team
    let environment: [String: String]

    init(_ team: Team) throws {
      self.team = team
      let folder = team.keys.appendingPathComponent("gnupg")
      try FileManager.default.createDirectory(
        at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      environment = ["GNUPGHOME": folder.path]
    }

    deinit {
      _ = try? FixtureRepository.run(
        "/usr/bin/env", ["gpgconf", "--kill", "gpg-agent"], in: team.repo.url,
        environment: team.repo.environment.merging(environment) { $1 })
    }

    @discardableResult
    func gpg(_ arguments: [String]) throws -> String {
      let result = try FixtureRepository.run(
        "/usr/bin/env", ["gpg", "--batch", "--quiet"] + arguments, in: team.repo.url,
        environment: team.repo.environment.merging(environment) { $1 })
      try #require(result.status == 0, "\(result.stderr)")
      return result.stdout
    }

    /// Makes Carol's signing key (`gpg` options first, e.g. a faked clock) and lists it in the
    /// committed policy: its public key in `.release/openpgp-keys.asc`, its fingerprint in the
    /// allowed signers. Returns the fingerprint.
    func addCarol(expiring expiry: String = "never", options: [String] = []) throws -> String {
      try gpg(
        options + [
          "--passphrase", "", "--quick-gen-key", "Carol <carol@example.com>", "ed25519", "sign",
          expiry,
        ])
      let fingerprint = try #require(
        try gpg(["--with-colons", "--fingerprint", "carol@example.com"])
          .split(separator: "\n").first { $0.hasPrefix("fpr:") }?
          .split(separator: ":", omittingEmptySubsequences: false)[9])
      try commitCarolsKey()
      let signers = team.repo.url.appendingPathComponent(".release/allowed_signers")
      try team.repo.write(
        ".release/allowed_signers",
        try String(contentsOf: signers, encoding: .utf8)
          + "carol@example.com openpgp \(fingerprint)\n")
      let config = team.repo.url.appendingPathComponent(".gitrelease")
      try team.repo.write(
        ".gitrelease",
        try String(contentsOf: config, encoding: .utf8).replacingOccurrences(
          of: "[trust]\n", with: "[trust]\n    openpgpKeys = .release/openpgp-keys.asc\n"))
      try team.repo.git("add", ".")
      try team.repo.git("commit", "-qm", "build: carol signs with OpenPGP")
      return String(fingerprint)
    }

    /// Writes Carol's public key as the keyring has it now (with a revocation, say).
    func commitCarolsKey() throws {
      try team.repo.write(".release/openpgp-keys.asc", try gpg(["--armor", "--export", "carol"]))
    }
  }

  /// An OpenPGP key from a throwaway keyring, listed by fingerprint, its public key committed.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/gpg")))
  func openPGPSignedEventsVerify() throws {
    let team = try Team()
    let keyring = try Keyring(team)
    let gnupg = keyring.environment
    let fingerprint = try keyring.addCarol()
    let signers = team.repo.url.appendingPathComponent(".release/allowed_signers")
    try team.repo.git("config", "gpg.format", "openpgp")
    try team.repo.git("config", "user.signingKey", fingerprint)
    let approved = try team.repo.runGitRelease(
      ["approve", "v1.0.0", "--for", "production"],
      environment: gnupg.merging(["GIT_COMMITTER_NAME": "Carol", "GIT_COMMITTER_EMAIL": "c@x"]) {
        $1
      })
    #expect(approved.status == 0, "\(approved.stderr)")
    #expect(approved.stdout.contains("Carol <carol@example.com> approved"))
    let verified = try team.repo.runGitRelease(["verify", "production"], environment: gnupg)
    #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    #expect(verified.stdout.contains("production: 1 event (1 signed and verified)"))
    // The same key, no longer listed: the policy no longer accepts its events.
    try team.repo.write(
      ".release/allowed_signers", try String(contentsOf: signers, encoding: .utf8)
        .replacingOccurrences(of: "carol@example.com openpgp \(fingerprint)\n", with: ""))
    try team.repo.git("commit", "-qam", "build: carol leaves")
    let refused = try team.repo.runGitRelease(["verify", "production"], environment: gnupg)
    #expect(refused.status == 1)
    #expect(refused.stdout.contains("which is not an allowed signer"))
  }

  /// A key that had expired by the event's time, or that was revoked since (its revocation
  /// committed with the policy's keys): gpg says so, and the event's signature is not accepted.
  @Test(
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/gpg")),
    arguments: ["expired", "revoked"])
  func expiredAndRevokedOpenPGPKeysAreNotAccepted(_ fate: String) throws {
    let team = try Team()
    let keyring = try Keyring(team)
    // The expired key was made in 2020 for a year; the fixture's clock stands in 2023. gpg signs
    // with it only on a clock set back to when it was valid.
    let expired = fate == "expired"
    let clock = ["--faked-system-time", "20200601T000000"]
    let fingerprint = try keyring.addCarol(
      expiring: expired ? "1y" : "never", options: expired ? clock : [])
    let gpg = team.keys.appendingPathComponent("gpg-in-2020")
    try ("#!/bin/sh\nexec gpg " + clock.joined(separator: " ") + " \"$@\"\n")
      .write(to: gpg, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: gpg.path)
    let approval = try team.repo.git(
      [
        "-c", "gpg.format=openpgp", "-c", "gpg.program=\(expired ? gpg.path : "gpg")",
        "commit-tree",
        try team.repo.git(["mktree"], input: ""), "-S\(fingerprint)",
      ],
      input: try team.approvalMessage(actor: "Carol <carol@example.com>"),
      environment: keyring.environment)
    try team.repo.git("update-ref", "refs/environments/production", approval)
    if !expired {
      let accepted = try team.repo.runGitRelease(
        ["verify", "production"], environment: keyring.environment)
      #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")
      // gpg wrote a revocation certificate with the key, guarded by a leading colon.
      let certificate = team.keys.appendingPathComponent(
        "gnupg/openpgp-revocs.d/\(fingerprint).rev")
      let revocation = try String(contentsOf: certificate, encoding: .utf8)
        .replacingOccurrences(of: ":-----BEGIN", with: "-----BEGIN")
      try revocation.write(to: certificate, atomically: true, encoding: .utf8)
      try keyring.gpg(["--import", certificate.path])
      try keyring.commitCarolsKey()
      try team.repo.git("commit", "-qam", "build: carol's key is revoked")
    }
    let refused = try team.repo.runGitRelease(
      ["verify", "production"], environment: keyring.environment)
    #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
    #expect(
      refused.stdout.contains(
        "\(approval) approve v1.0.0 for production: its signature is not accepted: signed by the "
          + "\(fate) OpenPGP key"), "\(refused.stdout)")
  }

  @Test func prePushRunsTheSameVerification() throws {
    let team = try Team()
    try team.stagedAndApproved()
    let forged = try team.forge(try team.approvalMessage(actor: "Cy <cy@example.com>"))
    let zero = String(repeating: "0", count: 40)
    let ref = "refs/environments/production"
    let result = try team.repo.runGitRelease(
      ["check", "pre-push", "origin"], input: "\(ref) \(forged) \(ref) \(zero)\n")
    #expect(result.status == 1)
    #expect(result.stderr.contains("event \(forged.prefix(7)): is not signed"))
  }

  // MARK: A push judged from where the trail was

  /// The hooks judge only the pushed events, on the state stored where the trail was before the
  /// push. Pushed from every event of a trail with forged events low and high in it, they find
  /// exactly the problems `verify` finds in the events above that point: the state stored at
  /// the old tip, approvals recorded below it that do not verify, and the upstream trail and the
  /// blocks as they stood at each event's time are read as a whole trail's judgement reads them.
  @Test func aPushIsJudgedAsTheWholeTrailJudgesItsEvents() throws {
    let team = try Team()
    let bob = (key: team.bob, name: "Bob", email: "bob@example.com")
    func record(_ arguments: [String], by key: SSHSigningKey?, name: String = "Alice",
      email: String = "alice@example.com") throws
    {
      let result = try team.run(arguments, key: key, name: name, email: email)
      try #require(result.status == 0, "\(arguments): \(result.stderr)")
    }
    try team.stagedAndApproved()
    try record(["promote", "v1.0.0", "--to", "production", "--no-rollback-target"], by: team.alice)
    // An approval of v1.1.0 nobody signed, low in the trail: it must not count above.
    let v110 = try team.repo.revParse("v1.1.0")
    try team.forge(
      try team.approvalMessage(actor: "Cy <cy@example.com>", time: "2023-11-14T22:16:20Z")
        .replacingOccurrences(of: "v1.0.0", with: "v1.1.0")
        .replacingOccurrences(of: try team.repo.revParse("v1.0.0"), with: v110))
    try record(["promote", "v1.1.0", "--to", "staging"], by: nil)
    // Promotions signed by Alice that the trail does not support: v1.1.0 on Cy's approval
    // alone, a second before it was promoted to staging (the fixture's clock stands at
    // 22:16:22); then with a stack and gates the trail does not have.
    func promotion(at time: String, previous: String) -> String {
      """
      promote v1.1.0 to production

      Promoted by Alice <alice@example.com> at \(time).

      Event: promotion
      Environment: production
      Release: v1.1.0
      Commit: \(v110)
      Actor: Alice <alice@example.com>
      Time: \(time)
      \(previous)Rollback-Target: none (acknowledged with --no-rollback-target)
      Gate: release pass v1.1.0 is a release tag
      Gate: approvals pass 1 of 1: Cy

      """
    }
    try team.forge(
      promotion(at: "2023-11-14T22:16:21Z", previous: "Previous: v1.0.0 \(try team.repo.revParse("v1.0.0"))\n"),
      signedBy: team.alice)
    try record(["rollback", "production", "--to", "v1.0.0", "--reason", "outage"], by: team.alice)
    try record(["approve", "v1.0.0", "--for", "production"], by: team.alice)
    try record(["block", "v1.1.0", "--reason", "corrupts invoices"], by: team.alice)
    try team.forge(promotion(at: "2030-01-01T00:00:00Z", previous: ""), signedBy: team.alice)
    try record(["approve", "v1.1.0", "--for", "production"], by: bob.key, name: bob.name,
      email: bob.email)

    let reference = "refs/environments/production"
    let ids = try team.repo.git("rev-list", "--reverse", reference).split(separator: "\n")
      .map(String.init)
    let tip = try #require(ids.last)
    let verified = try team.run(["verify", "production", "--json"], key: nil)
    let whole = try Self.problems(ofVerify: verified.stdout)
    #expect(Set(whole.map(\.id)).count >= 3, "\(verified.stdout)")
    #expect(whole.contains { $0.reason.contains("not counted: cy@example.com") }, "\(whole)")
    #expect(whole.contains { $0.reason.contains("has not been promoted to staging") }, "\(whole)")
    #expect(whole.contains { $0.reason.contains("the block gate does not pass") }, "\(whole)")
    for (index, old) in ids.dropLast().enumerated() {
      let above = Set(ids[(index + 1)...])
      let pushed = try team.repo.runGitRelease(
        ["check", "pre-receive", "--json"], input: "\(old) \(tip) \(reference)\n")
      let found = try Self.problems(ofCheck: pushed.stdout, reference: reference)
      let expected = whole.filter { above.contains($0.id) }
      #expect(
        found.sorted() == expected.sorted(),
        "pushed from event \(index): \(pushed.stdout)\n\(pushed.stderr)")
      #expect(pushed.status == (expected.isEmpty ? 0 : 1), "\(pushed.stderr)")
    }
    // A line that moves nothing adds nothing to judge.
    let unmoved = try team.repo.runGitRelease(
      ["check", "pre-receive", "--json"], input: "\(tip) \(tip) \(reference)\n")
    #expect(unmoved.status == 0, "\(unmoved.stdout)\(unmoved.stderr)")
    #expect(try Self.problems(ofCheck: unmoved.stdout, reference: reference).isEmpty)
  }

  struct Problem: Comparable, Hashable {
    let id: String
    let reason: String
    static func < (a: Problem, b: Problem) -> Bool { (a.id, a.reason) < (b.id, b.reason) }
  }

  static func problems(ofVerify json: String) throws -> [Problem] {
    let root = try #require(
      JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(json)")
    let environments = try #require(root["environments"] as? [[String: Any]])
    return environments.flatMap { environment in
      (environment["problems"] as? [[String: Any]] ?? []).map {
        Problem(id: $0["id"] as? String ?? "", reason: $0["reason"] as? String ?? "")
      }
    }
  }

  /// The findings of `check pre-receive --json` on the trail's events, but for the server's
  /// clock (the fixture's events are not recorded now).
  static func problems(ofCheck json: String, reference: String) throws -> [Problem] {
    let root = try #require(
      JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(json)")
    let findings = try #require(root["findings"] as? [[String: Any]])
    return findings.compactMap { finding in
      let subject = finding["subject"] as? String ?? ""
      let reason = finding["reason"] as? String ?? ""
      guard !reason.contains("from this server's clock") else { return nil }
      return Problem(id: String(subject.dropFirst("\(reference) event ".count)), reason: reason)
    }
  }
}
