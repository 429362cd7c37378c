import Foundation
import Git
import ReleaseCore

/// The audit trail of each environment: an append-only chain of commits (empty tree, the event
/// in the message) under `refs/environments/<ENV>`, so `git log refs/environments/production`
/// reads it and `git push origin 'refs/environments/*'` replicates it.
struct EnvironmentStore {
  static let prefix = "refs/environments/"
  let repository: Repository

  /// An environment's events, oldest first, and the commit at the tip of its chain.
  struct Chain {
    let environment: String
    let tip: ObjectID?
    let events: [EnvironmentEvent]

    var state: EnvironmentState { EnvironmentState(name: environment, events: events) }
  }

  /// Another writer moved the chain between our read and our write: nothing of ours was recorded.
  struct ChainMoved: Error {
    let environment: String
  }

  static func referenceName(_ environment: String) -> String { prefix + environment }

  /// Names typed on the command line become reference names: refuse any that could escape
  /// `refs/environments/` or that git would reject.
  static func checkName(_ environment: String) throws {
    guard EnvironmentSettings.isValidName(environment) else {
      throw CommandFailure(
        .usage,
        "\"\(environment)\" cannot name an environment; use letters, digits, '-', '_' or '.'")
    }
  }

  /// The failure to report when the chain's reference stays locked by a `.lock` file; nil when
  /// it is not locked, or the lock goes within a second: a racing writer holds it that briefly.
  func lockFailure(_ environment: String) -> CommandFailure? {
    let name = Self.referenceName(environment)
    let lock = repository.commonDirectory.appendingPathComponent(name + ".lock").path
    for _ in 0..<ReleaseTagWriter.lockPatience {
      guard FileManager.default.fileExists(atPath: lock) else { return nil }
      usleep(ReleaseTagWriter.lockPause)
    }
    return ReleaseTagWriter.lockedReference(name, in: repository, wrote: "no event")
  }

  /// The environments that have a chain, whether configured or not.
  func recordedEnvironments() throws -> [String] {
    try repository.references(matching: Self.prefix + "*").map {
      String($0.name.dropFirst(Self.prefix.count))
    }.sorted()
  }

  /// The chain's reference; nil when nothing was ever recorded for the environment.
  func reference(of environment: String) throws -> Reference? {
    try Self.checkName(environment)
    return try repository.reference(named: Self.referenceName(environment))
  }

  /// Reads a chain from its tip down to its first event.
  func read(_ environment: String) throws -> Chain {
    try Self.checkName(environment)
    let name = Self.referenceName(environment)
    guard let reference = try repository.reference(named: name) else {
      return Chain(environment: environment, tip: nil, events: [])
    }
    guard let tip = reference.objectID else {
      throw CommandFailure(
        .repository, "\(name) is a symbolic reference; an audit trail must be a chain of commits")
    }
    var events: [EnvironmentEvent] = []
    var next: ObjectID? = tip
    while let id = next {
      guard repository.contains(id) else {
        throw CommandFailure(
          .repository,
          "\(name): the event \(id.hex) is missing (a shallow or partial fetch?); fetch the whole "
            + "trail with git fetch origin '+refs/environments/*:refs/environments/*'")
      }
      let commit = try repository.commit(id)
      guard commit.parentIDs.count <= 1 else {
        throw CommandFailure(
          .repository,
          "\(name): \(id.hex) has \(commit.parentIDs.count) parents, but an audit trail is a "
            + "single line of events; someone merged into it. Reset it to the side you trust "
            + "with git update-ref.")
      }
      guard let event = EnvironmentEvent(message: commit.message, id: id.hex),
        event.environment == environment
      else {
        throw CommandFailure(
          .repository,
          "\(name): \(id.hex) is not a git-release event of \(environment); the trail was "
            + "written by something else. Inspect it with git log \(name).")
      }
      events.append(event)
      next = commit.parentIDs.first
    }
    return Chain(environment: environment, tip: tip, events: events.reversed())
  }

  /// Records `event` on top of `chain`: writes its commit first, then moves the reference with a
  /// compare-and-swap from the tip that was read. Throws `ChainMoved` if another writer got there
  /// first; the commit written is then unreferenced and git's gc removes it.
  /// With `signing`, the commit is signed as `git commit -S` signs it.
  func append(
    _ event: EnvironmentEvent, to chain: Chain, offsetMinutes: Int, signing: SigningMethod? = nil
  ) throws -> EnvironmentEvent {
    let signature = Signature(
      name: event.actor.name, email: event.actor.email, time: event.time,
      offsetMinutes: offsetMinutes)
    let tree = try repository.writeEmptyTree()
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
}
