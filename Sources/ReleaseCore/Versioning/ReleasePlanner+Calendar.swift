import Foundation

/// The next calendar version: the date part from "now", and MICRO counting the releases of that
/// date part. Commits decide whether there is a release, never how the version moves.
extension ReleasePlanner {
  func planCalendar(
    _ scheme: CalendarScheme, current: ReleaseTag?, commits: [CommitRecord],
    existingVersions: [SemanticVersion], preRelease: String?, build: [String]?
  ) -> ReleasePlan {
    let analysis = analyze(commits, belowOne: false)
    var plan = ReleasePlan(
      current: current?.version, currentTag: current?.name, next: nil, tag: nil, bump: .none,
      commitCount: commits.count, package: package, warnings: analysis.warnings,
      commitRecords: commits, cancelledCommitIDs: analysis.cancelled)
    if let forced = analysis.releaseAs {
      plan.warnings.append(
        "commit \(forced.commit.prefix(12)) asks for \"Release-As: \(forced.version)\"; calendar "
          + "versions come from the date, so it is ignored")
    }
    // A release is due for a change, for the first release, and to promote a pre-release.
    let promotes = current?.version.isPreRelease == true && preRelease == nil
    guard current == nil || analysis.bump != .none || promotes else {
      plan.reason = nothingReason(current: current, commits: commits, analysis: analysis)
      return plan
    }
    let date = scheme.dateParts(at: now, in: timeZone)
    let known = existingVersions + (current.map { [$0.version] } ?? [])
    // MICRO goes on from the highest final release of this date part, wherever it was tagged;
    // releases of other date parts, older ones made later included, do not count. A
    // pre-release of this date part holds its MICRO until it is released.
    let sameDate = known.filter { scheme.dateParts(of: $0) == date }
    let finals = sameDate.filter { !$0.isPreRelease }
    let afterFinals = finals.compactMap { scheme.micro(of: $0) }.max().map { $0 + 1 } ?? 0
    let pending = sameDate.filter(\.isPreRelease).compactMap { scheme.micro(of: $0) }.max() ?? 0
    let micro = max(afterFinals, pending)
    let core = scheme.version(date: date, micro: micro)
    if !scheme.hasMicro, finals.contains(where: { $0.core == core }) {
      plan.reason =
        "\(namespace.tagName(for: core)) is already released and \(scheme) has no MICRO to count "
        + "a second release of the same date; add MICRO to [release] calver"
      return plan
    }
    var next = core
    if let preRelease {
      if let current, current.version.isPreRelease, analysis.bump == .none,
        current.version.core == core, current.version.preRelease.first == .alphanumeric(preRelease)
      {
        plan.reason =
          "nothing since \(current.name) changes the release, and it is already on channel "
          + "\(preRelease); commit a fix or a feature first, or run without --pre to release "
          + "\(core)"
        return plan
      }
      let highest = known.compactMap { version -> UInt64? in
        guard version.core == core, version.preRelease.count == 2,
          version.preRelease[0] == .alphanumeric(preRelease),
          case .numeric(let number) = version.preRelease[1]
        else { return nil }
        return number
      }.max()
      next.preRelease = [.alphanumeric(preRelease), .numeric((highest ?? 0) + 1)]
    }
    if let current, next.comparePrecedence(to: current.version) <= 0 {
      plan.reason =
        "the next version would be \(next), which does not sort above the current release "
        + "\(current.name): today's date (\(date.map(String.init).joined(separator: "."))) is "
        + "before its date, or the channel sorts lower. Check the clock, GIT_COMMITTER_DATE and "
        + "[release] timeZone"
      return plan
    }
    if let build { next.build = build }
    plan.next = next
    plan.tag = namespace.tagName(for: next)
    plan.bump = current.map { Self.change(from: $0.version, to: next) } ?? .major
    return plan
  }
}
