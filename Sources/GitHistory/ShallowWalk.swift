import Git

/// A walk of a shallow clone's history. libgit2 1.5 reads no `.git/shallow`: its walk fails with
/// "object not found" at the first commit whose parent is missing, without returning that commit,
/// so a release tag on the last fetched commit would be lost. This walk returns every commit that
/// is present and reports each missing parent as the cut. Children come before their parents.
package struct ShallowWalk {
  private let repository: Repository
  private var parents: [ObjectID: [ObjectID]] = [:]

  package init(repository: Repository) { self.repository = repository }

  /// The parents of a commit that are present, and whether any is missing.
  private mutating func presentParents(of id: ObjectID) throws(GitError) -> (
    [ObjectID], cut: Bool
  ) {
    let all: [ObjectID]
    if let known = parents[id] { all = known } else { all = try repository.commit(id).parentIDs }
    parents[id] = all
    let present = all.filter { repository.contains($0) }
    return (present, present.count != all.count)
  }

  package mutating func walk(
    from head: ObjectID, hiding hidden: ObjectID?, _ visit: (ObjectID) throws -> Bool,
    onCut: () -> Void
  ) throws {
    // What `hidden` reaches is left out; a cut in its own history does not matter here.
    var excluded: Set<ObjectID> = []
    if let hidden {
      var stack = [hidden]
      while let id = stack.popLast() {
        guard excluded.insert(id).inserted else { continue }
        stack += try presentParents(of: id).0
      }
    }
    // The range's commits, and how many children each has inside it.
    var children: [ObjectID: Int] = [:]
    var stack = excluded.contains(head) ? [] : [head]
    var inRange: Set<ObjectID> = Set(stack)
    while let id = stack.popLast() {
      let (present, cut) = try presentParents(of: id)
      if cut { onCut() }
      for parent in present where !excluded.contains(parent) {
        children[parent, default: 0] += 1
        if inRange.insert(parent).inserted { stack.append(parent) }
      }
    }
    // Children before parents: a commit is given once all its children in the range were.
    var ready = excluded.contains(head) ? [] : [head]
    while let id = ready.popLast() {
      guard try visit(id) else { return }
      for parent in try presentParents(of: id).0 where inRange.contains(parent) {
        children[parent, default: 0] -= 1
        if children[parent] == 0 { ready.append(parent) }
      }
    }
  }
}
