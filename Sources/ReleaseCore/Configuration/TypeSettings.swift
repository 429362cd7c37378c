/// `[type "NAME"]`: what a commit type does to the version and where it shows in release notes.
public struct TypeSettings: Hashable, Sendable {
  /// The type, lower-cased.
  public let name: String
  public var bump: Bump
  /// The section title in release notes.
  public var title: String
  /// Hidden types are left out of release notes unless asked for.
  public var hidden: Bool

  public init(name: String, bump: Bump, title: String, hidden: Bool) {
    self.name = name
    self.bump = bump
    self.title = title
    self.hidden = hidden
  }

  /// The types every project starts with, in release-notes order.
  public static let defaults: [TypeSettings] = [
    TypeSettings(name: "feat", bump: .minor, title: "Features", hidden: false),
    TypeSettings(name: "fix", bump: .patch, title: "Bug Fixes", hidden: false),
    TypeSettings(name: "perf", bump: .patch, title: "Performance", hidden: false),
    TypeSettings(name: "revert", bump: .none, title: "Reverts", hidden: false),
    TypeSettings(name: "refactor", bump: .none, title: "Refactoring", hidden: true),
    TypeSettings(name: "docs", bump: .none, title: "Documentation", hidden: true),
    TypeSettings(name: "style", bump: .none, title: "Style", hidden: true),
    TypeSettings(name: "test", bump: .none, title: "Tests", hidden: true),
    TypeSettings(name: "build", bump: .none, title: "Build System", hidden: true),
    TypeSettings(name: "ci", bump: .none, title: "Continuous Integration", hidden: true),
    TypeSettings(name: "chore", bump: .none, title: "Chores", hidden: true),
  ]

  /// The defaults with each `[type "NAME"]` section applied; new types follow, in file order.
  static func all(_ reader: ConfigurationReader) throws(ConfigurationError) -> [TypeSettings] {
    try reader.checkKeys(section: "type", allowed: ["bump", "title", "hidden"], flags: ["hidden"])
    var result = defaults
    for name in reader.subsections(of: "type") {
      let type = name.lowercased()
      let prefix = "type.\(name)."
      var settings =
        result.first { $0.name == type }
        ?? TypeSettings(name: type, bump: .none, title: name, hidden: false)
      if let text = reader.value(prefix + "bump") {
        guard let bump = Bump(rawValue: text.lowercased()) else {
          throw reader.errorAtLast(
            "type \"\(name)\": bump = \"\(text)\" is not one of major, minor, patch, none",
            at: prefix + "bump")
        }
        settings.bump = bump
      }
      if let title = reader.value(prefix + "title") { settings.title = title }
      if let hidden = try reader.bool(prefix + "hidden") { settings.hidden = hidden }
      if let index = result.firstIndex(where: { $0.name == type }) {
        result[index] = settings
      } else {
        result.append(settings)
      }
    }
    return result
  }
}
