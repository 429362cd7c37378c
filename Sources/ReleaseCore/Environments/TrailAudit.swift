import Foundation

/// What checking an event commit's signature found.
public enum SignatureStatus: Hashable, Sendable {
  /// Written without a signature (as every version before signing did).
  case unsigned
  /// It verifies against the policy's allowed signers; the key belongs to `principals`.
  case verified(principals: [String], key: String)
  /// It does not verify, and why.
  case invalid(String)

  /// `verified`, `unsigned` or `invalid`, as `verify --json` names it.
  public var name: String {
    switch self {
    case .unsigned: "unsigned"
    case .verified: "verified"
    case .invalid: "invalid"
    }
  }
}

/// An event of a trail with what its signature showed.
public struct AuditedEvent: Sendable {
  public let event: EnvironmentEvent
  public let signature: SignatureStatus

  public init(event: EnvironmentEvent, signature: SignatureStatus) {
    self.event = event
    self.signature = signature
  }
}

/// One thing wrong with one event of a trail.
public struct TrailProblem: Codable, Hashable, Sendable {
  /// The commit that records the event.
  public let id: String
  public let summary: String
  public let reason: String

  public init(id: String, summary: String, reason: String) {
    self.id = id
    self.summary = summary
    self.reason = reason
  }
}

/// The rules `git release verify` and the server hook hold a trail to, over plain values: every
/// event signed as its environment requires, by whom it says, and every recorded decision one
/// that the trail itself supports.
public enum TrailAudit {
  /// Why the event's signature is not acceptable on `environment`; nil when it is. An unsigned
  /// event is acceptable where signatures are not required.
  public static func signatureProblem(
    _ audited: AuditedEvent, environment: EnvironmentSettings
  ) -> String? {
    let event = audited.event
    switch audited.signature {
    case .unsigned:
      guard environment.signed else { return nil }
      return "is not signed, but \(environment.name) requires every event to be signed by an "
        + "allowed signer (signed = true)"
    case .invalid(let reason):
      return "its signature is not accepted: \(reason)"
    case .verified(let principals, let key):
      let email = event.actor.email.lowercased()
      guard principals.contains(email) else {
        return "records \(event.actor.name) <\(event.actor.email)> as its actor, but was signed "
          + "by \(principals.joined(separator: ", ")) (key \(key)); the actor must be the signer"
      }
      guard environment.allows(email, toRecord: event.kind) else {
        let role = event.kind == .approval ? "approvers" : "promoters"
        let list = event.kind == .approval ? environment.approvers : environment.promoters
        return "\(email) is not among the \(role) of \(environment.name) "
          + "(\(list.joined(separator: ", ")))"
      }
      return nil
    }
  }

  /// Checks a whole trail, oldest event first, in one pass (each event judged on the state the
  /// events below it fold to). `upstream` holds the trails of the environments the gates look
  /// at, `blocks` the blocks trail's events (oldest first, for each: the other trails as they
  /// stood at its time); `tags` what the repository says about the tags the events name now.
  public static func problems(
    environment: EnvironmentSettings, events: [AuditedEvent],
    upstream: [String: [EnvironmentEvent]], tags: [String: TagFacts],
    blocks: [EnvironmentEvent] = []
  ) -> [TrailProblem] {
    var result: [TrailProblem] = []
    var uncounted: [String: String] = [:]
    var before = EnvironmentState(name: environment.name)
    var upstreamAtTime: [String: TrailAtTime] = [:]
    for (name, trail) in upstream {
      upstreamAtTime[name] = TrailAtTime(name: name, events: trail, countsOnTie: upstreamCountsOnTie)
    }
    var blocksAtTime = TrailAtTime(
      name: EnvironmentEvent.blocksTrail, events: blocks, countsOnTie: blockCountsOnTie)
    var previousTime: Date?
    for audited in events {
      let event = audited.event
      var upstreamStates: [String: EnvironmentState] = [:]
      var blocked: [Block] = []
      if event.kind == .promotion {
        for name in upstreamAtTime.keys {
          upstreamStates[name] = upstreamAtTime[name]?.state(at: event.time)
        }
        blocked = blocksAtTime.state(at: event.time).blocked
      }
      let reasons = Self.reasons(
        audited, environment: environment, before: before, previousTime: previousTime,
        upstream: upstreamStates, blocked: blocked, tags: tags, uncounted: &uncounted
      ) { _ in nil }
      for reason in reasons {
        result.append(TrailProblem(id: event.id ?? "", summary: event.summary, reason: reason))
      }
      before.apply(event, parent: nil) { _ in nil }
      previousTime = event.time
    }
    return result
  }

  // Trails of different environments are ordered only by time: within the same second the
  // order cannot be told, and an event is not accused on a tie (an upstream rollback, or a
  // block, in the same second counts as after it; an unblock as before).

  /// Whether an upstream event in the same second as a promotion counts as before it.
  public static func upstreamCountsOnTie(_ event: EnvironmentEvent) -> Bool {
    event.kind != .rollback
  }

  /// Whether a blocks trail's event in the same second as a promotion counts as before it.
  public static func blockCountsOnTie(_ event: EnvironmentEvent) -> Bool {
    event.kind == .unblock
  }

  /// Why one event is refused, judged on `before`, the state the events below it fold to (its
  /// stack entries past those it holds given by `entry`, as `EnvironmentState.apply` takes
  /// them). `previousTime` is the time of the event below it, `upstream` the upstream trails'
  /// states and `blocked` the blocks in force at its time (both read for a promotion only), and
  /// `uncounted` the approvals that do not count, and why: an approval that does not verify is
  /// added to it. Empty when the event is sound.
  public static func reasons(
    _ audited: AuditedEvent, environment: EnvironmentSettings, before: EnvironmentState,
    previousTime: Date?, upstream: [String: EnvironmentState], blocked: [Block],
    tags: [String: TagFacts], uncounted: inout [String: String],
    entry: (Int) throws -> Deployment?
  ) rethrows -> [String] {
    let event = audited.event
    var reasons: [String] = []
    let signatureProblem = signatureProblem(audited, environment: environment)
    if let signatureProblem { reasons.append(signatureProblem) }
    if let previousTime, event.time < previousTime {
      reasons.append(
        "its time \(EnvironmentEvent.formatTime(event.time)) is before the event below it "
          + "(\(EnvironmentEvent.formatTime(previousTime))); times never go backwards along a "
          + "trail")
    }
    switch event.kind {
    case .promotion:
      reasons += promotionProblems(
        event, environment: environment, before: before, upstream: upstream, tags: tags,
        uncounted: uncounted, blocked: blocked)
    case .rollback:
      reasons += try rollbackProblems(event, before: before, entry: entry)
    case .approval:
      if let signatureProblem { uncounted[event.id ?? ""] = signatureProblem }
      reasons += tagProblems(event, tags: tags)
    case .hold, .unhold, .block, .unblock:
      break
    }
    return reasons
  }

  /// Another trail's state as it stood at a time, folded forward as the times asked grow: each
  /// of its events is folded in once while the times go forward.
  struct TrailAtTime {
    let events: [EnvironmentEvent]
    /// Whether an event in the same second as the time asked counts as before it.
    let countsOnTie: (EnvironmentEvent) -> Bool
    /// The events before `next`, folded.
    var state: EnvironmentState
    var next = 0
    /// The times asked so far, for a trail whose times go backwards (it is checked as well).
    var lastTime: Date?
    let inOrder: Bool

    init(
      name: String, events: [EnvironmentEvent],
      countsOnTie: @escaping (EnvironmentEvent) -> Bool
    ) {
      self.events = events
      self.countsOnTie = countsOnTie
      state = EnvironmentState(name: name)
      inOrder = zip(events, events.dropFirst()).allSatisfy { $0.time <= $1.time }
    }

    /// The trail folded from its events before `time` (and those at it that `countsOnTie`).
    mutating func state(at time: Date) -> EnvironmentState {
      let countsOnTie = countsOnTie
      func counts(_ event: EnvironmentEvent) -> Bool {
        event.time < time || (event.time == time && countsOnTie(event))
      }
      // A damaged trail's times, or the audited one's, go backwards: fold those from scratch.
      guard inOrder, lastTime.map({ $0 <= time }) ?? true else {
        return EnvironmentState(name: state.name, events: events.lazy.filter(counts))
      }
      lastTime = time
      while next < events.count, events[next].time < time {
        state.apply(events[next], parent: nil) { _ in nil }
        next += 1
      }
      var result = state
      for event in events[next...].prefix(while: { $0.time == time }) where countsOnTie(event) {
        result.apply(event, parent: nil) { _ in nil }
      }
      return result
    }
  }

  private static func tagProblems(_ event: EnvironmentEvent, tags: [String: TagFacts]) -> [String]
  {
    guard let facts = tags[event.tag] else {
      return ["its release tag \(event.tag) does not exist; a release tag is never deleted"]
    }
    if let commit = facts.commit, commit != event.commit {
      return [
        "\(event.tag) leads to \(commit.prefix(7)), not to \(event.commit.prefix(7)) as recorded; "
          + "a release tag must not move"
      ]
    }
    return []
  }

  private static func promotionProblems(
    _ event: EnvironmentEvent, environment: EnvironmentSettings, before: EnvironmentState,
    upstream: [String: EnvironmentState], tags: [String: TagFacts], uncounted: [String: String],
    blocked: [Block]
  ) -> [String] {
    var reasons = tagProblems(event, tags: tags)
    let failed = event.gates.filter { $0.status == .fail }.map(\.gate)
    if !failed.isEmpty {
      reasons.append("records gates that failed: " + failed.joined(separator: ", "))
    }
    if event.gates.isEmpty { reasons.append("records no gate verdicts") }
    if !event.overrides.isEmpty, (event.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty
    {
      reasons.append("overrides \(event.overrides.joined(separator: " and ")) without a reason")
    }
    // The gates again, as at the event's recorded time, on what the trails recorded before it.
    var facts: [String: TagFacts] = [:]
    facts[event.tag] = TagFacts(
      name: event.tag, commit: event.commit, isReleaseTag: tags[event.tag]?.isReleaseTag ?? true)
    if let current = before.current, current.tag != event.tag {
      facts[current.tag] = TagFacts(name: current.tag, commit: current.commit, isReleaseTag: true)
    }
    let request = PromotionRequest(
      tag: event.tag, environment: environment, state: before, upstream: upstream,
      tags: facts, promoter: event.actor, time: event.time,
      noRollbackTarget: event.noRollbackTarget,
      overrideReason: event.overrides.isEmpty ? nil : (event.reason ?? ""),
      uncountedApprovals: uncounted, blocked: blocked)
    let decision = PromotionGates.decide(request)
    for verdict in decision.verdicts where verdict.status == .fail {
      reasons.append(
        "the \(verdict.gate) gate does not pass on what the trail recorded: \(verdict.detail)")
    }
    for verdict in decision.verdicts where verdict.status == .overridden {
      if !event.overrides.contains(verdict.gate) {
        reasons.append("the \(verdict.gate) gate failed and the event records no override of it")
      }
    }
    if event.previous != decision.event.previous {
      reasons.append(
        "records \(event.previous?.tag ?? "nothing") as what ran before, but the trail says "
          + (decision.event.previous?.tag ?? "nothing ran"))
    }
    if event.rollbackTarget != decision.event.rollbackTarget {
      reasons.append(
        "records the rollback target \(event.rollbackTarget?.tag ?? "none"), but the trail says "
          + (decision.event.rollbackTarget?.tag ?? "none"))
    }
    return reasons
  }

  private static func rollbackProblems(
    _ event: EnvironmentEvent, before: EnvironmentState, entry: (Int) throws -> Deployment?
  ) rethrows -> [String] {
    guard let current = before.current else {
      return ["rolls \(before.name) back although nothing ran there"]
    }
    var reasons: [String] = []
    if event.previous != current.release {
      reasons.append(
        "records \(event.previous?.tag ?? "nothing") as what ran, but the trail says \(current.tag)"
      )
    }
    // The nearest entry below what runs that is the release named: read down to it only.
    var level = 1
    var found = try before.entry(level, orBelow: entry)
    while let candidate = found, candidate.release != event.release {
      level += 1
      found = try before.entry(level, orBelow: entry)
    }
    guard found != nil else {
      reasons.append(
        "rolls back to \(event.tag) at \(event.commit.prefix(7)), which did not run below "
          + "\(current.tag) on this trail")
      return reasons
    }
    let below = try before.entry(level + 1, orBelow: entry)?.release
    if event.rollbackTarget != below {
      reasons.append(
        "records the rollback target \(event.rollbackTarget?.tag ?? "none"), but the trail says "
          + (below?.tag ?? "none"))
    }
    return reasons
  }
}
