/// How much a set of changes moves the version.
public enum Bump: String, Comparable, Sendable, CaseIterable, Codable {
  case none, patch, minor, major

  private var rank: Int {
    switch self {
    case .none: 0
    case .patch: 1
    case .minor: 2
    case .major: 3
    }
  }

  public static func < (lhs: Bump, rhs: Bump) -> Bool { lhs.rank < rhs.rank }
}

extension SemanticVersion {
  /// The next version after this one for a bump, pre-release and build dropped. A pre-release whose
  /// core already carries the bump becomes that core (`1.3.0-rc.2` + minor is `1.3.0`).
  public func bumped(_ bump: Bump) -> SemanticVersion {
    switch bump {
    case .none:
      return core
    case .patch:
      return isPreRelease ? core : SemanticVersion(major, minor, patch + 1)
    case .minor:
      return isPreRelease && patch == 0 ? core : SemanticVersion(major, minor + 1, 0)
    case .major:
      return isPreRelease && minor == 0 && patch == 0 ? core : SemanticVersion(major + 1, 0, 0)
    }
  }
}
