import Foundation
import Git
import GitHistory
import ReleaseCore

/// The walks behind `current` and `next`: which release HEAD is on, and what came since.
///
/// Each answer costs one pass over the tag references and one walk of the history it needs:
/// no per-tag walk, no per-commit tag lookup.
extension RepositoryContext {
  /// The package named on the command line; nil when none is named.
  package func package(named name: String?) throws -> PackageSettings? {
    guard let name else { return nil }
    if let package = configuration.package(named: name) { return package }
    let known = configuration.packages.map(\.name)
    throw ReleaseFailure(
      .usage,
      "no package \"\(name)\" in \(Self.configurationFile); "
        + (known.isEmpty
          ? "add a [package \"\(name)\"] section with its path, or leave out --package"
          : "known packages: " + known.joined(separator: ", ")))
  }

  /// The release tags' namespace of a package, or of the repository when nil.
  package func namespace(for package: PackageSettings?) -> TagNamespace {
    package?.namespace ?? configuration.release.namespace
  }

  /// The highest-precedence release tag reachable from HEAD; nil when none is. On a release
  /// line, the highest of that line (or below it, before the line's first release).
  package func currentRelease(package: PackageSettings?) throws -> ReleaseTag? {
    try currentRelease(among: lineTags(releaseTags(in: namespace(for: package))))
  }

  /// The release line HEAD's branch is on; nil off a line or on a detached HEAD.
  package func releaseLine() throws -> ReleaseLine? {
    guard case .branch(let name, _) = try repository.head() else { return nil }
    return ReleaseLine.of(branch: name, configured: configuration.lines)
  }

  /// The tags that can be HEAD's current release: on a line, those below the line's end.
  package func lineTags(_ tags: [ReleaseTag]) throws -> [ReleaseTag] {
    guard let line = try releaseLine() else { return tags }
    return tags.filter { line.admitsAsCurrent($0.version) }
  }

  /// The highest-precedence tag of `tags` reachable from HEAD. The walk from HEAD stops as soon as
  /// the best tag met has precedence at least that of every tag not met yet, so on a linear
  /// history it usually ends at the first release tag.
  package func currentRelease(among tags: [ReleaseTag]) throws -> ReleaseTag? {
    let head = try headCommit()
    var search = HighestReachableRelease(tags) { ObjectID(hex: $0.commit) }
    if search.isEmpty && !repository.isShallow { return nil }
    var reachedCut = false
    try walkAncestors(of: head, sorting: .time) { id in
      !search.meet(id)
    } onCut: {
      reachedCut = true
    }
    // Before the cut, only a tag met that outranks every known one is a sure answer.
    if reachedCut && (search.best == nil || !search.isSettled) {
      throw shallowFailure(
        search.best.map {
          "\($0.name) is reachable, but a higher release tag may be beyond the cut"
        }
          ?? "no release tag was found before the cut")
    }
    return search.best
  }

  /// The commits in `base..HEAD` (everything reachable from HEAD when `base` is nil), newest
  /// first in topological order, merges and the commits they bring in included. With a package,
  /// only commits that change its path (compared with their first parent) are kept.
  package func commits(since base: ReleaseTag?, package: PackageSettings?) throws -> [CommitRecord] {
    guard let base else { return try commits(since: nil as ObjectID?, package: package) }
    guard let id = ObjectID(hex: base.commit) else {
      throw ReleaseFailure(.repository, "release tag \(base.name) does not name a commit id")
    }
    return try commits(since: id, package: package)
  }

  package func commits(since base: ObjectID?, package: PackageSettings?) throws -> [CommitRecord] {
    try commits(from: try headCommit(), hiding: base, package: package)
  }

  /// The commits reachable from `tip` and not from `base`, as `commits(since:package:)` gives
  /// those of HEAD: the release notes of a range `A..B` are read the same way.
  package func commits(from tip: ObjectID, hiding base: ObjectID?, package: PackageSettings?) throws
    -> [CommitRecord]
  {
    var ids: [ObjectID] = []
    var reachedCut = false
    try walkAncestors(of: tip, hiding: base, sorting: [.topological, .time]) { id in
      ids.append(id)
      return true
    } onCut: {
      reachedCut = true
    }
    if reachedCut {
      let end = try tip == headCommit() ? "HEAD" : String(tip.hex.prefix(12))
      throw shallowFailure(
        base.map { "commits between \($0.hex.prefix(12)) and \(end) are beyond the cut" }
          ?? "no release tag was found before the cut")
    }
    var records: [CommitRecord] = []
    records.reserveCapacity(ids.count)
    let corrections = try correctionsByID()
    var entries = PathEntries(repository: repository, path: package?.path)
    for id in ids {
      let commit = try repository.commit(id)
      if package != nil {
        let mine = try entries.entry(in: id)
        let parent = try commit.parentIDs.first.map { (parent) throws(GitError) in
          try entries.entry(in: parent)
        }
        guard mine != (parent ?? nil) else { continue }
      }
      records.append(CommitRecord(commit).applying(corrections))
    }
    return records
  }

  /// The next release of the repository, or of a package: current release, commits since, and
  /// the version and tag they lead to.
  /// With `vetting`, a version the line does not take or whose tag exists is refused (exit 1):
  /// the computed one, or the one named with `--as`.
  package func plan(
    preRelease: String?, build: String?, package: PackageSettings?, vetting: Vetting? = nil
  ) throws -> ReleasePlan {
    do {
      try ReleasePlanner.validate(preRelease: preRelease, build: build)
    } catch {
      throw ReleaseFailure(.usage, error.description)
    }
    let tags = try releaseTags(in: namespace(for: package))
    let line = try releaseLine()
    let current = try currentRelease(
      among: line.map { line in tags.filter { line.admitsAsCurrent($0.version) } } ?? tags)
    let commits = try commits(since: current, package: package)
    var planner = ReleasePlanner(configuration: configuration, package: package)
    if configuration.release.calendar != nil { planner.now = try Self.now() }
    var plan: ReleasePlan
    do {
      plan = try planner.plan(
        current: current, commits: commits, existingVersions: tags.map(\.version),
        preRelease: preRelease, build: build)
    } catch {
      throw ReleaseFailure(.usage, error.description)
    }
    plan.line = line
    if let vetting {
      try vet(plan, vetting, current: current, tags: tags, planner: planner)
    }
    return plan
  }

  /// Which version `plan(...vetting:)` checks.
  package enum Vetting {
    /// The computed next version.
    case computed
    /// The version given with `--as` (with or without the tag prefix).
    case requested(String)
  }

  /// Refuses a version the release line does not take, and a computed version whose tag exists
  /// on another branch, saying what to do.
  private func vet(
    _ plan: ReleasePlan, _ vetting: Vetting, current: ReleaseTag?, tags: [ReleaseTag],
    planner: ReleasePlanner
  ) throws {
    switch vetting {
    case .requested(let text):
      let prefix = planner.namespace.prefix
      let bare = !prefix.isEmpty && text.hasPrefix(prefix) ? text.dropFirst(prefix.count) : text[...]
      // An unreadable --as is the caller's usage error to report.
      guard let version = SemanticVersion(bare), let line = plan.line else { return }
      if let refusal = line.refusal(of: version, current: current?.name, cause: nil) {
        throw ReleaseFailure(.failure, "--as \(version): " + refusal)
      }
    case .computed:
      guard let next = plan.next else { return }
      if let line = plan.line {
        let belowOne = (current?.version.major ?? planner.initialVersion.major) == 0
        let cause = plan.commitRecords.first { commit in
          !plan.cancelledCommitIDs.contains(commit.id)
            && planner.bump(for: commit, belowOne: belowOne) > line.range.largestBump
        }.map { "commit \($0.id.prefix(12)) \"\($0.summary)\"" }
        if let refusal = line.refusal(of: next, current: current?.name, cause: cause) {
          throw ReleaseFailure(.failure, refusal)
        }
      }
      let bump: Bump =
        switch plan.bump {
        case .major: .major
        case .minor: .minor
        case .patch, .prerelease, .none: .patch
        }
      if let conflict = ReleaseLine.conflict(
        of: next, bump: bump, current: current, line: plan.line, existing: tags,
        namespace: planner.namespace)
      {
        throw ReleaseFailure(.failure, conflict)
      }
    }
  }

  /// The moment commands take as now: `GIT_COMMITTER_DATE` when set, as `git commit` and the
  /// events' times honour it, else the clock's.
  package static func now() throws -> Date {
    guard let text = ProcessInfo.processInfo.environment["GIT_COMMITTER_DATE"], !text.isEmpty
    else { return Date() }
    guard let parsed = GitDate.parse(text) else {
      throw ReleaseFailure(
        .usage,
        "GIT_COMMITTER_DATE \"\(text)\" is not a date git release can read; use the raw form "
          + "\"1700000000 +0100\" or ISO 8601 \"2026-01-31T12:00:00+01:00\"")
    }
    return parsed.time
  }

  // MARK: Walking

  /// Walks from `head` (without `hidden`'s history), calling `visit` until it returns false, and
  /// `onCut` when the walk meets a commit whose parents are missing (a shallow clone's cut).
  private func walkAncestors(
    of head: ObjectID, hiding hidden: ObjectID? = nil, sorting: RevisionWalk.Sorting,
    _ visit: (ObjectID) throws -> Bool, onCut: () -> Void
  ) throws {
    guard !repository.isShallow else {
      var walk = ShallowWalk(repository: repository)
      return try walk.walk(from: head, hiding: hidden, visit, onCut: onCut)
    }
    if hidden == nil, sorting == .time {
      // libgit2's walk reads the whole history before its first commit; this one reads as it
      // goes, so a walk that stops at the nearest release tag costs only what it passed.
      var walk = try AncestorWalk(repository, from: head)
      while let id = try walk.next() {
        guard try visit(id) else { return }
      }
      return
    }
    let walk = try RevisionWalk(repository, sorting: sorting)
    try walk.push(head)
    if let hidden { try walk.hide(hidden) }
    while let id = try walk.next() {
      guard try visit(id) else { return }
    }
  }

  package func shallowFailure(
    _ detail: String, so consequence: String = "the version cannot be told without guessing"
  ) -> ReleaseFailure {
    ReleaseFailure(
      .repository,
      "this is a shallow clone and its history is cut: \(detail), so \(consequence). Fetch the "
        + "whole history and the tags with `git fetch --unshallow --tags` (in GitHub Actions, "
        + "give actions/checkout `fetch-depth: 0`), then run again.")
  }
}

/// The tree entry at a path, per commit, each looked up once.
private struct PathEntries {
  let repository: Repository
  let path: String?
  var cache: [ObjectID: ObjectID?] = [:]

  init(repository: Repository, path: String?) {
    self.repository = repository
    self.path = path
  }

  mutating func entry(in commit: ObjectID) throws(GitError) -> ObjectID? {
    guard let path else { return nil }
    if let known = cache[commit] { return known }
    let entry = try repository.treeEntryID(at: path, inCommit: commit)
    cache[commit] = entry
    return entry
  }
}
