import Foundation
import Git
import ReleaseCore
import TestSupport
import Testing

@testable import GitReleaseCLI
@testable import ReleaseRepository

/// The state each event stores in its tree must be what replaying the events gives, read from
/// the tip in a few steps, on new trails, on trails of earlier versions (empty trees, replayed
/// once) and on trails where both kinds of event alternate.
@Suite("The trail stores its state")
struct TrailStateTests {
  static let tags = (0..<6).map { "v1.\($0).0" }

  /// A deterministic random source, so a failing sequence can be run again.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  struct Trail {
    let repo: FixtureRepository
    let repository: Repository
    let store: EnvironmentStore
    var commits: [String: String] = [:]
    var time = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
      repo = try FixtureRepository()
      try repo.write(".gitrelease", "[environment \"production\"]\n")
      try repo.git("add", ".gitrelease")
      for tag in TrailStateTests.tags {
        try repo.commit("feat: \(tag)")
        try repo.tag(tag, message: tag)
        commits[tag] = try repo.revParse(tag)
      }
      repository = try Repository(at: repo.path)
      store = EnvironmentStore(repository: repository)
    }

    func event(_ kind: EnvironmentEvent.Kind, _ tag: String, by person: String = "Ada")
      -> EnvironmentEvent
    {
      EnvironmentEvent(
        kind: kind, environment: "production", tag: kind.namesRelease ? tag : "",
        commit: kind.namesRelease ? commits[tag] ?? "" : "",
        actor: CommitRecord.Person(name: person, email: "\(person.lowercased())@example.com"),
        time: time, reason: [.hold, .unhold].contains(kind) ? "incident 42" : nil)
    }

    /// Records an event as this version does, or as earlier versions did (an empty tree).
    mutating func record(_ event: EnvironmentEvent, old: Bool) throws {
      time += 60
      let chain = try store.read("production")
      if !old {
        _ = try store.append(event, to: chain, offsetMinutes: 0)
        return
      }
      let signature = Signature(
        name: event.actor.name, email: event.actor.email, time: event.time, offsetMinutes: 0)
      let id = try repository.writeCommit(
        tree: repository.writeEmptyTree(), parents: chain.tip.map { [$0] } ?? [],
        author: signature, committer: signature, message: event.message)
      try repository.updateReference(
        named: "refs/environments/production", to: id, expecting: chain.tip, logMessage: "old")
    }

    /// What a read from the tip gives, the whole stack walked, against a replay of every event.
    func checkAgainstReplay() throws {
      let chain = try store.read("production", releases: Set(TrailStateTests.tags))
      let tip = try #require(chain.tip)
      let replayed = try store.replayedState("production", tip: tip)
      #expect(chain.state.eventCount == replayed.eventCount)
      #expect(chain.state.current == replayed.current)
      #expect(chain.state.rollbackTarget == replayed.rollbackTarget)
      #expect(chain.state.hold == replayed.hold)
      var stack: [Deployment] = []
      while let entry = try store.stackEntry(stack.count, of: chain) { stack.append(entry) }
      #expect(stack == replayed.stack.reversed())
      for tag in TrailStateTests.tags {
        #expect(chain.state.releases[tag] == replayed.releases[tag], "the record of \(tag)")
      }
    }
  }

  /// Promotions, rollbacks to any level, approvals, holds: the stored state always agrees.
  @Test(arguments: [
    (seed: 1 as UInt64, oldShare: 0), (seed: 2, oldShare: 0), (seed: 3, oldShare: 50),
    (seed: 4, oldShare: 20), (seed: 5, oldShare: 80),
  ])
  func storedStateIsTheReplayedState(seed: UInt64, oldShare: Int) throws {
    var random = SplitMix(state: seed)
    var trail = try Trail()
    var held = false
    try trail.record(trail.event(.promotion, Self.tags[0]), old: oldShare > 0)
    for _ in 0..<60 {
      let old = Int.random(in: 0..<100, using: &random) < oldShare
      let tag = Self.tags.randomElement(using: &random) ?? Self.tags[0]
      let chain = try trail.store.read("production")
      switch Int.random(in: 0..<10, using: &random) {
      case 0..<4:
        try trail.record(trail.event(.promotion, tag), old: old)
      case 4..<6:
        var depth = 0
        while try trail.store.stackEntry(depth + 1, of: chain) != nil { depth += 1 }
        guard depth > 0 else { continue }
        let level = Int.random(in: 1...depth, using: &random)
        let target = try #require(try trail.store.stackEntry(level, of: chain))
        try trail.record(trail.event(.rollback, target.tag), old: old)
      case 6..<8:
        try trail.record(
          trail.event(.approval, tag, by: ["Bo", "Cy"].randomElement(using: &random) ?? "Bo"),
          old: old)
      default:
        try trail.record(trail.event(held ? .unhold : .hold, ""), old: old)
        held.toggle()
      }
      try trail.checkAgainstReplay()
    }
    let tip = try #require(try trail.store.reference(of: "production")?.objectID)
    #expect(try trail.store.stateMismatches("production", tip: tip).isEmpty)
    #expect(try trail.repo.git("fsck", "--strict", "--no-dangling").isEmpty)
  }

  /// A trail of earlier versions reads as before; the first event written on top stores the
  /// whole state, and later reads start from it.
  @Test func anOldTrailIsReplayedOnceThenStored() throws {
    var trail = try Trail()
    for tag in Self.tags { try trail.record(trail.event(.promotion, tag), old: true) }
    try trail.record(trail.event(.rollback, Self.tags[4]), old: true)
    try trail.checkAgainstReplay()
    var chain = try trail.store.read("production")
    #expect(!chain.isStored)
    #expect(chain.state.current?.tag == "v1.4.0")
    try trail.record(trail.event(.approval, Self.tags[5], by: "Bo"), old: false)
    chain = try trail.store.read("production")
    #expect(chain.isStored)
    #expect(chain.state.current?.tag == "v1.4.0")
    #expect(chain.state.rollbackTarget?.tag == "v1.3.0")
    try trail.checkAgainstReplay()
    // Each stored release has its record; the whole history's stack was kept.
    let files = try trail.repo.git("ls-tree", "-r", "--name-only", "refs/environments/production")
    #expect(files.split(separator: "\n").count == 1 + Self.tags.count)
  }

  /// `rollback --to` a release deep in the stack reads it through the stored states' links, the
  /// events on the way, and never replays the trail: in a clone that fetched only the events
  /// above the target (a shallow fetch), where a replay is impossible, it records the right
  /// rollback, and the pre-push check judges it the same way.
  @Test func aDeepRollbackFollowsTheLinks() throws {
    var trail = try Trail()
    try trail.record(trail.event(.promotion, Self.tags[0]), old: false)
    try trail.record(trail.event(.promotion, Self.tags[1]), old: false)
    for index in 0..<60 {
      try trail.record(trail.event(.promotion, Self.tags[2 + index % 4]), old: false)
    }
    let clone = try FixtureRepository()
    try clone.git(
      "fetch", "-q", "file://\(trail.repo.path)", "main:refs/remotes/origin/main",
      "refs/tags/*:refs/tags/*")
    try clone.git("checkout", "-q", "-B", "main", "origin/main")
    // The 61 newest events: down to the promotion of v1.1.0, without the one of v1.0.0 below.
    try clone.git(
      "fetch", "-q", "--depth=61", "file://\(trail.repo.path)",
      "refs/environments/production:refs/environments/production")
    let verify = try clone.runGitRelease("verify", "production")
    #expect(verify.status == 6, "a replay needs the event that is not there: \(verify.stderr)")
    #expect(verify.stderr.contains("is missing"))
    let result = try clone.runGitRelease(
      ["rollback", "production", "--to", Self.tags[1]],
      environment: ["GIT_COMMITTER_DATE": "\(Int(trail.time.timeIntervalSince1970) + 60) +0000"])
    #expect(result.status == 0, "\(result.stderr)")
    let message = try clone.git("log", "-1", "--format=%B", "refs/environments/production")
    #expect(message.contains("Release: \(Self.tags[1])"))
    #expect(message.contains("Rollback-Target: \(Self.tags[0]) \(trail.commits[Self.tags[0]] ?? "")"))
    // Its push is judged on the state stored below it, the target found through the links
    // too: the whole trail is not there to judge.
    let reference = "refs/environments/production"
    let rollback = try clone.revParse(reference)
    let below = try clone.revParse("\(rollback)^")
    func prePush(_ tip: String) throws -> FixtureRepository.ProcessResult {
      try clone.runGitRelease(
        ["check", "pre-push", "origin"], input: "\(reference) \(tip) \(reference) \(below)\n")
    }
    let pushed = try prePush(rollback)
    #expect(pushed.status == 0, "\(pushed.stderr)")
    // The same rollback with a target the stack does not have there is refused.
    let forged = try clone.git(
      ["commit-tree", "\(rollback)^{tree}", "-p", below],
      input: message.replacingOccurrences(
        of: "Rollback-Target: \(Self.tags[0]) \(trail.commits[Self.tags[0]] ?? "")",
        with: "Rollback-Target: \(Self.tags[2]) \(trail.commits[Self.tags[2]] ?? "")") + "\n",
      environment: ["GIT_COMMITTER_DATE": "\(Int(trail.time.timeIntervalSince1970) + 60) +0000"])
    let refused = try prePush(forged)
    #expect(refused.status == 1)
    #expect(
      refused.stderr.contains(
        "records the rollback target \(Self.tags[2]), but the trail says \(Self.tags[0])"),
      "\(refused.stderr)")
  }

  /// A state that disagrees with the events is found, and named by its event.
  @Test func aForgedStateIsFound() throws {
    var trail = try Trail()
    try trail.record(trail.event(.promotion, Self.tags[0]), old: false)
    try trail.record(trail.event(.promotion, Self.tags[1]), old: false)
    // Rewrite the tip's state to claim that v1.5.0 runs, keeping its message.
    let repo = trail.repo
    let tip = try repo.revParse("refs/environments/production")
    let state = try repo.git("show", "\(tip):state")
    let forged = state.replacingOccurrences(of: "v1.1.0", with: "v1.5.0")
      .replacingOccurrences(of: trail.commits["v1.1.0"] ?? "", with: trail.commits["v1.5.0"] ?? "")
    try repo.write("forged-state", forged + "\n")
    let blob = try repo.git("hash-object", "-w", "forged-state")
    let listing = try repo.git("ls-tree", tip).replacingOccurrences(
      of: try repo.git("rev-parse", "\(tip):state"), with: blob)
    let tree = try repo.git(["mktree"], input: listing + "\n")
    let message = try repo.git("log", "-1", "--format=%B", tip)
    let parent = try repo.revParse("\(tip)^")
    let commit = try repo.git("commit-tree", tree, "-p", parent, "-m", message)
    try repo.git("update-ref", "refs/environments/production", commit)
    let chain = try trail.store.read("production")
    #expect(chain.state.current?.tag == "v1.5.0", "reads trust the stored state")
    let mismatches = try trail.store.stateMismatches(
      "production", tip: try #require(ObjectID(hex: commit)))
    #expect(mismatches.map(\.event.hex) == [commit])
    #expect(mismatches.first?.reason.contains("runs v1.5.0, the events say v1.1.0") == true)
  }

  /// A state written by a newer version is refused with a message, never misread.
  @Test func aNewerFormatIsRefused() throws {
    var trail = try Trail()
    try trail.record(trail.event(.promotion, Self.tags[0]), old: false)
    let repo = trail.repo
    let tip = try repo.revParse("refs/environments/production")
    let state = try repo.git("show", "\(tip):state").replacingOccurrences(
      of: "\"format\" : 1", with: "\"format\" : 2")
    try repo.write("newer-state", state + "\n")
    let blob = try repo.git("hash-object", "-w", "newer-state")
    let tree = try repo.git(["mktree"], input: "100644 blob \(blob)\tstate\n")
    let message = try repo.git("log", "-1", "--format=%B", tip)
    let commit = try repo.git("commit-tree", tree, "-m", message)
    try repo.git("update-ref", "refs/environments/production", commit)
    let result = try repo.runGitRelease("status")
    #expect(result.status == 6)
    #expect(result.stderr.contains("format 2, written by a newer git-release"))
  }
}
