import Foundation
import ReleaseCore
import Testing

@Suite("Commit message rules")
struct CommitMessageRulesTests {
  let rules = CommitMessageRules(settings: CheckSettings(), configuration: .defaults)

  @Test(arguments: [
    "feat: add the check command",
    "fix(parser): accept an empty body\n\nBecause git allows it.",
    "feat!: drop the v1 format",
    "chore(deps)!: bump libgit2\n\nBREAKING CHANGE: needs 1.5",
    "\n\ndocs: leading blank lines are dropped by git",
  ])
  func conventionalMessagesConform(_ message: String) {
    #expect(rules.verdict(message: message) == .conforms)
  }

  @Test(arguments: [
    ("Update stuff", "has no type"),
    ("feat:missing space", "space after the colon"),
    ("feat: ", "description after the colon is empty"),
    ("feat(): empty scope", "scope"),
    ("fix the parser: now", "no type before the colon"),
    ("", "empty"),
    ("feta: typo in the type", "type \"feta\" is not one of feat, fix"),
  ])
  func violationsSayWhy(_ message: String, _ expected: String) {
    guard case .violates(let reason) = rules.verdict(message: message) else {
      Issue.record("\"\(message)\" should violate")
      return
    }
    #expect(reason.contains(expected), "\(reason)")
  }

  @Test(arguments: [
    "Merge branch 'topic' into main",
    "Merge pull request #12 from someone/topic",
    "Merge remote-tracking branch 'origin/main'",
    "Revert \"feat: add x\"\n\nThis reverts commit 1234567890abcdef1234567890abcdef12345678.",
  ])
  func gitsOwnMessagesAreExempt(_ message: String) {
    guard case .exempt = rules.verdict(message: message) else {
      Issue.record("\"\(message)\" should be exempt")
      return
    }
  }

  @Test func mergeCommitsAreExemptWhateverTheirMessage() {
    guard case .exempt = rules.verdict(message: "integrate the topic", isMerge: true) else {
      Issue.record("a merge commit should be exempt")
      return
    }
  }

  @Test(arguments: ["fixup! feat: add x", "squash! fix: y", "amend! docs: z"])
  func fixupsAreFixups(_ message: String) {
    #expect(rules.verdict(message: message) == .fixup)
  }

  @Test func revertWithoutGitsLineIsNotExempt() {
    guard case .violates = rules.verdict(message: "Revert \"feat: add x\"") else {
      Issue.record("a hand-written Revert subject is not git's revert")
      return
    }
  }

  @Test func anyTypePassesWhenConfigured() {
    let any = CommitMessageRules(knownTypes: [])
    #expect(any.verdict(message: "feta: typo welcome") == .conforms)
  }
}

@Suite("Commit message files")
struct CommitMessageFileTests {
  @Test(arguments: [
    ("feat: x\n\n# Please enter the commit message\n#\n", "#", "feat: x"),
    ("feat: x\n\nbody\n; comment\n", ";", "feat: x\n\nbody"),
    ("# only comments\n", "#", ""),
    (
      "feat: x\n# ------------------------ >8 ------------------------\ndiff --git a b\n", "#",
      "feat: x"
    ),
    (
      "feat: x\n\n#1 is kept with another char\n; comment\n", "auto",
      "feat: x\n\n#1 is kept with another char"
    ),
    ("#123 fix: issue first\n", "", "#123 fix: issue first"),
  ])
  func commentsAreLeftOut(_ text: String, _ comment: String, _ expected: String) {
    #expect(CommitMessageFile.message(from: text, commentString: comment) == expected)
  }
}

@Suite("Pre-push input")
struct PushUpdateTests {
  let a = String(repeating: "a", count: 40)
  let z = String(repeating: "0", count: 40)

  @Test func linesAreRead() throws {
    let updates = try PushUpdate.parse(
      "refs/heads/main \(a) refs/heads/main \(z)\n\n(delete) \(z) refs/tags/v1.0.0 \(a)\n")
    #expect(updates.count == 2)
    #expect(updates[0].isCreation && !updates[0].isDeletion)
    #expect(updates[1].isDeletion && updates[1].remoteRef == "refs/tags/v1.0.0")
  }

  @Test(arguments: ["refs/heads/main abc refs/heads/main def", "just words", "a b c d e"])
  func malformedLinesAreNamed(_ line: String) {
    #expect(throws: PushUpdateError.self) { try PushUpdate.parse("\n" + line) }
    do {
      _ = try PushUpdate.parse("\n" + line)
    } catch {
      #expect(error.line == 2)
    }
  }
}

@Suite("Release tag rules")
struct ReleaseTagRulesTests {
  let namespaces = [TagNamespace(prefix: "v"), TagNamespace(prefix: "api/v")]

  @Test(arguments: [
    ("v1.2.0", "v", "1.2.0"),
    ("v2.0.0-rc.1", "v", "2.0.0-rc.1"),
    ("api/v0.3.1", "api/v", "0.3.1"),
  ])
  func releasesAreClassified(_ name: String, _ prefix: String, _ version: String) {
    #expect(
      ReleaseTagRules.classify(name, namespaces: namespaces)
        == .release(TagNamespace(prefix: prefix), SemanticVersion(version)!))
  }

  @Test(arguments: ["v1.2", "v01.2.0", "v1.2.3.4", "api/v1", "v1.2.0-"])
  func nearMissesAreMalformed(_ name: String) {
    guard case .malformed(let reason) = ReleaseTagRules.classify(name, namespaces: namespaces)
    else {
      Issue.record("\(name) should be malformed")
      return
    }
    #expect(reason.contains("not a SemVer version"))
  }

  @Test(arguments: ["vendor-drop", "experiment", "1.2.0", "api/next"])
  func otherTagsAreNotReleases(_ name: String) {
    #expect(ReleaseTagRules.classify(name, namespaces: namespaces) == .notRelease)
  }

  @Test func emptyPrefixLeavesLongerNamespacesTheirTags() {
    let spaces = [TagNamespace(prefix: ""), TagNamespace(prefix: "api/v")]
    #expect(
      ReleaseTagRules.classify("api/v1.0.0", namespaces: spaces)
        == .release(TagNamespace(prefix: "api/v"), SemanticVersion(1, 0, 0)))
    guard case .malformed = ReleaseTagRules.classify("1.0", namespaces: spaces) else {
      Issue.record("1.0 should be malformed with an empty prefix")
      return
    }
  }

  func tag(_ name: String) -> ReleaseTag {
    ReleaseTag(
      name: name, version: TagNamespace(prefix: "v").version(ofTag: name)!, commit: "c",
      isAnnotated: true)
  }

  @Test(
    arguments: [
      ("v1.3.0", nil, [String]()),
      ("v1.3.0", "v1.2.0", []),
      ("v1.3.0", "v1.3.0", ["same precedence as v1.3.0"]),
      ("v1.3.0-rc.1", "v1.3.0", ["is lower than v1.3.0"]),
      ("v1.3.0+build.2", "v1.3.0+build.1", ["same precedence"]),
    ] as [(String, String?, [String])])
  func releasesMustGrow(_ name: String, _ previous: String?, _ expected: [String]) {
    let problems = ReleaseTagRules.problems(
      name: name, version: tag(name).version, recordedName: name, remoteHadOther: false,
      previous: previous.map(tag))
    #expect(problems.count == expected.count)
    for (problem, text) in zip(problems, expected) { #expect(problem.contains(text), "\(problem)") }
  }

  @Test func lightweightMovedAndMisnamedTagsAreNamed() {
    let lightweight = ReleaseTagRules.problems(
      name: "v1.0.0", version: SemanticVersion(1, 0, 0), recordedName: nil, remoteHadOther: true,
      previous: nil)
    #expect(lightweight.count == 2)
    #expect(lightweight.contains { $0.contains("never moves") })
    #expect(lightweight.contains { $0.contains("lightweight") })
    let misnamed = ReleaseTagRules.problems(
      name: "v1.0.0", version: SemanticVersion(1, 0, 0), recordedName: "v0.9.0",
      remoteHadOther: false, previous: nil)
    #expect(misnamed == ["the tag object is named \"v0.9.0\"; recreate it with git tag -a v1.0.0"])
  }
}

@Suite("Environment ref rules")
struct EnvironmentRefRulesTests {
  @Test(arguments: [
    (EnvironmentRefRules.Ancestry.creation, false), (.unchanged, false), (.descendant, false),
    (.deletion, true), (.rewrite, true), (.unknownRemoteValue, true),
  ])
  func onlyAppendsPass(_ ancestry: EnvironmentRefRules.Ancestry, _ refused: Bool) {
    #expect((EnvironmentRefRules.problem(ancestry, remote: "origin") != nil) == refused)
  }
}

@Suite("The [check] section")
struct CheckSettingsTests {
  func settings(_ entries: [(String, String)]) throws(ConfigurationError) -> CheckSettings {
    let text =
      "[check]\n"
      + entries.map { "\t\($0.0.split(separator: ".").last!) = \($0.1)" }
      .joined(separator: "\n")
    let configuration = try Configuration(
      file: ".gitrelease", entries: entries.map { ConfigurationEntry(name: $0.0, value: $0.1) },
      text: text)
    return try CheckSettings(configuration)
  }

  @Test func defaultsRefuseBadCommitsAndTagsAndWarnOnFixups() throws {
    let defaults = try settings([])
    #expect(defaults == CheckSettings())
    #expect(defaults.commits == .error && defaults.fixups == .warn && defaults.tags == .error)
    #expect(defaults.environments == .error && defaults.knownTypesOnly)
  }

  @Test func levelsAreRead() throws {
    let read = try settings([
      ("check.commits", "warn"), ("check.tags", "OFF"), ("check.fixups", "error"),
      ("check.types", "any"),
    ])
    #expect(read.commits == .warn && read.tags == .off && read.fixups == .error)
    #expect(!read.knownTypesOnly)
  }

  @Test(arguments: [
    ("check.commits", "strict", "check.commits = \"strict\" is not one of error, warn, off"),
    ("check.types", "some", "check.types = \"some\" is not one of known, any"),
    ("check.colour", "red", "unknown key \"colour\" in [check]"),
  ])
  func badValuesNameTheLine(_ name: String, _ value: String, _ message: String) {
    #expect {
      _ = try settings([("check.commits", "warn"), (name, value)])
    } throws: { error in
      guard let error = error as? ConfigurationError else { return false }
      return error.line == 3 && error.message.hasPrefix(message)
    }
  }
}

@Suite("Pushed environment events")
struct PushedEnvironmentEventTests {
  let person = CommitRecord.Person(name: "Ada", email: "ada@example.com")
  let commit = String(repeating: "a", count: 40)

  func event(
    _ gates: [GateVerdict], kind: EnvironmentEvent.Kind = .promotion, reason: String? = nil,
    environment: String = "production"
  ) -> EnvironmentRefRules.PushedEvent {
    let event = EnvironmentEvent(
      kind: kind, environment: environment, tag: "v1.0.0", commit: commit, actor: person,
      time: Date(timeIntervalSince1970: 1_700_000_000), gates: gates, reason: reason)
    return .init(id: String(repeating: "e", count: 40), parentCount: 1, message: event.message)
  }

  func problems(_ pushed: EnvironmentRefRules.PushedEvent, tags: [String: String] = [:]) -> [String]
  {
    EnvironmentRefRules.problems(of: pushed, environment: "production", tagCommits: tags)
  }

  @Test func aPromotionThatPassedItsGatesPasses() {
    #expect(problems(event([GateVerdict(gate: "release", status: .pass, detail: "ok")])).isEmpty)
    #expect(problems(event([], kind: .approval)).isEmpty)
  }

  @Test(
    arguments: [
      (
        [GateVerdict(gate: "window", status: .fail, detail: "closed")], nil,
        "although gates failed: window (closed)"
      ),
      (
        [GateVerdict(gate: "freeze", status: .overridden, detail: "frozen")], nil,
        "overrides freeze without a reason"
      ),
      ([], nil, "with no gate verdicts"),
    ] as [([GateVerdict], String?, String)])
  func gatesThatDidNotPassAreRefused(_ gates: [GateVerdict], _ reason: String?, _ expected: String)
  {
    let found = problems(event(gates, reason: reason))
    #expect(found.count == 1)
    #expect(found.first?.contains(expected) == true, "\(found)")
  }

  @Test func anOverrideWithAReasonPasses() {
    let gates = [GateVerdict(gate: "freeze", status: .overridden, detail: "frozen")]
    #expect(problems(event(gates, reason: "hotfix for the outage")).isEmpty)
  }

  @Test func strangersMergesOtherEnvironmentsAndMovedTagsAreRefused() {
    let stranger = EnvironmentRefRules.PushedEvent(id: "x", parentCount: 1, message: "deploy")
    #expect(problems(stranger).first?.contains("is not an event recorded by git release") == true)
    let merge = EnvironmentRefRules.PushedEvent(id: "x", parentCount: 2, message: "Merge")
    #expect(problems(merge).first?.contains("single line of events") == true)
    let pass = [GateVerdict(gate: "release", status: .pass, detail: "ok")]
    #expect(
      problems(event(pass, environment: "staging")) == [
        "records an event of staging, not of production"
      ])
    let moved = problems(event(pass), tags: ["v1.0.0": String(repeating: "b", count: 40)])
    #expect(moved.first?.contains("v1.0.0 now leads to bbbbbbb, not to aaaaaaa") == true)
  }
}
