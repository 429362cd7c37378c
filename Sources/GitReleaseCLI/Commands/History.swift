import ArgumentParser
import Foundation
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "history",
      abstract: "Show the audit trail of promotions, approvals, rollbacks, holds and blocks.",
      discussion: """
        Newest first, read from refs/environments/<ENV> (what git log refs/environments/<ENV> \
        shows, parsed), and without ENV from every trail and refs/environments/_blocks. \
        Promotions that overrode a window or freeze are shown as overrides. --since stops at \
        the first event of a trail older than the time given.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Argument(help: "Only this environment.") var environment: String?
    @Option(help: "Show at most this many events (the newest).") var limit: Int?
    @Option(
      help: """
        Only events from this time on (a date, 2026-11-01, read as UTC; or a time as promote \
        --at takes it).
        """)
    var since: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
      let environments = try EnvironmentContext(repository)
      let start = try since.map(Self.moment)
      let names: [String]
      if let environment {
        if try environments.store.reference(of: environment) == nil {
          _ = try environments.settings(environment)
        }
        names = [environment]
      } else {
        names = try environments.store.recordedEnvironments() + [EnvironmentEvent.blocksTrail]
      }
      // Newest first, read one event at a time so a page costs the same on any trail. One trail
      // is shown in its own order, which is the truth even if clocks disagreed; several are
      // merged by time, each keeping its own order.
      var streams = try names.map { try environments.store.events(of: $0) }
      var heads = try streams.indices.map { try streams[$0].read() }
      var shown: [EnvironmentEvent] = []
      while shown.count < (limit ?? .max) {
        var pick: Int?
        for index in heads.indices {
          guard let head = heads[index] else { continue }
          if let start, head.time < start {
            heads[index] = nil
            continue
          }
          if pick.map({ heads[$0].map { head.time > $0.time } ?? true }) ?? true { pick = index }
        }
        guard let pick, let event = heads[pick] else { break }
        if !output.json {
          print((shown.isEmpty ? "" : "\n") + Terminal.sanitize(Self.describe(event)))
        }
        shown.append(event)
        heads[pick] = try streams[pick].read()
      }
      if output.json {
        print(try JSONOutput.encode(shown))
        return
      }
      if shown.isEmpty {
        print("No events recorded" + (environment.map { " for \($0)" } ?? "") + ".")
      }
    }

    /// `--since`: a day (UTC midnight), or a time as `--at` takes it.
    static func moment(_ text: String) throws -> Date {
      if let day = LocalTime.parse(text + "T00:00Z") ?? LocalTime.parse(text) { return day }
      throw CommandFailure(
        .usage,
        "--since \"\(text)\" is not a date or a time; write 2026-11-01, 2026-11-01T09:30:00Z "
          + "or \"2026-11-01 09:30 Australia/Adelaide\"")
    }

    static func describe(_ event: EnvironmentEvent) -> String {
      let kind = event.overrides.isEmpty ? event.kind.rawValue : "override"
      let what = event.kind.namesRelease ? "  \(event.tag) (\(event.commit.prefix(7)))" : ""
      var lines = [
        "\(EnvironmentOutput.time(event.time))  \(event.environment)  \(kind)\(what)  by "
          + EnvironmentOutput.person(event.actor)
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
