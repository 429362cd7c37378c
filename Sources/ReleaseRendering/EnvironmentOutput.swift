import Foundation
import ReleaseCore

/// Text output shared by the environment commands. Everything read from tags, commits and events
/// passes through `Terminal.sanitize`.
package enum EnvironmentOutput {
  /// Gate verdicts as a table a person scans: gate, verdict, why.
  package static func gateTable(_ verdicts: [GateVerdict]) -> String {
    let width = max(4, verdicts.map(\.gate.count).max() ?? 0)
    var lines = ["  " + pad("GATE", width) + "  VERDICT     DETAIL"]
    for verdict in verdicts {
      let status: String
      switch verdict.status {
      case .pass: status = "pass"
      case .fail: status = "REFUSED"
      case .overridden: status = "OVERRIDDEN"
      }
      lines.append("  " + pad(verdict.gate, width) + "  " + pad(status, 10) + "  " + verdict.detail)
    }
    return Terminal.sanitize(lines.joined(separator: "\n"))
  }

  package static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  /// `2026-11-26 20:40 UTC`.
  package static func time(_ date: Date) -> String {
    LocalTime.format(date, in: TimeZone(identifier: "UTC") ?? .current)
  }

  package static func person(_ person: CommitRecord.Person) -> String {
    "\(person.name) <\(person.email)>"
  }

  /// The commits listed under a heading, or a line saying there are none.
  package static func changes(_ heading: String, _ entries: [ChangeEntry], total: Int) -> String {
    guard !entries.isEmpty else { return Terminal.sanitize(heading + ": none") }
    var lines = [heading + ":"]
    for entry in entries {
      lines.append("  - \(entry.summary) (\(entry.id.prefix(7)))")
    }
    if total > entries.count { lines.append("  ... and \(total - entries.count) more") }
    return Terminal.sanitize(lines.joined(separator: "\n"))
  }

  package static func printError(_ text: String) {
    FileHandle.standardError.write(Data(Terminal.sanitize(text + "\n").utf8))
  }
}

/// What promote and rollback print for a pipeline to post to chat or email: one sentence, the
/// event as recorded, and the commits that changed in the environment.
package struct EnvironmentAnnouncement: Codable {
  package let text: String
  package let event: EnvironmentEvent
  /// The release notes of what changed, in Markdown; nil when they could not be made.
  package let notes: String?
  package let changes: [ChangeEntry]
  package let changeCount: Int

  package init(
    text: String, event: EnvironmentEvent, notes: String? = nil, changes: [ChangeEntry],
    changeCount: Int
  ) {
    self.text = text
    self.event = event
    self.notes = notes
    self.changes = changes
    self.changeCount = changeCount
  }
}

/// A commit that changes what runs, as promote, rollback and diff list them.
package struct ChangeEntry: Codable {
  package let id: String
  package let summary: String

  package init(id: String, summary: String) {
    self.id = id
    self.summary = summary
  }
}
