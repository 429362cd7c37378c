import Foundation
import Git
import ReleaseCore

/// The checks behind `git release check`: reads what they need from the repository in one pass
/// each (tags once, one commit walk) and leaves the judging to ReleaseCore's rules.
package struct RepositoryChecks {
  package let context: RepositoryContext
  package let settings: CheckSettings
  package let rules: CommitMessageRules
  package let namespaces: [TagNamespace]
  /// Corrected messages (`git release amend`), read instead of the commits' own.
  package let corrections: [String: String]?

  /// How many of each thing were looked at, for `--json` and the summary line.
  package struct Counts: Encodable, Equatable {
    package var commits = 0
    package var tags = 0
    package var environments = 0

    package init(commits: Int = 0, tags: Int = 0, environments: Int = 0) {
      self.commits = commits
      self.tags = tags
      self.environments = environments
    }
  }

  package init(_ context: RepositoryContext) throws {
    self.context = context
    settings = try CheckSettings(context.configuration)
    rules = CommitMessageRules(settings: settings, configuration: context.configuration)
    let configuration = context.configuration
    namespaces =
      [configuration.release.namespace]
      + configuration.packages.map(\.namespace)
    corrections = try context.correctionsByID()
  }

  package var repository: Repository { context.repository }

  // MARK: Commits

  /// Judges one commit message; nil when it passes.
  package func finding(forCommit record: CommitRecord) -> CheckFinding? {
    let subject = "commit \(record.id.prefix(7)) \"\(record.summary)\""
    switch rules.verdict(message: record.message, isMerge: record.isMerge) {
    case .conforms, .exempt:
      return nil
    case .fixup:
      return CheckFinding(
        subject: subject,
        reason: "is a fixup commit; fold it in with git rebase -i --autosquash before pushing",
        level: settings.fixups)
    case .violates(let reason):
      return CheckFinding(subject: subject, reason: reason, level: settings.commits)
    }
  }

  /// Walks the commits reachable from `tips` but not from `hidden`, once, judging each.
  package func checkCommits(
    tips: [ObjectID], hidden: [ObjectID], range: String? = nil, counts: inout Counts
  ) throws -> [CheckFinding] {
    guard settings.commits != .off || settings.fixups != .off else { return [] }
    guard !tips.isEmpty || range != nil else { return [] }
    return try readingHistory {
      try walkCommits(tips: tips, hidden: hidden, range: range, counts: &counts)
    }
  }

  private func walkCommits(
    tips: [ObjectID], hidden: [ObjectID], range: String?, counts: inout Counts
  ) throws -> [CheckFinding] {
    let walk = try RevisionWalk(repository, sorting: [.topological, .time, .reverse])
    if let range {
      if range.contains("..") {
        try walk.push(range: range)
      } else {
        try walk.push(repository.resolveCommit(range))
      }
    }
    for tip in tips { try walk.push(tip) }
    for id in hidden where repository.contains(id) { try walk.hide(id) }
    var findings: [CheckFinding] = []
    while let id = try walk.next() {
      counts.commits += 1
      let record = CommitRecord(try walk.commit(id)).applying(corrections)
      if let finding = finding(forCommit: record) {
        findings.append(finding)
      }
    }
    return findings
  }

  /// Commits of every release tag, in one pass over the tags: released history is not re-judged.
  package func releasedCommits(excluding names: Set<String> = []) throws -> [ObjectID] {
    try releaseTags().filter { !names.contains($0.name) }.compactMap { ObjectID(hex: $0.commit) }
  }

  /// Every release tag of every namespace, read in one pass over the tag references.
  package func releaseTags() throws -> [ReleaseTag] {
    let namespaces = self.namespaces
    return try RepositoryContext.releaseTags(of: repository) { name in
      guard case .release(_, let version) = ReleaseTagRules.classify(name, namespaces: namespaces)
      else { return nil }
      return version
    }
  }

  /// Runs a walk, turning a commit missing behind a shallow clone's cut into an error that says so.
  package func readingHistory<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch {
      guard let git = error as? GitError, git.code == .notFound, repository.isShallow else {
        throw error
      }
      throw context.shallowFailure(
        "the commits this check reads go past the cut (\(git.message))",
        so: "they cannot be checked")
    }
  }

  // MARK: Pushes

  /// Checks what a push sends: the commits new to the remote, release tags, environment refs.
  package func checkPush(_ updates: [PushUpdate], remote: String, counts: inout Counts) throws
    -> [CheckFinding]
  {
    var findings: [CheckFinding] = []
    var tips: [ObjectID] = []
    var hidden: [ObjectID] = []
    var pushedTags: Set<String> = []
    var tagUpdates: [(PushUpdate, String)] = []
    for update in updates {
      if let old = ObjectID(hex: update.remoteID), !update.isCreation { hidden.append(old) }
      if update.remoteRef.hasPrefix(EnvironmentRefRules.prefix) {
        counts.environments += 1
        findings += try checkEnvironment(update, remote: remote)
        continue
      }
      if update.remoteRef.hasPrefix("refs/tags/") {
        let name = String(update.remoteRef.dropFirst("refs/tags/".count))
        if !update.isDeletion { pushedTags.insert(name) }
        tagUpdates.append((update, name))
      }
      if update.remoteRef == MessageCorrection.notesReference, !update.isDeletion {
        findings += try checkCorrections(update)
      }
      // Notes commits carry git's own messages; a deletion brings no commits.
      if update.remoteRef.hasPrefix("refs/notes/") || update.isDeletion { continue }
      // A tag of a tree or a blob has no commits to check.
      if let id = ObjectID(hex: update.localID), let commit = try? repository.resolveCommit(id.hex)
      {
        tips.append(commit)
      }
    }
    var tags: [ReleaseTag]?
    for (update, name) in tagUpdates {
      let kind = ReleaseTagRules.classify(name, namespaces: namespaces)
      if case .notRelease = kind { continue }
      counts.tags += 1
      if tags == nil { tags = try releaseTags() }
      findings += try checkTag(update, name: name, kind: kind, releases: tags ?? [])
    }
    if !tips.isEmpty {
      // What the remote has, as far as this repository knows, is not new: its tracking refs.
      let tracking = try repository.references(matching: "refs/remotes/\(remote)/*")
      hidden += tracking.compactMap(\.objectID)
      // Knowing nothing of the remote (a first push), released history at least is not new.
      if hidden.isEmpty {
        if tags == nil { tags = try releaseTags() }
        hidden += (tags ?? []).filter { !pushedTags.contains($0.name) }
          .compactMap { ObjectID(hex: $0.commit) }
      }
      findings += try checkCommits(tips: tips, hidden: hidden, counts: &counts)
    }
    return findings
  }

  /// Each correction a push of refs/notes/release adds or changes must be a Conventional Commit
  /// about a commit of this repository.
  package func checkCorrections(_ update: PushUpdate) throws -> [CheckFinding] {
    guard settings.commits != .off, let new = ObjectID(hex: update.localID) else { return [] }
    let pushed = try repository.notes(atCommit: new)
    var before: [ObjectID: [UInt8]] = [:]
    if !update.isCreation, let old = ObjectID(hex: update.remoteID), repository.contains(old) {
      before = try repository.notes(atCommit: old)
    }
    var findings: [CheckFinding] = []
    for (commit, note) in pushed.sorted(by: { $0.key.hex < $1.key.hex })
    where before[commit] != note {
      let exists = (try? repository.commit(commit)) != nil
      guard
        let problem = MessageCorrection.problem(
          note: note, commit: commit.hex, commitExists: exists),
        let finding = CheckFinding(
          subject: "correction of \(commit.hex.prefix(7)) in \(MessageCorrection.notesReference)",
          reason: problem, level: settings.commits)
      else { continue }
      findings.append(finding)
    }
    return findings
  }

  /// An environment ref must only move forward, and each event it gains must have passed its
  /// gates as recorded.
  package func checkEnvironment(_ update: PushUpdate, remote: String) throws -> [CheckFinding] {
    let ancestry: EnvironmentRefRules.Ancestry
    if update.isDeletion {
      ancestry = .deletion
    } else if update.isCreation {
      ancestry = .creation
    } else if update.localID == update.remoteID {
      ancestry = .unchanged
    } else if let old = ObjectID(hex: update.remoteID), let new = ObjectID(hex: update.localID),
      repository.contains(old)
    {
      ancestry = try repository.isDescendant(new, of: old) ? .descendant : .rewrite
    } else {
      ancestry = .unknownRemoteValue
    }
    if let reason = EnvironmentRefRules.problem(ancestry, remote: remote) {
      return [CheckFinding(subject: update.remoteRef, reason: reason, level: settings.environments)]
        .compactMap { $0 }
    }
    guard ancestry == .creation || ancestry == .descendant, settings.environments != .off,
      let new = ObjectID(hex: update.localID)
    else { return [] }
    let old = ancestry == .creation ? nil : ObjectID(hex: update.remoteID)
    let recorded = try checkEvents(from: new, after: old, reference: update.remoteRef)
    // Then what the server's hook checks: signatures, signers, and the gates evaluated again.
    let environment = String(update.remoteRef.dropFirst(EnvironmentRefRules.prefix.count))
    let policy = try TrustPolicy.load(repository)
    let report = try TrailVerifier(repository, policy: policy).verify(
      environment, tip: new, since: old)
    let flagged = Set(recorded.map(\.subject))
    let verified = report.problems.compactMap { problem -> CheckFinding? in
      let subject = "\(update.remoteRef) event \(problem.id.prefix(7))"
      guard !flagged.contains(subject) else { return nil }
      return CheckFinding(subject: subject, reason: problem.reason, level: settings.environments)
    }
    return recorded + verified
  }

  /// Reads the events the push adds (one walk) and the tags they name (one pass).
  private func checkEvents(from new: ObjectID, after old: ObjectID?, reference: String) throws
    -> [CheckFinding]
  {
    let environment = String(reference.dropFirst(EnvironmentRefRules.prefix.count))
    let walk = try RevisionWalk(repository, sorting: [.topological, .reverse])
    try walk.push(new)
    if let old { try walk.hide(old) }
    var events: [EnvironmentRefRules.PushedEvent] = []
    try readingHistory {
      while let id = try walk.next() {
        let commit = try walk.commit(id)
        events.append(
          .init(id: id.hex, parentCount: commit.parentIDs.count, message: commit.message))
      }
    }
    let named = Set(events.compactMap { EnvironmentEvent(message: $0.message)?.tag })
    var tagCommits: EnvironmentRefRules.TagCommits = [:]
    if !named.isEmpty {
      for tag in try repository.tags(where: { named.contains($0) }) {
        if let commit = tag.commitID { tagCommits[tag.name] = commit.hex }
      }
    }
    return events.flatMap { event in
      EnvironmentRefRules.problems(of: event, environment: environment, tagCommits: tagCommits)
        .compactMap {
          CheckFinding(
            subject: "\(reference) event \(event.id.prefix(7))", reason: $0,
            level: settings.environments)
        }
    }
  }

  package func checkTag(
    _ update: PushUpdate, name: String, kind: ReleaseTagRules.Kind, releases: [ReleaseTag]
  ) throws -> [CheckFinding] {
    let subject = "tag \(name)"
    func found(_ reason: String) -> CheckFinding? {
      CheckFinding(subject: subject, reason: reason, level: settings.tags)
    }
    switch kind {
    case .notRelease:
      return []
    case .malformed(let reason):
      return update.isDeletion ? [] : found(reason).map { [$0] } ?? []
    case .release(let namespace, let version):
      if update.isDeletion {
        return found("deletes a published release; release tags are never deleted").map { [$0] }
          ?? []
      }
      guard let id = ObjectID(hex: update.localID) else { return [] }
      let recordedName = try? repository.annotatedTag(id).name
      guard let commit = try? repository.resolveCommit(id.hex) else {
        return found("does not lead to a commit; a release tags a commit").map { [$0] } ?? []
      }
      let previous = try releaseBefore(
        commit, version: version, name: name,
        candidates: releases.filter { namespace.version(ofTag: $0.name) != nil })
      var problems = ReleaseTagRules.problems(
        name: name, version: version, recordedName: recordedName,
        remoteHadOther: !update.isCreation && update.remoteID != update.localID,
        previous: previous)
      if namespace == context.configuration.release.namespace {
        problems += versionFileProblems(at: commit, version: version)
      }
      return problems.compactMap(found)
    }
  }

  /// What `stamp --check` would say of the tagged commit's version files: one sentence per file
  /// that does not hold the tag's version or cannot be read.
  package func versionFileProblems(at commit: ObjectID, version: SemanticVersion) -> [String] {
    let expected = version.description
    return context.configuration.files.compactMap { settings -> String? in
      let bytes: [UInt8]
      do {
        guard let found = try repository.fileContents(at: settings.path, inCommit: commit) else {
          return "version file \(settings.path) is not in the tagged commit"
        }
        bytes = found
      } catch {
        return "version file \(settings.path) cannot be read: \(error)"
      }
      do {
        let location = try VersionFile.locate(settings, in: bytes)
        guard location.value != expected else { return nil }
        return "\(settings.path):\(location.line) holds \(location.value), not \(expected); "
          + "stamp the files before tagging (git release stamp), or tag with git release tag "
          + "--commit"
      } catch {
        return "\(error)"
      }
    }
  }

  /// The highest release with at least `version`'s precedence in `commit`'s history (the commit
  /// included); nil when there is none. One walk, and none when no release is that high.
  package func releaseBefore(
    _ commit: ObjectID, version: SemanticVersion, name: String, candidates: [ReleaseTag]
  ) throws -> ReleaseTag? {
    var byCommit: [String: [ReleaseTag]] = [:]
    for tag in candidates where tag.name != name && tag.version.comparePrecedence(to: version) >= 0
    {
      byCommit[tag.commit, default: []].append(tag)
    }
    guard !byCommit.isEmpty else { return nil }
    return try readingHistory { try highestRelease(in: byCommit, before: commit) }
  }

  private func highestRelease(in byCommit: [String: [ReleaseTag]], before commit: ObjectID) throws
    -> ReleaseTag?
  {
    var best: ReleaseTag?
    var remaining = byCommit.count
    let walk = try RevisionWalk(repository)
    try walk.push(commit)
    while remaining > 0, let id = try walk.next() {
      guard let tags = byCommit[id.hex] else { continue }
      remaining -= 1
      for tag in tags where best.map({ $0.version < tag.version }) ?? true { best = tag }
    }
    return best
  }
}
