import Foundation
import Git
import ReleaseCore

/// What every environment command needs: the repository, its environments, the trail store,
/// and who is acting.
struct EnvironmentContext {
  let context: RepositoryContext
  let environments: [EnvironmentSettings]
  let store: EnvironmentStore

  var repository: Repository { context.repository }

  init(_ options: RepositoryOptions) throws {
    context = try RepositoryContext(options.open())
    environments = try EnvironmentSettings.all(context.configuration.reader)
    store = EnvironmentStore(repository: context.repository)
  }

  /// The settings of a configured environment, or an error listing the configured ones.
  func settings(_ name: String) throws -> EnvironmentSettings {
    if let settings = environments.first(where: { $0.name == name }) { return settings }
    let known = environments.map(\.name)
    throw CommandFailure(
      .usage,
      "environment \"\(name)\" is not configured; "
        + (known.isEmpty
          ? "\(RepositoryContext.configurationFile) declares none. "
          : "\(RepositoryContext.configurationFile) declares \(known.joined(separator: ", ")). ")
        + "Declare it with [environment \"\(name)\"] in \(RepositoryContext.configurationFile).")
  }

  /// Who acts, as git would record them: user.name/user.email, or GIT_COMMITTER_NAME/EMAIL.
  /// Its time is the moment of the event (GIT_COMMITTER_DATE pins it, as it does for commits).
  func actor() throws -> Signature {
    guard
      let identity = try repository.committerIdentity(
        environment: ProcessInfo.processInfo.environment)
    else {
      throw CommandFailure(
        .failure,
        "who is acting? git release records a name and email with every event; set them with "
          + "git config user.name and git config user.email (or GIT_COMMITTER_NAME and "
          + "GIT_COMMITTER_EMAIL)")
    }
    return identity
  }

  /// The moment an `--at` option names; without one, `now` (the actor's time), else the clock's.
  static func moment(_ at: String?, otherwise now: Date?) throws -> Date {
    guard let at else { return now ?? Date() }
    guard let parsed = LocalTime.parse(at) else {
      throw CommandFailure(
        .usage,
        "--at \"\(at)\" is not a time; write 2026-12-01T09:30:00+10:30, 2026-12-01T00:00Z "
          + "or \"2026-12-01 09:30 Australia/Adelaide\"")
    }
    return parsed
  }

  /// The tag namespaces whose tags are releases: the repository's and each package's.
  var namespaces: [TagNamespace] {
    [context.configuration.release.namespace] + context.configuration.packages.map(\.namespace)
  }

  func isReleaseTag(_ name: String) -> Bool {
    namespaces.contains { $0.version(ofTag: name) != nil }
  }

  /// Facts about the named tags (and, with `allReleases`, every release tag), in one pass over
  /// the tags; names that are not there are tags that do not exist.
  func tagFacts(_ names: Set<String>, allReleases: Bool = false) throws -> [String: TagFacts] {
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

  /// Chains of several environments, read once each, with the records of `releases`.
  func chains(_ names: [String], releases: Set<String> = []) throws
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
  func changes(from: String?, to: String, limit: Int = 200) throws -> (
    entries: [ChangeEntry], total: Int
  ) {
    guard let from, from != to, let start = ObjectID(hex: from), let end = ObjectID(hex: to),
      repository.contains(start), repository.contains(end)
    else { return ([], 0) }
    let walk = try RevisionWalk(repository, sorting: [.topological, .time])
    try walk.push(end)
    try walk.hide(start)
    var entries: [ChangeEntry] = []
    var total = 0
    while let id = try walk.next() {
      total += 1
      if entries.count < limit {
        let commit = try walk.commit(id)
        entries.append(ChangeEntry(id: id.hex, summary: String(commit.summary)))
      }
    }
    return (entries, total)
  }
}

extension EnvironmentContext {
  /// The release notes of the commits `to` has and `from` lacks, rendered with the project's
  /// notes template (as `git release notes` renders them); with no `from`, the notes of the
  /// release `tag` itself. Nil, with a warning, when they cannot be made (a shallow clone, say):
  /// the list of changes still says what changed.
  func releaseNotes(from: String?, to: String, tag: String) -> String? {
    do {
      let notes = try context.releaseNotes(range: from.map { "\($0)..\(to)" } ?? tag)
      return try context.notesTemplate(
        option: nil, configured: context.configuration.notes.template, default: .notes
      ).render(notes)
    } catch {
      let message = ErrorReport.ownDescription(error)?.1 ?? "\(error)"
      EnvironmentOutput.printError("git release: warning: no release notes: \(message)")
      return nil
    }
  }
}

/// A commit that changes what runs, as promote, rollback and diff list them.
struct ChangeEntry: Codable {
  let id: String
  let summary: String
}
