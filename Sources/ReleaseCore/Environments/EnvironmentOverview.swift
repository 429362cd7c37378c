import Foundation

/// One environment as `git release status` shows it.
public struct EnvironmentOverview: Codable, Sendable {
  /// A release that could be promoted here next, and what still stands in its way.
  public struct Waiting: Codable, Hashable, Sendable {
    public let tag: String
    public let commit: String
    /// The upstream environment it runs in; nil for the newest release tag.
    public let from: String?
    /// True when every gate would pass now (given a rollback target or the first-promotion flag).
    public let ready: Bool
    /// The gates that would refuse it now.
    public let blockedBy: [GateVerdict]
  }

  public let environment: String
  /// False for a trail under refs/environments/ that `.gitrelease` no longer declares.
  public let configured: Bool
  public let current: Deployment?
  public let rollbackTarget: Deployment?
  public let events: Int
  /// The hold in force, if the environment is held.
  public let hold: Hold?
  public let waiting: [Waiting]

  /// Builds the overview of every environment: configured ones in their order, then any other
  /// recorded trail. `releases` are the repository's release tags; `viewer` is who asks (their
  /// own approval would not count if they promoted).
  public static func all(
    settings: [EnvironmentSettings], states: [String: EnvironmentState], releases: [ReleaseTag],
    tags: [String: TagFacts], viewer: CommitRecord.Person, time: Date, blocked: [Block] = []
  ) -> [EnvironmentOverview] {
    var result: [EnvironmentOverview] = []
    let newest = releases.max { $0.version < $1.version }
    for environment in settings {
      let state = states[environment.name] ?? EnvironmentState(name: environment.name)
      var candidates: [(ReleaseRef, String?)] = []
      if environment.after.isEmpty {
        let running = currentVersion(state, releases)
        if let newest, running.map({ newest.version > $0 }) ?? true,
          newest.name != state.current?.tag
        {
          candidates.append((ReleaseRef(tag: newest.name, commit: newest.commit), nil))
        }
      } else {
        for upstream in environment.after {
          guard let running = states[upstream]?.current?.release,
            running != state.current?.release,
            !candidates.contains(where: { $0.0 == running })
          else { continue }
          candidates.append((running, upstream))
        }
      }
      let waiting = candidates.map { release, from in
        let request = PromotionRequest(
          tag: release.tag, environment: environment, state: state, upstream: states, tags: tags,
          promoter: viewer, time: time, noRollbackTarget: state.current == nil, blocked: blocked)
        let decision = PromotionGates.decide(request)
        let blocked = decision.verdicts.filter { $0.status == .fail }
        return Waiting(
          tag: release.tag, commit: release.commit, from: from, ready: blocked.isEmpty,
          blockedBy: blocked)
      }
      result.append(
        EnvironmentOverview(
          environment: environment.name, configured: true, current: state.current,
          rollbackTarget: state.rollbackTarget, events: state.eventCount, hold: state.hold,
          waiting: waiting))
    }
    for (name, state) in states.sorted(by: { $0.key < $1.key })
    where !settings.contains(where: { $0.name == name }) {
      result.append(
        EnvironmentOverview(
          environment: name, configured: false, current: state.current,
          rollbackTarget: state.rollbackTarget, events: state.eventCount, hold: state.hold,
          waiting: []))
    }
    return result
  }

  private static func currentVersion(_ state: EnvironmentState, _ releases: [ReleaseTag])
    -> SemanticVersion?
  {
    guard let current = state.current else { return nil }
    return releases.first { $0.name == current.tag }?.version
  }
}
