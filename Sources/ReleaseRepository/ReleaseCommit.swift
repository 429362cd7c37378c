import Foundation
import Git
import ReleaseCore

/// What `git release tag --commit` commits before it tags: the version files stamped with the
/// release's version and, with `[changelog] file`, the changelog with the release's section
/// added as `changelog --prepend` adds it. Everything is computed before anything is written.
package struct ReleaseCommit {
  /// A file of the commit and its new bytes.
  package struct Change {
    package let path: String
    package let url: URL
    package let bytes: [UInt8]
  }

  package let message: String
  /// Every file written, version files first.
  package let changes: [Change]
  /// What each version file held and will hold, for the report.
  package let stamped: [StampedFile]

  /// Refuses, before anything is written, a work tree or index with changes of their own: the
  /// release commit must hold the release's files and nothing else.
  package static func refuseChanges(in repository: Repository) throws {
    guard repository.workingDirectory != nil else {
      throw ReleaseFailure(
        .usage, "--commit needs a work tree; this repository is bare. Tag without --commit")
    }
    let changed = try repository.workTreeChanges()
    guard changed.isEmpty else {
      let list = changed.prefix(5).joined(separator: ", ") + (changed.count > 5 ? ", …" : "")
      throw ReleaseFailure(
        .failure,
        "the work tree has changes that HEAD does not have (\(list)); the release commit would "
          + "hold only the version files, and the tag would leave these out. Commit or stash "
          + "them (git stash), then tag. Nothing was written")
    }
  }

  /// The release commit of `version`, tagged `tag`, from the plan's commits.
  package static func prepare(
    _ context: RepositoryContext, plan: ReleasePlan, version: SemanticVersion, tag: String,
    date: Date
  ) throws -> ReleaseCommit {
    guard let root = context.repository.workingDirectory else {
      throw ReleaseFailure(.usage, "--commit needs a work tree; this repository is bare")
    }
    var changes: [Change] = []
    var stamped: [StampedFile] = []
    if !context.configuration.files.isEmpty {
      let (files, report) = try context.stampedVersionFiles(version.description)
      stamped = report
      changes += files.map { Change(path: $0.path, url: $0.url, bytes: $0.bytes) }
    }
    if let path = context.configuration.changelog.file,
      let bytes = try changelog(context, path: path, root: root, plan: plan, version: version,
        tag: tag, date: date)
    {
      changes.append(
        Change(path: path, url: root.appendingPathComponent(path).resolvingSymlinksInPath(),
          bytes: bytes))
    }
    guard !changes.isEmpty else {
      throw ReleaseFailure(
        .configuration,
        "--commit has nothing to commit: \(RepositoryContext.configurationFile) names no "
          + "version file ([file \"PATH\"]) and no changelog ([changelog] file = CHANGELOG.md), "
          + "or they already hold \(version)")
    }
    return ReleaseCommit(
      message: ReleaseCommitMessage.message(tag: tag), changes: changes, stamped: stamped)
  }

  /// The changelog with the release's section added; nil when it already has one.
  private static func changelog(
    _ context: RepositoryContext, path: String, root: URL, plan: ReleasePlan,
    version: SemanticVersion, tag: String, date: Date
  ) throws -> [UInt8]? {
    let file = root.appendingPathComponent(path)
    let exists = (try? FileManager.default.attributesOfItem(atPath: file.path)) != nil
    let text =
      exists
      ? String(
        decoding: try RepositoryFiles.read(
          file.path, under: root, what: "[changelog] file", status: .configuration),
        as: UTF8.self) : nil
    let notes = ReleaseNotes(
      release: ReleaseNotes.Release(
        version: version.description, tag: tag, previous: plan.current?.description,
        previousTag: plan.currentTag, date: date),
      commits: plan.commitRecords, configuration: context.configuration,
      forge: try context.forge())
    let template = try context.notesTemplate(
      option: nil, configured: context.configuration.notes.changelogTemplate, default: .changelog)
    let forgeURL = try context.forge()?.url
    guard let text else {
      return Array(
        try template.render(ChangelogModel(header: true, repositoryURL: forgeURL, releases: [notes]))
          .utf8)
    }
    var document = ChangelogDocument(
      text: text, namespace: context.configuration.release.namespace)
    if document.versions.contains(version) { return nil }
    var section = try template.render(
      ChangelogModel(header: false, repositoryURL: forgeURL, releases: [notes]))
    while section.hasPrefix("\n") { section.removeFirst() }
    document.insert(section, version: version)
    return Array(document.text.utf8)
  }

  /// Writes the files (all or none), then commits them with git; returns the new commit.
  package func write(to repository: Repository) throws -> ObjectID {
    try VersionFile.write(changes.map { (url: $0.url, bytes: $0.bytes) })
    let paths = changes.map(\.path)
    let added = try run(["add", "--"] + paths, in: repository)
    let committed =
      try added == 0
      ? run(["commit", "-q", "--cleanup=verbatim", "-m", message, "--"] + paths, in: repository)
      : added
    guard committed == 0 else {
      throw ReleaseFailure(
        .failure,
        "git could not commit the release files (exit \(committed); git's message is above). "
          + "They are written in the work tree and no tag was made: fix the cause and commit "
          + "them, or restore them with git checkout -- " + paths.joined(separator: " "))
    }
    return try repository.resolveCommit("HEAD")
  }

  private func run(_ arguments: [String], in repository: Repository) throws -> Int32 {
    do {
      return try GitProcess.run(arguments, in: repository)
    } catch {
      throw ReleaseFailure(
        .failure,
        "git could not be started to commit the release files: \(error.localizedDescription)")
    }
  }
}
