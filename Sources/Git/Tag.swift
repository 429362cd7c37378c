import Clibgit2

/// A tag reference, read in the one pass over `refs/tags/*`.
public struct TagReference: Equatable, Sendable {
  /// The short name, e.g. `v1.2.0` for `refs/tags/v1.2.0`.
  public let name: String
  /// What the reference points at: the tag object for an annotated tag, else the tagged object.
  public let targetID: ObjectID
  /// True when the reference points at a tag object (made by `git tag -a` or `-s`).
  public let isAnnotated: Bool
  /// The commit reached by peeling every tag object on the way; nil when the chain ends at a tree
  /// or a blob, or at an object that is missing.
  public let commitID: ObjectID?
  /// True when an object on the way to the commit is missing from the repository (a damaged or
  /// incomplete object database), as opposed to a tag that leads to a tree or a blob.
  public let isMissingObject: Bool
}

/// An annotated tag object.
public struct AnnotatedTag: Sendable {
  public let id: ObjectID
  /// The name recorded inside the object (may differ from the reference's name).
  public let name: String
  public let targetID: ObjectID
  /// True when the target is itself a tag object.
  public let targetIsTag: Bool
  public let tagger: Signature?
  /// The message, signature included when the tag is signed.
  public let message: String
}

extension Repository {
  /// The tags whose short names pass `include`, read in one pass over the references. Tags that
  /// `include` rejects are never peeled, so unrelated tags cost only their name.
  public func tags(where include: (String) -> Bool = { _ in true }) throws(GitError) -> [TagReference] {
    let odb = try makeHandle("git_repository_odb") { git_repository_odb(&$0, handle) }
    defer { git_odb_free(odb) }
    let iterator = try makeHandle("git_reference_iterator_glob_new") {
      git_reference_iterator_glob_new(&$0, handle, "refs/tags/*")
    }
    defer { git_reference_iterator_free(iterator) }
    var result: [TagReference] = []
    while true {
      var reference: OpaquePointer?
      let code = git_reference_next(&reference, iterator)
      if code == GIT_ITEROVER.rawValue { break }
      try check(code, "git_reference_next")
      guard let reference else { continue }
      defer { git_reference_free(reference) }
      let fullName = String(cString: git_reference_name(reference))
      let name = String(fullName.dropFirst("refs/tags/".count))
      guard include(name), let target = git_reference_target(reference) else { continue }
      let targetID = ObjectID(target)
      // A packed annotated tag comes with what it peels to (packed-refs `^` lines, as git
      // writes them): no tag object to read then.
      let annotated: Bool
      let commit: ObjectID?
      let missing: Bool
      if let peeled = git_reference_target_peel(reference) {
        annotated = true
        let type = try objectType(ObjectID(peeled), odb: odb)
        commit = type == GIT_OBJECT_COMMIT ? ObjectID(peeled) : nil
        missing = type == nil
      } else {
        (annotated, commit, missing) = try peelToCommit(targetID, odb: odb)
      }
      result.append(
        TagReference(
          name: name, targetID: targetID, isAnnotated: annotated, commitID: commit,
          isMissingObject: missing))
    }
    return result
  }

  /// The object's type from its header alone; nil when the object is missing.
  private func objectType(_ id: ObjectID, odb: OpaquePointer) throws(GitError) -> git_object_t? {
    var size = 0
    var type = GIT_OBJECT_INVALID
    let code = id.withRaw { git_odb_read_header(&size, &type, odb, $0) }
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try check(code, "git_odb_read_header")
    return type
  }

  /// Follows tag objects to a commit without parsing the commit. Returns whether the first object
  /// was a tag, the commit (nil for a tree, a blob, a missing object or an over-long chain), and
  /// whether an object on the way was missing.
  private func peelToCommit(_ id: ObjectID, odb: OpaquePointer) throws(GitError)
    -> (annotated: Bool, commit: ObjectID?, missing: Bool)
  {
    guard let type = try objectType(id, odb: odb) else { return (false, nil, true) }
    if type == GIT_OBJECT_COMMIT { return (false, id, false) }
    guard type == GIT_OBJECT_TAG else { return (false, nil, false) }
    var current = id
    // git itself gives up on chains this deep; a loop cannot be made, as ids are hashes of content.
    for _ in 0..<64 {
      var tag: OpaquePointer?
      let lookup = current.withRaw { git_tag_lookup(&tag, handle, $0) }
      if lookup == GIT_ENOTFOUND.rawValue { return (true, nil, true) }
      try check(lookup, "git_tag_lookup")
      guard let tag else { return (true, nil, true) }
      let targetType = git_tag_target_type(tag)
      let target = ObjectID(git_tag_target_id(tag))
      git_tag_free(tag)
      switch targetType {
      // The commit's presence is checked where it is read: peeling stays one header read a tag.
      case GIT_OBJECT_COMMIT: return (true, target, false)
      case GIT_OBJECT_TAG: current = target
      default: return (true, nil, false)
      }
    }
    return (true, nil, false)
  }

  /// Reads an annotated tag object.
  public func annotatedTag(_ id: ObjectID) throws(GitError) -> AnnotatedTag {
    let tag = try id.withRaw { (oid) throws(GitError) in
      try makeHandle("git_tag_lookup") { git_tag_lookup(&$0, handle, oid) }
    }
    defer { git_tag_free(tag) }
    return AnnotatedTag(
      id: id,
      name: String(cString: git_tag_name(tag)),
      targetID: ObjectID(git_tag_target_id(tag)),
      targetIsTag: git_tag_target_type(tag) == GIT_OBJECT_TAG,
      tagger: git_tag_tagger(tag).map { Signature($0) },
      message: git_tag_message(tag).map {
        String(decoding: UnsafeRawBufferPointer.utf8CString($0), as: UTF8.self)
      } ?? "")
  }

  /// The tag reference `refs/tags/<name>`, peeled; nil when there is none.
  public func tag(named name: String) throws(GitError) -> TagReference? {
    try tags { $0 == name }.first
  }

  /// Writes an annotated tag object for `target` (a commit) and returns its id. No reference is
  /// written: pair it with `createReference` so the tag appears whole or not at all.
  public func writeAnnotatedTagObject(
    named name: String, target: ObjectID, tagger: Signature, message: String
  ) throws(GitError) -> ObjectID {
    let object = try target.withRaw { (oid) throws(GitError) in
      try makeHandle("git_object_lookup") { git_object_lookup(&$0, handle, oid, GIT_OBJECT_COMMIT) }
    }
    defer { git_object_free(object) }
    var out = git_oid()
    let code = try tagger.withRaw { signature in
      git_tag_annotation_create(&out, handle, name, object, signature, message)
    }
    try check(code, "git_tag_annotation_create")
    return ObjectID(out)
  }

  /// Writes raw object data of a type (`tag`, `commit`, `blob`, `tree`) to the object database, as
  /// `git hash-object -w` does; used for objects whose bytes are made elsewhere, such as signed tags.
  public func writeObject(_ data: [UInt8], type: ObjectType) throws(GitError) -> ObjectID {
    let odb = try makeHandle("git_repository_odb") { git_repository_odb(&$0, handle) }
    defer { git_odb_free(odb) }
    var out = git_oid()
    let code = data.withUnsafeBytes { bytes in
      git_odb_write(&out, odb, bytes.baseAddress, bytes.count, type.raw)
    }
    try check(code, "git_odb_write")
    return ObjectID(out)
  }

  /// Makes the tag reference `refs/tags/<name>` for an object written before; fails with `.exists`
  /// if any tag of that name exists, whatever it points at.
  public func createTagReference(named name: String, to object: ObjectID, logMessage: String)
    throws(GitError)
  {
    try updateReference(
      named: "refs/tags/" + name, to: object, expecting: nil, logMessage: logMessage)
  }

  /// The bytes of an annotated tag object as git would write them, for signing before writing.
  public static func annotatedTagBuffer(
    name: String, target: ObjectID, targetType: ObjectType = .commit, tagger: Signature,
    message: String
  ) -> String {
    var text = "object \(target.hex)\ntype \(targetType.name)\ntag \(name)\n"
    text += "tagger \(tagger.name) <\(tagger.email)> "
    text += "\(Int(tagger.time.timeIntervalSince1970)) \(tagger.offsetString)\n\n"
    text += message
    return text
  }
}

/// The four kinds of git object.
public enum ObjectType: Sendable {
  case commit, tree, blob, tag

  var raw: git_object_t {
    switch self {
    case .commit: GIT_OBJECT_COMMIT
    case .tree: GIT_OBJECT_TREE
    case .blob: GIT_OBJECT_BLOB
    case .tag: GIT_OBJECT_TAG
    }
  }

  public var name: String {
    switch self {
    case .commit: "commit"
    case .tree: "tree"
    case .blob: "blob"
    case .tag: "tag"
    }
  }
}
