import ArgumentParser
import Foundation
import Git
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Promote: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "promote",
      abstract: "Promote a release to an environment, behind its gates.",
      discussion: """
        Evaluates every gate of the environment (\(PromotionGates.names.joined(separator: ", "))), \
        prints each verdict, and records the promotion on \
        refs/environments/<ENV> only if all pass. Exits 4 when a gate refuses. If another \
        promotion, approval or rollback lands on the environment between reading and writing, \
        nothing is recorded and the command exits 1: run it again to re-evaluate the gates.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Argument(help: "The release tag to promote.") var tag: String
    @Option(help: "The environment to promote to.") var to: String
    @Flag(help: "Evaluate the gates; record nothing.") var dryRun = false
    @Option(
      help: """
        With --dry-run: evaluate the gates as at this time (ISO 8601, or a local time and a \
        zone: "2026-12-01 09:30 Australia/Adelaide").
        """
    )
    var at: String?
    @Flag(help: "Acknowledge that this first promotion to the environment has no rollback target.")
    var noRollbackTarget = false
    @Flag(help: "Promote through a closed window or a freeze (needs --reason).") var override =
      false
    @Option(help: "Why: recorded with the promotion (required with --override).") var reason:
      String?
    @Flag(help: "Sign the event with your git signing key (always done where signed = true).")
    var sign = false
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
      let allowed: Bool
      let dryRun: Bool
      let environment: String
      let tag: String
      let refusedBy: [String]
      let gates: [GateVerdict]
      let event: EnvironmentEvent
      let text: String
      let notes: String?
      let changes: [ChangeEntry]
      let changeCount: Int
    }

    func validate() throws {
      if at != nil && !dryRun {
        throw ValidationError("--at only plans: use it with --dry-run (a promotion happens now)")
      }
      if override && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
        throw ValidationError("--override needs --reason TEXT, recorded with the promotion")
      }
    }

    func run() throws {
      let environments = try EnvironmentContext(repository)
      let policy = try TrustPolicy.load(environments.repository)
      let settings = try environments.settings(to, policy: policy)
      let actor = try environments.actor()
      let time = try EnvironmentContext.moment(at, otherwise: actor.time)
      let signing =
        dryRun
        ? nil
        : try EventSigning.prepare(
          .promotion, on: to, sign: sign, actor: actor, policy: policy,
          repository: environments.repository)
      let chain = try environments.store.read(to, releases: [tag])
      var chains = try environments.chains(settings.after, releases: [tag])
      chains[to] = chain
      let state = chain.state
      var names: Set<String> = [tag]
      if let current = state.current { names.insert(current.tag) }
      let facts = try environments.tagFacts(names)
      let request = PromotionRequest(
        tag: tag, environment: settings, state: state,
        upstream: chains.mapValues(\.state), tags: facts,
        promoter: signing?.actor(named: actor.name)
          ?? CommitRecord.Person(name: actor.name, email: actor.email), time: time,
        noRollbackTarget: noRollbackTarget, overrideReason: override ? reason : nil,
        uncountedApprovals: try EventSignatures(environments.repository, policy: policy)
          .uncountedApprovals(
            state.approvals(of: ReleaseRef(tag: tag, commit: facts[tag]?.commit ?? "")),
            environment: settings), blocked: try environments.store.readBlocks().state.blocked)
      let decision = PromotionGates.decide(request)
      var event = decision.event
      if !override, let reason { event.reason = reason }
      // What changes is read after the decision is written, to keep the read-to-write gap short.
      let whatChanged = { () throws -> (String?, [ChangeEntry], Int) in
        let (changes, total) = try environments.changes(
          from: state.current?.commit, to: event.commit)
        let notes = environments.releaseNotes(
          from: state.current?.commit, to: event.commit, tag: tag)
        return (notes, changes, total)
      }

      guard decision.allowed else {
        let text =
          "promotion of \(tag) to \(to) refused by: "
          + decision.refusedBy.joined(separator: ", ")
        // A dry run plans: it shows what would change even when a gate refuses today.
        let (notes, changes, total) = dryRun ? try whatChanged() : (nil, [], 0)
        try report(decision, event: event, text: text, notes: notes, changes: changes, total: total)
        throw CommandFailure(.gateRefused, text)
      }
      if dryRun {
        let text = "\(tag) may be promoted to \(to) at \(EnvironmentOutput.time(time)) (dry run)"
        let (notes, changes, total) = try whatChanged()
        try report(decision, event: event, text: text, notes: notes, changes: changes, total: total)
        return
      }
      let recorded: EnvironmentEvent
      do {
        recorded = try environments.store.append(
          event, to: chain, offsetMinutes: actor.offsetMinutes, signing: signing?.method)
      } catch is EnvironmentStore.ChainMoved {
        throw try Self.raced(
          environments, environment: to, action: "promoting \(tag)", readTip: chain.tip)
      }
      let (notes, changes, total) = try whatChanged()
      var text = "\(actor.name) promoted \(tag) to \(to)"
      if let previous = recorded.previous { text += " (was \(previous.tag))" }
      if !recorded.overrides.isEmpty {
        text += ", overriding " + recorded.overrides.joined(separator: " and ")
      }
      try report(
        decision, event: recorded, text: text, notes: notes, changes: changes, total: total)
      Notifier.deliver(
        .promotion, text: text,
        document: EnvironmentAnnouncement(
          text: text, event: recorded, notes: notes, changes: changes, changeCount: total),
        notes: notes, configuration: environments.context.configuration)
    }

    private func report(
      _ decision: PromotionDecision, event: EnvironmentEvent, text: String, notes: String?,
      changes: [ChangeEntry], total: Int
    ) throws {
      if output.json {
        print(
          try JSONOutput.encode(
            Report(
              allowed: decision.allowed, dryRun: dryRun, environment: to, tag: tag,
              refusedBy: decision.refusedBy, gates: decision.verdicts, event: event, text: text,
              notes: notes, changes: changes, changeCount: total)))
        return
      }
      print(
        Terminal.sanitize(
          "promote \(tag) to \(to) at \(EnvironmentOutput.time(event.time))"
            + (dryRun ? " (dry run)" : "")))
      print(EnvironmentOutput.gateTable(decision.verdicts))
      print("")
      print(Terminal.sanitize(text))
      guard decision.allowed || dryRun else { return }
      print("")
      if let notes {
        print(Terminal.sanitize(notes))
      } else {
        let heading = event.previous.map { "Changes since \($0.tag)" } ?? "Changes"
        print(
          event.previous == nil
            ? "Changes: first release in \(to)"
            : EnvironmentOutput.changes(heading, changes, total: total))
      }
      guard !dryRun, event.id != nil else { return }
      print("")
      print(EnvironmentOutput.recorded(event, in: to))
      print("Event (JSON, for a pipeline to post):")
      print(
        try JSONOutput.encode(
          EnvironmentAnnouncement(
            text: text, event: event, notes: notes, changes: changes, changeCount: total)))
    }

    /// The error for a writer that lost the compare-and-swap: it names what landed first.
    static func raced(
      _ environments: EnvironmentContext, environment: String, action: String,
      readTip: ObjectID?
    ) throws -> any Error {
      let locked = environments.store.lockFailure(environment)
      let tip = try environments.store.reference(of: environment)?.objectID
      // Nothing landed, yet the write failed: a lock file left behind, not a race.
      if tip == readTip, let locked { return locked }
      let winner = try environments.store.lastEvent(of: environment)
      let what =
        winner.map {
          "\($0.summary) by \(EnvironmentOutput.person($0.actor)) at "
            + EnvironmentEvent.formatTime($0.time) + " was recorded first"
        } ?? "its trail was removed"
      return CommandFailure(
        .failure,
        "\(environment) changed while \(action): \(what). Nothing was "
          + "recorded for this command; run it again to evaluate it against the new state.")
    }
  }
}
