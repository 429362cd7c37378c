import Clibgit2
import Foundation

/// An open git repository. Owns its libgit2 handle; everything read from it is copied out as values.
///
/// Not safe to use from several threads at once: each thread opens its own.
public final class Repository {
  package let handle: OpaquePointer

  /// Opens the repository at `path` exactly (a work tree, its `.git` folder, or a bare repository).
  public init(at path: String) throws(GitError) {
    Library.ensureInitialized()
    var pointer: OpaquePointer?
    try check(
      git_repository_open_ext(&pointer, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil),
      "git_repository_open_ext")
    handle = try Self.unwrap(pointer, "git_repository_open_ext")
  }

  /// Opens the repository that contains `path`, searching upwards as git does (work trees, linked
  /// work trees, bare repositories, and any sub-folder of them). Honours `GIT_CEILING_DIRECTORIES`.
  public init(discoveringFrom path: String) throws(GitError) {
    Library.ensureInitialized()
    var pointer: OpaquePointer?
    let ceiling = ProcessInfo.processInfo.environment["GIT_CEILING_DIRECTORIES"]
    try check(
      git_repository_open_ext(&pointer, path, 0, ceiling),
      "git_repository_open_ext")
    handle = try Self.unwrap(pointer, "git_repository_open_ext")
  }

  /// Opens the repository git's environment names, as a hook runs: `GIT_DIR`, and the object
  /// folders (`GIT_OBJECT_DIRECTORY`, `GIT_ALTERNATE_OBJECT_DIRECTORIES`) through which a
  /// pre-receive hook sees the objects of a push still in quarantine; without `GIT_DIR`, the
  /// repository that contains `path`.
  public init(fromEnvironmentOr path: String) throws(GitError) {
    Library.ensureInitialized()
    var pointer: OpaquePointer?
    try check(
      git_repository_open_ext(&pointer, path, GIT_REPOSITORY_OPEN_FROM_ENV.rawValue, nil),
      "git_repository_open_ext")
    handle = try Self.unwrap(pointer, "git_repository_open_ext")
  }

  deinit { git_repository_free(handle) }

  package static func unwrap(_ pointer: OpaquePointer?, _ function: StaticString) throws(GitError)
    -> OpaquePointer
  {
    guard let pointer else {
      throw GitError(code: .other(-1), message: "\(function) returned no object", function: "\(function)")
    }
    return pointer
  }

  /// Makes a handle through a libgit2 constructor, checking its result in the one funnel.
  package func makeHandle(
    _ function: StaticString, _ body: (inout OpaquePointer?) -> Int32
  ) throws(GitError) -> OpaquePointer {
    var pointer: OpaquePointer?
    try check(body(&pointer), function)
    return try Self.unwrap(pointer, function)
  }

  /// The `.git` folder (for a linked work tree, its own folder under `worktrees/`).
  public var gitDirectory: URL {
    URL(fileURLWithPath: String(cString: git_repository_path(handle)), isDirectory: true)
  }

  /// The folder shared by all work trees: where refs, objects and config live.
  public var commonDirectory: URL {
    URL(fileURLWithPath: String(cString: git_repository_commondir(handle)), isDirectory: true)
  }

  /// The work tree's root folder; nil for a bare repository.
  public var workingDirectory: URL? {
    git_repository_workdir(handle).map {
      URL(fileURLWithPath: String(cString: $0), isDirectory: true)
    }
  }

  public var isBare: Bool { git_repository_is_bare(handle) == 1 }

  /// True for a linked work tree (made by `git worktree add`).
  public var isLinkedWorktree: Bool { git_repository_is_worktree(handle) == 1 }

  /// True when the history was cut by a shallow clone or fetch (`.git/shallow` exists).
  public var isShallow: Bool { git_repository_is_shallow(handle) == 1 }

  /// The commits at which a shallow history was cut: their parents are not in the repository.
  public func shallowBoundary() -> Set<ObjectID> {
    let file = commonDirectory.appendingPathComponent("shallow")
    guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
    return Set(text.split(whereSeparator: \.isNewline).compactMap { ObjectID(hex: String($0)) })
  }

  /// The folder git runs hooks from: `core.hooksPath` when set (relative to the work tree, as git
  /// takes it), otherwise `hooks/` in the common folder, shared by linked work trees.
  public func hooksDirectory() throws(GitError) -> URL {
    if let configured = try Config(of: self).string("core.hookspath"), !configured.isEmpty {
      var path = configured
      if path.hasPrefix("~/") {
        path = FileManager.default.homeDirectoryForCurrentUser.path + path.dropFirst(1)
      }
      if path.hasPrefix("/") { return URL(fileURLWithPath: path, isDirectory: true) }
      let base = workingDirectory ?? gitDirectory
      return base.appendingPathComponent(path, isDirectory: true).standardizedFileURL
    }
    var buffer = git_buf()
    defer { git_buf_dispose(&buffer) }
    try check(
      git_repository_item_path(&buffer, handle, GIT_REPOSITORY_ITEM_HOOKS), "git_repository_item_path")
    return URL(fileURLWithPath: String(cString: buffer.ptr), isDirectory: true)
  }

  // MARK: - HEAD

  /// Where HEAD stands.
  public enum Head: Equatable, Sendable {
    /// On a branch that has commits.
    case branch(name: String, commit: ObjectID)
    /// Detached at a commit, as CI checkouts usually are.
    case detached(commit: ObjectID)
    /// On a branch with no commits yet.
    case unborn(name: String)

    /// The commit HEAD points at; nil when unborn.
    public var commit: ObjectID? {
      switch self {
      case .branch(_, let commit), .detached(let commit): commit
      case .unborn: nil
      }
    }
  }

  public func head() throws(GitError) -> Head {
    if try check(git_repository_head_unborn(handle), "git_repository_head_unborn") == 1 {
      let reference = try makeHandle("git_reference_lookup") {
        git_reference_lookup(&$0, handle, "HEAD")
      }
      defer { git_reference_free(reference) }
      let target = git_reference_symbolic_target(reference).map { String(cString: $0) } ?? "HEAD"
      return .unborn(name: target)
    }
    let reference = try makeHandle("git_repository_head") { git_repository_head(&$0, handle) }
    defer { git_reference_free(reference) }
    let commit = try peeledCommit(of: reference)
    if try check(git_repository_head_detached(handle), "git_repository_head_detached") == 1 {
      return .detached(commit: commit)
    }
    return .branch(name: String(cString: git_reference_name(reference)), commit: commit)
  }

  /// The commit a reference leads to, through any chain of annotated tags.
  func peeledCommit(of reference: OpaquePointer) throws(GitError) -> ObjectID {
    let object = try makeHandle("git_reference_peel") {
      git_reference_peel(&$0, reference, GIT_OBJECT_COMMIT)
    }
    defer { git_object_free(object) }
    return ObjectID(git_object_id(object))
  }

  // MARK: - Objects

  /// Reads a commit.
  public func commit(_ id: ObjectID) throws(GitError) -> Commit {
    let commit = try id.withRaw { (oid) throws(GitError) in
      try makeHandle("git_commit_lookup") { git_commit_lookup(&$0, handle, oid) }
    }
    defer { git_commit_free(commit) }
    return Commit(commit)
  }

  /// Resolves a revision expression (`HEAD`, `v1.2.0`, `main~3`, an id) to the commit it names.
  public func resolveCommit(_ revision: String) throws(GitError) -> ObjectID {
    let object = try makeHandle("git_revparse_single") {
      git_revparse_single(&$0, handle, revision)
    }
    defer { git_object_free(object) }
    var peeled: OpaquePointer?
    guard git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) == 0, let commit = peeled else {
      // libgit2 words this by type numbers, and not always with the same code: say it plainly.
      var target: OpaquePointer?
      let kind =
        git_object_peel(&target, object, GIT_OBJECT_TREE) == 0 ? "a tree" : "a blob (a file)"
      git_object_free(target)
      throw GitError(
        code: .peel, message: "\(revision) points at \(kind), not at a commit",
        function: "git_object_peel")
    }
    defer { git_object_free(commit) }
    return ObjectID(git_object_id(commit))
  }

  /// True when the object is in the repository's object database.
  public func contains(_ id: ObjectID) -> Bool {
    var odb: OpaquePointer?
    guard git_repository_odb(&odb, handle) == 0, let odb else { return false }
    defer { git_odb_free(odb) }
    return id.withRaw { git_odb_exists(odb, $0) } == 1
  }

  /// The id of the blob or tree at `path` in a commit's tree; nil when nothing is there.
  /// Comparing it between a commit and its parent tells whether the commit touched the path.
  public func treeEntryID(at path: String, inCommit commitID: ObjectID) throws(GitError) -> ObjectID? {
    let commit = try commitID.withRaw { (oid) throws(GitError) in
      try makeHandle("git_commit_lookup") { git_commit_lookup(&$0, handle, oid) }
    }
    defer { git_commit_free(commit) }
    let tree = try makeHandle("git_commit_tree") { git_commit_tree(&$0, commit) }
    defer { git_tree_free(tree) }
    if path.isEmpty || path == "." { return ObjectID(git_tree_id(tree)) }
    var entry: OpaquePointer?
    let code = git_tree_entry_bypath(&entry, tree, path)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try check(code, "git_tree_entry_bypath")
    guard let entry else { return nil }
    defer { git_tree_entry_free(entry) }
    return ObjectID(git_tree_entry_id(entry))
  }

  /// The contents of the blob at `path` in a commit's tree; nil when no file is there.
  public func fileContents(at path: String, inCommit commitID: ObjectID) throws(GitError) -> [UInt8]? {
    guard let id = try treeEntryID(at: path, inCommit: commitID) else { return nil }
    var blob: OpaquePointer?
    let code = id.withRaw { git_blob_lookup(&blob, handle, $0) }
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try check(code, "git_blob_lookup")
    guard let blob else { return nil }
    defer { git_blob_free(blob) }
    let size = Int(git_blob_rawsize(blob))
    guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
    return Array(UnsafeRawBufferPointer(start: content, count: size))
  }

  /// True when `descendant` has `ancestor` in its history (a commit is not its own descendant).
  public func isDescendant(_ descendant: ObjectID, of ancestor: ObjectID) throws(GitError) -> Bool {
    var a = descendant.raw
    var b = ancestor.raw
    return try check(git_graph_descendant_of(handle, &a, &b), "git_graph_descendant_of") == 1
  }

  /// The best common ancestor of two commits; nil when their histories never meet.
  public func mergeBase(_ one: ObjectID, _ other: ObjectID) throws(GitError) -> ObjectID? {
    var out = git_oid()
    var a = one.raw
    var b = other.raw
    let code = git_merge_base(&out, handle, &a, &b)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try check(code, "git_merge_base")
    return ObjectID(out)
  }
}
