import Foundation

/// One variable of a git-config-format file, its name normalised as git does:
/// `section.subsection.key` with section and key lower-cased.
public struct ConfigurationEntry: Hashable, Sendable {
  public let name: String
  public let value: String
  /// A key written without `=`, which git reads as true; only flags may be written so.
  public let isBare: Bool

  public init(name: String, value: String, isBare: Bool = false) {
    self.name = name
    self.value = value
    self.isBare = isBare
  }

  /// `release`, `type`, `package`, ...
  public var section: String { String(name.prefix { $0 != "." }) }

  /// The quoted part of `[package "api"]`; nil for `[release]`.
  public var subsection: String? {
    guard let first = name.firstIndex(of: "."), let last = name.lastIndex(of: "."), first != last
    else { return nil }
    return String(name[name.index(after: first)..<last])
  }

  public var key: String { String(name[name.index(after: name.lastIndex(of: ".") ?? name.startIndex)...]) }
}

/// A configuration problem, with the file and line where a person can fix it.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible, Sendable {
  public let file: String
  public let line: Int?
  public let message: String

  public init(file: String, line: Int?, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String {
    if let line { return "\(file):\(line): \(message)" }
    return "\(file): \(message)"
  }
}

/// The project's release configuration, read from `.gitrelease` at the repository root (git-config
/// syntax). Every section has defaults, so an absent file is a valid, empty configuration.
public struct Configuration: Sendable {
  /// The configuration file's name, at the repository root.
  public static let fileName = ".gitrelease"

  /// The file name shown in errors.
  public let file: String
  /// Every variable, in file order.
  public let entries: [ConfigurationEntry]
  private let locator: ConfigurationLineLocator

  public let release: ReleaseSettings
  /// Commit types and what they do, defaults merged with the file's `[type "..."]` sections, in
  /// the order release notes show them.
  public let types: [TypeSettings]
  public let packages: [PackageSettings]
  public let notes: NotesSettings
  /// `[forge]`: where `git release publish` sends releases.
  public let forge: ForgeSettings
  /// `[notify "NAME"]`: the webhooks told of events, in file order.
  public let notifications: [NotifyTarget]
  /// `[line "NAME"]` sections: release lines of branches not named `N.x` or `N.M.x`.
  public let lines: [LineSettings]
  /// `[file "PATH"]`: the files `stamp` writes the version into, in file order.
  public let files: [VersionFileSettings]
  public let changelog: ChangelogSettings

  /// Sections this version of git-release reads; any other is an error, as it is most likely a typo.
  public static let knownSections: Set<String> = [
    "release", "type", "package", "notes", "changelog", "environment", "check", "forge",
    "line", "file", "trust", "notify",
  ]

  /// The defaults alone, as when there is no `.gitrelease`.
  public static let defaults: Configuration = {
    do {
      return try Configuration(file: ".gitrelease", entries: [], text: "")
    } catch {
      preconditionFailure("the default configuration is valid: \(error)")
    }
  }()

  /// Reads entries (as libgit2 parsed them from `text`). `text` is the file's content, used only to
  /// name lines in errors.
  public init(file: String, entries: [ConfigurationEntry], text: String) throws(ConfigurationError) {
    self.file = file
    self.entries = entries
    locator = ConfigurationLineLocator(text: text)
    var seen: [String: Int] = [:]
    for entry in entries {
      let occurrence = seen[entry.name, default: 0]
      seen[entry.name] = occurrence + 1
      guard Self.knownSections.contains(entry.section) else {
        throw ConfigurationError(
          file: file, line: locator.line(of: entry.name, occurrence: occurrence),
          message: "unknown section [\(entry.section)]; known sections are "
            + Self.knownSections.sorted().joined(separator: ", "))
      }
    }
    // `self` is not complete yet, so the readers get what they need as arguments.
    let reader = ConfigurationReader(file: file, entries: entries, locator: locator)
    release = try ReleaseSettings(reader)
    types = try TypeSettings.all(reader)
    packages = try PackageSettings.all(reader, release: release)
    notes = try NotesSettings(reader)
    forge = try ForgeSettings(reader)
    notifications = try NotifyTarget.all(reader)
    lines = try LineSettings.all(reader)
    files = try VersionFileSettings.all(reader)
    changelog = try ChangelogSettings(reader)
  }

  /// A reader over this configuration, for sections parsed elsewhere (environments, checks).
  public var reader: ConfigurationReader {
    ConfigurationReader(file: file, entries: entries, locator: locator)
  }

  /// The settings of a commit type; nil for a type the configuration does not know.
  public func type(_ name: String) -> TypeSettings? {
    // Called for every commit of a changelog, with types parsing has lower-cased already.
    let lowered =
      name.utf8.allSatisfy { $0 < 0x80 && ($0 < 0x41 || $0 > 0x5A) } ? name : name.lowercased()
    return types.first { $0.name == lowered }
  }

  /// The package of that name; nil when none is configured.
  public func package(named name: String) -> PackageSettings? {
    packages.first { $0.name == name }
  }
}

/// Reads typed values out of configuration entries and turns bad ones into errors that name the line.
public struct ConfigurationReader: Sendable {
  public let file: String
  public let entries: [ConfigurationEntry]
  let locator: ConfigurationLineLocator

  /// The entries of one section (and subsection, if given), in file order.
  public func entries(section: String, subsection: String?? = .none) -> [ConfigurationEntry] {
    entries.filter {
      $0.section == section && (subsection == .none || $0.subsection == subsection!)
    }
  }

  /// The subsections of a section, in the order they first appear.
  public func subsections(of section: String) -> [String] {
    var result: [String] = []
    for entry in entries where entry.section == section {
      if let name = entry.subsection, !result.contains(name) { result.append(name) }
    }
    return result
  }

  /// The last value of a key, as git reads single-valued keys.
  public func value(_ name: String) -> String? {
    entries.last { $0.name == name }?.value
  }

  /// Every value of a multi-valued key, in order.
  public func values(_ name: String) -> [String] {
    entries.filter { $0.name == name }.map(\.value)
  }

  /// The subsections whose headers appear in the file, in order, including those with no keys
  /// (`[environment "staging"]` alone declares an environment).
  public func declaredSubsections(of section: String) -> [String] {
    locator.subsections(of: section)
  }

  /// An error about the entry `name` (its `occurrence`-th value), naming its line.
  public func error(_ message: String, at name: String, occurrence: Int = 0) -> ConfigurationError {
    ConfigurationError(file: file, line: locator.line(of: name, occurrence: occurrence), message: message)
  }

  /// An error about the last value of `name`, the one git uses.
  public func errorAtLast(_ message: String, at name: String) -> ConfigurationError {
    error(message, at: name, occurrence: max(0, values(name).count - 1))
  }

  /// Rejects keys outside `allowed` in a section, naming the first unknown one's line, and keys
  /// written without a value unless they are `flags` (booleans, which git reads bare as true).
  public func checkKeys(section: String, allowed: Set<String>, flags: Set<String> = [])
    throws(ConfigurationError)
  {
    var seen: [String: Int] = [:]
    for entry in entries where entry.section == section {
      let occurrence = seen[entry.name, default: 0]
      seen[entry.name] = occurrence + 1
      let place = entry.subsection.map { "[\(section) \"\($0)\"]" } ?? "[\(section)]"
      guard allowed.contains(entry.key) else {
        throw error(
          "unknown key \"\(entry.key)\" in \(place); known keys are "
            + allowed.sorted().joined(separator: ", "), at: entry.name, occurrence: occurrence)
      }
      if entry.isBare, !flags.contains(entry.key) {
        throw error(
          "\(entry.key) in \(place) has no value; write \(entry.key) = <value>", at: entry.name,
          occurrence: occurrence)
      }
    }
  }

  /// A boolean as git reads one: true/yes/on/1, false/no/off/0, or empty.
  public func bool(_ name: String) throws(ConfigurationError) -> Bool? {
    guard let text = value(name) else { return nil }
    switch text.lowercased() {
    case "true", "yes", "on", "1": return true
    case "false", "no", "off", "0", "": return false
    default:
      throw errorAtLast("\(name) = \"\(text)\" is not a boolean; use true or false", at: name)
    }
  }

  /// A version in SemVer form (a leading `v` is not allowed).
  public func version(_ name: String) throws(ConfigurationError) -> SemanticVersion? {
    guard let text = value(name) else { return nil }
    guard let version = SemanticVersion(text) else {
      throw errorAtLast(
        "\(name) = \"\(text)\" is not a SemVer version such as 0.1.0", at: name)
    }
    return version
  }
}

/// Finds the line of a variable in git-config text, so that errors found after libgit2 parsed the
/// file (bad values, unknown keys) can name where to fix them.
struct ConfigurationLineLocator: Sendable {
  /// Normalised name -> the 1-based lines it is set on, in order.
  private var lines: [String: [Int]] = [:]
  /// `section.subsection` of every header with a subsection, in file order, once each.
  private var headers: [String] = []

  init(text: String) {
    var section = ""
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = raw.drop { $0 == " " || $0 == "\t" }
      if line.hasPrefix("[") {
        guard let close = line.firstIndex(of: "]") else { continue }
        let header = line[line.index(after: line.startIndex)..<close]
        if let quote = header.firstIndex(of: "\"") {
          let name = header[..<quote].trimmingCharacters(in: .whitespaces).lowercased()
          let closing = header.lastIndex(of: "\"") ?? header.endIndex
          let sub = quote < closing ? header[header.index(after: quote)..<closing] : ""
          section = name + "." + sub.replacingOccurrences(of: "\\\"", with: "\"")
            .replacingOccurrences(of: "\\\\", with: "\\")
          if !headers.contains(section) { headers.append(section) }
        } else {
          section = header.trimmingCharacters(in: .whitespaces).lowercased()
        }
        line = line[line.index(after: close)...].drop { $0 == " " || $0 == "\t" }
        if line.isEmpty { continue }
      }
      guard let first = line.first, first.isLetter else { continue }
      let key = line.prefix { $0.isLetter || $0.isNumber || $0 == "-" }.lowercased()
      lines[section + "." + key, default: []].append(index + 1)
    }
  }

  func subsections(of section: String) -> [String] {
    headers.compactMap { $0.hasPrefix(section + ".") ? String($0.dropFirst(section.count + 1)) : nil }
  }

  func line(of name: String, occurrence: Int) -> Int? {
    guard let found = lines[name], !found.isEmpty else { return nil }
    return found[min(occurrence, found.count - 1)]
  }
}
