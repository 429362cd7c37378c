import Clibgit2

/// A reference copied out of libgit2: its full name and what it points at.
public struct Reference: Equatable, Sendable {
  public enum Target: Equatable, Sendable {
    case direct(ObjectID)
    case symbolic(String)
  }

  /// The full name, e.g. `refs/tags/v1.2.0`.
  public let name: String
  public let target: Target

  /// The object id for a direct reference.
  public var objectID: ObjectID? {
    if case .direct(let id) = target { return id }
    return nil
  }

  init(_ reference: OpaquePointer) {
    name = String(cString: git_reference_name(reference))
    if let symbolic = git_reference_symbolic_target(reference) {
      target = .symbolic(String(cString: symbolic))
    } else if let oid = git_reference_target(reference) {
      target = .direct(ObjectID(oid))
    } else {
      target = .symbolic("")
    }
  }
}

extension Repository {
  /// The reference of that full name; nil when there is none.
  public func reference(named name: String) throws(GitError) -> Reference? {
    var pointer: OpaquePointer?
    let code = git_reference_lookup(&pointer, handle, name)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try check(code, "git_reference_lookup")
    guard let pointer else { return nil }
    defer { git_reference_free(pointer) }
    return Reference(pointer)
  }

  /// Every reference whose full name matches a glob such as `refs/environments/*`, in one pass.
  public func references(matching glob: String) throws(GitError) -> [Reference] {
    let iterator = try makeHandle("git_reference_iterator_glob_new") {
      git_reference_iterator_glob_new(&$0, handle, glob)
    }
    defer { git_reference_iterator_free(iterator) }
    var result: [Reference] = []
    while true {
      var pointer: OpaquePointer?
      let code = git_reference_next(&pointer, iterator)
      if code == GIT_ITEROVER.rawValue { break }
      try check(code, "git_reference_next")
      guard let pointer else { continue }
      result.append(Reference(pointer))
      git_reference_free(pointer)
    }
    return result
  }

  /// Points `name` at `target` only if it still points at `expected` (nil: only if it does not exist
  /// yet). The check and the write happen under git's lock on the reference, so of two writers racing
  /// from the same `expected` value exactly one succeeds; the other gets `.modified`, `.exists` or
  /// `.locked`.
  public func updateReference(
    named name: String, to target: ObjectID, expecting expected: ObjectID?, logMessage: String
  ) throws(GitError) {
    var new = target.raw
    var pointer: OpaquePointer?
    // libgit2's create-only mode (force 0) checks for the reference before taking the lock, so two
    // writers can both pass it; an expected all-zero id is checked under the lock instead.
    var current = expected?.raw ?? git_oid()
    let code = git_reference_create_matching(&pointer, handle, name, &new, 1, &current, logMessage)
    if expected == nil && code == GIT_EMODIFIED.rawValue {
      throw GitError(
        code: .exists, message: "reference \(name) already exists",
        function: "git_reference_create_matching")
    }
    try check(code, "git_reference_create_matching")
    if let pointer { git_reference_free(pointer) }
  }

  /// Deletes a reference; nothing happens when it does not exist.
  public func deleteReference(named name: String) throws(GitError) {
    var pointer: OpaquePointer?
    let code = git_reference_lookup(&pointer, handle, name)
    if code == GIT_ENOTFOUND.rawValue { return }
    try check(code, "git_reference_lookup")
    guard let pointer else { return }
    defer { git_reference_free(pointer) }
    try check(git_reference_delete(pointer), "git_reference_delete")
  }

  /// True when `name` is a valid full reference name (`refs/tags/v1.0.0`).
  public static func isValidReferenceName(_ name: String) -> Bool {
    Library.ensureInitialized()
    var valid: Int32 = 0
    return git_reference_name_is_valid(&valid, name) == 0 && valid == 1
  }
}
