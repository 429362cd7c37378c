/// How strongly a check holds: a failed check at `error` refuses, at `warn` it only says so.
public enum CheckLevel: String, Sendable, CaseIterable, Codable {
  case error, warn, off
}

/// `[check]`: what `git release check` (and so the hooks) insists on.
///
/// ```ini
/// [check]
///     commits = error        # commit messages follow Conventional Commits
///     types = known          # known: only the configured types; any: any type
///     fixups = warn          # fixup!/squash!/amend! commits in a push
///     tags = error           # pushed release tags: SemVer, annotated, greater than before
///     environments = error   # pushed refs/environments/* move forward only
/// ```
public struct CheckSettings: Sendable, Equatable {
  public var commits: CheckLevel = .error
  /// True when only configured commit types (the defaults and `[type "..."]`) are accepted.
  public var knownTypesOnly = true
  public var fixups: CheckLevel = .warn
  public var tags: CheckLevel = .error
  public var environments: CheckLevel = .error

  public init() {}

  public init(_ configuration: Configuration) throws(ConfigurationError) {
    let reader = configuration.reader
    try reader.checkKeys(
      section: "check", allowed: ["commits", "types", "fixups", "tags", "environments"])
    commits = try Self.level(reader, "check.commits") ?? commits
    fixups = try Self.level(reader, "check.fixups") ?? fixups
    tags = try Self.level(reader, "check.tags") ?? tags
    environments = try Self.level(reader, "check.environments") ?? environments
    if let text = reader.value("check.types") {
      switch text.lowercased() {
      case "known": knownTypesOnly = true
      case "any": knownTypesOnly = false
      default:
        throw reader.errorAtLast(
          "check.types = \"\(text)\" is not one of known, any", at: "check.types")
      }
    }
  }

  private static func level(_ reader: ConfigurationReader, _ name: String)
    throws(ConfigurationError) -> CheckLevel?
  {
    guard let text = reader.value(name) else { return nil }
    guard let level = CheckLevel(rawValue: text.lowercased()) else {
      throw reader.errorAtLast("\(name) = \"\(text)\" is not one of error, warn, off", at: name)
    }
    return level
  }
}
