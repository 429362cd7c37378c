import Foundation
import Git
import ReleaseCore
import ReleaseRendering

/// The audit trail of each environment: an append-only chain of commits under
/// `refs/environments/<ENV>`, the event in each commit's message, so `git log
/// refs/environments/production` reads it and `git push origin 'refs/environments/*'` replicates
/// it. Block and unblock events have a trail of their own, `refs/environments/_blocks`.
///
/// Each event's tree stores the state after it (`state`, and one `releases/<xx>/<tag>` file per
/// release; docs/environments.md has the format), so a read takes the tip and at most a few
/// commits below it. Trails written before the state was stored have empty trees: they are read
/// by replaying their events, and the first event written on top of them stores the state.
package struct EnvironmentStore {
  package static let prefix = "refs/environments/"
  /// The file of an event's tree that holds the state after it.
  package static let stateFile = "state"
  package let repository: Repository
  /// States read during one command, by event: the stack's links lead to the same few.
  private let cache = Cache()

  package init(repository: Repository) {
    self.repository = repository
  }

  private final class Cache {
    var states: [ObjectID: EnvironmentState] = [:]
    /// Where the last `entry` lookup ended, so that the next one further down the same stack
    /// goes on from there: a search down the stack follows each link once.
    var cursor: Cursor?
  }

  /// Entry `index` below the link `start` (from a state of `startCount` events) was found at
  /// `offset` below `link` (from a state of `count` events).
  private struct Cursor {
    let start: StackLink
    let startCount: Int
    let index: Int
    let link: StackLink
    let offset: Int
    let count: Int
  }

  /// An environment's trail as read: its tip, and the state after it.
  package struct Chain {
    package let environment: String
    package let tip: ObjectID?
    /// With the records of the releases asked for (after a replay, of every release changed in
    /// the events replayed).
    package var state: EnvironmentState
    /// The event whose tree holds the records `state` lacks; nil when none does. It is the tip
    /// when the tip stores its state, an older event when events of earlier versions sit on top.
    package let base: ObjectID?

    /// The tip stores its state: the next event stores its own from it.
    package var isStored: Bool { tip != nil && base == tip }
  }

  /// Another writer moved the chain between our read and our write: nothing of ours was recorded.
  package struct ChainMoved: Error {
    package let environment: String
  }

  package static func referenceName(_ environment: String) -> String { prefix + environment }

  /// Names typed on the command line become reference names: refuse any that could escape
  /// `refs/environments/` or that git would reject.
  package static func checkName(_ environment: String) throws {
    guard EnvironmentSettings.isValidName(environment) else {
      throw ReleaseFailure(
        .usage,
        "\"\(environment)\" cannot name an environment; use letters, digits, '-', '_' or '.'")
    }
  }

  /// The failure to report when the chain's reference stays locked by a `.lock` file; nil when
  /// it is not locked, or the lock goes within a second: a racing writer holds it that briefly.
  package func lockFailure(_ environment: String) -> ReleaseFailure? {
    let name = Self.referenceName(environment)
    let lock = repository.commonDirectory.appendingPathComponent(name + ".lock").path
    for _ in 0..<ReleaseTagWriter.lockPatience {
      guard FileManager.default.fileExists(atPath: lock) else { return nil }
      usleep(ReleaseTagWriter.lockPause)
    }
    return ReleaseTagWriter.lockedReference(name, in: repository, wrote: "no event")
  }

  /// The environments that have a chain, whether configured or not (the blocks trail is none).
  package func recordedEnvironments() throws -> [String] {
    try repository.references(matching: Self.prefix + "*").map {
      String($0.name.dropFirst(Self.prefix.count))
    }.filter(EnvironmentSettings.isValidName).sorted()
  }

  /// The chain's reference; nil when nothing was ever recorded for the environment.
  package func reference(of environment: String) throws -> Reference? {
    try Self.checkName(environment)
    return try repository.reference(named: Self.referenceName(environment))
  }

  /// Reads an environment's state from its tip, with the records of `releases` (the tags whose
  /// stints and approvals the caller looks at).
  package func read(_ environment: String, releases: Set<String> = []) throws -> Chain {
    try Self.checkName(environment)
    return try readTrail(environment, releases: releases)
  }

  /// Reads the blocks trail: `state.blocked` is every release blocked now.
  package func readBlocks() throws -> Chain {
    try readTrail(EnvironmentEvent.blocksTrail, releases: [])
  }

  private func readTrail(_ trail: String, releases: Set<String>) throws -> Chain {
    guard let tip = try tip(of: trail) else {
      return Chain(environment: trail, tip: nil, state: EnvironmentState(name: trail), base: nil)
    }
    var (state, base) = try state(at: tip, trail: trail)
    try loadRecords(releases, into: &state, from: base)
    return Chain(environment: trail, tip: tip, state: state, base: base)
  }

  private func tip(of trail: String) throws -> ObjectID? {
    let name = Self.referenceName(trail)
    guard let reference = try repository.reference(named: name) else { return nil }
    guard let tip = reference.objectID else {
      throw ReleaseFailure(
        .repository, "\(name) is a symbolic reference; an audit trail must be a chain of commits")
    }
    return tip
  }

  // MARK: Reading events

  /// The event a commit of `trail` records, checked: present, not a merge, an event of `trail`.
  package func event(at id: ObjectID, trail: String) throws -> (EnvironmentEvent, Commit) {
    let name = Self.referenceName(trail)
    guard repository.contains(id) else {
      throw ReleaseFailure(
        .repository,
        "\(name): the event \(id.hex) is missing (a shallow or partial fetch?); fetch the whole "
          + "trail with git fetch origin '+refs/environments/*:refs/environments/*'")
    }
    let commit = try repository.commit(id)
    guard commit.parentIDs.count <= 1 else {
      throw ReleaseFailure(
        .repository,
        "\(name): \(id.hex) has \(commit.parentIDs.count) parents, but an audit trail is a "
          + "single line of events; someone merged into it. Reset it to the side you trust "
          + "with git update-ref.")
    }
    guard let event = EnvironmentEvent(message: commit.message, id: id.hex), event.trail == trail
    else {
      throw ReleaseFailure(
        .repository,
        "\(name): \(id.hex) is not a git-release event of \(trail); the trail was "
          + "written by something else. Inspect it with git log \(name).")
    }
    return (event, commit)
  }

  /// The events of a trail, newest first, read one commit at a time: a reader that stops early
  /// reads no more than it shows.
  package struct Events {
    package let store: EnvironmentStore
    package let trail: String
    package var next: ObjectID?

    package mutating func read() throws -> EnvironmentEvent? {
      guard let id = next else { return nil }
      let (event, commit) = try store.event(at: id, trail: trail)
      next = commit.parentIDs.first
      return event
    }
  }

  /// The events of an environment's trail (or of `EnvironmentEvent.blocksTrail`), newest first.
  package func events(of trail: String) throws -> Events {
    if trail != EnvironmentEvent.blocksTrail { try Self.checkName(trail) }
    return Events(store: self, trail: trail, next: try tip(of: trail))
  }

  /// Every event of a trail, oldest first (for what measures the whole trail, as `metrics`).
  package func allEvents(of trail: String) throws -> [EnvironmentEvent] {
    var events = try events(of: trail)
    var result: [EnvironmentEvent] = []
    while let event = try events.read() { result.append(event) }
    return result.reversed()
  }

  /// The latest event of a trail; nil when it has none.
  package func lastEvent(of trail: String) throws -> EnvironmentEvent? {
    var events = try events(of: trail)
    return try events.read()
  }

  // MARK: Reading the state

  /// The state stored in an event's tree; nil for an event written before states were stored.
  package func storedState(at id: ObjectID, trail: String) throws -> EnvironmentState? {
    try storedState(of: repository.commit(id), trail: trail)
  }

  private func storedState(of commit: Commit, trail: String) throws -> EnvironmentState? {
    guard let bytes = try repository.fileContents(at: Self.stateFile, inTree: commit.treeID)
    else { return nil }
    let name = Self.referenceName(trail)
    struct Format: Decodable { let format: Int }
    let decoder = Self.decoder()
    guard let format = try? decoder.decode(Format.self, from: Data(bytes)).format else {
      throw damaged(commit.id, in: name, "its \(Self.stateFile) file is not a state")
    }
    guard format <= EnvironmentState.currentFormat else {
      throw ReleaseFailure(
        .repository,
        "\(name): the event \(commit.id.hex) stores its state in format \(format), written by a "
          + "newer git-release (this one reads format \(EnvironmentState.currentFormat) and "
          + "below); upgrade git-release to read this trail")
    }
    var state: EnvironmentState
    do {
      state = try decoder.decode(EnvironmentState.self, from: Data(bytes))
    } catch {
      throw damaged(commit.id, in: name, "its \(Self.stateFile) file cannot be read (\(error))")
    }
    guard state.name == trail else {
      throw damaged(commit.id, in: name, "it stores the state of \(state.name)")
    }
    for index in state.top.indices where state.top[index].event == nil {
      state.top[index].event = commit.id.hex
    }
    return state
  }

  private func damaged(_ id: ObjectID, in name: String, _ why: String) -> ReleaseFailure {
    ReleaseFailure(
      .repository,
      "\(name): the event \(id.hex) is damaged: \(why). Check the trail with git release "
        + "verify, and inspect it with git log \(name).")
  }

  /// The state after the event `tip`: stored in its tree, or replayed from the events above the
  /// nearest event that stores one (from the first event, on a trail of earlier versions).
  /// Returns that event too: its tree holds the records the replay did not change.
  package func state(at tip: ObjectID, trail: String) throws -> (EnvironmentState, ObjectID?) {
    var pending: [EnvironmentEvent] = []
    var next: ObjectID? = tip
    var stored: (EnvironmentState, ObjectID)?
    while let id = next {
      let (event, commit) = try event(at: id, trail: trail)
      if let state = try storedState(of: commit, trail: trail) {
        stored = (state, id)
        break
      }
      pending.append(event)
      next = commit.parentIDs.first
    }
    var state = stored?.0 ?? EnvironmentState(name: trail)
    let base = stored?.1
    for event in pending.reversed() { try fold(event, into: &state, base: base) }
    return (state, base)
  }

  /// Folds one event into a state read from the trail, in memory: the records it changes are
  /// read from `base` (where the state was read) first.
  package func fold(_ event: EnvironmentEvent, into state: inout EnvironmentState, base: ObjectID?)
    throws
  {
    try loadRecords(state.touchedTags(by: event), into: &state, from: base)
    let resolve = entries(below: state)
    try state.apply(event, parent: nil, entry: resolve)
    try refill(&state)
  }

  /// The stack entries below those a state read from the trail holds (0 is the one right under
  /// them), through its `rest` link: what `EnvironmentState.apply` takes as `entry`.
  package func entries(below state: EnvironmentState) -> (Int) throws -> Deployment? {
    let rest = state.rest
    let count = state.eventCount
    let trail = state.name
    return { try entry($0, below: rest, count: count, trail: trail) }
  }

  /// The state of a trail as it stood at `time`, read down from `tip` only as far as that time:
  /// the events before it, and of those in that very second the ones `countsOnTie` (another
  /// trail's order against the time is known to the second only). With the records of
  /// `releases`. The trail's times are taken to grow along it, as `verify` checks they do.
  package func state(
    of trail: String, tip: ObjectID?, at time: Date,
    countingOnTie countsOnTie: (EnvironmentEvent) -> Bool, releases: Set<String>
  ) throws -> EnvironmentState {
    var tied: [EnvironmentEvent] = []
    var next = tip
    var below: ObjectID?
    while let id = next {
      let (event, commit) = try event(at: id, trail: trail)
      if event.time < time {
        below = id
        break
      }
      if event.time == time, countsOnTie(event) { tied.append(event) }
      next = commit.parentIDs.first
    }
    var (state, base) = try below.map { try self.state(at: $0, trail: trail) }
      ?? (EnvironmentState(name: trail), nil)
    for event in tied.reversed() { try fold(event, into: &state, base: base) }
    try loadRecords(releases, into: &state, from: base)
    return state
  }

  /// A rollback in a replay can leave fewer entries in `top` than a stored state keeps, the
  /// others behind `rest`: takes them back up, so `rollbackTarget` needs no link.
  private func refill(_ state: inout EnvironmentState) throws {
    while state.top.count < EnvironmentState.inlineEntries, let rest = state.rest {
      guard
        let next = try entry(0, below: rest, count: state.eventCount, trail: state.name)
      else {
        state.rest = nil
        break
      }
      state.top.append(next)
      state.rest = StackLink(event: rest.event, skip: rest.skip + 1)
    }
  }

  /// The i-th stack entry below a state's `top`, through its `rest` link (and theirs).
  package func entry(_ index: Int, below link: StackLink?, count: Int, trail: String) throws
    -> Deployment?
  {
    guard let start = link else { return nil }
    var link: StackLink? = start
    var offset = index
    var linkCount = count
    if let cursor = cache.cursor, cursor.start == start, cursor.startCount == count,
      cursor.index <= index
    {
      link = cursor.link
      offset = cursor.offset + index - cursor.index
      linkCount = cursor.count
    }
    while let current = link {
      let state = try linkedState(current, below: linkCount, trail: trail)
      let position = current.skip + offset
      if let held = state.entry(position) {
        cache.cursor = Cursor(
          start: start, startCount: count, index: index, link: current, offset: offset,
          count: linkCount)
        return held
      }
      offset = position - state.heldEntries
      link = state.rest
      linkCount = state.eventCount
    }
    return nil
  }

  /// The state a stack link leads to, from a state of `count` events.
  private func linkedState(_ link: StackLink, below count: Int, trail: String) throws
    -> EnvironmentState
  {
    guard let id = ObjectID(hex: link.event) else {
      throw ReleaseFailure(
        .repository,
        "\(Self.referenceName(trail)): a stored state links to \"\(link.event)\", which is "
          + "not an event; check the trail with git release verify")
    }
    let state: EnvironmentState
    if let cached = cache.states[id] {
      state = cached
    } else {
      state = try self.state(at: id, trail: trail).0
      cache.states[id] = state
    }
    // Each link leads further down the trail; one that does not is damage, not a stack.
    guard state.eventCount < count else {
      throw damaged(id, in: Self.referenceName(trail), "a stack link loops back to it")
    }
    return state
  }

  /// Walks a chain's stack from the top down (0 is what runs) while `visit` returns true,
  /// following the stored states' links one event at a time: reading down to a deep entry reads
  /// the states on the way, never a replay of the trail (but below a state of earlier versions).
  package func walkStack(of chain: Chain, _ visit: (Int, Deployment) throws -> Bool) throws {
    var level = 0
    var state = chain.state
    var position = 0
    var count = state.eventCount
    while true {
      while let held = state.entry(position) {
        guard try visit(level, held) else { return }
        level += 1
        position += 1
      }
      guard let link = state.rest else { return }
      // Past the entries held, the link's state without its first `skip` (and any carried over).
      let carried = position - state.heldEntries
      state = try linkedState(link, below: count, trail: chain.environment)
      position = link.skip + carried
      count = state.eventCount
    }
  }

  /// Adds the records of `tags` that `state` lacks, as the event `base` stored them.
  package func loadRecords(_ tags: Set<String>, into state: inout EnvironmentState, from base: ObjectID?)
    throws
  {
    let missing = tags.filter { state.releases[$0] == nil }
    guard let base, !missing.isEmpty else { return }
    let tree = try repository.commit(base).treeID
    let decoder = Self.decoder()
    for tag in missing {
      let path = ReleaseRecord.path(ofTag: tag)
      guard let bytes = try repository.fileContents(at: path, inTree: tree) else { continue }
      do {
        var record = try decoder.decode(ReleaseRecord.self, from: Data(bytes))
        // An approval without an id is the one the event `base` itself records.
        for index in record.approvals.indices where record.approvals[index].event == nil {
          record.approvals[index].event = base.hex
        }
        state.releases[tag] = record
      } catch {
        throw damaged(
          base, in: Self.referenceName(state.name), "its \(path) file cannot be read (\(error))")
      }
    }
  }

  /// The i-th entry of a chain's stack: 0 is what runs, 1 what a rollback returns to, and so on.
  package func stackEntry(_ index: Int, of chain: Chain) throws -> Deployment? {
    let state = chain.state
    if let held = state.entry(index) { return held }
    return try entry(
      index - state.heldEntries, below: state.rest, count: state.eventCount,
      trail: chain.environment)
  }

  // MARK: For verification

  /// The state after `tip` recomputed from the events alone (every stored state ignored), with
  /// the whole stack and every release's record.
  package func replayedState(_ trail: String, tip: ObjectID) throws -> EnvironmentState {
    var events: [EnvironmentEvent] = []
    var next: ObjectID? = tip
    while let id = next {
      let (event, commit) = try event(at: id, trail: trail)
      events.append(event)
      next = commit.parentIDs.first
    }
    return EnvironmentState(name: trail, events: events.reversed())
  }

  /// An event whose stored state is not what its events imply.
  package struct StateMismatch: Equatable {
    package let event: ObjectID
    package let reason: String
  }

  /// Checks every event of a trail that stores a state: its tree must be exactly the one the
  /// store would write for its event on top of its parent (each parent checked before its child,
  /// so the first one found is where the trail went wrong). Events of earlier versions store
  /// none and are not reported. With `since`, only the events above it are checked. Writes only
  /// objects a correct trail already has.
  package func stateMismatches(_ trail: String, tip: ObjectID, since: ObjectID? = nil) throws
    -> [StateMismatch]
  {
    var commits: [(EnvironmentEvent, Commit)] = []
    var next: ObjectID? = tip
    while let id = next, id != since {
      let read = try event(at: id, trail: trail)
      commits.append(read)
      next = read.1.parentIDs.first
    }
    var result: [StateMismatch] = []
    // The parent's state is what `state(at:)` would read: the nearest event below that stores
    // one, and the events above it folded in. Going up the trail, both are at hand (unless the
    // walk stopped at `since` before any was seen): the trail is not walked again for them.
    var known = commits.last.map { $0.1.parentIDs.isEmpty } ?? false
    var nearestStored: Commit?
    var eventsAbove: [EnvironmentEvent] = []
    for (event, commit) in commits.reversed() {
      guard try repository.fileContents(at: Self.stateFile, inTree: commit.treeID) != nil else {
        eventsAbove.append(event)
        continue
      }
      defer {
        known = true
        nearestStored = commit
        eventsAbove = []
      }
      // Each event is checked on its parent's state: what the links led to before is not read
      // again, and keeping it would hold a state for every event of the trail.
      cache.states.removeAll(keepingCapacity: true)
      var unstored = event
      unstored.id = nil
      let chain: Chain
      if let parent = commit.parentIDs.first {
        var (state, base): (EnvironmentState, ObjectID?)
        if known {
          base = nearestStored?.id
          state =
            try nearestStored.flatMap { try storedState(of: $0, trail: trail) }
            ?? EnvironmentState(name: trail)
          for event in eventsAbove { try fold(event, into: &state, base: base) }
        } else {
          (state, base) = try self.state(at: parent, trail: trail)
        }
        chain = Chain(environment: trail, tip: parent, state: state, base: base)
      } else {
        chain = Chain(environment: trail, tip: nil, state: EnvironmentState(name: trail), base: nil)
      }
      let expected = try tree(recording: unstored, on: chain)
      guard expected != commit.treeID else { continue }
      let stored = try? storedState(of: commit, trail: trail)
      var reason = "its stored state does not follow from its event and the events below it"
      if let stored, stored.current?.release != expectedCurrent(unstored, on: chain) {
        reason +=
          ": it says \(trail) runs \(stored.current?.tag ?? "nothing"), the events say "
          + (expectedCurrent(unstored, on: chain)?.tag ?? "nothing")
      }
      result.append(StateMismatch(event: commit.id, reason: reason))
    }
    return result
  }

  private func expectedCurrent(_ event: EnvironmentEvent, on chain: Chain) -> ReleaseRef? {
    [.promotion, .rollback].contains(event.kind) ? event.release : chain.state.current?.release
  }

  // MARK: Writing

  /// The tree of the commit that records `event` on top of `chain`: the state after the event,
  /// and the records it changed, on top of the tip's tree. On a trail whose tip stores no state
  /// (written by an earlier version, or none yet) it stores the whole replayed state.
  package func tree(recording event: EnvironmentEvent, on chain: Chain) throws -> ObjectID {
    var state = chain.state
    try loadRecords(state.touchedTags(by: event), into: &state, from: chain.base)
    let resolve = entries(below: state)
    let changed: Set<String>
    if let tip = chain.tip, chain.isStored {
      changed = try state.apply(event, parent: tip.hex, entry: resolve)
    } else {
      try state.apply(event, parent: nil, entry: resolve)
      try refill(&state)
      state = state.bootstrapped()
      changed = Set(state.releases.keys)
    }
    let encoder = Self.encoder()
    var files: [String: ObjectID?] = [
      Self.stateFile: try repository.writeBlob(Array(encoder.encode(state)) + [0x0A])
    ]
    for tag in changed {
      guard let record = state.releases[tag] else { continue }
      files[ReleaseRecord.path(ofTag: tag)] = try repository.writeBlob(
        Array(encoder.encode(record)) + [0x0A])
    }
    let base = try chain.base.map { try repository.commit($0).treeID }
    return try repository.writeTree(base: base, files: files)
  }

  /// Records `event` on top of `chain`: writes its commit first, then moves the reference with a
  /// compare-and-swap from the tip that was read. Throws `ChainMoved` if another writer got there
  /// first; the commit written is then unreferenced and git's gc removes it.
  /// With `signing`, the commit is signed as `git commit -S` signs it.
  package func append(
    _ event: EnvironmentEvent, to chain: Chain, offsetMinutes: Int, signing: SigningMethod? = nil
  ) throws -> EnvironmentEvent {
    let signature = Signature(
      name: event.actor.name, email: event.actor.email, time: event.time,
      offsetMinutes: offsetMinutes)
    let tree = try tree(recording: event, on: chain)
    let parents = chain.tip.map { [$0] } ?? []
    let id =
      try signing.map {
        try repository.writeSignedCommit(
          tree: tree, parents: parents, author: signature, committer: signature,
          message: event.message, signing: $0)
      }
      ?? repository.writeCommit(
        tree: tree, parents: parents, author: signature, committer: signature,
        message: event.message)
    do {
      try repository.updateReference(
        named: Self.referenceName(chain.environment), to: id, expecting: chain.tip,
        logMessage: "git release: \(event.summary)")
    } catch {
      guard [.modified, .exists, .locked].contains(error.code) else { throw error }
      throw ChainMoved(environment: chain.environment)
    }
    var recorded = event
    recorded.id = id.hex
    return recorded
  }

  /// The state and records are JSON: keys sorted and dates in ISO 8601, so the same state is
  /// always the same bytes (verification compares trees), indented for git show.
  package static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
  }

  package static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }
}

extension EnvironmentOutput {
  /// `Recorded as 1a2b3c4d5e6f on refs/environments/production.`
  package static func recorded(_ event: EnvironmentEvent, in environment: String) -> String {
    "Recorded as \((event.id ?? "").prefix(12)) on \(EnvironmentStore.referenceName(environment))."
  }
}
