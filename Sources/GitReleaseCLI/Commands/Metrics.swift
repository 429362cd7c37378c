import ArgumentParser
import Foundation
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "metrics",
      abstract: "Measure deployments, lead time, change failure rate and time to restore.",
      discussion: """
        Read from the audit trail in refs/environments/*, per environment, over the period: \
        the last 90 days to now unless --since and --until say otherwise. Now honours \
        GIT_COMMITTER_DATE. docs/metrics.md defines each metric.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Option(name: .customLong("env"), help: "Only this environment.") var environment: String?
    @Option(
      help: ArgumentHelp(
        "Start of the period: a duration before --until (30d, 12w, 36h) or a date (2026-11-01).",
        valueName: "date|duration"))
    var since: String?
    @Option(
      help: ArgumentHelp("End of the period (default: now).", valueName: "date"))
    var until: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
      let environments = try EnvironmentContext(repository)
      let period = try EnvironmentContext.period(
        since: since, until: until, now: try RepositoryContext.now())
      let names = try environments.measuredEnvironments(environment)
      let chains = try environments.chains(names)
      let report = MetricsReport(
        environments: try names.compactMap { chains[$0] }.map {
          try environments.measuredTrail($0, until: period.until).metrics(over: period)
        }, period: period)
      if output.json {
        print(try JSONOutput.encode(report))
      } else {
        print(Terminal.sanitize(MetricsTable.render(report)))
      }
    }
  }
}
