import Foundation
import ReleaseCore
import Testing

/// The trust policy's settings, its allowed-signers file, and the rules `verify` holds a trail to,
/// over plain values.
@Suite("Trust: settings, allowed signers, trail audit")
struct TrustRulesTests {
  // MARK: Settings

  @Test func theIssuesExampleReads() throws {
    let config = try configuration(
      """
      [trust]
          allowedSigners = .release/allowed_signers   # git's ssh allowed-signers format
          policyRef = refs/heads/main
          maxClockSkew = 2m
      [environment "production"]
          signed = true
          approvers = alice@example.com, Bob@Example.com
          promoters = alice@example.com
      """)
    let trust = try TrustSettings(config)
    #expect(trust.allowedSigners == ".release/allowed_signers")
    #expect(trust.policyRef == "refs/heads/main")
    #expect(trust.maxClockSkew == TimeSpan(seconds: 120))
    let production = try #require(try EnvironmentSettings.all(config.reader).first)
    #expect(production.signed)
    #expect(production.approvers == ["alice@example.com", "bob@example.com"])
    #expect(production.promoters == ["alice@example.com"])
    #expect(production.allows("BOB@example.com", toRecord: .approval))
    #expect(!production.allows("bob@example.com", toRecord: .promotion))
    #expect(production.allows("alice@example.com", toRecord: .rollback))
  }

  @Test func defaults() throws {
    let trust = try TrustSettings(try configuration("[release]\n    tagPrefix = v\n"))
    #expect(trust == TrustSettings())
    #expect(trust.maxClockSkew == TimeSpan(seconds: 300))
    let settings = EnvironmentSettings(name: "dev")
    #expect(!settings.signed && settings.allows("anyone@example.com", toRecord: .promotion))
  }

  @Test(arguments: [
    ("[trust]\n    allowedSigners = /etc/signers\n", "must name a file inside the repository"),
    ("[trust]\n    allowedSigners = ../signers\n", "must name a file inside the repository"),
    ("[trust]\n    maxClockSkew = soon\n", "is not a duration"),
    ("[trust]\n    policyRef = -x\n", "is not a ref name"),
    ("[trust]\n    signers = x\n", "unknown key \"signers\" in [trust]"),
    ("[environment \"p\"]\n    signed = maybe\n", "is not a boolean"),
    ("[environment \"p\"]\n    approvers = alice bob\n", "is not one principal"),
  ])
  func badSettingsNameTheLine(text: String, expected: String) throws {
    #expect {
      let config = try configuration(text)
      _ = try TrustSettings(config)
      _ = try EnvironmentSettings.all(config.reader)
    } throws: { error in
      guard let error = error as? ConfigurationError else { return false }
      return error.line == 2 && error.message.contains(expected)
    }
  }

  // MARK: Allowed signers

  static let key = "AAAAC3NzaC1lZDI1NTE5AAAAIGx1c3Rlcm9mYmFzZTY0a2V5bWF0ZXJpYWw"

  @Test func allowedSignersRead() throws {
    let signers = try AllowedSigners(
      parsing: """
        # the release team
        alice@example.com ssh-ed25519 \(Self.key) alice's laptop
        Bob@example.com,robert@example.com namespaces="git,file" ssh-ed25519 \(Self.key)

        carol@example.com openpgp 0123456789abcdef0123456789ABCDEF01234567
        """, file: "signers")
    #expect(signers.entries.map(\.principals) == [
      ["alice@example.com"], ["bob@example.com", "robert@example.com"], ["carol@example.com"],
    ])
    #expect(signers.entries.map(\.line) == [2, 3, 5])
    #expect(!signers.sshText.contains("openpgp"))
    #expect(signers.sshText.split(separator: "\n").count == 2)
    #expect(
      signers.openpgpPrincipals == [
        "0123456789ABCDEF0123456789ABCDEF01234567": ["carol@example.com"]
      ])
  }

  @Test(arguments: [
    ("alice@example.com", "too few fields"),
    ("alice@example.com ssh-ed25519", "too few fields"),
    ("alice@example.com frobnicate ssh-ed25519 \(key)", "neither a key type nor known options"),
    ("alice@example.com namespaces=\"git\" \(key) x", "no known key type"),
    ("alice@example.com ssh-ed25519 not*base64*at*all!!", "is not base64"),
    ("carol@example.com openpgp 0123ABCD", "not a full OpenPGP fingerprint"),
  ])
  func badAllowedSignersLinesAreNamed(line: String, expected: String) {
    #expect {
      _ = try AllowedSigners(parsing: "# signers\n\(line)\n", file: ".release/allowed_signers")
    } throws: { error in
      guard let error = error as? ConfigurationError else { return false }
      return error.file == ".release/allowed_signers" && error.line == 2
        && error.message.contains(expected)
    }
  }

  // MARK: The audit of a trail

  static let alice = CommitRecord.Person(name: "Alice", email: "alice@example.com")
  static let bob = CommitRecord.Person(name: "Bob", email: "bob@example.com")
  static let release = ReleaseRef(tag: "v1.0.0", commit: String(repeating: "a", count: 40))
  static let start = Date(timeIntervalSince1970: 1_800_000_000)

  static func event(
    _ kind: EnvironmentEvent.Kind, by actor: CommitRecord.Person, minute: Int, id: String,
    environment: String = "production"
  ) -> EnvironmentEvent {
    var event = EnvironmentEvent(
      kind: kind, environment: environment, tag: release.tag, commit: release.commit,
      actor: actor, time: start.addingTimeInterval(TimeInterval(minute * 60)), id: id)
    if kind == .promotion {
      event.noRollbackTarget = true
      event.gates = [GateVerdict(gate: "release", status: .pass, detail: "")]
    }
    return event
  }

  static func verified(_ principal: String) -> SignatureStatus {
    .verified(principals: [principal], key: "SHA256:test")
  }

  static let signed = EnvironmentSettings(name: "production", approvals: 1, signed: true)
  static let tags = [
    release.tag: TagFacts(name: release.tag, commit: release.commit, isReleaseTag: true)
  ]

  /// A trail: Bob approves, Alice promotes; each case spoils one thing.
  @Test(arguments: [
    ("all good", verified("bob@example.com"), verified("alice@example.com"), 1, nil),
    ("an unsigned approval", .unsigned, verified("alice@example.com"), 1, "not signed"),
    ("a lying actor", verified("alice@example.com"), verified("alice@example.com"), 1,
      "the actor must be the signer"),
    ("a bad signature", verified("bob@example.com"), .invalid("corrupt"), 1,
      "signature is not accepted: corrupt"),
    ("time going backwards", verified("bob@example.com"), verified("alice@example.com"), -1,
      "times never go backwards"),
  ] as [(String, SignatureStatus, SignatureStatus, Int, String?)])
  func audit(
    _ name: String, approval: SignatureStatus, promotion: SignatureStatus, minute: Int,
    expected: String?
  ) {
    let events = [
      AuditedEvent(event: Self.event(.approval, by: Self.bob, minute: 0, id: "a1"), signature: approval),
      AuditedEvent(
        event: Self.event(.promotion, by: Self.alice, minute: minute, id: "p1"),
        signature: promotion),
    ]
    let problems = TrailAudit.problems(
      environment: Self.signed, events: events, upstream: [:], tags: Self.tags)
    if let expected {
      #expect(problems.contains { $0.reason.contains(expected) }, "\(problems)")
    } else {
      #expect(problems.isEmpty, "\(problems)")
    }
  }

  @Test func anApprovalThatDoesNotVerifyDoesNotCount() {
    let events = [
      AuditedEvent(event: Self.event(.approval, by: Self.bob, minute: 0, id: "a1"), signature: .unsigned),
      AuditedEvent(
        event: Self.event(.promotion, by: Self.alice, minute: 1, id: "p1"),
        signature: Self.verified("alice@example.com")),
    ]
    let problems = TrailAudit.problems(
      environment: Self.signed, events: events, upstream: [:], tags: Self.tags)
    #expect(
      problems.contains {
        $0.id == "p1" && $0.reason.contains("approvals gate does not pass")
          && $0.reason.contains("not counted: bob@example.com")
      }, "\(problems)")
  }

  @Test func unsignedEventsPassWhereSignaturesAreNotRequired() {
    let events = [
      AuditedEvent(
        event: Self.event(.promotion, by: Self.alice, minute: 0, id: "p1"), signature: .unsigned)
    ]
    let problems = TrailAudit.problems(
      environment: EnvironmentSettings(name: "production"), events: events, upstream: [:],
      tags: Self.tags)
    #expect(problems.isEmpty, "\(problems)")
  }

  @Test func aRollbackMustReturnToWhatRanBelow() {
    let other = ReleaseRef(tag: "v0.9.0", commit: String(repeating: "9", count: 40))
    var first = Self.event(.promotion, by: Self.alice, minute: 0, id: "p1")
    first.tag = other.tag
    first.commit = other.commit
    var second = Self.event(.promotion, by: Self.alice, minute: 1, id: "p2")
    second.noRollbackTarget = false
    second.previous = other
    second.rollbackTarget = other
    var rollback = Self.event(.rollback, by: Self.alice, minute: 2, id: "r1")
    rollback.previous = Self.release
    // Rolls "back" to the release that runs now, which did not run below it.
    let events = [first, second, rollback].map { AuditedEvent(event: $0, signature: .unsigned) }
    var tags = Self.tags
    tags[other.tag] = TagFacts(name: other.tag, commit: other.commit, isReleaseTag: true)
    let problems = TrailAudit.problems(
      environment: EnvironmentSettings(name: "production"), events: events, upstream: [:],
      tags: tags)
    #expect(problems.map(\.id) == ["r1"], "\(problems)")
    #expect(problems.first?.reason.contains("did not run below v1.0.0") == true)
  }

  /// The gates evaluated again see the blocks as they stood at the promotion's time: a block
  /// recorded before it is reported, one after it (or in the same second) is not.
  @Test(arguments: [
    ("blocked before", [(EnvironmentEvent.Kind.block, 0)], true),
    ("blocked after", [(.block, 2)], false),
    ("blocked in the same second", [(.block, 1)], false),
    ("blocked, then unblocked before", [(.block, -2), (.unblock, 0)], false),
    ("unblocked in the same second", [(.block, -2), (.unblock, 1)], false),
    ("blocked, unblocked, blocked again", [(.block, -2), (.unblock, -1), (.block, 0)], true),
  ] as [(String, [(EnvironmentEvent.Kind, Int)], Bool)])
  func blocksAsTheyStoodThen(_ name: String, blocks: [(EnvironmentEvent.Kind, Int)], reported: Bool)
  {
    let promotion = Self.event(.promotion, by: Self.alice, minute: 1, id: "p1")
    let trail = blocks.enumerated().map { index, block in
      var event = Self.event(block.0, by: Self.bob, minute: block.1, id: "b\(index)")
      event.environment = EnvironmentEvent.everyEnvironment
      event.reason = "corrupts invoices"
      return event
    }
    let problems = TrailAudit.problems(
      environment: EnvironmentSettings(name: "production"),
      events: [AuditedEvent(event: promotion, signature: .unsigned)], upstream: [:],
      tags: Self.tags, blocks: trail)
    #expect(
      problems.contains { $0.id == "p1" && $0.reason.contains("the block gate does not pass") }
        == reported, "\(problems)")
  }

  /// A long trail is judged in one pass: the upstream trail and the blocks as they stood at each
  /// promotion, and rollbacks deep in the stack, give the verdicts a replay from scratch gives.
  @Test func aLongTrailIsJudgedAsEachPrefix() {
    let staging = (0..<300).map { index in
      var event = Self.event(.promotion, by: Self.alice, minute: 2 * index, id: "s\(index)",
        environment: "staging")
      event.tag = "v1.\(index).0"
      return event
    }
    var production: [EnvironmentEvent] = []
    var tags = Self.tags
    for index in 0..<300 {
      var event = Self.event(.promotion, by: Self.alice, minute: 2 * index + 1, id: "p\(index)")
      event.tag = "v1.\(index).0"
      tags[event.tag] = TagFacts(name: event.tag, commit: event.commit, isReleaseTag: true)
      if let last = production.last {
        event.noRollbackTarget = false
        event.previous = last.release
        event.rollbackTarget = last.release
      }
      production.append(event)
    }
    // A rollback 200 releases down, recording the release below it as its target.
    var rollback = Self.event(.rollback, by: Self.alice, minute: 700, id: "r1")
    rollback.tag = "v1.99.0"
    rollback.previous = production.last?.release
    rollback.rollbackTarget = ReleaseRef(tag: "v1.98.0", commit: Self.release.commit)
    production.append(rollback)
    // v1.150.0 was blocked between its promotion to staging and to production.
    var block = Self.event(.block, by: Self.bob, minute: 300, id: "b1")
    block.tag = "v1.150.0"
    let settings = EnvironmentSettings(name: "production", after: ["staging"])
    let problems = TrailAudit.problems(
      environment: settings, events: production.map { AuditedEvent(event: $0, signature: .unsigned) },
      upstream: ["staging": staging], tags: tags, blocks: [block])
    #expect(problems.map(\.id) == ["p150"], "\(problems)")
    #expect(problems.first?.reason.contains("the block gate does not pass") == true)
  }
}
