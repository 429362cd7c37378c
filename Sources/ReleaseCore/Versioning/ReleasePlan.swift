/// What the next release will be, and from what: the answer of `git release next`.
///
/// Encoded as JSON with the keys `current`, `currentTag`, `next`, `tag`, `bump`, `commits` (how
/// many commits were read), `package`, `reason` and `warnings`. The commits themselves are in
/// `commitRecords` for the commands that need them (notes, tag messages), and are not encoded.
public struct ReleasePlan: Sendable, Codable, Equatable {
  /// How the next version moves from the current one.
  public enum Change: String, Sendable, Codable, CaseIterable {
    case major, minor, patch
    /// The same core version: another pre-release of it, or its promotion to the final release.
    case prerelease
    /// Nothing to release.
    case none
  }

  /// The current release's version; nil before the first release.
  @NullEncoded public var current: SemanticVersion?
  /// The current release's tag name.
  @NullEncoded public var currentTag: String?
  /// The next version; nil when there is nothing to release.
  @NullEncoded public var next: SemanticVersion?
  /// The next release's tag name; nil when there is nothing to release.
  @NullEncoded public var tag: String?
  public var bump: Change
  /// How many commits of `current..HEAD` were read (merges included).
  public var commitCount: Int
  /// The monorepo package planned for; nil for the repository's own version line.
  @NullEncoded public var package: String?
  /// Why there is nothing to release, as a sentence; nil when there is something.
  @NullEncoded public var reason: String?
  /// The release line HEAD's branch is on; nil off a line.
  @NullEncoded public var line: ReleaseLine?
  /// Things a person should know (an ignored `Release-As` footer, say), one sentence each.
  public var warnings: [String]
  /// The commits of `current..HEAD` (for a package, those that touch its path), newest first, in
  /// topological order. Merge commits are included; they never bump by themselves.
  public var commitRecords: [CommitRecord] = []
  /// Ids of the commits left out of the bump because a revert in the same range cancels them
  /// (the reverts included).
  public var cancelledCommitIDs: Set<String> = []

  public init(
    current: SemanticVersion?, currentTag: String?, next: SemanticVersion?, tag: String?,
    bump: Change, commitCount: Int, package: String? = nil, reason: String? = nil,
    warnings: [String] = [], commitRecords: [CommitRecord] = [],
    cancelledCommitIDs: Set<String> = []
  ) {
    self.current = current
    self.currentTag = currentTag
    self.next = next
    self.tag = tag
    self.bump = bump
    self.commitCount = commitCount
    self.package = package
    self.reason = reason
    self.warnings = warnings
    self.commitRecords = commitRecords
    self.cancelledCommitIDs = cancelledCommitIDs
  }

  /// True when there is a version to release.
  public var hasRelease: Bool { next != nil }

  enum CodingKeys: String, CodingKey {
    case current, currentTag, next, tag, bump, package, reason, warnings, line
    case commitCount = "commits"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    current = try container.decodeIfPresent(SemanticVersion.self, forKey: .current)
    currentTag = try container.decodeIfPresent(String.self, forKey: .currentTag)
    next = try container.decodeIfPresent(SemanticVersion.self, forKey: .next)
    tag = try container.decodeIfPresent(String.self, forKey: .tag)
    bump = try container.decode(Change.self, forKey: .bump)
    commitCount = try container.decode(Int.self, forKey: .commitCount)
    package = try container.decodeIfPresent(String.self, forKey: .package)
    reason = try container.decodeIfPresent(String.self, forKey: .reason)
    warnings = try container.decodeIfPresent([String].self, forKey: .warnings) ?? []
    line = try container.decodeIfPresent(ReleaseLine.self, forKey: .line)
  }
}
