import Foundation

/// A release running in an environment: what, since when, and who put it there.
public struct Deployment: Codable, Hashable, Sendable {
  public let release: ReleaseRef
  public let since: Date
  public let by: CommitRecord.Person
  /// The kind of event that made it run: a promotion, or a rollback to it.
  public let cause: EnvironmentEvent.Kind

  public var tag: String { release.tag }
  public var commit: String { release.commit }
}

/// A period during which one release ran in an environment.
public struct Stint: Hashable, Sendable {
  public let release: ReleaseRef
  public let since: Date
  /// When something else replaced it; nil while it still runs.
  public let until: Date?
  /// What replaced it.
  public let endedBy: EnvironmentEvent.Kind?

  /// How long it ran, counting to `now` while it still runs.
  public func length(at now: Date) -> TimeInterval {
    (until ?? now).timeIntervalSince(since)
  }
}

/// An environment's state, folded from its audit trail.
///
/// What runs is a stack: a promotion pushes a release; a rollback returns to a release lower in
/// the stack and drops those above it. So the rollback target is always the release below the top,
/// and rolling back twice walks further back instead of returning to the release just left.
public struct EnvironmentState: Sendable {
  public let name: String
  /// Oldest first.
  public let events: [EnvironmentEvent]
  public let stack: [Deployment]
  public let stints: [Stint]

  public init(name: String, events: [EnvironmentEvent]) {
    self.name = name
    self.events = events
    var stack: [Deployment] = []
    var stints: [Stint] = []
    var open: (ReleaseRef, Date)?
    for event in events where event.kind != .approval {
      let deployment = Deployment(
        release: event.release, since: event.time, by: event.actor, cause: event.kind)
      if event.kind == .rollback,
        let index = stack.lastIndex(where: { $0.release == event.release })
      {
        stack.removeSubrange((index + 1)...)
        // The release runs again from now: the stack keeps where it sits, with the new time.
        stack[index] = deployment
      } else {
        stack.append(deployment)
      }
      if let (release, since) = open {
        stints.append(Stint(release: release, since: since, until: event.time, endedBy: event.kind))
      }
      open = (event.release, event.time)
    }
    if let (release, since) = open {
      stints.append(Stint(release: release, since: since, until: nil, endedBy: nil))
    }
    self.stack = stack
    self.stints = stints
  }

  /// What runs now; nil before the first promotion.
  public var current: Deployment? { stack.last }

  /// What a rollback would return to; nil when nothing ran before the current release.
  public var rollbackTarget: Deployment? { stack.dropLast().last }

  /// The latest period in which the release of that tag ran here.
  public func latestStint(ofTag tag: String) -> Stint? {
    stints.last { $0.release.tag == tag }
  }

  /// The approvals recorded for a release here.
  public func approvals(of release: ReleaseRef) -> [EnvironmentEvent] {
    events.filter { $0.kind == .approval && $0.release == release }
  }

  /// The latest event; nil for an environment nothing happened in yet.
  public var lastEvent: EnvironmentEvent? { events.last }
}
