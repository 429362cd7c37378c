import Clibgit2
import Foundation

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
  /// Writes `bytes` as a blob and returns its id.
  public func writeBlob(_ bytes: [UInt8]) throws(GitError) -> ObjectID {
    var out = git_oid()
    try check(
      bytes.withUnsafeBytes { git_blob_create_from_buffer(&out, handle, $0.baseAddress, $0.count) },
      "git_blob_create_from_buffer")
    return ObjectID(out)
  }

  /// Writes a tree made from `base` (nil: an empty tree) with the files at `files` set to the
  /// blobs given, or removed where the value is nil. Paths are `/`-separated; sub-trees are made
  /// as needed, and only the trees on the changed paths are written anew, so a change to one file
  /// of a large tree costs the few trees above it.
  public func writeTree(base: ObjectID?, files: [String: ObjectID?]) throws(GitError) -> ObjectID {
    var groups: [String: [String: ObjectID?]] = [:]
    var leaves: [String: ObjectID?] = [:]
    for (path, blob) in files {
      if let slash = path.firstIndex(of: "/") {
        groups[String(path[..<slash]), default: [:]][String(path[path.index(after: slash)...])] =
          blob
      } else {
        leaves[path] = blob
      }
    }
    let baseTree: OpaquePointer? = try base.map { (id) throws(GitError) in
      try id.withRaw { (oid) throws(GitError) in
        try makeHandle("git_tree_lookup") { git_tree_lookup(&$0, handle, oid) }
      }
    }
    defer { if let baseTree { git_tree_free(baseTree) } }
    let builder = try makeHandle("git_treebuilder_new") {
      git_treebuilder_new(&$0, handle, baseTree)
    }
    defer { git_treebuilder_free(builder) }
    for (name, blob) in leaves {
      if var raw = blob?.raw {
        try check(
          git_treebuilder_insert(nil, builder, name, &raw, GIT_FILEMODE_BLOB),
          "git_treebuilder_insert")
      } else if git_treebuilder_get(builder, name) != nil {
        try check(git_treebuilder_remove(builder, name), "git_treebuilder_remove")
      }
    }
    for (name, entries) in groups {
      var subtree: ObjectID?
      if let entry = git_treebuilder_get(builder, name),
        git_tree_entry_type(entry) == GIT_OBJECT_TREE
      {
        subtree = ObjectID(git_tree_entry_id(entry))
      }
      var raw = try writeTree(base: subtree, files: entries).raw
      try check(
        git_treebuilder_insert(nil, builder, name, &raw, GIT_FILEMODE_TREE),
        "git_treebuilder_insert")
    }
    var out = git_oid()
    try check(git_treebuilder_write(&out, builder), "git_treebuilder_write")
    return ObjectID(out)
  }
}

extension Repository {
  /// The contents of the blob at `path` in a tree; nil when no file is there.
  public func fileContents(at path: String, inTree treeID: ObjectID) throws(GitError) -> [UInt8]? {
    let tree = try treeID.withRaw { (oid) throws(GitError) in
      try makeHandle("git_tree_lookup") { git_tree_lookup(&$0, handle, oid) }
    }
    defer { git_tree_free(tree) }
    var entry: OpaquePointer?
    let code = git_tree_entry_bypath(&entry, tree, path)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try check(code, "git_tree_entry_bypath")
    guard let entry else { return nil }
    defer { git_tree_entry_free(entry) }
    guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
    var blob: OpaquePointer?
    try check(
      git_blob_lookup(&blob, handle, git_tree_entry_id(entry)), "git_blob_lookup")
    guard let blob else { return nil }
    defer { git_blob_free(blob) }
    let size = Int(git_blob_rawsize(blob))
    guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
    return Array(UnsafeRawBufferPointer(start: content, count: size))
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
  ) throws -> ObjectID {
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
    guard mentionsSignatureField(id) else { return nil }
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

  /// False when no `gpgsig` is anywhere in the commit, so it has no signature: libgit2 finds one
  /// by reading the object again and scanning it for those bytes at a line's start, but the
  /// parsed commit (in libgit2's cache once read) has its header and message at hand.
  /// (Anything but a commit is left to libgit2, and its error.)
  private func mentionsSignatureField(_ id: ObjectID) -> Bool {
    var commit: OpaquePointer?
    guard id.withRaw({ git_commit_lookup(&commit, handle, $0) }) == 0, let commit else {
      return true
    }
    defer { git_commit_free(commit) }
    return [git_commit_raw_header(commit), git_commit_message_raw(commit)].contains {
      $0.map { strstr($0, "gpgsig") != nil } ?? true
    }
  }
}
