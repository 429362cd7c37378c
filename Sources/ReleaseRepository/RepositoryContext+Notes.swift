import Foundation
import Git
import GitHistory
import ReleaseCore

/// Release notes and the changelog read from the repository.
extension RepositoryContext {
  /// The forge that links point to: from `[notes] forge`, else from the URL of `[notes] remote`
  /// (`origin`); nil without a remote or for a host that is not a known forge.
  package func forge() throws -> Forge? {
    let settings = configuration.notes
    if settings.forge == .none { return nil }
    guard let url = try Config(of: repository).string("remote.\(settings.remote).url") else {
      return nil
    }
    if case .kind(let kind) = settings.forge { return Forge(remoteURL: url, kind: kind) }
    return Forge(remoteURL: url)
  }

  /// The release notes of a range as the user wrote it: nil for the unreleased commits (since
  /// the current release, under the version they will be released as), `A..B`, or one revision
  /// (a release tag `v1.3.0`: that release, from the release before it).
  package func releaseNotes(range: String?, package name: String? = nil, includeHidden: Bool = false)
    throws -> ReleaseNotes
  {
    let package = try package(named: name)
    guard let range else {
      let plan = try plan(preRelease: nil, build: nil, package: package)
      return releaseNotes(
        plan: plan, date: Self.today(), includeHidden: includeHidden, forge: try forge())
    }
    if repository.isShallow {
      throw shallowFailure(
        "the commits of \(range) may be beyond the cut", so: "its notes could leave some out")
    }
    let span = try resolveRange(range, tags: try releaseTags(in: namespace(for: package)))
    let commits = try commits(from: span.end, hiding: span.start, package: package)
    return ReleaseNotes(
      release: span.release, commits: commits, configuration: configuration, forge: try forge(),
      includeHidden: includeHidden)
  }

  /// Notes rendered as `git release notes` prints them: Markdown with the project's notes
  /// template (or `template`), or text as in a tag message. `publish` sends exactly this.
  package func renderedNotes(_ notes: ReleaseNotes, asText: Bool = false, template: String? = nil) throws
    -> String
  {
    let settings = configuration.notes
    return try notesTemplate(
      option: template, configured: asText ? settings.tagTemplate : settings.template,
      default: asText ? .tagMessage : .notes
    ).render(notes)
  }

  /// The notes of a plan's commits: what `git release tag` writes in the tag message of the
  /// release it plans.
  package func releaseNotes(plan: ReleasePlan, date: Date, includeHidden: Bool = false, forge: Forge?)
    -> ReleaseNotes
  {
    ReleaseNotes(
      release: ReleaseNotes.Release(plan: plan, date: date), commits: plan.commitRecords,
      configuration: configuration, forge: forge, includeHidden: includeHidden)
  }

  /// What a range names: its commits (`end` without `start`'s history) and the release they make.
  package struct NotesSpan {
    package var start: ObjectID?
    package var end: ObjectID
    package var release: ReleaseNotes.Release
  }

  package func resolveRange(_ range: String, tags: [ReleaseTag]) throws -> NotesSpan {
    let byName = Dictionary(tags.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    if range.contains("...") {
      throw ReleaseFailure(
        .usage, "\(range): release notes take a range A..B or one release tag, not A...B")
    }
    let parts = range.components(separatedBy: "..")
    guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) || parts.count == 2 else {
      throw ReleaseFailure(.usage, "\(range): write a range as A..B, or name one release tag")
    }
    let endName = parts.count == 2 && parts[1].isEmpty ? "HEAD" : parts[parts.count - 1]
    let end = try resolve(endName)
    // `HEAD` or a branch on a release tag names that release.
    let endTag =
      byName[endName]
      ?? tags.filter { $0.commit == end.hex }.max { $0.version < $1.version }
    var release = ReleaseNotes.Release(
      version: endTag?.version.description ?? "Unreleased", tag: endTag?.name, previous: nil,
      previousTag: nil,
      date: try endTag == nil && endName == "HEAD"
        ? Self.today() : repository.commit(end).committer.time)
    var start: ObjectID?
    if parts.count == 2 {
      let startName = parts[0].isEmpty ? "HEAD" : parts[0]
      start = try resolve(startName)
      if let startTag = byName[startName] {
        release.previous = startTag.version.description
        release.previousTag = startTag.name
      }
    } else if let previous = try previousRelease(
      before: endTag?.version, reachableFrom: end, tags: tags)
    {
      start = ObjectID(hex: previous.commit)
      release.previous = previous.version.description
      release.previousTag = previous.name
    }
    return NotesSpan(start: start, end: end, release: release)
  }

  /// A revision the user named, as a commit; a usage error that says what to check otherwise.
  package func resolve(_ revision: String) throws -> ObjectID {
    do {
      return try repository.resolveCommit(revision)
    } catch {
      if error.code == .peel {
        throw ReleaseFailure(
          .usage,
          "\(error.message); release notes are made of commits: name a release tag or a commit")
      }
      guard error.code == .notFound || error.code == .ambiguous || error.code == .invalidSpec
      else { throw error }
      throw ReleaseFailure(
        .usage,
        "\(revision): no such tag, branch or commit in this repository; "
          + "list release tags with `git tag --list`")
    }
  }

  /// The release before `bound`: the highest version below it among the tags reachable from
  /// `tip` (final releases only, unless `bound` is a pre-release). The walk stops once the best
  /// tag met outranks every candidate not met yet.
  package func previousRelease(
    before bound: SemanticVersion?, reachableFrom tip: ObjectID, tags: [ReleaseTag]
  )
    throws -> ReleaseTag?
  {
    let candidates = tags.filter { tag in
      guard let bound else { return !tag.version.isPreRelease }
      return tag.version < bound && (bound.isPreRelease || !tag.version.isPreRelease)
    }
    var search = HighestReachable(Self.highestFirst(candidates))
    guard !search.isEmpty else { return nil }
    // Newest first, reading as it goes: the answer does not depend on the order, and libgit2's
    // topological walk would read the whole history before its first commit.
    var walk = try AncestorWalk(repository, from: tip)
    while let id = try walk.next() {
      if search.meet(id) { break }
    }
    return search.best
  }

  // MARK: Changelog

  /// The notes of every release reachable from HEAD, newest first, from one walk of the history:
  /// each commit is read once and given to the first release that contains it.
  package func changelog(includeHidden: Bool = false) throws -> [ReleaseNotes] {
    var result: [ReleaseNotes] = []
    try changelog(includeHidden: includeHidden, rendering: { $0 }) { result.append($0) }
    return result
  }

  /// The whole history is what a changelog shows, and a shallow clone never has it: callers that
  /// write output before walking check this first.
  package func requireWholeHistory() throws {
    guard !repository.isShallow else {
      throw shallowFailure(
        "a changelog needs the whole history", so: "it would leave out every release before the cut"
      )
    }
  }

  /// The same, one release at a time, newest first, each passed through `render` before `each`
  /// gets it. A few releases at a time are built and rendered, on every core, then handed to
  /// `each` in order: a caller that writes them out never holds the whole changelog.
  ///
  /// The release tags are read on another thread while this one walks the history, and each
  /// commit's notes are made on a third while the walk reads on: the walk costs about what
  /// reading the objects costs.
  package func changelog<Rendered: Sendable>(
    includeHidden: Bool = false, rendering render: @escaping @Sendable (ReleaseNotes) -> Rendered,
    _ each: (Rendered) throws -> Void
  ) throws {
    try requireWholeHistory()
    let head = try headCommit()
    let namespace = configuration.release.namespace
    let path = repository.gitDirectory.path
    let earliestFirst = Concurrent {
      ReleaseTag.changelogReleases(try Self.releaseTags(in: namespace, of: Repository(at: path)))
    }
    // A few people write most commits: held once each, not once per commit.
    let people = SharedStrings()
    // Corrected messages, looked up by id; nil (no notes ref) costs nothing per commit.
    let corrections = try corrections()
    // Without a release tag there is no changelog: the walk stops as soon as that is known.
    let graph = try CommitGraph(
      repository, from: head, stoppingWhen: { earliestFirst.hasEnded(with: \.isEmpty) }
    ) { commit -> NotesCommit? in
      let record = CommitRecord(commit, sharing: people.share)
      guard let corrections, let message = corrections[commit.id] else {
        return NotesCommit(record)
      }
      return NotesCommit(record.corrected(to: message))
    }
    let releases = try earliestFirst.value()
    guard !releases.isEmpty, graph.isComplete else { return }

    // Each commit goes to the first release that contains it, by positions in the graph.
    let positions = releases.map { ObjectID(hex: $0.commit).flatMap(graph.position(of:)) }
    var assignment = ReleaseAssignment(
      count: graph.ids.count,
      tagged: positions.enumerated().compactMap { index, position in position.map { (index, $0) } })
    assignment.assign(order: graph.order, parents: graph.parents(of:))
    // Each release's commits, newest first, as positions in the graph.
    var buckets = [[Int32]](repeating: [], count: releases.count)
    for position in graph.order {
      if let index = assignment.release(at: position), graph.payloads[position] != nil {
        buckets[index].append(Int32(position))
      }
    }

    let forge = try forge()
    let configuration = configuration
    // Releases earliest first: of several on one commit, the earliest takes its commits alone.
    var taken = Set<Int>()
    let shown = releases.indices.filter { positions[$0].map { taken.insert($0).inserted } ?? false }
    // Newest first, a batch at a time: built and rendered on every core, written in order.
    var end = shown.count
    while end > 0 {
      let start = max(0, end - 64)
      let work = (start..<end).reversed().map { position in
        let index = shown[position]
        let tag = releases[index]
        let previous = position > 0 ? releases[shown[position - 1]] : nil
        let commits = buckets[index]
        buckets[index] = []  // the notes hold what they need: keep the peak low
        let release = ReleaseNotes.Release(
          version: tag.version.description, tag: tag.name,
          previous: previous?.version.description, previousTag: previous?.name,
          date: Date(timeIntervalSince1970: TimeInterval(graph.commitTimes[positions[index] ?? 0])))
        return (release, commits)
      }
      let rendered = ConcurrentMap.map(count: work.count) { item in
        let (release, commits) = work[item]
        return render(
          ReleaseNotes(
            release: release, notesCommits: commits.compactMap { graph.payloads[Int($0)] },
            configuration: configuration, forge: forge, includeHidden: includeHidden))
      }
      for section in rendered { try each(section) }
      end = start
    }
  }

  /// Today, or `SOURCE_DATE_EPOCH` when set, as reproducible builds define it.
  package static func today() -> Date {
    if let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"],
      let seconds = TimeInterval(text)
    {
      return Date(timeIntervalSince1970: seconds)
    }
    return Date()
  }
}
