import ArgumentParser
import Foundation
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "diff",
      abstract: "Show the release notes of what differs between two environments.",
      discussion: """
        As git diff A B reads, the changes going from the first environment to the second: \
        git release diff production staging lists what promoting staging's release to \
        production would bring.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Argument(help: "The environment to compare from.") var from: String
    @Argument(help: "The environment to compare to.") var to: String
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
      let from: String
      let to: String
      let fromRelease: ReleaseRef?
      let toRelease: ReleaseRef?
      /// The release notes of the changes, in Markdown; nil when there are none.
      let notes: String?
      let changes: [ChangeEntry]
      let changeCount: Int
      /// Commits the first environment runs that the second lacks (it is ahead or apart).
      let behindCount: Int
    }

    func run() throws {
      let environments = try EnvironmentContext(repository)
      for name in [from, to] where try environments.store.reference(of: name) == nil {
        _ = try environments.settings(name)
      }
      let chains = try environments.chains([from, to])
      let source = chains[from]?.state.current
      let target = chains[to]?.state.current
      guard let target else {
        throw CommandFailure(.failure, "\(to) has never run a release; nothing to compare")
      }
      let (changes, total) = try environments.changes(
        from: source?.commit, to: target.commit, limit: 1_000)
      let (_, behind) = try environments.changes(from: target.commit, to: source?.commit ?? "")
      let notes =
        total == 0 && source != nil
        ? nil : environments.releaseNotes(from: source?.commit, to: target.commit, tag: target.tag)
      let report = Report(
        from: from, to: to, fromRelease: source?.release, toRelease: target.release,
        notes: notes, changes: changes, changeCount: total, behindCount: behind)
      if output.json {
        print(try JSONOutput.encode(report))
        return
      }
      var lines = [
        "\(from) runs \(source?.tag ?? "nothing"); \(to) runs \(target.tag)"
      ]
      if source == nil {
        lines.append("\(from) has never run a release: all of \(target.tag) would be new there")
      } else if source?.commit == target.commit {
        lines.append("They run the same commit: nothing would change.")
      }
      if let notes {
        lines.append("")
        lines.append(notes.trimmingCharacters(in: .newlines))
      } else if total > 0 {
        lines.append("")
        lines.append(
          EnvironmentOutput.changes(
            "From \(source?.tag ?? "") to \(target.tag)", changes, total: total))
      }
      if behind > 0 {
        lines.append("")
        lines.append(
          "\(from) also runs \(behind) commit\(behind == 1 ? "" : "s") that \(target.tag) "
            + "does not have: going to \(target.tag) would take them away")
      }
      print(Terminal.sanitize(lines.joined(separator: "\n")))
    }
  }
}
