import ArgumentParser
import Foundation
import Git
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verify",
      abstract: "Verify environments' audit trails: signatures, signers and recorded gates.",
      discussion: """
        Walks each trail (all of refs/environments/* by default) and checks every event: its \
        signature and signer against the trust policy (.gitrelease and the allowed-signers \
        file as the policy commit has them, never the work tree), that its actor is its \
        signer, that the trail is one line made only of events whose times never go \
        backwards, and that each recorded decision is one the trail supports: the gates \
        evaluated again at the recorded times (order, soak, approvals by verified signers), \
        the rollback target, and the release tag. Events written unsigned where signatures \
        are not required are reported as unsigned. Exits 1 naming each bad event.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Argument(help: "The environments to verify (default: every recorded one).")
    var environments: [String] = []
    @OptionGroup var output: OutputOptions

    struct Result: Encodable {
      let passed: Bool
      let policy: String
      let environments: [TrailVerifier.Report]
    }

    func run() throws {
      let repo = try repository.open()
      let store = EnvironmentStore(repository: repo)
      let policy = try TrustPolicy.load(repo)
      var names = environments.isEmpty ? try store.recordedEnvironments() : environments
      // Blocks stop releases everywhere: their trail is verified with every environment's.
      if environments.isEmpty,
        try repo.reference(named: EnvironmentStore.referenceName(EnvironmentEvent.blocksTrail))
          != nil
      {
        names.append(EnvironmentEvent.blocksTrail)
      }
      let verifier = TrailVerifier(repo, policy: policy)
      var reports: [TrailVerifier.Report] = []
      for name in names {
        let reference =
          name == EnvironmentEvent.blocksTrail
          ? try repo.reference(named: EnvironmentStore.referenceName(name))
          : try store.reference(of: name)
        if reference == nil, environments.contains(name), policy.settings(name) == nil {
          throw CommandFailure(
            .usage, "\(name) has no trail here and is not configured in the policy; "
              + "the recorded environments are: "
              + ((try? store.recordedEnvironments().joined(separator: ", ")) ?? ""))
        }
        reports.append(try verifier.verify(name, tip: reference?.objectID))
      }
      let problems = reports.flatMap(\.problems)
      if output.json {
        print(
          try JSONOutput.encode(
            Result(passed: problems.isEmpty, policy: policy.source, environments: reports)))
      } else {
        print(Terminal.sanitize("policy: \(policy.source)"))
        for report in reports { print(Terminal.sanitize(Self.text(report))) }
      }
      guard problems.isEmpty else {
        throw CommandFailure(
          .failure,
          "\(problems.count) \(problems.count == 1 ? "problem" : "problems") in the audit "
            + "trail" + (output.json ? "" : " (listed above)"))
      }
    }

    static func text(_ report: TrailVerifier.Report) -> String {
      let count = report.events.count
      var counts: [String] = []
      for name in ["verified", "unsigned", "invalid"] {
        let n = report.events.filter { $0.signature == name }.count
        if n > 0 { counts.append("\(n) \(name == "verified" ? "signed and verified" : name)") }
      }
      var line = "\(report.environment): \(count) event\(count == 1 ? "" : "s")"
      if !counts.isEmpty { line += " (" + counts.joined(separator: ", ") + ")" }
      if report.signed { line += ", signatures required" }
      line += report.problems.isEmpty ? ": ok" : ": \(report.problems.count) problems"
      var lines = [line]
      for problem in report.problems {
        lines.append("  \(problem.id) \(problem.summary): \(problem.reason)")
      }
      return lines.joined(separator: "\n")
    }
  }
}
