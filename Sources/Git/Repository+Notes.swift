import Clibgit2

/// git notes (`git notes --ref`): text attached to objects under a notes reference, without
/// changing the objects.
extension Repository {
  /// Every note under `reference` (such as `refs/notes/release`), by the object it annotates,
  /// read in one pass over the notes tree (fan-out folders included); nil when the reference
  /// does not exist, which costs one reference lookup.
  public func notes(in reference: String) throws(GitError) -> [ObjectID: [UInt8]]? {
    guard try self.reference(named: reference) != nil else { return nil }
    var iterator: OpaquePointer?
    let code = git_note_iterator_new(&iterator, handle, reference)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try check(code, "git_note_iterator_new")
    guard let iterator else { return [:] }
    defer { git_note_iterator_free(iterator) }
    return try readNotes(iterator)
  }

  /// The notes of one notes commit (what a notes reference pointed at, or is pushed to).
  public func notes(atCommit id: ObjectID) throws(GitError) -> [ObjectID: [UInt8]] {
    var raw = id.raw
    let commit = try makeHandle("git_commit_lookup") { git_commit_lookup(&$0, handle, &raw) }
    defer { git_commit_free(commit) }
    let iterator = try makeHandle("git_note_commit_iterator_new") {
      git_note_commit_iterator_new(&$0, commit)
    }
    defer { git_note_iterator_free(iterator) }
    return try readNotes(iterator)
  }

  private func readNotes(_ iterator: OpaquePointer) throws(GitError) -> [ObjectID: [UInt8]] {
    var result: [ObjectID: [UInt8]] = [:]
    var blobID = git_oid()
    var annotated = git_oid()
    while true {
      let next = git_note_next(&blobID, &annotated, iterator)
      if next == GIT_ITEROVER.rawValue { break }
      try check(next, "git_note_next")
      let blob = try makeHandle("git_blob_lookup") { git_blob_lookup(&$0, handle, &blobID) }
      defer { git_blob_free(blob) }
      let size = Int(git_blob_rawsize(blob))
      if size == 0 {
        result[ObjectID(annotated)] = []
      } else if let bytes = git_blob_rawcontent(blob) {
        result[ObjectID(annotated)] = Array(
          UnsafeRawBufferPointer(start: bytes, count: size))
      }
    }
    return result
  }

  /// Writes (or replaces) the note on `object` under `reference`: one commit on the notes
  /// reference, as `git notes --ref REF add -f` makes.
  @discardableResult
  public func writeNote(
    _ text: String, on object: ObjectID, in reference: String, author: Signature,
    committer: Signature
  ) throws(GitError) -> ObjectID {
    var out = git_oid()
    var target = object.raw
    let code = try author.withRaw { (author) throws(GitError) -> Int32 in
      try committer.withRaw { committer in
        git_note_create(&out, handle, reference, author, committer, &target, text, 1)
      }
    }
    try check(code, "git_note_create")
    return ObjectID(out)
  }

  /// Removes the note on `object` under `reference`; false when there was none.
  @discardableResult
  public func removeNote(
    on object: ObjectID, in reference: String, author: Signature, committer: Signature
  ) throws(GitError) -> Bool {
    var target = object.raw
    let code = try author.withRaw { (author) throws(GitError) -> Int32 in
      try committer.withRaw { committer in
        git_note_remove(handle, reference, author, committer, &target)
      }
    }
    if code == GIT_ENOTFOUND.rawValue { return false }
    try check(code, "git_note_remove")
    return true
  }
}

extension Repository {
  /// Adds a value to a multi-valued variable of the repository's own configuration
  /// (`.git/config`), as `git config --add` does; false when the variable has it already.
  @discardableResult
  public func addConfigValue(_ value: String, to name: String) throws(GitError) -> Bool {
    if try Config(of: self).entries(matching: name).contains(where: { $0.value == value }) {
      return false
    }
    let all = try makeHandle("git_repository_config") { git_repository_config(&$0, handle) }
    defer { git_config_free(all) }
    let local = try makeHandle("git_config_open_level") {
      git_config_open_level(&$0, all, GIT_CONFIG_LEVEL_LOCAL)
    }
    defer { git_config_free(local) }
    // A pattern no value matches, so the value is added and none replaced.
    try check(git_config_set_multivar(local, name, "^$.", value), "git_config_set_multivar")
    return true
  }
}
