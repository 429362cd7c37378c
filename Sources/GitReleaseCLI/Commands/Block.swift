import ArgumentParser
import Foundation
import Git
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Block: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "block",
      abstract: "Stop a release from being promoted anywhere until it is unblocked.",
      discussion: """
        Records the block on refs/environments/_blocks (pushed and fetched with \
        refs/environments/*): from then on the block gate refuses every promotion of TAG, to \
        any environment (exit 4, with the reason), and status shows it as blocked where it \
        waits. Blocking an unknown tag or a blocked release is refused and writes nothing.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Argument(help: "The release tag to block.") var tag: String
    @Option(help: "Why: recorded with the block, and shown by every promotion it refuses.")
    var reason: String
    @Flag(help: "Sign the event with your git signing key.") var sign = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if reason.trimmingCharacters(in: .whitespaces).isEmpty {
        throw ValidationError("--reason needs a text: say why the release must not go out")
      }
    }

    func run() throws {
      let environments = try EnvironmentContext(repository)
      let actor = try environments.actor()
      guard let facts = try environments.tagFacts([tag])[tag] else {
        throw CommandFailure(
          .failure, "\(tag) does not exist, so there is nothing to block; nothing was recorded")
      }
      guard facts.isReleaseTag, let commit = facts.commit else {
        throw CommandFailure(
          .failure,
          "\(tag) is not a release tag (a configured tag prefix and a SemVer version, on a "
            + "commit); nothing was recorded")
      }
      let signing = try GitRelease.Block.signing(
        environments, sign: sign, kind: .block, actor: actor)
      let person =
        signing?.actor(named: actor.name)
        ?? CommitRecord.Person(name: actor.name, email: actor.email)
      let recorded = try environments.recordRetrying(
        on: EnvironmentEvent.blocksTrail, signing: signing, offsetMinutes: actor.offsetMinutes,
        doing: "blocking \(tag)"
      ) { chain in
        if let block = chain.state.block(ofTag: tag) {
          throw CommandFailure(
            .failure,
            "\(tag) is blocked already, by \(EnvironmentOutput.person(block.by)) at "
              + "\(EnvironmentEvent.formatTime(block.since)): \(block.reason). Nothing was "
              + "recorded")
        }
        return EnvironmentEvent(
          kind: .block, environment: EnvironmentEvent.everyEnvironment, tag: tag, commit: commit,
          actor: person, time: actor.time, reason: reason)
      }
      try environments.report(
        recorded,
        text: "\(actor.name) blocked \(tag): \(reason). No environment may promote it until "
          + "git release unblock \(tag).",
        json: output.json)
    }

    /// Blocks concern every environment: signed with --sign, or when any environment requires
    /// signed events (signed by a promoter of each).
    static func signing(
      _ environments: EnvironmentContext, sign: Bool, kind: EnvironmentEvent.Kind,
      actor: Git.Signature
    ) throws -> EventSigning? {
      let policy = try TrustPolicy.load(environments.repository)
      var result: EventSigning?
      for settings in environments.environments
      where policy.requiresSignatures(settings.name) || sign {
        result = try EventSigning.prepare(
          kind, on: settings.name, sign: sign, actor: actor, policy: policy,
          repository: environments.repository)
      }
      if result == nil, sign {
        result = try EventSigning.prepare(
          kind, on: EnvironmentEvent.blocksTrail, sign: true, actor: actor, policy: policy,
          repository: environments.repository)
      }
      return result
    }
  }

  struct Unblock: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "unblock",
      abstract: "Let a blocked release be promoted again.",
      discussion: """
        Records the end of the block on refs/environments/_blocks. Unblocking a release that \
        is not blocked is refused and writes nothing.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Argument(help: "The release tag to unblock.") var tag: String
    @Option(help: "Why: recorded with the event.") var reason: String?
    @Flag(help: "Sign the event with your git signing key.") var sign = false
    @OptionGroup var output: OutputOptions

    func run() throws {
      let environments = try EnvironmentContext(repository)
      let actor = try environments.actor()
      let signing = try GitRelease.Block.signing(
        environments, sign: sign, kind: .unblock, actor: actor)
      let person =
        signing?.actor(named: actor.name)
        ?? CommitRecord.Person(name: actor.name, email: actor.email)
      let recorded = try environments.recordRetrying(
        on: EnvironmentEvent.blocksTrail, signing: signing, offsetMinutes: actor.offsetMinutes,
        doing: "unblocking \(tag)"
      ) { chain in
        guard let block = chain.state.block(ofTag: tag) else {
          throw CommandFailure(
            .failure, "\(tag) is not blocked, so there is no block to lift; nothing was recorded")
        }
        return EnvironmentEvent(
          kind: .unblock, environment: EnvironmentEvent.everyEnvironment, tag: tag,
          commit: block.release.commit, actor: person, time: actor.time, reason: reason)
      }
      try environments.report(
        recorded,
        text: "\(actor.name) unblocked \(tag): environments may promote it again.",
        json: output.json)
    }
  }
}
