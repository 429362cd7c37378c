import Foundation
import Git
import ReleaseCore

/// `git release where`: the releases that carry a change, directly or as a cherry-pick, and the
/// environments that run one of them.
extension RepositoryContext {
  /// The commits a query names: a revision, or every commit whose message (as corrected)
  /// mentions `#N`, cherry-picks of another match left to the copies.
  package func whereQuery(_ query: String) throws -> [ObjectID] {
    let corrections = try correctionsByID()
    guard query.hasPrefix("#"), let number = Int(query.dropFirst()), number > 0 else {
      return [try commit(named: query)]
    }
    let walk = try RevisionWalk(repository, sorting: [.topological, .time, .reverse])
    for tip in try whereTips() { try walk.push(tip) }
    var found: [CommitRecord] = []
    while let id = try walk.next() {
      let record = CommitRecord(try walk.commit(id)).applying(corrections)
      if !record.isMerge, record.mentions(issue: number) { found.append(record) }
    }
    guard !found.isEmpty else {
      throw ReleaseFailure(
        .failure,
        "no commit reachable from a branch or a release tag mentions #\(number) in its message")
    }
    let ids = found.map(\.id)
    let originals = found.filter { record in
      !CherryPick.sourceIDs(in: record.originalMessage ?? record.message).contains { source in
        ids.contains { $0 != record.id && $0.hasPrefix(source) }
      }
    }
    return originals.compactMap { ObjectID(hex: $0.id) }
  }

  /// Where to look for releases and copies: local and remote-tracking branches (a CI checkout
  /// has origin's), HEAD and release tags.
  private func whereTips() throws -> [ObjectID] {
    var tips = try (repository.references(matching: "refs/heads/*")
      + repository.references(matching: "refs/remotes/*")).compactMap(\.objectID)
    if case .branch(_, let head) = try repository.head() { tips.append(head) }
    if case .detached(let head) = try repository.head() { tips.append(head) }
    tips += try whereReleaseTags().compactMap { ObjectID(hex: $0.commit) }
    var seen: Set<ObjectID> = []
    return tips.filter { seen.insert($0).inserted }
  }

  /// The release tags of the repository and of every package.
  private func whereReleaseTags() throws -> [ReleaseTag] {
    let namespaces = [configuration.release.namespace] + configuration.packages.map(\.namespace)
    return try namespaces.flatMap { try releaseTags(in: $0) }.sorted {
      $0.version != $1.version ? $0.version < $1.version : $0.name < $1.name
    }
  }

  /// How many commits may have their patch ids computed for one change: each costs a diff.
  package static let patchIDBudget = 20_000

  /// The whereabouts of one commit.
  package func whereabouts(of id: ObjectID) throws -> Whereabouts {
    let corrections = try correctionsByID()
    let commit = try repository.commit(id)
    let record = CommitRecord(commit).applying(corrections)
    let tags = try whereReleaseTags()
    var contains: [ObjectID: Bool] = [:]
    /// Whether `tip` has `target` in its history (itself included); each pair asked once.
    func reaches(_ tip: ObjectID, _ target: ObjectID) throws -> Bool {
      if tip == target { return true }
      if target == id, let known = contains[tip] { return known }
      let answer = try repository.isDescendant(tip, of: target)
      if target == id { contains[tip] = answer }
      return answer
    }
    func releases(of target: ObjectID) throws -> [String] {
      try tags.filter { tag in
        guard let tip = ObjectID(hex: tag.commit) else { return false }
        return try reaches(tip, target)
      }.map(\.name)
    }

    // Copies live on tips that do not have the commit: walk those, hiding the ones that do.
    let tips = try whereTips()
    let walk = try RevisionWalk(repository, sorting: .time)
    var pushed = false
    for tip in tips {
      if try reaches(tip, id) {
        try walk.hide(tip)
      } else {
        try walk.push(tip)
        pushed = true
      }
    }
    var copies: [Whereabouts.Copy] = []
    var copyIDs: [ObjectID] = []
    if pushed {
      // A copy is committed after the change was written: older commits cannot be one.
      let earliest = commit.author.time
      var ownPatch: ObjectID??
      var budget = Self.patchIDBudget
      while let candidate = try walk.next() {
        let other = try walk.commit(candidate)
        guard !other.isMerge else { continue }
        let copy = CommitRecord(other).applying(corrections)
        var evidence: Whereabouts.Evidence?
        if CherryPick.names(id.hex, in: other.message) {
          evidence = .trailer
        } else if other.committer.time >= earliest, budget > 0 {
          budget -= 1
          if ownPatch == nil { ownPatch = .some(try repository.patchID(of: id)) }
          if let own = ownPatch ?? nil, try repository.patchID(of: candidate) == own {
            evidence = .patchID
          }
        }
        guard let evidence else { continue }
        copyIDs.append(candidate)
        copies.append(
          Whereabouts.Copy(
            commit: candidate.hex, summary: String(copy.summary), foundBy: evidence,
            releases: try releases(of: candidate)))
      }
    }

    // Environments, read through their trails.
    let store = EnvironmentStore(repository: repository)
    var running: [Whereabouts.Running] = []
    var carried: [String: ObjectID?] = [:]
    func carrier(_ release: ReleaseRef) throws -> ObjectID? {
      if let known = carried[release.commit] { return known }
      var found: ObjectID?
      if let tip = ObjectID(hex: release.commit) {
        for target in [id] + copyIDs where try reaches(tip, target) {
          found = target
          break
        }
      }
      carried[release.commit] = found
      return found
    }
    for environment in try store.recordedEnvironments() {
      let state = try store.read(environment).state
      guard let current = state.current, let via = try carrier(current.release) else { continue }
      running.append(
        Whereabouts.Running(
          environment: environment, release: current.tag, via: via.hex, since: current.since))
    }

    return Whereabouts(
      commit: id.hex, summary: String(record.summary), corrected: record.originalMessage != nil,
      releases: try releases(of: id), cherryPicks: copies, environments: running)
  }
}
