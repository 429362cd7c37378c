import Foundation
import Git
import ReleaseCore
import ReleaseRendering

/// What hold, unhold, block and unblock share: a check on the state read, then the event, retried
/// when another writer lands first (the check is made again on what it wrote).
extension EnvironmentContext {
  package static let stopAttempts = 20

  /// Records the event `make` returns for the state read; `make` throws the refusal instead when
  /// the state does not allow it. Nothing is written when it throws.
  package func recordRetrying(
    on trail: String, signing: EventSigning?, offsetMinutes: Int, doing what: String,
    _ make: (EnvironmentStore.Chain) throws -> EnvironmentEvent
  ) throws -> EnvironmentEvent {
    for attempt in 1...Self.stopAttempts {
      let chain =
        trail == EnvironmentEvent.blocksTrail ? try store.readBlocks() : try store.read(trail)
      let event = try make(chain)
      do {
        return try store.append(
          event, to: chain, offsetMinutes: offsetMinutes, signing: signing?.method)
      } catch is EnvironmentStore.ChainMoved {
        guard attempt < Self.stopAttempts else { break }
        usleep(UInt32.random(in: 5_000...40_000))
      }
    }
    if let locked = store.lockFailure(trail) { throw locked }
    throw ReleaseFailure(
      .failure,
      "\(EnvironmentStore.referenceName(trail)) kept changing while \(what) "
        + "(\(Self.stopAttempts) attempts); nothing was recorded, run the command again")
  }

  /// Who records a hold or an unhold on `environment`: the committer, the signing the trust
  /// policy asks for (refused before anything is written when it cannot be had), and the person
  /// the event names (the signer's principal when signed).
  package func stopRecorder(_ kind: EnvironmentEvent.Kind, on environment: String, sign: Bool) throws
    -> (actor: Git.Signature, signing: EventSigning?, person: CommitRecord.Person)
  {
    let policy = try TrustPolicy.load(repository)
    _ = try settings(environment, policy: policy)
    let actor = try actor()
    let signing = try EventSigning.prepare(
      kind, on: environment, sign: sign, actor: actor, policy: policy, repository: repository)
    let person =
      signing?.actor(named: actor.name)
      ?? CommitRecord.Person(name: actor.name, email: actor.email)
    return (actor, signing, person)
  }

  /// Prints a recorded hold, unhold, block or unblock (JSON, or a sentence and where it went),
  /// then tells the `[notify]` targets that ask for holds (unholds too) or blocks (unblocks too).
  package func report(_ event: EnvironmentEvent, text: String, json: Bool) throws {
    if json {
      print(try JSONOutput.encode(event))
    } else {
      print(Terminal.sanitize(text))
      print(EnvironmentOutput.recorded(event, in: event.trail))
    }
    let kind: NotificationEvent = [.block, .unblock].contains(event.kind) ? .block : .hold
    Notifier.deliver(kind, text: text, document: event, configuration: context.configuration)
  }
}
