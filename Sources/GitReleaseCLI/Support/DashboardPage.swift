import Foundation
import ReleaseCore
import ReleaseRendering

/// The dashboard as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched.
/// Every value read from the repository goes through `HTMLMarkup`, which escapes it.
struct DashboardPage {
  let data: DashboardData
  /// Each release's notes, rendered by the HTML notes template.
  let notes: [String: HTMLMarkup]

  typealias H = HTMLMarkup

  func render() -> String {
    let body = H.element(
      "body", [],
      [
        H.element(
          "header", [],
          [
            H.element("h1", text: "Releases"),
            H.element(
              "p", [("class", "muted")],
              text: "From \(day(data.since)) to \(day(data.until)) · made \(time(data.time))"),
            H.element(
              "nav", [],
              [
                link("#board", "Environments"), link("#timeline", "Timeline"),
                link("#metrics", "Metrics"), link("#windows", "Windows"),
                link("#releases", "Release notes"),
              ]),
          ]),
        H.element("main", [], [board(), timeline(), metrics(), windows(), releases()]),
      ])
    let head = H.element(
      "head", [],
      [
        H.element("meta", [("charset", "utf-8")]),
        H.element(
          "meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
        H.element("meta", [("name", "color-scheme"), ("content", "light dark")]),
        H.element("title", text: "Releases: environments, timeline and metrics"),
        H.element("style", [], [Self.style]),
      ])
    return "<!DOCTYPE html>\n" + H.element("html", [("lang", "en")], [head, body]).html + "\n"
  }

  // MARK: The board

  func board() -> H {
    let cards = data.environments.map { entry -> H in
      var rows: [H] = []
      if let current = entry.current {
        rows += row("Runs", [releaseLink(current.tag), .text(" "), code(current.commit)])
        rows += row("Since", [.text(time(current.since))])
        rows += row(
          current.cause == .rollback ? "Rolled back by" : "Promoted by",
          [.text(current.by.name)])
      } else {
        rows += row("Runs", [.text("nothing yet")])
      }
      rows += row(
        "Hold",
        data.holds[entry.environment].map {
          [
            H.element("span", [("class", "chip blocked")], text: "held"),
            .text(
              " by \($0.by.name) since \(time($0.since))"
                + ($0.reason.isEmpty ? "" : ": \($0.reason)")),
          ]
        } ?? [.text("none")])
      rows += row(
        "Rollback target",
        entry.rollbackTarget.map { [releaseLink($0.tag), .text(" "), code($0.commit)] }
          ?? [.text("none")])
      let waiting =
        entry.waiting.isEmpty
        ? H.text("nothing")
        : H.element(
          "ul", [("class", "waiting")],
          entry.waiting.map { waiting in
            H.element(
              "li", [],
              [
                releaseLink(waiting.tag),
                .text(waiting.from.map { " from \($0)" } ?? " (newest release)"),
                waiting.ready
                  ? H.element("span", [("class", "chip ready")], text: "ready")
                  : H.element(
                    "ul", [("class", "gates")],
                    waiting.blockedBy.map {
                      H.element(
                        "li", [],
                        [
                          H.element("span", [("class", "chip blocked")], text: $0.gate),
                          .text(" " + $0.detail),
                        ])
                    }),
              ])
          })
      rows += row("Waiting", [waiting])
      return H.element(
        "article", [("class", "card env")],
        [
          H.element(
            "h3", [],
            [.text(entry.environment)]
              + (entry.configured
                ? [] : [H.element("span", [("class", "muted")], text: " (no longer configured)")])),
          H.element("dl", [], rows),
        ])
    }
    let blocked =
      data.blocked.isEmpty
      ? H.empty
      : H.element(
        "ul", [("class", "blocked")],
        data.blocked.map {
          H.element(
            "li", [],
            [
              H.element("span", [("class", "chip blocked")], text: "blocked"), .text(" "),
              releaseLink($0.tag),
              .text(
                " by \($0.by.name) since \(time($0.since))"
                  + ($0.reason.isEmpty ? "" : ": \($0.reason)")),
            ])
        })
    return section(
      "board", "Environments",
      cards.isEmpty
        ? [H.element("p", text: "No environments are configured or recorded.")]
        : [blocked, H.element("div", [("class", "grid")], cards)])
  }

  // MARK: The timeline

  func timeline() -> H {
    let lanes = data.environments.map(\.environment)
    guard !lanes.isEmpty else {
      return section("timeline", "Timeline", [H.element("p", text: "Nothing recorded yet.")])
    }
    let width = 1200.0
    let left = 130.0
    let right = 30.0
    let top = 34.0
    let lane = 104.0
    let height = top + lane * Double(lanes.count) + 10
    let span = max(1, data.until.timeIntervalSince(data.since))
    func x(_ date: Date) -> Double {
      left + (width - left - right) * min(1, max(0, date.timeIntervalSince(data.since) / span))
    }
    var parts: [H] = []
    for week in data.period.weeks {
      let position = x(week.since)
      parts.append(
        svg(
          "line", [("x1", position), ("x2", position), ("y1", top - 8), ("y2", height - 10)], "tick"
        ))
      parts.append(
        H.element(
          "text", [("x", fmt(position + 3)), ("y", fmt(top - 14)), ("class", "axis")],
          text: shortDay(week.since)))
    }
    for (index, name) in lanes.enumerated() {
      let baseline = top + lane * Double(index) + lane - 34
      parts.append(
        H.element(
          "text", [("x", fmt(left - 12)), ("y", fmt(baseline + 4)), ("class", "lane")], text: name))
      parts.append(
        svg(
          "line", [("x1", left), ("x2", width - right), ("y1", baseline), ("y2", baseline)], "rail")
      )
      let events = data.timeline.filter { $0.environment == name }
      for (position, event) in events.enumerated() {
        let start = x(event.time)
        let end = position + 1 < events.count ? x(events[position + 1].time) : x(data.until)
        parts.append(
          svg(
            "rect",
            [("x", start), ("y", baseline - 5), ("width", max(0, end - start)), ("height", 10)],
            event.kind == .rollback ? "stint restored" : "stint"))
      }
      // Labels of close promotions climb a row so they do not overlap; rollbacks are labelled
      // under the rail.
      var labelEnds: [Double] = [-.infinity, -.infinity, -.infinity]
      for event in events {
        let position = x(event.time)
        let marker: H
        let label: H
        let isRollback = event.kind == .rollback
        let text = isRollback ? "↩ " + event.tag : event.tag
        if isRollback {
          marker = H.element(
            "path",
            [
              ("d", "M\(fmt(position - 8)) \(fmt(baseline - 9))h16l-8 16z"),
              ("class", "marker rollback"),
            ])
          label = H.element(
            "text",
            [("x", fmt(position)), ("y", fmt(baseline + 24)), ("class", "label rollback")],
            text: text)
        } else {
          marker = svg(
            "circle", [("cx", position), ("cy", baseline), ("r", 7)], "marker promotion")
          let level = labelEnds.firstIndex { position > $0 + 6 } ?? labelEnds.count - 1
          labelEnds[level] = position + Double(text.count) * 6.2
          let y = baseline - 14 - Double(level) * 17
          label = H.element(
            "text",
            [
              ("x", fmt(position)), ("y", fmt(y)),
              ("transform", "rotate(-20 \(fmt(position)) \(fmt(y)))"), ("class", "label"),
            ], text: text)
        }
        let title =
          "\(event.summary) by \(event.actor.name), \(time(event.time))"
          + (event.reason.map { ": \($0)" } ?? "")
        parts.append(
          H.element(
            "a", [("href", "#" + anchor(event.tag))],
            [H.element("title", text: title), marker, label]))
      }
    }
    let plot = H.element(
      "svg",
      [
        ("viewBox", "0 0 \(fmt(width)) \(fmt(height))"), ("role", "img"), ("class", "timeline"),
        ("aria-label", "Promotions and rollbacks per environment"),
      ], parts)
    let legend = H.element(
      "p", [("class", "legend muted")],
      [
        H.element("span", [("class", "key promotion")], text: "●"), .text(" promotion  "),
        H.element("span", [("class", "key rollback")], text: "▼"), .text(" rollback  "),
        .text("· select a release for its notes"),
      ])
    return section(
      "timeline", "Timeline", [H.element("div", [("class", "scroll")], [plot]), legend])
  }

  // MARK: Metrics

  func metrics() -> H {
    let header = [
      "Environment", "Deploys", "Per week", "Rollbacks", "Failure rate", "Lead time (median / p90)",
      "Commits", "Time to restore (median / p90)", "Weekly deploys",
    ]
    let rows = data.metrics.map { entry -> H in
      let weeks = data.trends.first { $0.environment == entry.environment }?.weeks ?? []
      return H.element(
        "tr", [],
        [
          H.element("th", [("scope", "row")], text: entry.environment),
          cell("\(entry.deployments)"), cell(MetricsTable.number(entry.deploymentsPerWeek)),
          cell("\(entry.rollbacks)"), cell(MetricsTable.percent(entry.changeFailureRate)),
          cell(
            "\(MetricsTable.duration(entry.leadTime.medianSeconds)) / "
              + MetricsTable.duration(entry.leadTime.p90Seconds)),
          cell("\(entry.leadTime.commits)"),
          cell(
            "\(MetricsTable.duration(entry.timeToRestore.medianSeconds)) / "
              + MetricsTable.duration(entry.timeToRestore.p90Seconds)),
          H.element("td", [], [trend(weeks)]),
        ])
    }
    return section(
      "metrics", "Metrics",
      [
        H.element(
          "div", [("class", "scroll")],
          [
            H.element(
              "table", [],
              [
                H.element(
                  "thead", [], [H.element("tr", [], header.map { H.element("th", text: $0) })]),
                H.element("tbody", [], rows),
              ])
          ]),
        H.element(
          "p", [("class", "muted")],
          text: "Deploys are promotions; the failure rate is rollbacks per deploy; lead time runs "
            + "from a commit to the first promotion that brought it; time to restore from the "
            + "promotion a rollback undid to the rollback. Weekly bars: deploys, rollbacks in red."),
      ])
  }

  /// One bar per week: deploys, with the week's rollbacks drawn over them.
  func trend(_ weeks: [DashboardData.Week]) -> H {
    let barWidth = 12.0
    let gap = 4.0
    let height = 36.0
    let peak = Double(
      max(1, weeks.map { max($0.metrics.deployments, $0.metrics.rollbacks) }.max() ?? 1))
    var bars: [H] = []
    for (index, week) in weeks.enumerated() {
      let x = Double(index) * (barWidth + gap)
      let deploys = Double(week.metrics.deployments) / peak * (height - 2)
      let rollbacks = Double(week.metrics.rollbacks) / peak * (height - 2)
      let title =
        "week to \(day(week.until)): \(week.metrics.deployments) deploys, "
        + "\(week.metrics.rollbacks) rollbacks, lead time median "
        + MetricsTable.duration(week.metrics.leadTime.medianSeconds)
      bars.append(
        H.element(
          "g", [],
          [
            H.element("title", text: title),
            svg("rect", [("x", x), ("y", 0), ("width", barWidth), ("height", height)], "slot"),
            svg(
              "rect",
              [("x", x), ("y", height - deploys), ("width", barWidth), ("height", deploys)], "bar"),
            svg(
              "rect",
              [
                ("x", x + 3), ("y", height - rollbacks), ("width", barWidth - 6),
                ("height", rollbacks),
              ],
              "bar rollback"),
          ]))
    }
    let width = max(barWidth, Double(weeks.count) * (barWidth + gap) - gap)
    return H.element(
      "svg",
      [
        ("viewBox", "0 0 \(fmt(width)) \(fmt(height))"), ("width", fmt(width)),
        ("height", fmt(height)), ("class", "trend"), ("role", "img"),
        ("aria-label", "Deploys and rollbacks per week"),
      ], bars)
  }

  // MARK: Windows

  func windows() -> H {
    let cards = data.windows.map { report -> H in
      let zone =
        report.windows.isEmpty
        ? TimeZone(identifier: "UTC") : timeZone(report.environment)
      let format = { (date: Date) in LocalTime.format(date, in: zone ?? .current) }
      var children: [H] = [
        H.element("h3", text: report.environment),
        H.element(
          "p", [],
          [
            H.element(
              "span", [("class", report.allowedNow ? "chip ready" : "chip blocked")],
              text: report.allowedNow ? "promotion allowed now" : "promotion not allowed now")
          ]),
        H.element(
          "p", [],
          text: report.windows.isEmpty
            ? "Windows: none, any time outside freezes"
            : "Windows: " + report.windows.joined(separator: "; ")),
      ]
      if !report.allowed.isEmpty {
        children.append(H.element("h4", text: "Next allowed"))
        children.append(
          H.element(
            "ul", [],
            report.allowed.map {
              H.element("li", text: "\(format($0.start)) until \(format($0.end))")
            }))
      }
      children.append(H.element("h4", text: "Freezes ahead"))
      children.append(
        report.freezes.isEmpty
          ? H.element("p", [("class", "muted")], text: "none")
          : H.element(
            "ul", [],
            report.freezes.map {
              H.element(
                "li", [],
                [
                  .text(
                    "\($0.reason.isEmpty ? $0.text : $0.reason): \(format($0.start)) until "
                      + format($0.end)),
                  $0.inForce
                    ? H.element("span", [("class", "chip blocked")], text: "in force") : .empty,
                ])
            }))
      return H.element("article", [("class", "card")], children)
    }
    return section(
      "windows", "Release windows and freezes",
      cards.isEmpty
        ? [H.element("p", text: "No environments are configured.")]
        : [H.element("div", [("class", "grid")], cards)])
  }

  // MARK: Release notes

  func releases() -> H {
    let articles = data.releases.map { release -> H in
      let ran = data.timeline.filter { $0.tag == release.tag }.map {
        ($0.kind == .rollback
          ? "\($0.environment) rolled back to it " : "promoted to \($0.environment) ")
          + time($0.time)
      }
      return H.element(
        "article", [("class", "card release"), ("id", release.anchor)],
        [
          H.element("h3", text: release.tag),
          ran.isEmpty
            ? .empty : H.element("p", [("class", "muted")], text: ran.joined(separator: "; ")),
          notes[release.tag]
            ?? H.element(
              "p", [("class", "muted")],
              text: "No notes: " + (release.problem ?? "none could be made")),
        ])
    }
    return section(
      "releases", "Release notes",
      articles.isEmpty ? [H.element("p", text: "No releases in the period.")] : articles)
  }

  // MARK: Pieces

  func section(_ id: String, _ title: String, _ children: [H]) -> H {
    H.element("section", [("id", id)], [H.element("h2", text: title)] + children)
  }

  func row(_ term: String, _ value: [H]) -> [H] {
    [H.element("dt", text: term), H.element("dd", [], value)]
  }

  func cell(_ text: String) -> H { H.element("td", text: text) }

  func link(_ href: String, _ text: String) -> H { H.element("a", [("href", href)], text: text) }

  func code(_ commit: String) -> H { H.element("code", text: String(commit.prefix(7))) }

  func anchor(_ tag: String) -> String {
    data.releases.first { $0.tag == tag }?.anchor ?? "releases"
  }

  func releaseLink(_ tag: String) -> H { link("#" + anchor(tag), tag) }

  func svg(_ name: StaticString, _ numbers: [(StaticString, Double)], _ className: String) -> H {
    H.element(name, numbers.map { ($0.0, fmt($0.1)) } + [("class", className)])
  }

  func fmt(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }

  func timeZone(_ environment: String) -> TimeZone? {
    // The zone of the environment's first window, as `windows` prints its times.
    data.windows.first { $0.environment == environment }?.windows.first
      .flatMap { $0.split(separator: " ").last.map(String.init) }
      .flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")
  }

  func time(_ date: Date) -> String { EnvironmentOutput.time(date) }

  func day(_ date: Date) -> String { String(EnvironmentEvent.formatTime(date).prefix(10)) }

  func shortDay(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "MMM d"
    return formatter.string(from: date)
  }

  static let style = H.trusted(
    """
    :root{--bg:#f7f7f5;--panel:#fff;--text:#1d1f23;--muted:#5d6470;--line:#d9dce1;--accent:#2563eb;\
    --accent-soft:#dbe6fd;--bad:#c2410c;--bad-soft:#fde4d6;--good:#15803d;--good-soft:#dcf3e3;\
    font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color-scheme:light dark}
    @media (prefers-color-scheme:dark){:root{--bg:#111317;--panel:#1b1e24;--text:#e7e9ee;\
    --muted:#9aa3b2;--line:#333945;--accent:#7aa7ff;--accent-soft:#22345a;--bad:#ff8a5b;\
    --bad-soft:#4a2618;--good:#5ed28a;--good-soft:#173a25}}
    *{box-sizing:border-box}
    body{margin:0;background:var(--bg);color:var(--text);line-height:1.45;font-size:15px}
    header,main{max-width:1360px;margin:0 auto;padding:0 20px}
    header{padding-top:18px}
    h1{margin:0 0 2px;font-size:26px}
    h2{font-size:19px;margin:26px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
    h3{margin:0 0 8px;font-size:16px}
    h4{margin:12px 0 4px;font-size:14px}
    nav a{margin-right:14px}
    a{color:var(--accent)}
    .muted{color:var(--muted)}
    code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px;color:var(--muted)}
    .grid{display:grid;gap:14px;grid-template-columns:repeat(auto-fit,minmax(280px,1fr))}
    .card{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
    dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0}
    dt{color:var(--muted)}
    dd{margin:0;min-width:0;overflow-wrap:anywhere}
    ul{margin:4px 0;padding-left:18px}
    ul.waiting,ul.gates,ul.blocked{padding-left:0;list-style:none}
    ul.gates li{margin:3px 0 3px 10px;font-size:13px}
    .chip{display:inline-block;border-radius:999px;padding:0 8px;font-size:12px;font-weight:600}
    .chip.ready{background:var(--good-soft);color:var(--good)}
    .chip.blocked{background:var(--bad-soft);color:var(--bad)}
    .scroll{overflow-x:auto;background:var(--panel);border:1px solid var(--line);border-radius:10px}
    svg.timeline{display:block;width:100%;min-width:720px;height:auto}
    svg text{fill:var(--text);font-size:12px}
    .axis{fill:var(--muted)!important;font-size:11px!important}
    .lane{text-anchor:end;font-weight:600;font-size:13px!important}
    line.tick{stroke:var(--line);stroke-dasharray:3 4}
    .rail{stroke:var(--line);stroke-width:2}
    .stint{fill:var(--accent-soft)}
    .stint.restored{fill:var(--bad-soft)}
    .marker.promotion{fill:var(--accent);stroke:var(--panel);stroke-width:2}
    .marker.rollback{fill:var(--bad);stroke:var(--panel);stroke-width:1.5}
    text.label.rollback{fill:var(--bad);text-anchor:middle}
    a:hover .marker,a:focus .marker{stroke:var(--text)}
    .legend .key.promotion{color:var(--accent)}
    .legend .key.rollback{color:var(--bad)}
    table{border-collapse:collapse;width:100%;min-width:900px}
    th,td{text-align:left;padding:8px 12px;border-bottom:1px solid var(--line);white-space:nowrap}
    thead th{color:var(--muted);font-weight:600;font-size:13px}
    .trend .slot{fill:var(--line);opacity:.45}
    .trend .bar{fill:var(--accent)}
    .trend .bar.rollback{fill:var(--bad)}
    .release{margin-bottom:12px;scroll-margin-top:12px}
    .release:target{outline:2px solid var(--accent)}
    ul.contributors{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;padding:0}
    footer{height:30px}
    @media (max-width:640px){header,main{padding:0 12px}h1{font-size:22px}body{font-size:14px}}
    """)
}
