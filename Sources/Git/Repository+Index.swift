import Clibgit2

/// What the index holds that HEAD does not: changes staged for the next commit, and conflicts a
/// merge, rebase or cherry-pick left unresolved.
public struct IndexStatus: Equatable, Sendable {
  /// Paths whose staged content differs from HEAD's tree (added, changed, deleted, renamed).
  public let stagedPaths: [String]
  /// Paths with unresolved conflicts.
  public let conflictedPaths: [String]

  public var isClean: Bool { stagedPaths.isEmpty && conflictedPaths.isEmpty }
}

extension Repository {
  /// Compares the index with HEAD's tree, as `git diff --cached --name-only` does; changes in the
  /// work tree and untracked files are not looked at. A bare repository has no index and reads as clean.
  public func indexStatus() throws(GitError) -> IndexStatus {
    if isBare { return IndexStatus(stagedPaths: [], conflictedPaths: []) }
    let index = try makeHandle("git_repository_index") { git_repository_index(&$0, handle) }
    defer { git_index_free(index) }
    let conflicted = try conflictedPaths(index)
    var tree: OpaquePointer?
    if let head = try head().commit {
      let commit = try head.withRaw { (oid) throws(GitError) in
        try makeHandle("git_commit_lookup") { git_commit_lookup(&$0, handle, oid) }
      }
      defer { git_commit_free(commit) }
      tree = try makeHandle("git_commit_tree") { git_commit_tree(&$0, commit) }
    }
    defer { if let tree { git_tree_free(tree) } }
    let diff = try makeHandle("git_diff_tree_to_index") {
      git_diff_tree_to_index(&$0, handle, tree, index, nil)
    }
    defer { git_diff_free(diff) }
    var staged: [String] = []
    let conflictSet = Set(conflicted)
    for position in 0..<git_diff_num_deltas(diff) {
      guard let delta = git_diff_get_delta(diff, position) else { continue }
      let file = delta.pointee.new_file.path ?? delta.pointee.old_file.path
      guard let file else { continue }
      let path = String(cString: file)
      if !conflictSet.contains(path) { staged.append(path) }
    }
    return IndexStatus(stagedPaths: staged, conflictedPaths: conflicted)
  }

  private func conflictedPaths(_ index: OpaquePointer) throws(GitError) -> [String] {
    guard git_index_has_conflicts(index) == 1 else { return [] }
    let iterator = try makeHandle("git_index_conflict_iterator_new") {
      git_index_conflict_iterator_new(&$0, index)
    }
    defer { git_index_conflict_iterator_free(iterator) }
    var paths: [String] = []
    while true {
      var ancestor: UnsafePointer<git_index_entry>?
      var ours: UnsafePointer<git_index_entry>?
      var theirs: UnsafePointer<git_index_entry>?
      let code = git_index_conflict_next(&ancestor, &ours, &theirs, iterator)
      if code == GIT_ITEROVER.rawValue { break }
      try check(code, "git_index_conflict_next")
      if let entry = ours ?? theirs ?? ancestor, let path = entry.pointee.path {
        paths.append(String(cString: path))
      }
    }
    return paths
  }

  /// Cleans a message as `git commit` and `git tag` do: trailing spaces and leading and trailing
  /// blank lines removed, runs of blank lines made one, a final newline added. Lines starting with
  /// `#` are kept unless `stripComments` is set.
  public static func cleanedMessage(_ message: String, stripComments: Bool = false)
    throws(GitError) -> String
  {
    Library.ensureInitialized()
    var buffer = git_buf()
    defer { git_buf_dispose(&buffer) }
    try check(
      git_message_prettify(&buffer, message, stripComments ? 1 : 0, CChar(UInt8(ascii: "#"))),
      "git_message_prettify")
    guard let pointer = buffer.ptr else { return "" }
    return String(cString: pointer)
  }
}

extension Repository {
  /// Tracked files whose work-tree content differs from the index, as `git diff --name-only`
  /// lists them; untracked files are not changes. A bare repository has none.
  public func workTreeChanges() throws(GitError) -> [String] {
    if isBare { return [] }
    let index = try makeHandle("git_repository_index") { git_repository_index(&$0, handle) }
    defer { git_index_free(index) }
    let diff = try makeHandle("git_diff_index_to_workdir") {
      git_diff_index_to_workdir(&$0, handle, index, nil)
    }
    defer { git_diff_free(diff) }
    var paths: [String] = []
    for position in 0..<git_diff_num_deltas(diff) {
      guard let delta = git_diff_get_delta(diff, position),
        let file = delta.pointee.new_file.path ?? delta.pointee.old_file.path
      else { continue }
      paths.append(String(cString: file))
    }
    return paths
  }
}
