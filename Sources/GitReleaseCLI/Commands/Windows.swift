import ArgumentParser
import Foundation
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Windows: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "windows",
      abstract: "Show the next release windows and freezes of an environment.")

    @OptionGroup var repository: RepositoryOptions
    @Argument(help: "The environment.") var environment: String
    @Option(help: "Look from this time instead of now (as promote --at takes it).") var at: String?
    @Option(help: "How many allowed periods to list.") var count = 5
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
      struct Period: Encodable {
        let start: Date
        let end: Date
      }
      struct FreezeEntry: Encodable {
        let text: String
        let reason: String
        let start: Date
        let end: Date
        let inForce: Bool
      }
      let environment: String
      let time: Date
      let windows: [String]
      let allowedNow: Bool
      let allowed: [Period]
      let freezes: [FreezeEntry]
      /// The hold in force: it closes every window until it is lifted.
      var hold: ReleaseCore.Hold? = nil
    }

    func run() throws {
      let environments = try EnvironmentContext(repository)
      let settings = try environments.settings(environment)
      let time = try EnvironmentContext.moment(at, otherwise: (try? environments.actor())?.time)
      let hold = try environments.store.read(environment).state.hold
      let report = Report(settings, at: time, count: count, hold: hold)
      if output.json {
        print(try JSONOutput.encode(report))
        return
      }
      let periods = report.allowed
      let freezes = settings.freezes.filter { $0.end > time }.sorted { $0.start < $1.start }
      let zone = settings.windows.first?.timeZone ?? TimeZone(identifier: "UTC") ?? .current
      var lines = [
        "\(environment) at \(LocalTime.format(time, in: zone)): promotion "
          + (report.allowedNow ? "allowed now" : "not allowed now")
      ]
      if let hold {
        lines.append(
          "Held by \(EnvironmentOutput.person(hold.by)) since \(EnvironmentOutput.time(hold.since))"
            + ": \(hold.reason); every window stays closed until git release unhold \(environment)")
      }
      if settings.windows.isEmpty {
        lines.append("Windows: none, promotion is allowed at any time outside freezes")
      } else {
        lines.append("Windows: " + settings.windows.map(\.text).joined(separator: "; "))
      }
      if !(settings.windows.isEmpty && freezes.isEmpty) || hold != nil {
        lines.append("Next allowed:")
        if hold != nil {
          lines.append("  none while held")
        } else if periods.isEmpty {
          lines.append("  none in the next 60 days")
        }
        for period in periods {
          lines.append(
            "  \(LocalTime.format(period.start, in: zone))  until  "
              + LocalTime.format(period.end, in: zone))
        }
      }
      lines.append(freezes.isEmpty ? "Freezes ahead: none" : "Freezes ahead:")
      for freeze in freezes {
        lines.append(
          "  \(freeze.reason.isEmpty ? freeze.text : freeze.reason): "
            + "\(LocalTime.format(freeze.start, in: freeze.timeZone)) until "
            + LocalTime.format(freeze.end, in: freeze.timeZone)
            + (freeze.contains(time) ? " (in force now)" : ""))
      }
      print(Terminal.sanitize(lines.joined(separator: "\n")))
    }
  }
}

extension GitRelease.Windows.Report {
  /// An environment's windows seen from `time`: the next `count` allowed periods (none listed
  /// when neither windows nor freezes restrict it) and the freezes not over yet.
  /// A hold closes every window: nothing is allowed until it is lifted.
  init(_ settings: EnvironmentSettings, at time: Date, count: Int, hold: ReleaseCore.Hold? = nil) {
    let schedule = PromotionSchedule(settings)
    let periods = schedule.allowedPeriods(from: time, limit: max(1, count))
    let freezes = settings.freezes.filter { $0.end > time }.sorted { $0.start < $1.start }
    self.init(
      environment: settings.name, time: time, windows: settings.windows.map(\.text),
      allowedNow: hold == nil && schedule.allows(time),
      allowed: settings.windows.isEmpty && freezes.isEmpty || hold != nil
        ? [] : periods.map { Period(start: $0.start, end: $0.end) },
      freezes: freezes.map {
        FreezeEntry(
          text: $0.text, reason: $0.reason, start: $0.start, end: $0.end,
          inForce: $0.contains(time))
      }, hold: hold)
  }
}
