import Foundation
import Git
import ReleaseCore

/// Checks audit trails against the trust policy: reads each trail from a tip, checks every event
/// commit's signature with git's tools, and leaves the judging to `TrailAudit`.
package struct TrailVerifier {
  package let repository: Repository
  package let policy: TrustPolicy
  package let signatures: EventSignatures

  package init(_ repository: Repository, policy: TrustPolicy) {
    self.repository = repository
    self.policy = policy
    signatures = EventSignatures(repository, policy: policy)
  }

  /// What `verify --json` prints for one environment.
  package struct Report: Encodable {
    package struct Event: Encodable {
      package let id: String
      package let kind: String
      package let summary: String
      package let time: Date
      package let actor: CommitRecord.Person
      /// `verified`, `unsigned` or `invalid`.
      package let signature: String
      package let signer: [String]?
    }
    package let environment: String
    package let signed: Bool
    package let tip: String?
    package let events: [Event]
    package let problems: [TrailProblem]
  }

  /// The trail from `tip` down, oldest first, and what keeps commits from being its events: a
  /// merge, a commit that is not an event, an event of another environment. With `since`, down
  /// to the commit below `since` only; nil when its first parents never lead to `since`.
  package func read(_ environment: String, tip: ObjectID, since: ObjectID? = nil) throws
    -> ([AuditedEvent], [TrailProblem])?
  {
    var events: [AuditedEvent] = []
    var problems: [TrailProblem] = []
    var next: ObjectID? = tip
    while let id = next, id != since {
      guard repository.contains(id) else {
        throw ReleaseFailure(
          .repository,
          "\(EnvironmentStore.referenceName(environment)): the event \(id.hex) is missing (a "
            + "shallow or partial fetch?); fetch the whole trail with git fetch origin "
            + "'+refs/environments/*:refs/environments/*'")
      }
      let commit = try repository.commit(id)
      // Only a problem names it: the message is not read again for every event.
      var summary: String { String(commit.summary) }
      if commit.parentIDs.count > 1 {
        problems.append(
          TrailProblem(
            id: id.hex, summary: summary,
            reason: "has \(commit.parentIDs.count) parents; a trail is a single line of events, "
              + "and this merges into it"))
      }
      if let event = EnvironmentEvent(message: commit.message, id: id.hex) {
        if event.trail != environment {
          problems.append(
            TrailProblem(
              id: id.hex, summary: summary,
              reason: "records an event of \(event.environment), not of \(environment)"))
        } else {
          let status = try signatures.status(of: id, at: event.time)
          events.append(AuditedEvent(event: event, signature: status))
        }
      } else {
        problems.append(
          TrailProblem(
            id: id.hex, summary: summary,
            reason: "is not an event recorded by git release (its trailers do not read as one)"))
      }
      next = commit.parentIDs.first
    }
    if since != nil, next == nil { return nil }
    return (events.reversed(), problems.reversed())
  }

  /// The whole trail from `tip` down (see `read(_:tip:since:)`).
  private func readAll(_ environment: String, tip: ObjectID) throws
    -> ([AuditedEvent], [TrailProblem])
  {
    try read(environment, tip: tip) ?? ([], [])
  }

  /// Checks the trail of `environment` at `tip`. `tips` gives other environments' trails as they
  /// are to be (a push moves several at once); others are read from their refs. With `since`,
  /// only the events above that commit are judged (those below were accepted before): they are
  /// judged on the state stored at `since` and read from there, so the cost is the new events',
  /// whatever the trail's length. A trail that cannot be read that way (its first parents do not
  /// lead to `since`, or an event below is damaged) is judged whole, and the new events' problems
  /// kept.
  package func verify(
    _ environment: String, tip: ObjectID?, tips: [String: ObjectID] = [:],
    since: ObjectID? = nil
  ) throws -> Report {
    let settings = policy.trailSettings(environment)
    guard let tip else {
      return Report(
        environment: environment, signed: settings.signed, tip: nil, events: [], problems: [])
    }
    // Nothing new: nothing to judge, and nothing read.
    if since == tip {
      return report(environment, settings: settings, tip: tip, events: [], problems: [])
    }
    if let since,
      let report = try? verifyAbove(since, environment, settings: settings, tip: tip, tips: tips)
    {
      return report
    }
    var (events, problems) = try readAll(environment, tip: tip)
    var upstream: [String: [EnvironmentEvent]] = [:]
    for name in settings.after {
      guard let upstreamTip = try self.tip(of: name, tips: tips) else {
        upstream[name] = []
        continue
      }
      upstream[name] = try readAll(name, tip: upstreamTip).0.map(\.event)
    }
    // Blocks refuse promotions everywhere: the gates again see them as they stood then.
    var blocks: [EnvironmentEvent] = []
    if environment != EnvironmentEvent.blocksTrail,
      let blocksTip = try self.tip(of: EnvironmentEvent.blocksTrail, tips: tips)
    {
      blocks = try readAll(EnvironmentEvent.blocksTrail, tip: blocksTip).0.map(\.event)
    }
    problems += TrailAudit.problems(
      environment: settings, events: events, upstream: upstream, tags: try tagFacts(events),
      blocks: blocks)
    // The state each event stores must be the one its events imply (on a straight trail).
    if problems.isEmpty { problems += try stateProblems(environment, tip: tip) }
    if let since {
      let old = try Set(readAll(environment, tip: since).0.compactMap(\.event.id))
      problems = problems.filter { !old.contains($0.id) }
      events = events.filter { !old.contains($0.event.id ?? "") }
    }
    return report(environment, settings: settings, tip: tip, events: events, problems: problems)
  }

  /// Judges the events above `since` on the state stored at it; nil when the first parents from
  /// `tip` do not lead to `since`. Throws when the trail below cannot be read from its states.
  private func verifyAbove(
    _ since: ObjectID, _ environment: String, settings: EnvironmentSettings, tip: ObjectID,
    tips: [String: ObjectID]
  ) throws -> Report? {
    guard let (events, readProblems) = try read(environment, tip: tip, since: since) else {
      return nil
    }
    var problems = readProblems
    let store = EnvironmentStore(repository: repository)
    let previous = try store.event(at: since, trail: environment).0
    var (state, base) = try store.state(at: since, trail: environment)
    let tags = try tagFacts(events)
    var uncounted: [String: String] = [:]
    var previousTime = previous.time
    // Other trails as they stood at a promotion's time, walked down from their tips only as far
    // as that time (a push's events are recent: a few steps).
    var upstreamTips: [String: ObjectID?] = [:]
    for name in settings.after { upstreamTips[name] = try self.tip(of: name, tips: tips) }
    let blocksTip =
      environment == EnvironmentEvent.blocksTrail
      ? nil : try self.tip(of: EnvironmentEvent.blocksTrail, tips: tips)
    for audited in events {
      let event = audited.event
      try store.loadRecords(
        state.touchedTags(by: event).union([event.tag]), into: &state, from: base)
      var upstream: [String: EnvironmentState] = [:]
      var blocked: [Block] = []
      if event.kind == .promotion {
        for (name, upstreamTip) in upstreamTips {
          upstream[name] = try store.state(
            of: name, tip: upstreamTip, at: event.time,
            countingOnTie: TrailAudit.upstreamCountsOnTie, releases: [event.tag])
        }
        blocked =
          try store.state(
            of: EnvironmentEvent.blocksTrail, tip: blocksTip, at: event.time,
            countingOnTie: TrailAudit.blockCountsOnTie, releases: []
          ).blocked
        // The approvals recorded before `since` are judged by today's policy, as a whole
        // trail's are.
        let earlier = state.approvals(of: event.release).filter { uncounted[$0.id ?? ""] == nil }
        uncounted.merge(
          try signatures.uncountedApprovals(earlier, environment: settings)) { first, _ in first }
      }
      let reasons = try TrailAudit.reasons(
        audited, environment: settings, before: state, previousTime: previousTime,
        upstream: upstream, blocked: blocked, tags: tags, uncounted: &uncounted,
        entry: store.entries(below: state))
      problems += reasons.map {
        TrailProblem(id: event.id ?? "", summary: event.summary, reason: $0)
      }
      try store.fold(event, into: &state, base: base)
      previousTime = event.time
    }
    if problems.isEmpty { problems += try stateProblems(environment, tip: tip, since: since) }
    return report(environment, settings: settings, tip: tip, events: events, problems: problems)
  }

  /// A trail's tip: as `tips` has it (a push moves it), or as its ref has it.
  private func tip(of trail: String, tips: [String: ObjectID]) throws -> ObjectID? {
    try tips[trail] ?? repository.reference(named: EnvironmentStore.referenceName(trail))?.objectID
  }

  /// What the repository says about the tags the events name, read in one pass over the tags.
  private func tagFacts(_ events: [AuditedEvent]) throws -> [String: TagFacts] {
    let named = Set(events.map(\.event.tag))
    let namespaces =
      [policy.configuration.release.namespace] + policy.configuration.packages.map(\.namespace)
    var tags: [String: TagFacts] = [:]
    for tag in try repository.tags(where: { named.contains($0) }) {
      tags[tag.name] = TagFacts(
        name: tag.name, commit: tag.commitID?.hex,
        isReleaseTag: namespaces.contains { $0.version(ofTag: tag.name) != nil })
    }
    return tags
  }

  /// The events (above `since`) whose stored state is not the one their events imply.
  private func stateProblems(_ environment: String, tip: ObjectID, since: ObjectID? = nil) throws
    -> [TrailProblem]
  {
    let store = EnvironmentStore(repository: repository)
    return try store.stateMismatches(environment, tip: tip, since: since).map { mismatch in
      TrailProblem(
        id: mismatch.event.hex, summary: String(try repository.commit(mismatch.event).summary),
        reason: mismatch.reason)
    }
  }

  private func report(
    _ environment: String, settings: EnvironmentSettings, tip: ObjectID, events: [AuditedEvent],
    problems: [TrailProblem]
  ) -> Report {
    let reported = events.map { audited in
      var signer: [String]?
      if case .verified(let principals, _) = audited.signature { signer = principals }
      return Report.Event(
        id: audited.event.id ?? "", kind: audited.event.kind.rawValue,
        summary: audited.event.summary, time: audited.event.time, actor: audited.event.actor,
        signature: audited.signature.name, signer: signer)
    }
    return Report(
      environment: environment, signed: settings.signed, tip: tip.hex, events: reported,
      problems: problems)
  }
}
