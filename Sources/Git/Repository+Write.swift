import Clibgit2

extension Repository {
  /// Writes the empty tree (git's well-known `4b825dc…`) and returns its id.
  public func writeEmptyTree() throws(GitError) -> ObjectID {
    let builder = try makeHandle("git_treebuilder_new") {
      git_treebuilder_new(&$0, handle, nil)
    }
    defer { git_treebuilder_free(builder) }
    var out = git_oid()
    try check(git_treebuilder_write(&out, builder), "git_treebuilder_write")
    return ObjectID(out)
  }

  /// Writes a commit object and returns its id. No reference moves: pair it with
  /// `updateReference(named:to:expecting:logMessage:)` to publish it with a compare-and-swap.
  public func writeCommit(
    tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature, message: String
  ) throws(GitError) -> ObjectID {
    var out = git_oid()
    var treeID = tree.raw
    var parentIDs = parents.map(\.raw)
    let code = try author.withRaw { (author) throws(GitError) -> Int32 in
      try committer.withRaw { committer in
        parentIDs.withUnsafeMutableBufferPointer { buffer in
          var pointers: [UnsafePointer<git_oid>?] = (0..<buffer.count).map {
            UnsafePointer(buffer.baseAddress! + $0)
          }
          return git_commit_create_from_ids(
            &out, handle, nil, author, committer, nil, message, &treeID, pointers.count, &pointers)
        }
      }
    }
    try check(code, "git_commit_create_from_ids")
    return ObjectID(out)
  }
}
