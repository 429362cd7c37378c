import Foundation

/// `[release]`: how release tags are named and where versions start.
public struct ReleaseSettings: Sendable {
  /// What comes before the version in a release tag name: `v` by default, may be empty.
  public var tagPrefix: String = "v"
  /// The version of the first release, when no release tag exists yet.
  public var initialVersion = SemanticVersion(0, 1, 0)
  /// Below 1.0.0 a breaking change bumps the minor version unless this is true.
  public var majorOnZero = false
  /// `scheme = calver`: calendar versions of this format (`calver`, `YYYY.0M.MICRO` by
  /// default) instead of SemVer.
  public var calendar: CalendarScheme?
  /// The time zone whose date calendar versions carry; UTC by default.
  public var timeZone = TimeZone(secondsFromGMT: 0) ?? .current

  public var namespace: TagNamespace { TagNamespace(prefix: tagPrefix, calendar: calendar) }

  public init() {}

  init(_ reader: ConfigurationReader) throws(ConfigurationError) {
    try reader.checkKeys(
      section: "release",
      allowed: ["tagprefix", "initialversion", "majoronzero", "scheme", "calver", "timezone"],
      flags: ["majoronzero"])
    switch reader.value("release.scheme")?.lowercased() {
    case nil, "semver": break
    case "calver":
      let format = reader.value("release.calver") ?? "YYYY.0M.MICRO"
      do {
        calendar = try CalendarScheme(format: format)
      } catch {
        throw reader.errorAtLast(
          "release.calver = \"\(format)\" cannot be used: \(error.reason)", at: "release.calver")
      }
    case let other?:
      throw reader.errorAtLast(
        "release.scheme = \"\(other)\" is not one of semver, calver", at: "release.scheme")
    }
    if calendar == nil, reader.value("release.calver") != nil {
      throw reader.errorAtLast(
        "release.calver is set but release.scheme is not calver; add scheme = calver",
        at: "release.calver")
    }
    if let zone = reader.value("release.timezone") {
      guard let found = TimeZone(identifier: zone) else {
        throw reader.errorAtLast(
          "release.timeZone = \"\(zone)\" is not a time zone; use a name such as UTC or "
            + "Europe/Berlin", at: "release.timezone")
      }
      timeZone = found
    }
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
