/// `[package "NAME"]`: one package of a monorepo, with its own folder and its own release tags.
public struct PackageSettings: Hashable, Sendable {
  public let name: String
  /// The package's folder, relative to the repository root, without a trailing slash.
  public let path: String
  /// Defaults to `NAME/v`, so `api` is released as `api/v1.2.0`.
  public let tagPrefix: String
  /// The repository's calendar format: a project is one scheme or the other.
  public var calendar: CalendarScheme?

  public init(name: String, path: String, tagPrefix: String, calendar: CalendarScheme? = nil) {
    self.name = name
    self.path = path
    self.tagPrefix = tagPrefix
    self.calendar = calendar
  }

  public var namespace: TagNamespace { TagNamespace(prefix: tagPrefix, calendar: calendar) }

  static func all(_ reader: ConfigurationReader, release: ReleaseSettings)
    throws(ConfigurationError)
    -> [PackageSettings]
  {
    try reader.checkKeys(section: "package", allowed: ["path", "tagprefix"])
    var result: [PackageSettings] = []
    for name in reader.subsections(of: "package") {
      let key = "package.\(name)."
      guard var path = reader.value(key + "path") else {
        throw reader.error(
          "package \"\(name)\" has no path; add `path = <folder>` to its section",
          at: reader.entries(section: "package", subsection: name).first?.name ?? key)
      }
      while path.hasSuffix("/") { path.removeLast() }
      while path.hasPrefix("./") { path.removeFirst(2) }
      guard !path.isEmpty, !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
        throw reader.errorAtLast(
          "package \"\(name)\": path must be a folder inside the repository", at: key + "path")
      }
      let prefix = reader.value(key + "tagprefix") ?? "\(name)/v"
      guard TagNamespace.isValidPrefix(prefix) else {
        throw reader.errorAtLast(
          "package \"\(name)\": tagPrefix = \"\(prefix)\" cannot start a tag name",
          at: key + "tagprefix")
      }
      if let clash = result.first(where: { $0.tagPrefix == prefix }) {
        throw reader.errorAtLast(
          "packages \"\(clash.name)\" and \"\(name)\" share the tag prefix \"\(prefix)\"; "
            + "give each its own", at: key + "tagprefix")
      }
      if prefix == release.tagPrefix {
        throw reader.errorAtLast(
          "package \"\(name)\": tagPrefix \"\(prefix)\" is the repository's own release prefix; "
            + "give the package its own (for example \(name)/v)", at: key + "tagprefix")
      }
      result.append(
        PackageSettings(name: name, path: path, tagPrefix: prefix, calendar: release.calendar))
    }
    return result
  }
}
