import Clibgit2

extension Repository {
  /// The stable patch id of a commit's change against its first parent (the empty tree for a
  /// root commit), as `git show <commit> | git patch-id --stable` gives it: the same for a
  /// commit and its cherry-picks when they change the same lines. Nil for a merge commit.
  public func patchID(of commitID: ObjectID) throws(GitError) -> ObjectID? {
    let commit = try self.commit(commitID)
    guard commit.parentIDs.count <= 1 else { return nil }
    let newTree = try tree(commit.treeID)
    defer { git_tree_free(newTree) }
    let oldTree = try commit.parentIDs.first.map { (parent) throws(GitError) in
      try tree(self.commit(parent).treeID)
    }
    defer { if let oldTree { git_tree_free(oldTree) } }
    let diff = try makeHandle("git_diff_tree_to_tree") {
      git_diff_tree_to_tree(&$0, handle, oldTree, newTree, nil)
    }
    defer { git_diff_free(diff) }
    var options = git_diff_patchid_options()
    try check(
      git_diff_patchid_options_init(&options, UInt32(GIT_DIFF_PATCHID_OPTIONS_VERSION)),
      "git_diff_patchid_options_init")
    var out = git_oid()
    try check(git_diff_patchid(&out, diff, &options), "git_diff_patchid")
    return ObjectID(out)
  }

  private func tree(_ id: ObjectID) throws(GitError) -> OpaquePointer {
    var raw = id.raw
    return try makeHandle("git_tree_lookup") { git_tree_lookup(&$0, handle, &raw) }
  }
}
