import Clibgit2

/// A walk over commits: push the tips, hide what should be left out, then take ids one at a time.
public struct RevisionWalk: ~Copyable {
  /// The order commits come out in.
  public struct Sorting: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// No parent before all of its children.
    public static let topological = Sorting(rawValue: GIT_SORT_TOPOLOGICAL.rawValue)
    /// Newest commit time first.
    public static let time = Sorting(rawValue: GIT_SORT_TIME.rawValue)
    /// The opposite of the other orders.
    public static let reverse = Sorting(rawValue: GIT_SORT_REVERSE.rawValue)
  }

  private let repository: Repository  // keeps the parent alive
  private let handle: OpaquePointer

  public init(_ repository: Repository, sorting: Sorting = [], firstParentOnly: Bool = false)
    throws(GitError)
  {
    let walk = try repository.makeHandle("git_revwalk_new") {
      git_revwalk_new(&$0, repository.handle)
    }
    do {
      if !sorting.isEmpty {
        try check(git_revwalk_sorting(walk, sorting.rawValue), "git_revwalk_sorting")
      }
      if firstParentOnly {
        try check(git_revwalk_simplify_first_parent(walk), "git_revwalk_simplify_first_parent")
      }
    } catch {
      git_revwalk_free(walk)
      throw error
    }
    self.repository = repository
    handle = walk
  }

  deinit { git_revwalk_free(handle) }

  /// Starts the walk at a commit (a tag object is peeled).
  public func push(_ id: ObjectID) throws(GitError) {
    let code = id.withRaw { git_revwalk_push(handle, $0) }
    try check(code, "git_revwalk_push")
  }

  /// Leaves out a commit and all of its history.
  public func hide(_ id: ObjectID) throws(GitError) {
    let code = id.withRaw { git_revwalk_hide(handle, $0) }
    try check(code, "git_revwalk_hide")
  }

  /// Pushes a range as git writes it: `A..B` (B without A's history) or `A...B` (either side only).
  public func push(range: String) throws(GitError) {
    try check(git_revwalk_push_range(handle, range), "git_revwalk_push_range")
  }

  /// The next commit id; nil when the walk is over.
  public func next() throws(GitError) -> ObjectID? {
    var oid = git_oid()
    let code = git_revwalk_next(&oid, handle)
    if code == GIT_ITEROVER.rawValue { return nil }
    try check(code, "git_revwalk_next")
    return ObjectID(oid)
  }

  /// Reads the commit the walk just gave.
  public func commit(_ id: ObjectID) throws(GitError) -> Commit {
    try repository.commit(id)
  }
}
