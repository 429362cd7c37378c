import ArgumentParser
import Foundation
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "status",
      abstract: "Show what runs in each environment and what waits.")

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let environments = try EnvironmentContext(repository)
      let viewer = try? environments.actor()
      let overview = try environments.overview(
        viewer: CommitRecord.Person(name: viewer?.name ?? "", email: viewer?.email ?? ""),
        time: viewer?.time ?? Date())
      if output.json {
        print(try JSONOutput.encode(overview))
        return
      }
      if overview.isEmpty {
        print(
          "No environments: declare them in \(RepositoryContext.configurationFile), e.g. "
            + "[environment \"staging\"]")
        return
      }
      for (index, entry) in overview.enumerated() {
        if index > 0 { print("") }
        print(Terminal.sanitize(Self.describe(entry)))
      }
    }

    static func describe(_ entry: EnvironmentOverview) -> String {
      var lines = [entry.environment + (entry.configured ? "" : " (no longer configured)")]
      if let current = entry.current {
        lines.append(
          "  runs      \(current.tag) (\(current.commit.prefix(7))) since "
            + "\(EnvironmentOutput.time(current.since)), "
            + (current.cause == .rollback ? "rolled back by " : "promoted by ")
            + EnvironmentOutput.person(current.by))
        lines.append(
          "  rollback  "
            + (entry.rollbackTarget.map { "\($0.tag) (\($0.commit.prefix(7)))" } ?? "none"))
      } else {
        lines.append("  runs      nothing yet")
      }
      if let hold = entry.hold {
        lines.append(
          "  HELD      by \(EnvironmentOutput.person(hold.by)) since "
            + "\(EnvironmentOutput.time(hold.since)): \(hold.reason)")
      }
      if entry.waiting.isEmpty {
        lines.append("  waiting   nothing")
      }
      for waiting in entry.waiting {
        let source = waiting.from.map { "from \($0)" } ?? "newest release"
        var line = "  waiting   \(waiting.tag) (\(source)): "
        line +=
          waiting.ready
          ? "ready to promote"
          : "blocked by "
            + waiting.blockedBy.map { "\($0.gate) (\($0.detail))" }.joined(
              separator: "; ")
        lines.append(line)
      }
      return lines.joined(separator: "\n")
    }
  }
}
