import ArgumentParser
import Foundation
import ReleaseCore

extension GitRelease {
  struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "history",
      abstract: "Show the audit trail of promotions, approvals and rollbacks.",
      discussion: """
        Newest first, read from refs/environments/<ENV> (what git log refs/environments/<ENV> \
        shows, parsed). Promotions that overrode a window or freeze are shown as overrides.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Argument(help: "Only this environment.") var environment: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
      let environments = try EnvironmentContext(repository)
      let names: [String]
      if let environment {
        if try environments.store.reference(of: environment) == nil {
          _ = try environments.settings(environment)
        }
        names = [environment]
      } else {
        names = try environments.store.recordedEnvironments()
      }
      var events: [(event: EnvironmentEvent, order: Int)] = []
      for name in names {
        let chain = try environments.store.read(name)
        events += chain.events.enumerated().map { ($0.element, $0.offset) }
      }
      // Newest first. One trail is shown in its own order, which is the truth even if clocks
      // disagreed; several are interleaved by time, each keeping its order on ties.
      let sorted =
        names.count == 1
        ? events.reversed().map(\.event)
        : events.sorted {
          $0.event.time != $1.event.time ? $0.event.time > $1.event.time : $0.order > $1.order
        }.map(\.event)
      if output.json {
        print(try JSONOutput.encode(sorted))
        return
      }
      if sorted.isEmpty {
        print("No events recorded" + (environment.map { " for \($0)" } ?? "") + ".")
        return
      }
      print(Terminal.sanitize(sorted.map(Self.describe).joined(separator: "\n\n")))
    }

    static func describe(_ event: EnvironmentEvent) -> String {
      let kind = event.overrides.isEmpty ? event.kind.rawValue : "override"
      var lines = [
        "\(EnvironmentOutput.time(event.time))  \(event.environment)  \(kind)  \(event.tag) "
          + "(\(event.commit.prefix(7)))  by \(EnvironmentOutput.person(event.actor))"
      ]
      if let previous = event.previous { lines.append("    was       \(previous.tag)") }
      if event.kind == .promotion {
        lines.append(
          "    rollback  "
            + (event.rollbackTarget.map { "\($0.tag) (\($0.commit.prefix(7)))" }
              ?? (event.noRollbackTarget ? "none (acknowledged, first promotion)" : "none")))
      }
      for verdict in event.gates {
        lines.append("    gate      \(verdict.gate): \(verdict.status.rawValue): \(verdict.detail)")
      }
      if let reason = event.reason { lines.append("    reason    \(reason)") }
      if let note = event.note { lines.append("    note      \(note)") }
      if let id = event.id { lines.append("    event     \(id.prefix(12))") }
      return lines.joined(separator: "\n")
    }
  }
}
