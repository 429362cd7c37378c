import Foundation

/// What the repository says about a tag, read in the one pass over the tags.
public struct TagFacts: Hashable, Sendable {
  public let name: String
  /// The commit it leads to; nil when it leads to no commit.
  public let commit: String?
  public let isReleaseTag: Bool

  public init(name: String, commit: String?, isReleaseTag: Bool) {
    self.name = name
    self.commit = commit
    self.isReleaseTag = isReleaseTag
  }
}

/// Everything a promotion's gates look at, as plain values.
public struct PromotionRequest: Sendable {
  public var tag: String
  public var environment: EnvironmentSettings
  /// The target environment's state, and each upstream (`after`) environment's.
  public var state: EnvironmentState
  public var upstream: [String: EnvironmentState]
  /// Facts about the tags involved (the one promoted, the one running now); a missing name is a
  /// tag that does not exist.
  public var tags: [String: TagFacts]
  public var promoter: CommitRecord.Person
  public var time: Date
  public var noRollbackTarget: Bool
  /// `--override --reason`: lets a promotion through a closed window or a freeze.
  public var overrideReason: String?
  /// Approvals (by event id) that do not count, and why: not signed, or not by whom they claim.
  public var uncountedApprovals: [String: String]
  /// The releases blocked now (`git release block`), refused by every environment.
  public var blocked: [Block]

  public init(
    tag: String, environment: EnvironmentSettings, state: EnvironmentState,
    upstream: [String: EnvironmentState], tags: [String: TagFacts], promoter: CommitRecord.Person,
    time: Date, noRollbackTarget: Bool = false, overrideReason: String? = nil,
    uncountedApprovals: [String: String] = [:], blocked: [Block] = []
  ) {
    self.uncountedApprovals = uncountedApprovals
    self.blocked = blocked
    self.tag = tag
    self.environment = environment
    self.state = state
    self.upstream = upstream
    self.tags = tags
    self.promoter = promoter
    self.time = time
    self.noRollbackTarget = noRollbackTarget
    self.overrideReason = overrideReason
  }
}

/// The gates' decision on a promotion, and the event that records it.
public struct PromotionDecision: Sendable {
  public let verdicts: [GateVerdict]
  public let event: EnvironmentEvent

  public var allowed: Bool { verdicts.allSatisfy { $0.status != .fail } }
  public var refusedBy: [String] { verdicts.filter { $0.status == .fail }.map(\.gate) }
}

/// The gates in front of an environment, in the order a promotion shows them. A new gate is a
/// new case: the compiler then asks for its rule in `PromotionGates.decide`, and its name reaches
/// the help text and the JSON by itself. The raw values are written into the audit trail.
public enum Gate: String, CaseIterable, Sendable {
  case release, block, after, soak, approvals, window, freeze, hold
  case rollbackTarget = "rollback-target"

  /// The gates `--override --reason` may let a promotion through.
  public var isOverridable: Bool {
    switch self {
    case .window, .freeze: true
    case .release, .block, .after, .soak, .approvals, .hold, .rollbackTarget: false
    }
  }
}

extension GateVerdict {
  public init(gate: Gate, status: Status, detail: String) {
    self.init(gate: gate.rawValue, status: status, detail: detail)
  }
}

/// Decides promotions. Every gate is evaluated, also after one fails, so the table shows all
/// that stands in the way at once.
public enum PromotionGates {
  public static let names = Gate.allCases.map(\.rawValue)

  public static func decide(_ request: PromotionRequest) -> PromotionDecision {
    let facts = request.tags[request.tag]
    let commit = facts?.commit ?? ""
    let release = ReleaseRef(tag: request.tag, commit: commit)
    let schedule = PromotionSchedule(request.environment)
    var verdicts = Gate.allCases.map { gate -> GateVerdict in
      switch gate {
      case .release: releaseGate(request, facts: facts)
      case .block: blockGate(request)
      case .after: afterGate(request, release: release)
      case .soak: soakGate(request, release: release)
      case .approvals: approvalsGate(request, release: release)
      case .window: windowGate(request, schedule: schedule)
      case .freeze: freezeGate(request, schedule: schedule)
      case .hold: holdGate(request)
      case .rollbackTarget: rollbackTargetGate(request)
      }
    }
    var overrides: [String] = []
    if let reason = request.overrideReason {
      for index in verdicts.indices
      where Gate(rawValue: verdicts[index].gate)?.isOverridable == true
        && verdicts[index].status == .fail
      {
        let verdict = verdicts[index]
        verdicts[index] = GateVerdict(
          gate: verdict.gate, status: .overridden,
          detail: verdict.detail + "; overridden by \(request.promoter.name): \(reason)")
        overrides.append(verdict.gate)
      }
    }
    let current = request.state.current
    let event = EnvironmentEvent(
      kind: .promotion, environment: request.environment.name, tag: request.tag, commit: commit,
      actor: request.promoter, time: request.time, gates: verdicts,
      previous: current?.release, rollbackTarget: current?.release,
      noRollbackTarget: current == nil && request.noRollbackTarget, overrides: overrides,
      reason: request.overrideReason)
    return PromotionDecision(verdicts: verdicts, event: event)
  }

  private static func short(_ commit: String) -> String { String(commit.prefix(7)) }

  private static func releaseGate(_ request: PromotionRequest, facts: TagFacts?) -> GateVerdict {
    let tag = request.tag
    guard let facts else {
      return GateVerdict(
        gate: .release, status: .fail,
        detail: "\(tag) does not exist; create it with git release tag, or fetch it")
    }
    guard facts.isReleaseTag, let commit = facts.commit else {
      return GateVerdict(
        gate: .release, status: .fail,
        detail: "\(tag) is not a release tag (a configured tag prefix and a SemVer version, "
          + "on a commit)")
    }
    if let current = request.state.current, current.release == ReleaseRef(tag: tag, commit: commit)
    {
      return GateVerdict(
        gate: .release, status: .fail,
        detail: "\(request.environment.name) already runs \(tag) (since "
          + "\(EnvironmentEvent.formatTime(current.since)))")
    }
    return GateVerdict(
      gate: .release, status: .pass, detail: "\(tag) is a release tag at \(short(commit))")
  }

  private static func blockGate(_ request: PromotionRequest) -> GateVerdict {
    guard let block = request.blocked.first(where: { $0.tag == request.tag }) else {
      return GateVerdict(gate: .block, status: .pass, detail: "\(request.tag) is not blocked")
    }
    return GateVerdict(
      gate: .block, status: .fail,
      detail: "\(request.tag) was blocked by \(block.by.name) <\(block.by.email)> at "
        + "\(EnvironmentEvent.formatTime(block.since)): \(block.reason); no environment may "
        + "promote it (git release unblock \(request.tag) lifts the block)")
  }

  private static func holdGate(_ request: PromotionRequest) -> GateVerdict {
    let environment = request.environment.name
    guard let hold = request.state.hold else {
      return GateVerdict(gate: .hold, status: .pass, detail: "\(environment) is not held")
    }
    return GateVerdict(
      gate: .hold, status: .fail,
      detail: "\(environment) was held by \(hold.by.name) <\(hold.by.email)> at "
        + "\(EnvironmentEvent.formatTime(hold.since)): \(hold.reason); every promotion waits "
        + "until git release unhold \(environment) (a rollback does not)")
  }

  /// Why the release did not run long enough, or at all, upstream; nil when it did.
  private static func upstreamProblem(
    _ request: PromotionRequest, release: ReleaseRef, upstream name: String
  ) -> String? {
    guard let stint = request.upstream[name]?.latestStint(ofTag: release.tag) else {
      return "\(release.tag) has not been promoted to \(name)"
    }
    if stint.release.commit != release.commit {
      return "\(release.tag) pointed at \(short(stint.release.commit)) when it ran in \(name), "
        + "but points at \(short(release.commit)) now"
    }
    if stint.endedBy == .rollback, let until = stint.until {
      return "\(name) was rolled back from \(release.tag) at \(EnvironmentEvent.formatTime(until))"
    }
    if stint.since > request.time {
      return "\(release.tag) reached \(name) only at \(EnvironmentEvent.formatTime(stint.since))"
    }
    return nil
  }

  private static func afterGate(_ request: PromotionRequest, release: ReleaseRef) -> GateVerdict {
    let after = request.environment.after
    guard !after.isEmpty else {
      return GateVerdict(gate: .after, status: .pass, detail: "no environment comes first")
    }
    let problems = after.compactMap { upstreamProblem(request, release: release, upstream: $0) }
    if !problems.isEmpty {
      return GateVerdict(gate: .after, status: .fail, detail: problems.joined(separator: "; "))
    }
    return GateVerdict(
      gate: .after, status: .pass,
      detail: "\(release.tag) ran in " + after.joined(separator: " and "))
  }

  private static func soakGate(_ request: PromotionRequest, release: ReleaseRef) -> GateVerdict {
    guard let soak = request.environment.soak else {
      return GateVerdict(gate: .soak, status: .pass, detail: "no soak time")
    }
    var problems: [String] = []
    var passed: [String] = []
    for name in request.environment.after {
      guard upstreamProblem(request, release: release, upstream: name) == nil,
        let stint = request.upstream[name]?.latestStint(ofTag: release.tag)
      else {
        problems.append("needs \(release.tag) to run in \(name) for \(soak) first")
        continue
      }
      let ran = TimeSpan(seconds: Int(stint.length(at: request.time)))
      if ran < soak {
        let ready = stint.since.addingTimeInterval(TimeInterval(soak.seconds))
        problems.append(
          "\(release.tag) has run in \(name) for \(ran) of \(soak); it may be promoted from "
            + EnvironmentEvent.formatTime(ready))
      } else {
        passed.append("\(ran) in \(name)")
      }
    }
    if !problems.isEmpty {
      return GateVerdict(gate: .soak, status: .fail, detail: problems.joined(separator: "; "))
    }
    return GateVerdict(
      gate: .soak, status: .pass,
      detail: "ran " + passed.joined(separator: ", ") + " (soak \(soak))")
  }

  private static func approvalsGate(_ request: PromotionRequest, release: ReleaseRef)
    -> GateVerdict
  {
    let required = request.environment.approvals
    guard required > 0 else {
      return GateVerdict(gate: .approvals, status: .pass, detail: "none required")
    }
    var approvers: [CommitRecord.Person] = []
    var ownApproval = false
    var uncounted: [String] = []
    for approval in request.state.approvals(of: release) {
      let email = approval.actor.email.lowercased()
      if let reason = approval.id.flatMap({ request.uncountedApprovals[$0] }) {
        uncounted.append("\(approval.actor.email) (\(reason))")
      } else if !request.environment.allows(email, toRecord: .approval) {
        uncounted.append("\(approval.actor.email) (not among the approvers)")
      } else if email == request.promoter.email.lowercased() {
        ownApproval = true
      } else if !approvers.contains(where: { $0.email.lowercased() == email }) {
        approvers.append(approval.actor)
      }
    }
    let names = approvers.map(\.name).joined(separator: ", ")
    let notCounted = uncounted.isEmpty ? "" : "; not counted: " + uncounted.joined(separator: ", ")
    if approvers.count >= required {
      return GateVerdict(
        gate: .approvals, status: .pass,
        detail: "\(approvers.count) of \(required): \(names)" + notCounted)
    }
    var detail = "\(approvers.count) of \(required)" + (names.isEmpty ? "" : " (\(names))")
    if ownApproval { detail += "; your own approval does not count" }
    detail += notCounted
    detail +=
      "; someone else runs git release approve \(release.tag) --for "
      + request.environment.name
    return GateVerdict(gate: .approvals, status: .fail, detail: detail)
  }

  private static func windowGate(_ request: PromotionRequest, schedule: PromotionSchedule)
    -> GateVerdict
  {
    guard !schedule.windows.isEmpty else {
      return GateVerdict(gate: .window, status: .pass, detail: "no windows: any time")
    }
    if let window = schedule.openWindow(at: request.time) {
      return GateVerdict(gate: .window, status: .pass, detail: "inside \(window)")
    }
    var detail =
      "outside every window ("
      + schedule.windows.map(\.text).joined(separator: "; ") + ")"
    if let next = schedule.nextAllowed(after: request.time) {
      let zone =
        schedule.windows.first(where: { $0.contains(next) })?.timeZone
        ?? schedule.windows[0].timeZone
      detail += "; the next opens \(LocalTime.format(next, in: zone))"
    }
    return GateVerdict(gate: .window, status: .fail, detail: detail)
  }

  private static func freezeGate(_ request: PromotionRequest, schedule: PromotionSchedule)
    -> GateVerdict
  {
    guard let freeze = schedule.freeze(at: request.time) else {
      return GateVerdict(
        gate: .freeze, status: .pass,
        detail: schedule.freezes.isEmpty ? "no freezes" : "no freeze in force")
    }
    let name = freeze.reason.isEmpty ? freeze.text : freeze.reason
    return GateVerdict(
      gate: .freeze, status: .fail,
      detail:
        "inside the freeze \"\(name)\" until \(LocalTime.format(freeze.end, in: freeze.timeZone))")
  }

  private static func rollbackTargetGate(_ request: PromotionRequest) -> GateVerdict {
    let environment = request.environment.name
    guard let current = request.state.current else {
      if request.noRollbackTarget {
        return GateVerdict(
          gate: .rollbackTarget, status: .pass,
          detail: "none: first promotion to \(environment), acknowledged with --no-rollback-target")
      }
      return GateVerdict(
        gate: .rollbackTarget, status: .fail,
        detail: "\(environment) has never run a release, so there is nothing to roll back to; "
          + "for its first promotion pass --no-rollback-target")
    }
    if request.noRollbackTarget {
      return GateVerdict(
        gate: .rollbackTarget, status: .fail,
        detail: "\(environment) runs \(current.tag) already; --no-rollback-target is only for "
          + "the first promotion")
    }
    let since = EnvironmentEvent.formatTime(current.since)
    guard let facts = request.tags[current.tag] else {
      return GateVerdict(
        gate: .rollbackTarget, status: .fail,
        detail: "the rollback target \(current.tag) (running in \(environment) since \(since)) "
          + "was deleted; restore it with git tag \(current.tag) \(current.commit)")
    }
    guard facts.isReleaseTag, let commit = facts.commit else {
      return GateVerdict(
        gate: .rollbackTarget, status: .fail,
        detail: "the rollback target \(current.tag) is no longer a release tag on a commit; "
          + "restore it with git tag -f \(current.tag) \(current.commit)")
    }
    guard commit == current.commit else {
      return GateVerdict(
        gate: .rollbackTarget, status: .fail,
        detail: "the rollback target \(current.tag) moved: it was promoted at "
          + "\(short(current.commit)) but points at \(short(commit)) now; put it back with "
          + "git tag -f \(current.tag) \(current.commit)")
    }
    return GateVerdict(
      gate: .rollbackTarget, status: .pass,
      detail: "\(current.tag) at \(short(commit)) (running since \(since))")
  }
}
