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

extension Repository {
  /// The bytes of a commit object as git writes them, for signing before writing.
  public static func commitBuffer(
    tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature, message: String
  ) -> String {
    var text = "tree \(tree.hex)\n"
    for parent in parents { text += "parent \(parent.hex)\n" }
    for (role, person) in [("author", author), ("committer", committer)] {
      text += "\(role) \(person.name) <\(person.email)> "
      text += "\(Int(person.time.timeIntervalSince1970)) \(person.offsetString)\n"
    }
    return text + "\n" + message
  }

  /// Writes a commit signed as `git commit -S` signs: the signature of the commit's bytes in a
  /// `gpgsig` header, so `git verify-commit` checks it. No reference moves.
  public func writeSignedCommit(
    tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature, message: String,
    signing: SigningMethod
  ) throws(GitError) -> ObjectID {
    let content = Self.commitBuffer(
      tree: tree, parents: parents, author: author, committer: committer, message: message)
    let signature = try signing.sign(Array(content.utf8))
    var out = git_oid()
    let text = String(decoding: signature, as: UTF8.self)
    let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
    try check(
      git_commit_create_with_signature(&out, handle, content, trimmed, "gpgsig"),
      "git_commit_create_with_signature")
    return ObjectID(out)
  }

  /// A commit's `gpgsig` signature and the bytes it signs; nil when the commit is not signed.
  public func commitSignature(_ id: ObjectID) throws(GitError) -> (
    signature: [UInt8], signedData: [UInt8]
  )? {
    var signature = git_buf()
    var data = git_buf()
    defer {
      git_buf_dispose(&signature)
      git_buf_dispose(&data)
    }
    var oid = id.raw
    let code = git_commit_extract_signature(&signature, &data, handle, &oid, nil)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try check(code, "git_commit_extract_signature")
    func bytes(_ buffer: git_buf) -> [UInt8] {
      guard let pointer = buffer.ptr else { return [] }
      return Array(UnsafeRawBufferPointer(start: pointer, count: buffer.size))
    }
    return (bytes(signature), bytes(data))
  }
}
