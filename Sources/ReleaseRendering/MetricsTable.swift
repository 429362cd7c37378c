import Foundation
import ReleaseCore

/// The text form of the metrics: a table a person reads.
package enum MetricsTable {
  package static func render(_ report: MetricsReport) -> String {
    let utc = TimeZone(identifier: "UTC") ?? .current
    var lines = [
      "From \(LocalTime.format(report.since, in: utc)) to \(LocalTime.format(report.until, in: utc))"
    ]
    guard !report.environments.isEmpty else {
      lines.append(
        "No environments: declare them in \(Configuration.fileName), e.g. "
          + "[environment \"staging\"]")
      return lines.joined(separator: "\n")
    }
    let header = [
      "ENVIRONMENT", "DEPLOYS", "PER WEEK", "ROLLBACKS", "FAILURE RATE", "LEAD TIME MEDIAN",
      "P90", "COMMITS", "RESTORE MEDIAN", "P90",
    ]
    let rows = report.environments.map { entry in
      [
        entry.environment, "\(entry.deployments)", number(entry.deploymentsPerWeek),
        "\(entry.rollbacks)", percent(entry.changeFailureRate),
        duration(entry.leadTime.medianSeconds), duration(entry.leadTime.p90Seconds),
        "\(entry.leadTime.commits)", duration(entry.timeToRestore.medianSeconds),
        duration(entry.timeToRestore.p90Seconds),
      ]
    }
    let widths = header.indices.map { column in
      ([header] + rows).map { $0[column].count }.max() ?? 0
    }
    lines.append("")
    for row in [header] + rows {
      lines.append(
        row.enumerated().map { EnvironmentOutput.pad($0.element, widths[$0.offset]) }
          .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
    }
    return lines.joined(separator: "\n")
  }

  /// `2d 6h`, `45m 10s`; `-` when there is nothing to measure.
  package static func duration(_ seconds: Double?) -> String {
    seconds.map { TimeSpan(seconds: Int($0.rounded())).description } ?? "-"
  }

  package static func number(_ value: Double) -> String { String(format: "%.2f", value) }

  package static func percent(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }
}
