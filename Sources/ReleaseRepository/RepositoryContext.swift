import Foundation
import Git
import ReleaseCore

/// An open repository with its `.gitrelease` configuration: the one place where the git layer's
/// values become the domain's.
package final class RepositoryContext {
  package let repository: Repository
  package let configuration: Configuration

  /// The configuration file's name, at the repository root.
  package static let configurationFile = Configuration.fileName

  package init(_ repository: Repository) throws {
    self.repository = repository
    configuration = try Self.loadConfiguration(repository)
  }

  /// Reads `.gitrelease` from the work tree, or from HEAD's tree in a bare repository.
  package static func loadConfiguration(_ repository: Repository) throws -> Configuration {
    let name = configurationFile
    if let root = repository.workingDirectory {
      let path = root.appendingPathComponent(name).path
      // Not following links here: a link to nowhere is still a file someone meant to be read.
      guard (try? FileManager.default.attributesOfItem(atPath: path)) != nil else {
        return .defaults
      }
      let data = try RepositoryFiles.read(path, under: root, what: name, status: .configuration)
      return try parseConfiguration(text: String(decoding: data, as: UTF8.self), path: path)
    }
    guard let head = try? repository.head().commit else { return .defaults }
    return try configuration(inCommit: head, of: repository) ?? .defaults
  }

  /// Reads `.gitrelease` from a commit's tree; nil when the commit has none.
  package static func configuration(inCommit commit: ObjectID, of repository: Repository) throws
    -> Configuration?
  {
    guard let bytes = try repository.fileContents(at: configurationFile, inCommit: commit) else {
      return nil
    }
    // libgit2 reads configuration from files only: parse a private copy of the blob.
    let copy = FileManager.default.temporaryDirectory
      .appendingPathComponent("git-release-\(UUID().uuidString).gitrelease")
    try Data(bytes).write(to: copy, options: [.atomic])
    defer { try? FileManager.default.removeItem(at: copy) }
    return try parseConfiguration(text: String(decoding: bytes, as: UTF8.self), path: copy.path)
  }

  package static func parseConfiguration(text: String, path: String) throws -> Configuration {
    let name = configurationFile
    // A repository's own file must not pull other files in: refuse includes before libgit2 follows them.
    if let line = includeLine(in: text) {
      throw ConfigurationError(
        file: name, line: line,
        message: "include sections are not allowed in \(name); write the settings here instead")
    }
    let config: Config
    do {
      config = try Config(fileAt: path)
    } catch {
      // libgit2 names the private copy's path and the line; show the user's file name.
      throw ConfigurationError(
        file: name, line: nil, message: error.message.replacingOccurrences(of: path, with: name))
    }
    let entries = try config.entries().map {
      ConfigurationEntry(name: $0.name, value: $0.value, isBare: $0.isBare)
    }
    return try Configuration(file: name, entries: entries, text: text)
  }

  /// The line of the first `[include` or `[includeIf` anywhere in the text, whatever precedes it
  /// on its line (a form feed, a byte-order mark, another section header): libgit2 reads a
  /// section header in more places than a line's start, so this looks everywhere.
  package static func includeLine(in text: String) -> Int? {
    let bytes = Array(text.utf8)
    var line = 1
    for (index, byte) in bytes.enumerated() {
      if byte == UInt8(ascii: "\n") { line += 1 }
      guard byte == UInt8(ascii: "[") else { continue }
      var next = index + 1
      while next < bytes.count, [0x20, 0x09, 0x0B, 0x0C, 0x0D].contains(bytes[next]) { next += 1 }
      let word = bytes[next..<min(bytes.count, next + 7)].map { $0 | 0x20 }
      if word == Array("include".utf8) { return line }
    }
    return nil
  }

  // MARK: Tags

  /// The release tags of a namespace, read in one pass over the tag references. Tags that do not
  /// lead to a commit (a tag of a tree or a blob) are not releases and are left out.
  package func releaseTags(in namespace: TagNamespace) throws -> [ReleaseTag] {
    try Self.releaseTags(in: namespace, of: repository)
  }

  /// The same for any open repository: a thread that reads tags beside another's walk opens its
  /// own, as a repository handle serves one thread at a time.
  package static func releaseTags(in namespace: TagNamespace, of repository: Repository) throws
    -> [ReleaseTag]
  {
    try releaseTags(of: repository, version: namespace.version(ofTag:))
  }

  /// The one reader of release tags: the tags whose names `version` reads as a release, each
  /// with the commit it leads to (tags of trees and blobs are not releases). A release tag whose
  /// object is missing is an error, never skipped.
  static func releaseTags(
    of repository: Repository, version: (String) -> SemanticVersion?
  ) throws -> [ReleaseTag] {
    // Each name is parsed once: with thousands of tags the parse is a good part of the pass.
    var versions: [String: SemanticVersion] = [:]
    let references = try repository.tags { name in
      guard let version = version(name) else { return false }
      versions[name] = version
      return true
    }
    // A release tag whose objects are gone might be the highest release: never guess past it.
    if let broken = references.first(where: \.isMissingObject) {
      throw ReleaseFailure(
        .repository,
        "release tag \(broken.name) points at \(broken.targetID.hex), which is missing from the "
          + "repository, so the current release cannot be told. `git fsck` lists what is "
          + "missing; fetch it again (`git fetch --tags`) or delete the tag "
          + "(`git tag -d \(broken.name)`).")
    }
    return references.compactMap { tag in
      guard let commit = tag.commitID, let version = versions[tag.name] else { return nil }
      return ReleaseTag(
        name: tag.name, version: version, commit: commit.hex, isAnnotated: tag.isAnnotated)
    }
  }

  /// The commit HEAD points at; a clear error on an unborn branch.
  package func headCommit() throws -> ObjectID {
    switch try repository.head() {
    case .branch(_, let commit), .detached(let commit):
      return commit
    case .unborn(let name):
      let branch = name.hasPrefix("refs/heads/") ? String(name.dropFirst(11)) : name
      throw ReleaseFailure(
        .repository,
        "HEAD is on branch \(branch), which has no commits yet; commit something first")
    }
  }
}

extension CommitRecord {
  /// The domain's copy of a commit read by the git layer.
  package init(_ commit: Commit) { self.init(commit, sharing: { $0 }) }

  /// The same, with the author's name and address passed through `share`, so that a long walk
  /// can keep one copy of each author's name instead of one per commit. Notes keep no committer:
  /// sharing theirs would cost two lookups a commit and save nothing.
  package init(_ commit: Commit, sharing share: (String) -> String) {
    self.init(
      id: commit.id.hex,
      parents: commit.parentIDs.map(\.hex),
      author: Person(name: share(commit.author.name), email: share(commit.author.email)),
      authorDate: commit.author.time,
      authorOffsetMinutes: commit.author.offsetMinutes,
      committer: Person(name: commit.committer.name, email: commit.committer.email),
      commitDate: commit.committer.time,
      message: commit.message)
  }
}
