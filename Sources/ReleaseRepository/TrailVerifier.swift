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
  /// merge, a commit that is not an event, an event of another environment.
  package func read(_ environment: String, tip: ObjectID) throws -> ([AuditedEvent], [TrailProblem]) {
    var events: [AuditedEvent] = []
    var problems: [TrailProblem] = []
    var next: ObjectID? = tip
    var seen = 0
    while let id = next {
      guard repository.contains(id) else {
        throw ReleaseFailure(
          .repository,
          "\(EnvironmentStore.referenceName(environment)): the event \(id.hex) is missing (a "
            + "shallow or partial fetch?); fetch the whole trail with git fetch origin "
            + "'+refs/environments/*:refs/environments/*'")
      }
      let commit = try repository.commit(id)
      seen += 1
      let summary = String(commit.summary)
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
    return (events.reversed(), problems.reversed())
  }

  /// Checks the trail of `environment` at `tip`. `tips` gives other environments' trails as they
  /// are to be (a push moves several at once); others are read from their refs. With `since`,
  /// only the events above that commit are judged (those below were accepted before).
  package func verify(
    _ environment: String, tip: ObjectID?, tips: [String: ObjectID] = [:],
    since: ObjectID? = nil
  ) throws -> Report {
    let settings = policy.trailSettings(environment)
    guard let tip else {
      return Report(
        environment: environment, signed: settings.signed, tip: nil, events: [], problems: [])
    }
    var (events, problems) = try read(environment, tip: tip)
    var upstream: [String: [EnvironmentEvent]] = [:]
    for name in settings.after {
      let upstreamTip =
        try tips[name] ?? repository.reference(named: EnvironmentStore.referenceName(name))?
        .objectID
      guard let upstreamTip else {
        upstream[name] = []
        continue
      }
      upstream[name] = try read(name, tip: upstreamTip).0.map(\.event)
    }
    // Blocks refuse promotions everywhere: the gates again see them as they stood then.
    var blocks: [EnvironmentEvent] = []
    if environment != EnvironmentEvent.blocksTrail,
      let blocksTip = try tips[EnvironmentEvent.blocksTrail]
        ?? repository.reference(
          named: EnvironmentStore.referenceName(EnvironmentEvent.blocksTrail))?.objectID
    {
      blocks = try read(EnvironmentEvent.blocksTrail, tip: blocksTip).0.map(\.event)
    }
    let named = Set(events.map(\.event.tag))
    let namespaces =
      [policy.configuration.release.namespace] + policy.configuration.packages.map(\.namespace)
    var tags: [String: TagFacts] = [:]
    for tag in try repository.tags(where: { named.contains($0) }) {
      tags[tag.name] = TagFacts(
        name: tag.name, commit: tag.commitID?.hex,
        isReleaseTag: namespaces.contains { $0.version(ofTag: tag.name) != nil })
    }
    problems += TrailAudit.problems(
      environment: settings, events: events, upstream: upstream, tags: tags, blocks: blocks)
    // The state each event stores must be the one its events imply (on a straight trail).
    if problems.isEmpty {
      let store = EnvironmentStore(repository: repository)
      for mismatch in try store.stateMismatches(environment, tip: tip) {
        problems.append(
          TrailProblem(
            id: mismatch.event.hex, summary: String(try repository.commit(mismatch.event).summary),
            reason: mismatch.reason))
      }
    }
    if let since {
      let old = try Set(read(environment, tip: since).0.compactMap(\.event.id))
      problems = problems.filter { !old.contains($0.id) }
      events = events.filter { !old.contains($0.event.id ?? "") }
    }
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
