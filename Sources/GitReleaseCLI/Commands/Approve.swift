import ArgumentParser
import Foundation
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "approve",
      abstract: "Approve a release for an environment.",
      discussion: """
        Records the approval on refs/environments/<ENV>. Approvals are counted by distinct \
        email; the promoter's own approval does not count. An approval depends on nothing \
        another writer can change, so if one lands at the same moment it is simply retried.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Argument(help: "The release tag.") var tag: String
    @Option(name: .customLong("for"), help: "The environment.") var environment: String
    @Option(help: "A note kept with the approval.") var note: String?
    @Flag(help: "Sign the event with your git signing key (always done where signed = true).")
    var sign = false
    @OptionGroup var output: OutputOptions

    /// Enough for every member of a team approving in the same second.
    static let attempts = 20

    func run() throws {
      let environments = try EnvironmentContext(repository)
      let policy = try TrustPolicy.load(environments.repository)
      let settings = try environments.settings(environment, policy: policy)
      let actor = try environments.actor()
      let signing = try EventSigning.prepare(
        .approval, on: environment, sign: sign, actor: actor, policy: policy,
        repository: environments.repository)
      let person =
        signing?.actor(named: actor.name)
        ?? CommitRecord.Person(name: actor.name, email: actor.email)
      guard let facts = try environments.tagFacts([tag])[tag] else {
        throw CommandFailure(.failure, "\(tag) does not exist; approve a release tag that does")
      }
      guard facts.isReleaseTag, let commit = facts.commit else {
        throw CommandFailure(
          .failure,
          "\(tag) is not a release tag (a configured tag prefix and a SemVer version, on a commit)")
      }
      let release = ReleaseRef(tag: tag, commit: commit)
      for attempt in 1...Self.attempts {
        let chain = try environments.store.read(environment, releases: [tag])
        let approvals = chain.state.approvals(of: release)
        if let own = approvals.first(where: {
          $0.actor.email.lowercased() == person.email.lowercased()
        }) {
          throw CommandFailure(
            .failure,
            "\(person.email) approved \(tag) for \(environment) already, at "
              + EnvironmentEvent.formatTime(own.time))
        }
        let event = EnvironmentEvent(
          kind: .approval, environment: environment, tag: tag, commit: commit, actor: person,
          time: actor.time, note: note)
        do {
          let recorded = try environments.store.append(
            event, to: chain, offsetMinutes: actor.offsetMinutes, signing: signing?.method)
          try report(recorded, count: approvals.count + 1, required: settings.approvals)
          let text = "\(actor.name) approved \(tag) for \(environment)"
          Notifier.deliver(
            .approval, text: text,
            document: EnvironmentAnnouncement(
              text: text, event: recorded, notes: nil, changes: [], changeCount: 0),
            configuration: environments.context.configuration)
          return
        } catch is EnvironmentStore.ChainMoved {
          guard attempt < Self.attempts else { break }
          // Spread the retries so writers that collided do not collide again.
          usleep(UInt32.random(in: 5_000...40_000))
        }
      }
      if let locked = environments.store.lockFailure(environment) { throw locked }
      throw CommandFailure(
        .failure,
        "\(environment) kept changing while approving \(tag) (\(Self.attempts) attempts); "
          + "nothing was recorded, run the command again")
    }

    private func report(_ event: EnvironmentEvent, count: Int, required: Int) throws {
      if output.json {
        print(try JSONOutput.encode(event))
        return
      }
      print(
        Terminal.sanitize(
          "\(EnvironmentOutput.person(event.actor)) approved \(tag) for \(environment)"
            + (note.map { ": \($0)" } ?? "")))
      print(
        "\(count) approval\(count == 1 ? "" : "s") recorded; \(environment) needs \(required) "
          + "from people other than the promoter.")
      print(EnvironmentOutput.recorded(event, in: environment))
    }
  }
}
