import ArgumentParser
import Foundation
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Rollback: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "rollback",
      abstract: "Roll an environment back to the release that ran before.",
      discussion: """
        Restoring service comes first: windows, freezes, soak and approvals never block a \
        rollback. It returns to the commit recorded when the target was promoted, even if its \
        tag was deleted or moved since (a warning says so), and is always recorded.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Argument(help: "The environment to roll back.") var environment: String
    @Option(help: "An earlier release that ran there.") var to: String?
    @Option(help: "Why: recorded with the rollback.") var reason: String?
    @Flag(help: "Sign the event with your git signing key (always done where signed = true).")
    var sign = false
    @OptionGroup var output: OutputOptions

    func run() throws {
      let environments = try EnvironmentContext(repository)
      let chain = try environments.store.read(environment, releases: to.map { [$0] } ?? [])
      if chain.tip == nil {
        _ = try environments.settings(environment)
      }
      let state = chain.state
      guard let current = state.current else {
        throw CommandFailure(
          .failure, "\(environment) has never run a release, so there is nothing to roll back")
      }
      let (target, level) = try Self.target(in: chain, named: to, store: environments.store)
      let actor = try environments.actor()
      let signing = try EventSigning.prepare(
        .rollback, on: environment, sign: sign, actor: actor,
        policy: TrustPolicy.load(environments.repository), repository: environments.repository)
      let facts = try environments.tagFacts([target.tag])
      let verdict = Self.targetVerdict(target, facts: facts[target.tag])
      if facts[target.tag]?.commit != target.commit {
        EnvironmentOutput.printError("git release: warning: \(verdict.detail)")
      }
      let below = try environments.store.stackEntry(level + 1, of: chain)
      let event = EnvironmentEvent(
        kind: .rollback, environment: environment, tag: target.tag, commit: target.commit,
        actor: signing?.actor(named: actor.name)
          ?? CommitRecord.Person(name: actor.name, email: actor.email), time: actor.time,
        gates: [verdict], previous: current.release, rollbackTarget: below?.release,
        reason: reason)
      let recorded: EnvironmentEvent
      do {
        recorded = try environments.store.append(
          event, to: chain, offsetMinutes: actor.offsetMinutes, signing: signing?.method)
      } catch is EnvironmentStore.ChainMoved {
        throw try Promote.raced(
          environments, environment: environment, action: "rolling back to \(target.tag)",
          readTip: chain.tip)
      }
      // What the rollback takes away: the commits of the release left that the target lacks.
      let (withdrawn, total) = try environments.changes(from: target.commit, to: current.commit)
      let notes =
        total == 0
        ? nil : environments.releaseNotes(from: target.commit, to: current.commit, tag: current.tag)
      let text = "\(actor.name) rolled \(environment) back to \(target.tag) (from \(current.tag))"
      let announcement = EnvironmentAnnouncement(
        text: text, event: recorded, notes: notes, changes: withdrawn, changeCount: total)
      defer {
        Notifier.deliver(
          .rollback, text: text, document: announcement, notes: notes,
          configuration: environments.context.configuration)
      }
      if output.json {
        print(try JSONOutput.encode(announcement))
        return
      }
      print(Terminal.sanitize(text))
      print(EnvironmentOutput.gateTable(recorded.gates))
      print("")
      print(EnvironmentOutput.changes("Withdrawn with \(current.tag)", withdrawn, total: total))
      if let notes {
        print("")
        print("Release notes of what was withdrawn:")
        print(Terminal.sanitize(notes))
      }
      print("")
      print(EnvironmentOutput.recorded(recorded, in: environment))
      print("Event (JSON, for a pipeline to post):")
      print(try JSONOutput.encode(announcement))
    }

    /// The release to return to, and how far down the stack it is: the one below the current,
    /// or the named one. The stack is read only as far down as the release named.
    static func target(
      in chain: EnvironmentStore.Chain, named tag: String?, store: EnvironmentStore
    ) throws -> (Deployment, Int) {
      let state = chain.state
      guard let tag else {
        guard let target = state.rollbackTarget else {
          throw CommandFailure(
            .failure,
            "nothing ran in \(state.name) before \(state.current?.tag ?? "its release"), so there "
              + "is nothing to roll back to; promote the release you want instead")
        }
        return (target, 1)
      }
      var found: (Deployment, Int)?
      var earlier: [String] = []
      try store.walkStack(of: chain) { level, entry in
        guard level > 0 else { return true }
        if entry.tag == tag {
          found = (entry, level)
          return false
        }
        earlier.append(entry.tag)
        return true
      }
      if let found { return found }
      if state.current?.tag == tag {
        throw CommandFailure(.failure, "\(state.name) runs \(tag) already")
      }
      if state.latestStint(ofTag: tag) != nil {
        throw CommandFailure(
          .failure,
          "\(tag) ran in \(state.name), but was rolled back from or replaced before what runs "
            + "now; to run it again, promote it")
      }
      let shown = earlier.prefix(10).joined(separator: ", ")
      throw CommandFailure(
        .failure,
        "\(tag) never ran in \(state.name); it can be rolled back to "
          + (earlier.isEmpty ? "nothing" : shown + (earlier.count > 10 ? ", ..." : "")))
    }

    /// A rollback is never refused, but says when the target's tag no longer matches its record.
    static func targetVerdict(_ target: Deployment, facts: TagFacts?) -> GateVerdict {
      let short = target.commit.prefix(7)
      guard let facts else {
        return GateVerdict(
          gate: .rollbackTarget, status: .pass,
          detail: "\(target.tag) was deleted since; rolling back to its recorded commit \(short)")
      }
      guard let commit = facts.commit, commit == target.commit else {
        return GateVerdict(
          gate: .rollbackTarget, status: .pass,
          detail: "\(target.tag) moved since; rolling back to its recorded commit \(short)")
      }
      return GateVerdict(
        gate: .rollbackTarget, status: .pass, detail: "\(target.tag) at \(short)")
    }
  }
}
