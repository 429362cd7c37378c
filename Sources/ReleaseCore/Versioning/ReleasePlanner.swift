import Foundation

/// Decides the next version from the current release and the commits since, as plain values:
/// the rules of `git release next`, kept apart from git so they are tested with tables.
public struct ReleasePlanner: Sendable {
  public let namespace: TagNamespace
  public let types: [TypeSettings]
  public let initialVersion: SemanticVersion
  public let majorOnZero: Bool
  /// The package planned for, reported in the plan.
  public let package: String?
  /// "Now", for calendar versions: `GIT_COMMITTER_DATE` as git reads it, else the clock.
  public var now = Date()
  /// The time zone whose date calendar versions carry.
  public var timeZone = TimeZone(secondsFromGMT: 0) ?? .current

  public init(
    namespace: TagNamespace, types: [TypeSettings] = TypeSettings.defaults,
    initialVersion: SemanticVersion = SemanticVersion(0, 1, 0), majorOnZero: Bool = false,
    package: String? = nil
  ) {
    self.namespace = namespace
    self.types = types
    self.initialVersion = initialVersion
    self.majorOnZero = majorOnZero
    self.package = package
  }

  /// The planner for a configuration, and one of its packages when given.
  public init(configuration: Configuration, package: PackageSettings? = nil) {
    self.init(
      namespace: package?.namespace ?? configuration.release.namespace,
      types: configuration.types, initialVersion: configuration.release.initialVersion,
      majorOnZero: configuration.release.majorOnZero, package: package?.name)
    timeZone = configuration.release.timeZone
  }

  // MARK: One commit

  /// What one commit asks for, before reverts are considered: breaking -> major (minor below
  /// 1.0.0 unless `majorOnZero`), otherwise its type's configured bump; none for merges and for
  /// messages that are not Conventional Commits.
  public func bump(for commit: CommitRecord, belowOne: Bool) -> Bump {
    guard !commit.isMerge, let conventional = commit.conventional,
      !conventional.isReleaseCommit
    else { return .none }
    if conventional.isBreaking { return belowOne && !majorOnZero ? .minor : .major }
    return types.first { $0.name == conventional.type }?.bump ?? .none
  }

  // MARK: A range of commits

  /// The bump a range of commits asks for, after reverts.
  public struct Analysis: Sendable, Equatable {
    public var bump: Bump = .none
    /// Commits left out because a revert in the range cancels them (reverts included).
    public var cancelled: Set<String> = []
    /// The highest valid `Release-As` version in the range, and the commit that carries it.
    public var releaseAs: (version: SemanticVersion, commit: String)?
    public var warnings: [String] = []

    public static func == (lhs: Analysis, rhs: Analysis) -> Bool {
      lhs.bump == rhs.bump && lhs.cancelled == rhs.cancelled
        && lhs.releaseAs?.version == rhs.releaseAs?.version
        && lhs.releaseAs?.commit == rhs.releaseAs?.commit && lhs.warnings == rhs.warnings
    }
  }

  /// Reads `commits` (the range `current..HEAD`, children before parents as a topological walk
  /// gives them). A revert of a commit in the range cancels both; a revert of a commit outside it
  /// (already released) is a patch. Reverts are read newest first, so reverting a revert brings
  /// the original back.
  public func analyze(_ commits: [CommitRecord], belowOne: Bool) -> Analysis {
    var analysis = Analysis()
    var cancelled: Set<String> = []
    let ids = commits.map(\.id)
    for commit in commits where !cancelled.contains(commit.id) {
      let targets = commit.revertedIDs
      guard !targets.isEmpty, !commit.isMerge else { continue }
      var revertsReleased = false
      for target in targets {
        if let match = ids.first(where: { $0.hasPrefix(target) }), match != commit.id {
          cancelled.insert(match)
          cancelled.insert(commit.id)
        } else {
          revertsReleased = true
        }
      }
      if revertsReleased && !cancelled.contains(commit.id) {
        analysis.bump = max(analysis.bump, .patch)
      }
    }
    analysis.cancelled = cancelled

    for commit in commits where !cancelled.contains(commit.id) && !commit.isMerge {
      analysis.bump = max(analysis.bump, bump(for: commit, belowOne: belowOne))
      guard let conventional = commit.conventional else { continue }
      for value in conventional.footerValues("Release-As") {
        let text = value.hasPrefix("v") ? value.dropFirst() : Substring(value)
        guard let version = SemanticVersion(text) else {
          analysis.warnings.append(
            "commit \(commit.id.prefix(12)) has \"Release-As: \(value)\", which is not a SemVer "
              + "version such as 1.2.3; it is ignored")
          continue
        }
        if analysis.releaseAs.map({ version > $0.version }) ?? true {
          analysis.releaseAs = (version, commit.id)
        }
      }
    }
    return analysis
  }

  // MARK: The plan

  /// Plans the next release.
  /// - Parameters:
  ///   - current: the highest-precedence release tag reachable from HEAD; nil before the first.
  ///   - commits: the range `current..HEAD` (the whole history before the first release).
  ///   - existingVersions: every release version of this namespace in the repository, reachable
  ///     or not, so that a pre-release number is never given twice.
  ///   - preRelease: the channel (`rc`, `beta`), which must be one SemVer identifier.
  ///   - build: build metadata, dot-separated SemVer identifiers.
  public func plan(
    current: ReleaseTag?, commits: [CommitRecord], existingVersions: [SemanticVersion],
    preRelease: String? = nil, build: String? = nil
  ) throws(PlanError) -> ReleasePlan {
    let buildIdentifiers = try Self.validate(preRelease: preRelease, build: build)
    if let calendar = namespace.calendar {
      return planCalendar(
        calendar, current: current, commits: commits, existingVersions: existingVersions,
        preRelease: preRelease, build: buildIdentifiers)
    }
    let belowOne = (current?.version.major ?? initialVersion.major) == 0
    let analysis = analyze(commits, belowOne: belowOne)
    var warnings = analysis.warnings
    var plan = ReleasePlan(
      current: current?.version, currentTag: current?.name, next: nil, tag: nil, bump: .none,
      commitCount: commits.count, package: package, commitRecords: commits,
      cancelledCommitIDs: analysis.cancelled)

    // The final version the commits lead to, before any pre-release part.
    var target: SemanticVersion?
    if let current {
      if analysis.bump != .none || current.version.isPreRelease {
        target = current.version.bumped(analysis.bump)
      }
    } else {
      // As configured: an initial `1.0.0-rc.1` is released as such.
      target = initialVersion
    }
    if let forced = analysis.releaseAs {
      if let current, forced.version.comparePrecedence(to: current.version) <= 0 {
        warnings.append(
          "commit \(forced.commit.prefix(12)) asks for \"Release-As: \(forced.version)\", which is "
            + "not above the current release \(current.name); it is ignored")
      } else {
        target = forced.version
      }
    }
    plan.warnings = warnings

    guard var next = target else {
      plan.reason = nothingReason(current: current, commits: commits, analysis: analysis)
      return plan
    }
    if let preRelease {
      let core = next.core
      // Numbers continue from the highest pre-release of this core and channel anywhere.
      let highest = (existingVersions + (current.map { [$0.version] } ?? [])).compactMap {
        version -> UInt64? in
        guard version.core == core, version.preRelease.count == 2,
          version.preRelease[0] == .alphanumeric(preRelease),
          case .numeric(let number) = version.preRelease[1]
        else { return nil }
        return number
      }.max()
      next = SemanticVersion(
        core.major, core.minor, core.patch,
        preRelease: [.alphanumeric(preRelease), .numeric((highest ?? 0) + 1)])
      if let current, current.version.isPreRelease, analysis.bump == .none,
        analysis.releaseAs == nil, current.version.core == core,
        current.version.preRelease.first == .alphanumeric(preRelease)
      {
        plan.reason =
          "nothing since \(current.name) changes the version, and it is already on channel "
          + "\(preRelease); commit a fix or a feature first, or run without --pre to release "
          + "\(core)"
        return plan
      }
    }
    if let current, next.comparePrecedence(to: current.version) <= 0 {
      plan.reason =
        "the next version would be \(next), which does not sort above the current release "
        + "\(current.name); choose a channel that sorts after "
        + (current.version.preRelease.first?.description ?? "it")
      return plan
    }
    if let buildIdentifiers { next.build = buildIdentifiers }
    plan.next = next
    plan.tag = namespace.tagName(for: next)
    plan.bump = Self.change(from: current?.version ?? SemanticVersion(0, 0, 0), to: next)
    return plan
  }

  /// How `next` moves from `current`, by the first part of the core that changes.
  public static func change(from current: SemanticVersion, to next: SemanticVersion)
    -> ReleasePlan.Change
  {
    if next.major != current.major { return .major }
    if next.minor != current.minor { return .minor }
    if next.patch != current.patch { return .patch }
    return .prerelease
  }

  func nothingReason(current: ReleaseTag?, commits: [CommitRecord], analysis: Analysis) -> String {
    guard let current else { return "there is no release to plan" }
    let scope = package.map { " of package \($0)" } ?? ""
    let nonMerges = commits.filter { !$0.isMerge }
    if nonMerges.isEmpty {
      return "no commits\(scope) since \(current.name); nothing to release"
    }
    let cancelled =
      analysis.cancelled.isEmpty ? "" : " (\(analysis.cancelled.count) cancel out as reverts)"
    let count = "\(nonMerges.count) commit\(nonMerges.count == 1 ? "" : "s")"
    return
      "none of the \(count)\(scope) since \(current.name) is a feature, a fix or a breaking "
      + "change\(cancelled); nothing to release"
  }

  // MARK: Arguments

  /// Checks `--pre` and `--build` before any history is read; returns the build identifiers.
  @discardableResult
  public static func validate(preRelease: String?, build: String?) throws(PlanError) -> [String]? {
    if let preRelease { try validateChannel(preRelease) }
    guard let build else { return nil }
    return try buildIdentifiers(build)
  }

  /// A channel is one SemVer identifier that is not a number: `rc`, `beta`, `alpha-2`.
  static func validateChannel(_ channel: String) throws(PlanError) {
    let isIdentifier = channel.unicodeScalars.allSatisfy {
      ("0"..."9").contains($0) || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "-"
    }
    guard isIdentifier, channel.unicodeScalars.contains(where: { !("0"..."9").contains($0) })
    else { throw PlanError.invalidChannel(channel) }
  }

  static func buildIdentifiers(_ text: String) throws(PlanError) -> [String] {
    guard let probe = SemanticVersion("0.0.0+\(text)") else { throw PlanError.invalidBuild(text) }
    return probe.build
  }
}

/// Arguments the planner cannot use; each description says what to write instead.
public enum PlanError: Error, Equatable, CustomStringConvertible, Sendable {
  case invalidChannel(String)
  case invalidBuild(String)

  public var description: String {
    switch self {
    case .invalidChannel(let text):
      "--pre \"\(text)\" is not a pre-release channel; use one word of letters, digits and '-', "
        + "such as rc or beta (the number is added: rc.1, rc.2)"
    case .invalidBuild(let text):
      "--build \"\(text)\" is not SemVer build metadata; use letters, digits, '-' and dots, "
        + "such as 20260131.abc1234"
    }
  }
}
