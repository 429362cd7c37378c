import ArgumentParser
import Foundation
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Where: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "where",
      abstract: "Show which releases carry a change, and where it runs.",
      discussion: """
        REV is a commit (an id, a branch, a tag) or #123, which names every commit whose \
        message mentions #123. For each: the release tags that contain it; its cherry-picks \
        (by git's "(cherry picked from commit ...)" line, or by patch id) on branches and \
        release tags that do not contain it, and the release tags that contain those; and each \
        environment whose running release carries it, since when. Exit 1 when no commit \
        mentions #123.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Argument(help: "A commit, or #123 for the commits that mention it.") var revision: String
    @OptionGroup var output: OutputOptions

    /// What `where --json` prints.
    struct Report: Encodable {
      let query: String
      let commits: [Whereabouts]
    }

    func run() throws {
      let context = try RepositoryContext(repository.open())
      // Oldest first: a match that is a copy of one already listed is shown as that copy.
      var found: [Whereabouts] = []
      for id in try context.whereQuery(revision) {
        let listed = found.contains { item in item.cherryPicks.contains { $0.commit == id.hex } }
        if !listed { found.append(try context.whereabouts(of: id)) }
      }
      if output.json {
        print(try JSONOutput.encode(Report(query: revision, commits: found)))
        return
      }
      var lines: [String] = []
      for item in found {
        if !lines.isEmpty { lines.append("") }
        let corrected = item.corrected ? " (corrected message)" : ""
        lines.append("\(item.commit.prefix(12)) \(item.summary)\(corrected)")
        lines.append(
          "  released in: "
            + (item.releases.isEmpty ? "no release yet" : item.releases.joined(separator: ", ")))
        for copy in item.cherryPicks {
          let found = copy.foundBy == .trailer ? "cherry-pick -x line" : "same patch id"
          lines.append(
            "  cherry-picked as \(copy.commit.prefix(12)) (\(found)): "
              + (copy.releases.isEmpty
                ? "no release yet" : "released in " + copy.releases.joined(separator: ", ")))
        }
        if item.environments.isEmpty {
          lines.append("  runs in: no environment")
        }
        for running in item.environments {
          let via = running.via == item.commit ? "" : " (as \(running.via.prefix(12)))"
          lines.append(
            "  runs in \(running.environment): \(running.release)\(via) since "
              + EnvironmentOutput.time(running.since))
        }
      }
      print(Terminal.sanitize(lines.joined(separator: "\n")))
    }
  }
}
