/// Assigns every commit of a history to the first release that shipped it, in one pass over the
/// commits and without looking a tag up per commit: each commit takes the earliest release of
/// its own tag and of the commits that descend from it, then hands that on to its parents.
///
/// Feed the commits children before parents (a topological walk from HEAD). A commit no release
/// contains is unreleased (nil). A release is "earlier" by its index in `releaseCommits`, which
/// the caller orders by version, so a fix released on a maintenance branch (1.2.1) and merged
/// later into 1.3.0 belongs to 1.2.1 only.
public struct ReleaseAssignment {
  /// Release index per tagged commit id (the lowest when several releases tag one commit).
  private let releaseAt: [String: Int]
  /// The best release handed down by the children seen so far, for commits not reached yet.
  private var pending: [String: Int] = [:]

  /// `releases[i]` is the full id of the commit the i-th release tags, earliest release first.
  public init(releaseCommits: [String]) {
    var map: [String: Int] = [:]
    for (index, commit) in releaseCommits.enumerated() where map[commit] == nil {
      map[commit] = index
    }
    releaseAt = map
  }

  /// The release of a commit whose children have all been assigned; nil when unreleased.
  public mutating func assign(id: String, parents: [String]) -> Int? {
    let inherited = pending.removeValue(forKey: id) ?? Int.max
    let label = min(inherited, releaseAt[id] ?? Int.max)
    for parent in parents {
      if let known = pending[parent], known <= label { continue }
      pending[parent] = label
    }
    return label == Int.max ? nil : label
  }
}

extension ReleaseTag {
  /// The release tags a changelog lists, earliest first: a pre-release is left out when the final
  /// release of its version is tagged, as its commits are that release's.
  public static func changelogReleases(_ tags: [ReleaseTag]) -> [ReleaseTag] {
    let finals = Set(tags.filter { !$0.version.isPreRelease }.map(\.version))
    return tags.filter { !$0.version.isPreRelease || !finals.contains($0.version.core) }
      .sorted { left, right in
        // Most pairs differ in their numbers: compared first, without the whole versions.
        let (a, b) = (left.version, right.version)
        if a.major != b.major { return a.major < b.major }
        if a.minor != b.minor { return a.minor < b.minor }
        if a.patch != b.patch { return a.patch < b.patch }
        return a != b ? a < b : left.name < right.name
      }
  }
}
