/// Which tags are release tags: a fixed prefix followed by a valid SemVer version, nothing else.
/// With prefix `v`, `v1.2.0` and `v2.0.0-rc.1` are release tags; `1.2.0`, `v1.2`, `rollback/v1.2.0`
/// and `experiment` are not. With prefix `api/v`, only `api/v1.2.0` and the like.
public struct TagNamespace: Hashable, Sendable {
  public let prefix: String
  /// The calendar version format of `[release] scheme = calver`; nil for SemVer.
  public let calendar: CalendarScheme?

  public init(prefix: String, calendar: CalendarScheme? = nil) {
    self.prefix = prefix
    self.calendar = calendar
  }

  /// The version a tag name carries; nil when the name is not a release tag of this namespace.
  public func version(ofTag name: String) -> SemanticVersion? {
    guard name.hasPrefix(prefix) else { return nil }
    return version(name.dropFirst(prefix.count))
  }

  /// A version as this namespace writes it (no prefix): SemVer, or the calendar format.
  public func version(_ text: some StringProtocol) -> SemanticVersion? {
    guard let calendar else { return SemanticVersion(text) }
    return calendar.version(text)
  }

  /// What a version of this namespace looks like, for messages: `1.2.0`, `YYYY.0M.MICRO`.
  public var versionForm: String { calendar.map { "\($0) version" } ?? "SemVer version" }

  /// The tag name a version gets.
  public func tagName(for version: SemanticVersion) -> String { prefix + version.description }
}

/// A release tag as read from the repository, in plain values.
public struct ReleaseTag: Hashable, Sendable {
  public let name: String
  public let version: SemanticVersion
  /// The commit the tag leads to, as a full hexadecimal id.
  public let commit: String
  public let isAnnotated: Bool

  public init(name: String, version: SemanticVersion, commit: String, isAnnotated: Bool) {
    self.name = name
    self.version = version
    self.commit = commit
    self.isAnnotated = isAnnotated
  }
}
