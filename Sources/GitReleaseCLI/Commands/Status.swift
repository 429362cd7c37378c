import ArgumentParser
import Foundation
import ReleaseCore

extension GitRelease {
  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "status",
      abstract: "Show what runs in each environment and what waits.")

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let environments = try EnvironmentContext(repository)
      let names =
        environments.environments.map(\.name)
        + (try environments.store.recordedEnvironments())
      var chains = try environments.chains(names)
      let running = Set(chains.values.compactMap { $0.state.current?.tag })
      let facts = try environments.tagFacts(running, allReleases: true)
      // The repository's own release line is what enters the first environment.
      let namespace = environments.context.configuration.release.namespace
      let releases = facts.values.compactMap { fact -> ReleaseTag? in
        guard let commit = fact.commit, let version = namespace.version(ofTag: fact.name) else {
          return nil
        }
        return ReleaseTag(name: fact.name, version: version, commit: commit, isAnnotated: false)
      }
      // What may wait somewhere: a release running upstream, or the newest; their stints and
      // approvals are all the gates look at.
      var candidates = running
      if let newest = releases.max(by: { $0.version < $1.version }) { candidates.insert(newest.name) }
      for name in chains.keys {
        guard var chain = chains[name] else { continue }
        try environments.store.loadRecords(candidates, into: &chain.state, from: chain.base)
        chains[name] = chain
      }
      let states = chains.mapValues(\.state)
      let viewer = try? environments.actor()
      let overview = EnvironmentOverview.all(
        settings: environments.environments, states: states, releases: releases, tags: facts,
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
