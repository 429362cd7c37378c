import Foundation
import Git
import ReleaseCore
import ReleaseRendering

/// What every environment command needs: the repository, its environments, the trail store,
/// and who is acting.
package struct EnvironmentContext {
  package let context: RepositoryContext
  package let environments: [EnvironmentSettings]
  package let store: EnvironmentStore

  package var repository: Repository { context.repository }

  package init(_ repository: Repository) throws {
    context = try RepositoryContext(repository)
    environments = try EnvironmentSettings.all(context.configuration.reader)
    store = EnvironmentStore(repository: context.repository)
  }

  /// The settings of a configured environment, or an error listing the configured ones.
  package func settings(_ name: String) throws -> EnvironmentSettings {
    if let settings = environments.first(where: { $0.name == name }) { return settings }
    let known = environments.map(\.name)
    throw ReleaseFailure(
      .usage,
      "environment \"\(name)\" is not configured; "
        + (known.isEmpty
          ? "\(RepositoryContext.configurationFile) declares none. "
          : "\(RepositoryContext.configurationFile) declares \(known.joined(separator: ", ")). ")
        + "Declare it with [environment \"\(name)\"] in \(RepositoryContext.configurationFile).")
  }

  /// The settings of an environment for an event: the policy's when the policy requires
  /// signatures there (so a work-tree edit of its gates grants nothing), else the work tree's.
  package func settings(_ name: String, policy: TrustPolicy) throws -> EnvironmentSettings {
    if policy.requiresSignatures(name), let settings = policy.settings(name) { return settings }
    return try settings(name)
  }

  /// Who acts, as git would record them: user.name/user.email, or GIT_COMMITTER_NAME/EMAIL.
  /// Its time is the moment of the event (GIT_COMMITTER_DATE pins it, as it does for commits).
  package func actor() throws -> Signature {
    guard
      let identity = try repository.committerIdentity(
        environment: ProcessInfo.processInfo.environment)
    else {
      throw ReleaseFailure(
        .failure,
        "who is acting? git release records a name and email with every event; set them with "
          + "git config user.name and git config user.email (or GIT_COMMITTER_NAME and "
          + "GIT_COMMITTER_EMAIL)")
    }
    return identity
  }

  /// The moment an `--at` option names; without one, `now` (the actor's time), else the clock's.
  package static func moment(_ at: String?, otherwise now: Date?) throws -> Date {
    guard let at else { return now ?? Date() }
    guard let parsed = LocalTime.parse(at) else {
      throw ReleaseFailure(
        .usage,
        "--at \"\(at)\" is not a time; write 2026-12-01T09:30:00+10:30, 2026-12-01T00:00Z "
          + "or \"2026-12-01 09:30 Australia/Adelaide\"")
    }
    return parsed
  }

  /// The tag namespaces whose tags are releases: the repository's and each package's.
  package var namespaces: [TagNamespace] {
    [context.configuration.release.namespace] + context.configuration.packages.map(\.namespace)
  }

  package func isReleaseTag(_ name: String) -> Bool {
    namespaces.contains { $0.version(ofTag: name) != nil }
  }

  /// Facts about the named tags (and, with `allReleases`, every release tag), in one pass over
  /// the tags; names that are not there are tags that do not exist.
  package func tagFacts(_ names: Set<String>, allReleases: Bool = false) throws -> [String: TagFacts] {
    let tags = try repository.tags { name in
      names.contains(name) || (allReleases && isReleaseTag(name))
    }
    var facts: [String: TagFacts] = [:]
    for tag in tags {
      facts[tag.name] = TagFacts(
        name: tag.name, commit: tag.commitID?.hex, isReleaseTag: isReleaseTag(tag.name))
    }
    return facts
  }

  /// Every environment as `status` shows it: what runs, its rollback target, and what waits with
  /// the gates that would refuse it at `time` if `viewer` promoted it.
  package func overview(viewer: CommitRecord.Person, time: Date) throws -> [EnvironmentOverview] {
    let names = environments.map(\.name) + (try store.recordedEnvironments())
    var chains = try chains(names)
    let running = Set(chains.values.compactMap { $0.state.current?.tag })
    let facts = try tagFacts(running, allReleases: true)
    // The repository's own release line is what enters the first environment.
    let namespace = context.configuration.release.namespace
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
      try store.loadRecords(candidates, into: &chain.state, from: chain.base)
      chains[name] = chain
    }
    return EnvironmentOverview.all(
      settings: environments, states: chains.mapValues(\.state), releases: releases, tags: facts,
      viewer: viewer, time: time, blocked: try store.readBlocks().state.blocked)
  }

  /// Chains of several environments, read once each, with the records of `releases`.
  package func chains(_ names: [String], releases: Set<String> = []) throws
    -> [String: EnvironmentStore.Chain]
  {
    var result: [String: EnvironmentStore.Chain] = [:]
    for name in names where result[name] == nil {
      result[name] = try store.read(name, releases: releases)
    }
    return result
  }

  /// The commits in `to` that `from` lacks, newest first, at most `limit`; with no `from`, none
  /// (a first release has no "before" to compare with). The count is of all of them.
  package func changes(from: String?, to: String, limit: Int = 200) throws -> (
    entries: [ChangeEntry], total: Int
  ) {
    var entries: [ChangeEntry] = []
    var total = 0
    try eachChange(from: from, to: to) { id, read in
      total += 1
      if entries.count < limit {
        entries.append(ChangeEntry(id: id.hex, summary: String(try read().summary)))
      }
    }
    return (entries, total)
  }

  /// The commits a promotion brought to an environment, with their committer times: those of
  /// the release promoted that the release running before lacked. None for a first promotion.
  package func arrivals(_ span: PromotionSpan) throws -> [CommitTime] {
    var result: [CommitTime] = []
    try eachChange(from: span.from, to: span.to) { id, read in
      result.append(CommitTime(commit: id.hex, time: try read().committer.time))
    }
    return result
  }

  /// Calls `body` with each commit `to` has and `from` lacks, newest first, and a way to read
  /// it; nothing without a `from`, or when either commit is not in the repository.
  private func eachChange(
    from: String?, to: String, _ body: (ObjectID, () throws -> Commit) throws -> Void
  ) throws {
    guard let from, from != to, let start = ObjectID(hex: from), let end = ObjectID(hex: to),
      repository.contains(start), repository.contains(end)
    else { return }
    let walk = try RevisionWalk(repository, sorting: [.topological, .time])
    try walk.push(end)
    try walk.hide(start)
    while let id = try walk.next() {
      try body(id) { try walk.commit(id) }
    }
  }
}
