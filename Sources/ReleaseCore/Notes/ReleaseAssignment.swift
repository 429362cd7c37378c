/// Assigns every commit of a history to the first release that shipped it, in one pass over the
/// commits and without looking a tag up per commit: each commit takes the earliest release of
/// its own tag and of the commits that descend from it, then hands that on to its parents.
///
/// The history is held by positions (0..<count), as a commit graph numbers its commits: no ids
/// are hashed or compared. A release is "earlier" by its index, which the caller orders by
/// version, so a fix released on a maintenance branch (1.2.1) and merged later into 1.3.0
/// belongs to 1.2.1 only.
public struct ReleaseAssignment {
  /// The earliest release seen so far for each position; `Int32.max` for none.
  @usableFromInline var label: [Int32]

  /// `tagged` gives, for each release index, the position of the commit it tags.
  public init(count: Int, tagged: [(release: Int, position: Int)]) {
    label = [Int32](repeating: .max, count: count)
    for (release, position) in tagged { label[position] = min(label[position], Int32(release)) }
  }

  /// Assigns the commits; `order` lists every position children before parents.
  @inlinable public mutating func assign(
    order: [Int], parents: (Int) -> some Sequence<Int32>
  ) {
    for position in order {
      let mine = label[position]
      guard mine != .max else { continue }
      for parent in parents(position) where mine < label[Int(parent)] {
        label[Int(parent)] = mine
      }
    }
  }

  /// The release of the commit at `position`; nil when no release contains it.
  public func release(at position: Int) -> Int? {
    label[position] == .max ? nil : Int(label[position])
  }
}

extension ReleaseAssignment {
  /// The releases a changelog shows, as indices into `commits` (each release's commit, releases
  /// earliest first): of several releases on one commit, the earliest takes its commits alone,
  /// and a release whose commit is not in the history (nil) is left out. A shown release's
  /// previous release is the shown one before it.
  public static func shownReleases<Commit: Hashable>(onCommits commits: [Commit?]) -> [Int] {
    var taken = Set<Commit>()
    return commits.indices.filter { commits[$0].map { taken.insert($0).inserted } ?? false }
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
