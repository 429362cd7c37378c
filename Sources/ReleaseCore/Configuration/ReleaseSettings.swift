/// `[release]`: how release tags are named and where versions start.
public struct ReleaseSettings: Sendable {
  /// What comes before the version in a release tag name: `v` by default, may be empty.
  public var tagPrefix: String = "v"
  /// The version of the first release, when no release tag exists yet.
  public var initialVersion = SemanticVersion(0, 1, 0)
  /// Below 1.0.0 a breaking change bumps the minor version unless this is true.
  public var majorOnZero = false

  public var namespace: TagNamespace { TagNamespace(prefix: tagPrefix) }

  public init() {}

  init(_ reader: ConfigurationReader) throws(ConfigurationError) {
    try reader.checkKeys(
      section: "release", allowed: ["tagprefix", "initialversion", "majoronzero"],
      flags: ["majoronzero"])
    if let prefix = reader.value("release.tagprefix") {
      guard TagNamespace.isValidPrefix(prefix) else {
        throw reader.errorAtLast(
          "release.tagPrefix = \"\(prefix)\" cannot start a tag name; use letters, digits, "
            + "'-', '_', '.' or '/' (for example v or api/v)", at: "release.tagprefix")
      }
      tagPrefix = prefix
    }
    if let version = try reader.version("release.initialversion") { initialVersion = version }
    if let value = try reader.bool("release.majoronzero") { majorOnZero = value }
  }
}

extension TagNamespace {
  /// A prefix that can begin a valid tag name (`git check-ref-format`): no spaces, no `..`, no
  /// `~^:?*[\`, no `@{`, no component starting with `.`, no leading `/` or `-`. `@` is allowed,
  /// for the `name@1.2.3` tags some monorepo tools write.
  public static func isValidPrefix(_ prefix: String) -> Bool {
    if prefix.isEmpty { return true }
    guard !prefix.hasPrefix("/"), !prefix.hasPrefix("-"), !prefix.hasPrefix("."),
      !prefix.contains(".."), !prefix.contains("//"), !prefix.contains("@{"),
      !prefix.contains("/."), prefix != "@"
    else { return false }
    return prefix.unicodeScalars.allSatisfy {
      $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./+@".unicodeScalars.contains($0)
    }
  }
}
