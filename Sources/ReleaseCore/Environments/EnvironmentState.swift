import Foundation

/// A release running in an environment: what, since when, and who put it there.
public struct Deployment: Codable, Hashable, Sendable {
  public let release: ReleaseRef
  public let since: Date
  public let by: CommitRecord.Person
  /// The kind of event that made it run: a promotion, or a rollback to it.
  public let cause: EnvironmentEvent.Kind
  /// The id of the event that made it run; nil in a stored state for the event that stores it.
  public var event: String?

  public init(
    release: ReleaseRef, since: Date, by: CommitRecord.Person, cause: EnvironmentEvent.Kind,
    event: String? = nil
  ) {
    self.release = release
    self.since = since
    self.by = by
    self.cause = cause
    self.event = event
  }

  public var tag: String { release.tag }
  public var commit: String { release.commit }
}

/// A period during which one release ran in an environment.
public struct Stint: Codable, Hashable, Sendable {
  public let release: ReleaseRef
  public let since: Date
  /// When something else replaced it; nil while it still runs.
  public var until: Date?
  /// What replaced it.
  public var endedBy: EnvironmentEvent.Kind?

  public init(
    release: ReleaseRef, since: Date, until: Date? = nil, endedBy: EnvironmentEvent.Kind? = nil
  ) {
    self.release = release
    self.since = since
    self.until = until
    self.endedBy = endedBy
  }

  /// How long it ran, counting to `now` while it still runs.
  public func length(at now: Date) -> TimeInterval {
    (until ?? now).timeIntervalSince(since)
  }
}

/// An approval as an environment's state keeps it.
public struct Approval: Codable, Hashable, Sendable {
  public let commit: String
  public let by: CommitRecord.Person
  public let time: Date
  public let note: String?
  /// The event that records it; nil in the record its own event stores (the next event writes
  /// the record again with the id: see `EnvironmentState.pendingApproval`).
  public var event: String?

  public init(
    commit: String, by: CommitRecord.Person, time: Date, note: String? = nil,
    event: String? = nil
  ) {
    self.commit = commit
    self.by = by
    self.time = time
    self.note = note
    self.event = event
  }
}

/// What an environment knows of one release tag: the latest period it ran there, and the
/// approvals recorded for it. Stored beside the state, one file per tag, so a read of one
/// release costs the same whatever the number of releases.
public struct ReleaseRecord: Codable, Hashable, Sendable {
  public let tag: String
  public var stint: Stint?
  public var approvals: [Approval]

  public init(tag: String, stint: Stint? = nil, approvals: [Approval] = []) {
    self.tag = tag
    self.stint = stint
    self.approvals = approvals
  }

  /// Ends the period that runs, if one does: something else runs from `time`.
  mutating func endStint(at time: Date, by kind: EnvironmentEvent.Kind) {
    guard stint != nil, stint?.until == nil else { return }
    stint?.until = time
    stint?.endedBy = kind
  }
}

/// A hold in force: every promotion to the environment is refused until it is lifted.
public struct Hold: Codable, Hashable, Sendable {
  public let by: CommitRecord.Person
  public let since: Date
  public let reason: String

  public init(by: CommitRecord.Person, since: Date, reason: String) {
    self.by = by
    self.since = since
    self.reason = reason
  }
}

/// A blocked release: no environment may promote it until it is unblocked.
public struct Block: Codable, Hashable, Sendable {
  public let release: ReleaseRef
  public let by: CommitRecord.Person
  public let since: Date
  public let reason: String

  public init(release: ReleaseRef, by: CommitRecord.Person, since: Date, reason: String) {
    self.release = release
    self.by = by
    self.since = since
    self.reason = reason
  }

  public var tag: String { release.tag }
}

/// Where the rest of a stack lies: the stack of the state stored at `event`, without its first
/// `skip` entries.
public struct StackLink: Codable, Hashable, Sendable {
  public let event: String
  public let skip: Int

  public init(event: String, skip: Int) {
    self.event = event
    self.skip = skip
  }
}

/// An environment's state, folded from its audit trail, as each event commit stores it after
/// that event (the `state` file of its tree; see docs/environments.md).
///
/// What runs is a stack: a promotion pushes a release; a rollback returns to a release lower in
/// the stack and drops those above it. So the rollback target is always the release below the top,
/// and rolling back twice walks further back instead of returning to the release just left.
/// A stored state keeps the top two entries and links to the event whose state holds the rest,
/// so neither the state nor a read of it grows with the trail.
public struct EnvironmentState: Codable, Hashable, Sendable {
  /// The version of the stored format this build writes and reads.
  public static let currentFormat = 1
  /// How many stack entries a stored state keeps; the rest is behind `rest`.
  public static let inlineEntries = 2
  /// How many a state written on top of a trail of earlier versions keeps (it has no link to
  /// follow below them but a replay of the events there).
  public static let bootstrapEntries = 50

  public var format: Int
  /// The environment, or `EnvironmentEvent.blocksTrail`.
  public let name: String
  /// How many events the trail holds, this one included.
  public var eventCount: Int
  /// The top of the stack: what runs first, then what a rollback returns to, and so on.
  public var top: [Deployment]
  /// Where the stack goes on below the entries held (`top`, and `lower` in a replay); nil when
  /// they are all of it.
  public var rest: StackLink?
  /// In a replay in memory, the entries below `top` (bottom first, so a push or a pop moves only
  /// the few entries at the top), before those behind `rest`. Never stored: a stored state links.
  var lower: [Deployment] = []
  public var hold: Hold?
  /// The tag whose record holds an approval recorded by this very event, without its id (an
  /// event cannot name itself); the next event writes that record again with the id.
  public var pendingApproval: String?
  /// Releases blocked (on the blocks trail), by tag.
  public var blocked: [Block]
  /// The records of the releases this state was read with (a replay has all of them); a tag
  /// without one never ran here and was never approved here. Stored in files of their own.
  public var releases: [String: ReleaseRecord]

  enum CodingKeys: String, CodingKey {
    case format, name = "trail", eventCount = "events", top, rest, hold, blocked
    case pendingApproval = "approval"
  }

  public init(name: String) {
    format = Self.currentFormat
    self.name = name
    eventCount = 0
    top = []
    rest = nil
    hold = nil
    pendingApproval = nil
    blocked = []
    releases = [:]
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    format = try container.decode(Int.self, forKey: .format)
    name = try container.decode(String.self, forKey: .name)
    eventCount = try container.decode(Int.self, forKey: .eventCount)
    top = try container.decodeIfPresent([Deployment].self, forKey: .top) ?? []
    rest = try container.decodeIfPresent(StackLink.self, forKey: .rest)
    hold = try container.decodeIfPresent(Hold.self, forKey: .hold)
    blocked = try container.decodeIfPresent([Block].self, forKey: .blocked) ?? []
    pendingApproval = try container.decodeIfPresent(String.self, forKey: .pendingApproval)
    releases = [:]
  }

  // Written by hand because it is no null writer: this is the stored state, where nil fields
  // and an empty `blocked` are left out (what earlier versions wrote) and `releases` is not
  // written at all (the records are stored in files of their own).
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(format, forKey: .format)
    try container.encode(name, forKey: .name)
    try container.encode(eventCount, forKey: .eventCount)
    try container.encode(top, forKey: .top)
    try container.encodeIfPresent(rest, forKey: .rest)
    try container.encodeIfPresent(hold, forKey: .hold)
    try container.encodeIfPresent(pendingApproval, forKey: .pendingApproval)
    if !blocked.isEmpty { try container.encode(blocked, forKey: .blocked) }
  }

  /// Replays a whole trail (oldest first) in memory: the state, with the whole stack and every
  /// release's record.
  public init<Events: Sequence<EnvironmentEvent>>(name: String, events: Events) {
    self.init(name: name)
    for event in events { apply(event, parent: nil) { _ in nil } }
  }

  /// What runs now; nil before the first promotion.
  public var current: Deployment? { top.first }

  /// What a rollback would return to; nil when nothing ran before the current release.
  public var rollbackTarget: Deployment? { entry(1) }

  /// How many entries of the stack this state holds itself; those below are behind `rest`.
  public var heldEntries: Int { top.count + lower.count }

  /// The i-th entry of the stack this state holds itself (0 is what runs); nil past them.
  public func entry(_ index: Int) -> Deployment? {
    if index < top.count { return top[index] }
    let below = index - top.count
    return below < lower.count ? lower[lower.count - 1 - below] : nil
  }

  /// The whole stack, bottom first, as a replay holds it (a stored state holds its top only).
  public var stack: [Deployment] { lower + top.reversed() }

  /// The latest period in which the release of that tag ran here.
  public func latestStint(ofTag tag: String) -> Stint? { releases[tag]?.stint }

  /// The approvals recorded for a release here.
  public func approvals(of release: ReleaseRef) -> [EnvironmentEvent] {
    (releases[release.tag]?.approvals ?? []).filter { $0.commit == release.commit }.map {
      EnvironmentEvent(
        kind: .approval, environment: name, tag: release.tag, commit: $0.commit, actor: $0.by,
        time: $0.time, note: $0.note, id: $0.event)
    }
  }

  /// The block in force on a tag, if any.
  public func block(ofTag tag: String) -> Block? { blocked.first { $0.tag == tag } }

  /// The tags whose records `apply` reads and changes for `event`.
  public func touchedTags(by event: EnvironmentEvent) -> Set<String> {
    var tags: Set<String> = pendingApproval.map { [$0] } ?? []
    switch event.kind {
    case .promotion, .rollback: tags.formUnion([event.tag] + (current.map { [$0.tag] } ?? []))
    case .approval: tags.insert(event.tag)
    case .hold, .unhold, .block, .unblock: break
    }
    return tags
  }
}

// MARK: - Folding an event in

extension EnvironmentState {
  /// Folds one more event in, and returns the tags whose records changed.
  ///
  /// `releases` must hold the records of `touchedTags(by:)`. With no `parent` (a replay in
  /// memory) the whole stack stays in memory (`top`, then `lower`); with the id of the event
  /// this one follows, `top` keeps `inlineEntries` and `rest` links to that event for the
  /// others. `entry(i)` gives the i-th entry of the stack below those held (0 is the one right
  /// under them), read through `rest`.
  @discardableResult
  public mutating func apply(
    _ event: EnvironmentEvent, parent: String?, entry: (Int) throws -> Deployment?
  ) rethrows -> Set<String> {
    // Entries that this state's own event put there get their id now that a later one follows.
    if let parent {
      for index in top.indices where top[index].event == nil { top[index].event = parent }
    }
    eventCount += 1
    var changed: Set<String> = []
    // The record read with the previous event's approval id filled in is written again.
    if let pending = pendingApproval, parent != nil { changed.insert(pending) }
    pendingApproval = nil
    switch event.kind {
    case .promotion, .rollback:
      let deployment = Deployment(
        release: event.release, since: event.time, by: event.actor, cause: event.kind,
        event: parent == nil ? event.id : nil)
      if let current {
          // Changed in place: a record's approvals are never copied to add one more.
        releases[current.tag, default: ReleaseRecord(tag: current.tag)].endStint(
          at: event.time, by: event.kind)
        changed.insert(current.tag)
      }
      releases[event.tag, default: ReleaseRecord(tag: event.tag)].stint = Stint(
        release: event.release, since: event.time)
      changed.insert(event.tag)
      // A rollback returns to the entry it names (the release runs again from now, where it
      // sits); a promotion, or a rollback to a release no longer in the stack, pushes.
      var level: Int?
      if event.kind == .rollback {
        var index = 0
        while let candidate = try self.entry(index, orBelow: entry) {
          if candidate.release == event.release {
            level = index
            break
          }
          index += 1
        }
      }
      let kept = level.map { $0 + 1 } ?? 0
      if parent == nil {
        push(deployment, dropping: kept)
      } else {
        var newTop = [deployment]
        if let below = try self.entry(kept, orBelow: entry) { newTop.append(below) }
        let more = try self.entry(kept + 1, orBelow: entry) != nil
        rest = more ? parent.map { StackLink(event: $0, skip: kept + 1) } : nil
        top = newTop
        lower = []
      }
    case .approval:
      releases[event.tag, default: ReleaseRecord(tag: event.tag)].approvals.append(
        Approval(
          commit: event.commit, by: event.actor, time: event.time, note: event.note,
          event: event.id))
      changed.insert(event.tag)
      if event.id == nil { pendingApproval = event.tag }
    case .hold:
      hold = Hold(by: event.actor, since: event.time, reason: event.reason ?? "")
    case .unhold:
      hold = nil
    case .block:
      blocked.removeAll { $0.tag == event.tag }
      blocked.append(
        Block(release: event.release, by: event.actor, since: event.time, reason: event.reason ?? ""))
      blocked.sort { $0.tag < $1.tag }
    case .unblock:
      blocked.removeAll { $0.tag == event.tag }
    }
    return changed
  }

  /// The i-th entry of the whole stack (0 is what runs): from those held, then from `entry`
  /// past them, as `apply` takes it.
  public func entry(_ index: Int, orBelow entry: (Int) throws -> Deployment?) rethrows
    -> Deployment?
  {
    index < heldEntries ? self.entry(index) : try entry(index - heldEntries)
  }

  /// In a replay in memory: drops the top `dropped` entries of the whole stack and pushes
  /// `deployment`, in time that does not grow with the stack (`top` keeps between
  /// `replayEntries` and twice as many, `lower` the others, bottom first).
  private mutating func push(_ deployment: Deployment, dropping dropped: Int) {
    var dropped = dropped
    let fromTop = min(dropped, top.count)
    top.removeFirst(fromTop)
    dropped -= fromTop
    let fromLower = min(dropped, lower.count)
    lower.removeLast(fromLower)
    dropped -= fromLower
    if dropped > 0 { rest = rest.map { StackLink(event: $0.event, skip: $0.skip + dropped) } }
    top.insert(deployment, at: 0)
    if top.count > 2 * Self.replayEntries {
      lower.append(contentsOf: top[Self.replayEntries...].reversed())
      top.removeLast(top.count - Self.replayEntries)
    }
    while top.count < Self.replayEntries, let next = lower.popLast() { top.append(next) }
  }

  /// The fewest entries a replay keeps in `top` while it holds more: enough for `bootstrapped`.
  static let replayEntries = bootstrapEntries + 1

  /// The state as the first event written on top of a trail of earlier versions stores it: a
  /// replayed state keeps `bootstrapEntries` of its stack and links to the event that made the
  /// next one run (read, when ever needed, by replaying the trail below it).
  public func bootstrapped() -> EnvironmentState {
    var state = self
    if top.count > Self.bootstrapEntries, let next = top[Self.bootstrapEntries].event {
      state.top = Array(top.prefix(Self.bootstrapEntries))
      state.lower = []
      state.rest = StackLink(event: next, skip: 0)
    }
    return state
  }
}

// MARK: - Where records are stored

extension ReleaseRecord {
  /// The path of a release's record in an event's tree: `releases/<2 hex digits>/<tag>`, the tag
  /// with `%XX` for bytes other than letters, digits and `-_.+` (so `api/v1.0.0` is one name),
  /// spread over 256 folders so a write rewrites small trees only.
  public static func path(ofTag tag: String) -> String {
    var hash: UInt32 = 2_166_136_261
    var name = ""
    for byte in tag.utf8 {
      hash = (hash ^ UInt32(byte)) &* 16_777_619
      let allowed =
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
        || (0x61...0x7A).contains(byte) || "-_+".utf8.contains(byte)
        || (byte == 0x2E && !name.isEmpty)
      name += allowed ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
    }
    return "releases/" + String(format: "%02x", hash & 0xFF) + "/" + name
  }
}
