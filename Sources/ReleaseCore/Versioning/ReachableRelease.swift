/// Release-tag ranking, and the search for the highest release a walk of the history meets.
extension ReleaseTag {
  /// The tags by version, highest first, in the order `sorted { $0.version > $1.version }`
  /// gives (a stable sort): indices are sorted, not the tags, which would move their strings
  /// and arrays, and most comparisons end at the version numbers, without the whole versions.
  public static func highestFirst(_ tags: [ReleaseTag]) -> [ReleaseTag] {
    let keys = tags.map {
      ($0.version.major, $0.version.minor, $0.version.patch, !$0.version.isPreRelease)
    }
    return tags.indices.sorted { a, b in
      let (x, y) = (keys[a], keys[b])
      if x.0 != y.0 { return x.0 > y.0 }
      if x.1 != y.1 { return x.1 > y.1 }
      if x.2 != y.2 { return x.2 > y.2 }
      if x.3 != y.3 { return x.3 }  // a release ranks above its pre-releases
      return tags[a].version > tags[b].version
    }.map { tags[$0] }
  }

  /// The tags that can be the release before `bound`: those below it, final releases only
  /// unless `bound` is a pre-release. With no bound (unreleased commits), every final release.
  public static func candidates(before bound: SemanticVersion?, among tags: [ReleaseTag])
    -> [ReleaseTag]
  {
    tags.filter { tag in
      guard let bound else { return !tag.version.isPreRelease }
      return tag.version < bound && (bound.isPreRelease || !tag.version.isPreRelease)
    }
  }

  /// The tags a new release tag `name` of `version` must not have in its history: the other
  /// releases with at least its precedence.
  public static func candidates(
    atLeast version: SemanticVersion, otherThan name: String, among tags: [ReleaseTag]
  ) -> [ReleaseTag] {
    tags.filter { $0.name != name && $0.version.comparePrecedence(to: version) >= 0 }
  }

  /// The highest of `tags` on the commits of `walk` (one commit id at a time, in any order),
  /// reading `walk` only until the answer is sure. The rule `HighestReachableRelease` applies,
  /// over plain values.
  public static func highestReachable<Walk: Sequence>(
    _ tags: [ReleaseTag], walk: Walk
  ) -> ReleaseTag? where Walk.Element == String {
    var search = HighestReachableRelease(tags)
    guard !search.isEmpty else { return nil }
    for commit in walk where search.meet(commit) { break }
    return search.best
  }
}

/// The highest of some release tags that a walk of the history meets, for walks that stop as
/// soon as the answer is sure: once the best tag met has at least the precedence of every tag not
/// met yet. Of several reachable tags with the same precedence, which one is the answer depends on
/// the walk's order. `Commit` is how the caller names a commit (a git object id, or the tags' own
/// hexadecimal `commit`).
public struct HighestReachableRelease<Commit: Hashable> {
  /// Highest first, as `ReleaseTag.highestFirst` ranks them.
  @usableFromInline let ranked: [ReleaseTag]
  @usableFromInline var ranksByCommit: [Commit: [Int]] = [:]
  @usableFromInline var seen: [Bool]
  @usableFromInline var bestRank: Int?
  @usableFromInline var highestUnseen = 0

  /// A search among `tags`, each found on the commit `commit(tag)` names; a tag whose commit
  /// cannot be named (nil) is never met. Inlinable, as `meet` is: the table of commits is built
  /// for the caller's own `Commit` type, not through generic metadata at run time.
  @inlinable public init(_ tags: [ReleaseTag], commit: (ReleaseTag) -> Commit?) {
    ranked = ReleaseTag.highestFirst(tags)
    seen = [Bool](repeating: false, count: ranked.count)
    for (rank, tag) in ranked.enumerated() {
      guard let id = commit(tag) else { continue }
      ranksByCommit[id, default: []].append(rank)
    }
  }

  /// No tag to look for: every walk ends without one.
  public var isEmpty: Bool { ranked.isEmpty }

  /// The highest tag met so far.
  public var best: ReleaseTag? { bestRank.map { ranked[$0] } }

  /// True once no tag left unmet could outrank the best one met.
  @inlinable public var isSettled: Bool {
    guard highestUnseen < ranked.count else { return true }
    guard let bestRank else { return false }
    return ranked[bestRank].version.comparePrecedence(to: ranked[highestUnseen].version) >= 0
  }

  /// Notes the tags on a commit the walk met; returns whether the answer is now sure.
  @inlinable public mutating func meet(_ commit: Commit) -> Bool {
    guard let ranks = ranksByCommit[commit] else { return false }
    for rank in ranks {
      seen[rank] = true
      bestRank = min(bestRank ?? rank, rank)
    }
    while highestUnseen < ranked.count, seen[highestUnseen] { highestUnseen += 1 }
    return isSettled
  }
}

extension HighestReachableRelease where Commit == String {
  /// A search that names commits as the tags do: by their full hexadecimal id.
  @inlinable public init(_ tags: [ReleaseTag]) { self.init(tags) { $0.commit } }
}
