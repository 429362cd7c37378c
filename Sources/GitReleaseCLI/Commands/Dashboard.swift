import ArgumentParser
import Foundation
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Dashboard: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "dashboard",
      abstract: "Write a static HTML page of environments, promotions, metrics and windows.",
      discussion: """
        Writes DIR/index.html, one self-contained page (inline CSS and SVG, nothing loaded \
        from elsewhere) that opens from disk or any static host: what runs where and what \
        waits, a timeline of promotions and rollbacks, the metrics of git release metrics with \
        a weekly trend, the next release windows and freezes, and every release's notes.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Option(help: ArgumentHelp("The folder to write index.html in.", valueName: "dir"))
    var output: String
    @Option(
      help: ArgumentHelp(
        "Start of the period: a duration before --until (30d, 12w) or a date (2026-11-01).",
        valueName: "date|duration"))
    var since: String?
    @Option(help: ArgumentHelp("End of the period (default: now).", valueName: "date"))
    var until: String?
    @Flag(help: "Also print, as JSON, what the page was built from.") var json = false

    func run() throws {
      let environments = try EnvironmentContext(repository)
      let now = try RepositoryContext.now()
      let period = try EnvironmentContext.period(since: since, until: until, now: now)
      let data = try DashboardData.read(environments, period: period, now: now)
      let notes = DashboardData.notesHTML(data.releases)
      let page = DashboardPage(data: data, notes: notes).render()
      let folder = URL(fileURLWithPath: output)
      let file = folder.appendingPathComponent("index.html")
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(page.utf8).write(to: file, options: [.atomic])
      } catch {
        throw CommandFailure(
          .failure,
          "cannot write \(file.path): \(error.localizedDescription); check that the folder "
            + "can be created and written")
      }
      if json {
        print(try JSONOutput.encode(data))
      } else {
        print(Terminal.sanitize("Wrote \(file.path)"))
      }
    }
  }
}

/// What the dashboard is built from, and what `dashboard --json` prints.
struct DashboardData: Encodable {
  struct Week: Encodable {
    let since: Date
    let until: Date
    let metrics: DeliveryMetrics
  }
  struct Trend: Encodable {
    let environment: String
    let weeks: [Week]
  }
  struct Release: Encodable {
    let tag: String
    /// The page's anchor of its notes: `index.html#<anchor>`.
    let anchor: String
    let notes: ReleaseNotes?
    /// Why there are no notes, when there are none.
    let problem: String?
  }

  let time: Date
  let since: Date
  let until: Date
  /// The board: what `git release status --json` prints.
  let environments: [EnvironmentOverview]
  let metrics: [DeliveryMetrics]
  let trends: [Trend]
  /// Promotions and rollbacks in the period, oldest first.
  let timeline: [EnvironmentEvent]
  /// What `git release windows ENV --json` prints, for each configured environment.
  let windows: [GitRelease.Windows.Report]
  let releases: [Release]
  /// The holds in force, by environment.
  let holds: [String: Hold]
  /// The releases blocked from every environment.
  let blocked: [Block]

  var period: MetricsPeriod { MetricsPeriod(since: since, until: until) }

  static func read(_ context: EnvironmentContext, period: MetricsPeriod, now: Date) throws
    -> DashboardData
  {
    let viewer = try? context.actor()
    let board = try context.overview(
      viewer: CommitRecord.Person(name: viewer?.name ?? "", email: viewer?.email ?? ""),
      time: now)
    let names = try context.measuredEnvironments(nil)
    let chains = try context.chains(names)
    var metrics: [DeliveryMetrics] = []
    var trends: [Trend] = []
    var timeline: [EnvironmentEvent] = []
    var holds: [String: Hold] = [:]
    for name in names {
      guard let chain = chains[name] else { continue }
      holds[name] = chain.state.hold
      let trail = try context.measuredTrail(chain, until: period.until)
      metrics.append(trail.metrics(over: period))
      trends.append(
        Trend(
          environment: name,
          weeks: period.weeks.map {
            Week(since: $0.since, until: $0.until, metrics: trail.metrics(over: $0))
          }))
      timeline += trail.events.filter {
        [.promotion, .rollback].contains($0.kind) && period.contains($0.time)
      }
    }
    timeline.sort { $0.time < $1.time }
    let windows = context.environments.map { GitRelease.Windows.Report($0, at: now, count: 3) }

    // Every release the page names: newest event first, then those only the board shows.
    var tags: [String] = []
    for event in timeline.reversed() where !tags.contains(event.tag) { tags.append(event.tag) }
    for entry in board {
      for tag in [entry.current?.tag, entry.rollbackTarget?.tag].compactMap({ $0 })
        + entry.waiting.map(\.tag)
      where !tags.contains(tag) {
        tags.append(tag)
      }
    }
    var anchors: Set<String> = []
    let releases = tags.map { tag in
      var anchor =
        "release-" + String(tag.map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "-" })
      while !anchors.insert(anchor).inserted { anchor += "-" }
      do {
        let notes = try context.context.releaseNotes(range: tag)
        return Release(tag: tag, anchor: anchor, notes: notes, problem: nil)
      } catch {
        return Release(
          tag: tag, anchor: anchor, notes: nil,
          problem: ErrorReport.ownDescription(error)?.1 ?? "\(error)")
      }
    }
    return DashboardData(
      time: now, since: period.since, until: period.until, environments: board,
      metrics: metrics, trends: trends, timeline: timeline, windows: windows, releases: releases,
      holds: holds, blocked: try context.store.readBlocks().state.blocked)
  }

  /// Each release's notes rendered with the HTML notes template, which escapes every value.
  static func notesHTML(_ releases: [Release]) -> [String: HTMLMarkup] {
    var result: [String: HTMLMarkup] = [:]
    guard let template = try? NotesTemplate(.htmlNotes) else { return result }
    for release in releases {
      guard let notes = release.notes, let html = try? template.render(notes) else { continue }
      result[release.tag] = .rendered(byEscapingTemplate: html)
    }
    return result
  }
}
