import Foundation

/// `[file "PATH"]`: a file in the work tree that carries the version, and where in it.
///
/// ```ini
/// [file "package.json"]
///     key = version                 # JSON, TOML or YAML: a dotted key path
/// [file "Sources/App/Version.swift"]
///     pattern = let appVersion = \"(.*)\"   # any text: a regular expression with one group
/// [file "VERSION"]                  # neither: the whole file is the version
/// ```
public struct VersionFileSettings: Hashable, Sendable {
  /// Where the version is in the file.
  public enum Locator: Hashable, Sendable {
    /// A dotted key path in a JSON, TOML or YAML file: `package.version`.
    case key([String])
    /// A regular expression whose one group is the version.
    case pattern(String)
    /// The whole file, surrounding white space aside.
    case wholeFile
  }

  /// How a file is read, by its name.
  public enum Format: String, Hashable, Sendable {
    case json, toml, yaml, text

    public init(path: String) {
      let name = path.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
      if name.hasSuffix(".json") {
        self = .json
      } else if name.hasSuffix(".toml") {
        self = .toml
      } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
        self = .yaml
      } else {
        self = .text
      }
    }
  }

  /// Relative to the repository root.
  public let path: String
  public let locator: Locator

  public init(path: String, locator: Locator) {
    self.path = path
    self.locator = locator
  }

  public var format: Format { Format(path: path) }

  /// What errors call the place of the version: `key package.version`, `pattern ...`.
  public var place: String {
    switch locator {
    case .key(let path): "key \(path.joined(separator: "."))"
    case .pattern(let pattern): "pattern \(pattern)"
    case .wholeFile: "the whole file"
    }
  }

  static func all(_ reader: ConfigurationReader) throws(ConfigurationError) -> [VersionFileSettings]
  {
    try reader.checkKeys(section: "file", allowed: ["key", "pattern"])
    var result: [VersionFileSettings] = []
    for path in reader.declaredSubsections(of: "file") {
      let name = "file.\(path)."
      let at = reader.entries(section: "file", subsection: path).first?.name ?? name + "key"
      if let problem = Self.problem(withPath: path) {
        throw reader.error("[file \"\(path)\"]: \(problem)", at: at)
      }
      let key = reader.value(name + "key")
      let pattern = reader.value(name + "pattern")
      let locator: Locator
      switch (key, pattern) {
      case (.some, .some):
        throw reader.errorAtLast(
          "[file \"\(path)\"] has both key and pattern; keep one", at: name + "pattern")
      case (.some(let key), nil):
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !key.isEmpty, !parts.contains(where: \.isEmpty) else {
          throw reader.errorAtLast(
            "[file \"\(path)\"]: key = \"\(key)\" is not a dotted key path such as "
              + "package.version", at: name + "key")
        }
        guard Format(path: path) != .text else {
          throw reader.errorAtLast(
            "[file \"\(path)\"]: key works in .json, .toml, .yaml and .yml files; for any other "
              + "file write pattern = <regular expression with one group>", at: name + "key")
        }
        locator = .key(parts)
      case (nil, .some(let pattern)):
        if let problem = PatternVersionLocator.problem(with: pattern) {
          throw reader.errorAtLast("[file \"\(path)\"]: \(problem)", at: name + "pattern")
        }
        locator = .pattern(pattern)
      case (nil, nil):
        locator = .wholeFile
      }
      result.append(VersionFileSettings(path: path, locator: locator))
    }
    return result
  }

  /// Why a configured path cannot name a file of the work tree; nil when it can.
  static func problem(withPath path: String) -> String? {
    if path.isEmpty { return "the path is empty" }
    if path.hasPrefix("/") || path.hasPrefix("~") {
      return "the path is absolute; name a file inside the repository, relative to its root"
    }
    if path.split(separator: "/").contains("..") || path.split(separator: "/").contains(".git") {
      return "the path leaves the work tree; name a file inside it"
    }
    if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      return "the path holds control characters"
    }
    return nil
  }
}

/// `[changelog]`: the changelog file the release commit of `tag --commit` brings up to date.
public struct ChangelogSettings: Hashable, Sendable {
  /// Relative to the repository root; nil when the changelog is not kept in a file.
  public var file: String?

  public init(file: String? = nil) { self.file = file }

  init(_ reader: ConfigurationReader) throws(ConfigurationError) {
    try reader.checkKeys(section: "changelog", allowed: ["file"])
    guard let file = reader.value("changelog.file") else { return }
    if let problem = VersionFileSettings.problem(withPath: file) {
      throw reader.errorAtLast("changelog.file = \"\(file)\": \(problem)", at: "changelog.file")
    }
    self.file = file
  }
}
