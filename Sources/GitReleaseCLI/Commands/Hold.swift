import ArgumentParser
import Foundation
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Hold: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "hold",
      abstract: "Stop every promotion to an environment until it is unheld.",
      discussion: """
        Records a hold on refs/environments/<ENV>: from then on the hold gate refuses every \
        promotion to ENV (exit 4, naming who held it, when and why), from any clone that has \
        fetched the trail. A rollback is never refused by a hold. Holding a held environment \
        is refused and writes nothing.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Argument(help: "The environment to hold.") var environment: String
    @Option(help: "Why: recorded with the hold, and shown by every promotion it refuses.")
    var reason: String
    @Flag(help: "Sign the event with your git signing key (always done where signed = true).")
    var sign = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if reason.trimmingCharacters(in: .whitespaces).isEmpty {
        throw ValidationError("--reason needs a text: say why promotions stop")
      }
    }

    func run() throws {
      let environments = try EnvironmentContext(repository)
      let (actor, signing, person) = try environments.stopRecorder(
        .hold, on: environment, sign: sign)
      let recorded = try environments.recordRetrying(
        on: environment, signing: signing, offsetMinutes: actor.offsetMinutes,
        doing: "holding \(environment)"
      ) { chain in
        if let hold = chain.state.hold {
          throw CommandFailure(
            .failure,
            "\(environment) is held already, by \(EnvironmentOutput.person(hold.by)) at "
              + "\(EnvironmentEvent.formatTime(hold.since)): \(hold.reason). Nothing was "
              + "recorded; lift it with git release unhold \(environment)")
        }
        return EnvironmentEvent(
          kind: .hold, environment: environment, tag: "", commit: "", actor: person,
          time: actor.time, reason: reason)
      }
      try environments.report(
        recorded,
        text: "\(actor.name) held \(environment): \(reason). Every promotion to \(environment) "
          + "is refused until git release unhold \(environment).",
        json: output.json)
    }
  }

  struct Unhold: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "unhold",
      abstract: "Lift the hold on an environment.",
      discussion: """
        Records the end of the hold on refs/environments/<ENV>; promotions are evaluated by \
        their other gates again. Unholding an environment that is not held is refused and \
        writes nothing.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Argument(help: "The environment to release from its hold.") var environment: String
    @Option(help: "Why: recorded with the event.") var reason: String?
    @Flag(help: "Sign the event with your git signing key (always done where signed = true).")
    var sign = false
    @OptionGroup var output: OutputOptions

    func run() throws {
      let environments = try EnvironmentContext(repository)
      let (actor, signing, person) = try environments.stopRecorder(
        .unhold, on: environment, sign: sign)
      var lifted: ReleaseCore.Hold?
      let recorded = try environments.recordRetrying(
        on: environment, signing: signing, offsetMinutes: actor.offsetMinutes,
        doing: "lifting the hold on \(environment)"
      ) { chain in
        guard let hold = chain.state.hold else {
          throw CommandFailure(
            .failure, "\(environment) is not held, so there is no hold to lift; nothing was recorded")
        }
        lifted = hold
        return EnvironmentEvent(
          kind: .unhold, environment: environment, tag: "", commit: "", actor: person,
          time: actor.time, reason: reason)
      }
      try environments.report(
        recorded,
        text: "\(actor.name) lifted the hold on \(environment)"
          + (lifted.map { " (held by \($0.by.name) since \(EnvironmentOutput.time($0.since)))" }
            ?? "") + ". Promotions to \(environment) are evaluated by their gates again.",
        json: output.json)
    }
  }
}
