import Foundation
import Git
import ReleaseCore
import ReleaseRendering
import TOMLKit
import Yams

/// The version files of `.gitrelease` (`[file "PATH"]`): each found with the well-kept parser of
/// its format (Foundation's JSON, TOMLKit, Yams), its version located as byte offsets, and only
/// those bytes rewritten. A user's file is never re-serialised.
package struct VersionFile {
  package let settings: VersionFileSettings
  /// The file to write: the configured path with its symbolic links resolved.
  package let url: URL
  package let bytes: [UInt8]
  package let location: VersionLocation

  /// The version the file holds now.
  package var value: String { location.value }

  /// The file's bytes with `version` written in.
  package func stamped(_ version: String) -> [UInt8] { location.replacing(with: version, in: bytes) }

  /// Reads and locates every configured file of the work tree at `root`.
  package static func readAll(_ settings: [VersionFileSettings], root: URL) throws -> [VersionFile] {
    try settings.map { settings in
      let file = root.appendingPathComponent(settings.path)
      guard (try? FileManager.default.attributesOfItem(atPath: file.path)) != nil else {
        throw VersionFileError.missingFile(file: settings.path)
      }
      let data = try RepositoryFiles.read(
        file.path, under: root, what: "[file \"\(settings.path)\"]", status: .configuration)
      let bytes = [UInt8](data)
      return VersionFile(
        settings: settings, url: file.resolvingSymlinksInPath(), bytes: bytes,
        location: try locate(settings, in: bytes))
    }
  }

  /// Where the version of a file is: the parser reads the file and the value, the locator finds
  /// its bytes, and both must agree.
  package static func locate(_ settings: VersionFileSettings, in bytes: [UInt8]) throws(VersionFileError)
    -> VersionLocation
  {
    let file = settings.path
    switch settings.locator {
    case .wholeFile:
      return try WholeFileVersionLocator.locate(bytes, file: file)
    case .pattern(let pattern):
      return try PatternVersionLocator.locate(bytes, pattern: pattern, file: file)
    case .key(let path):
      let start = VersionFileText.start(of: bytes)
      guard let text = String(validating: bytes[start...], as: UTF8.self) else {
        throw .unparsable(file: file, line: nil, detail: "it is not UTF-8 text")
      }
      let key = path.joined(separator: ".")
      // The parser first, so a file that does not parse is named as such; then the locator,
      // whose errors name lines; then both must agree.
      let location: VersionLocation
      let value: String
      switch settings.format {
      case .json:
        let root = try jsonDocument(text, file: file)
        location = try JSONVersionLocator.locate(bytes, path: path, file: file)
        value = try jsonString(in: root, path: path, file: file)
      case .toml:
        let table = try tomlDocument(text, file: file)
        location = try TOMLVersionLocator.locate(bytes, path: path, file: file)
        value = try tomlString(in: table, path: path, file: file)
      case .yaml, .text:
        return try yamlLocation(text, bytes: bytes, start: start, path: path, file: file)
      }
      guard value == location.value else {
        throw .cannotEditInPlace(
          file: file, key: key, line: location.line,
          detail: "the parser reads \"\(value)\" where the text says \"\(location.value)\"")
      }
      return location
    }
  }

  // MARK: Parsers

  private static func jsonDocument(_ text: String, file: String) throws(VersionFileError) -> Any {
    do {
      return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    } catch {
      throw .unparsable(file: file, line: nil, detail: "JSON: \(error.localizedDescription)")
    }
  }

  private static func jsonString(in root: Any, path: [String], file: String)
    throws(VersionFileError) -> String
  {
    var node: Any? = root
    for part in path {
      node = (node as? [String: Any])?[part]
      if node == nil { throw .missingKey(file: file, key: path.joined(separator: ".")) }
    }
    guard let string = node as? String else {
      throw .notAString(file: file, key: path.joined(separator: "."), line: nil)
    }
    return string
  }

  private static func tomlDocument(_ text: String, file: String) throws(VersionFileError)
    -> TOMLTable
  {
    do {
      return try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw .unparsable(
        file: file, line: error.source.begin.line, detail: "TOML: \(error.description)")
    } catch {
      throw .unparsable(file: file, line: nil, detail: "TOML: \(error)")
    }
  }

  private static func tomlString(in table: TOMLTable, path: [String], file: String)
    throws(VersionFileError) -> String
  {
    var current: TOMLTable? = table
    var value: TOMLValueConvertible?
    for (index, part) in path.enumerated() {
      value = current?[part]
      guard let found = value else {
        throw .missingKey(file: file, key: path.joined(separator: "."))
      }
      if index < path.count - 1 { current = found.table }
    }
    guard let string = value?.string else {
      throw .notAString(file: file, key: path.joined(separator: "."), line: nil)
    }
    return string
  }

  /// YAML: Yams gives the scalar and where it starts (line, and column in Unicode scalars); the
  /// bytes there must read as the scalar does.
  private static func yamlLocation(
    _ text: String, bytes: [UInt8], start: Int, path: [String], file: String
  ) throws(VersionFileError) -> VersionLocation {
    let key = path.joined(separator: ".")
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw .unparsable(file: file, line: nil, detail: "YAML: \(Self.summary(error))")
    } catch {
      throw .unparsable(file: file, line: nil, detail: "YAML: \(error)")
    }
    var node = root
    for part in path {
      guard let mapping = node?.mapping else { throw .missingKey(file: file, key: key) }
      let matches = mapping.filter { $0.key.string == part }
      if matches.count > 1 {
        throw .ambiguous(
          file: file, key: key, lines: matches.compactMap { $0.key.mark?.line })
      }
      guard let match = matches.first else { throw .missingKey(file: file, key: key) }
      node = match.value
    }
    guard let scalar = node?.scalar, let mark = scalar.mark else {
      throw .notAString(file: file, key: key, line: node?.mark?.line)
    }
    guard [.plain, .singleQuoted, .doubleQuoted].contains(scalar.style) else {
      throw .notAString(file: file, key: key, line: mark.line)
    }
    // The byte where the scalar's line starts, then its column counted in Unicode scalars.
    var offset = start
    var line = 1
    while line < mark.line, offset < bytes.count {
      if bytes[offset] == 0x0A { line += 1 }
      offset += 1
    }
    var column = 1
    while column < mark.column, offset < bytes.count {
      offset += 1
      while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
      column += 1
    }
    if scalar.style != .plain { offset += 1 }
    let value = Array(scalar.string.utf8)
    let end = offset + value.count
    guard end <= bytes.count, Array(bytes[offset..<end]) == value else {
      throw .cannotEditInPlace(
        file: file, key: key, line: mark.line,
        detail: "the value is written across lines or with escapes")
    }
    let closing: UInt8? =
      switch scalar.style {
      case .singleQuoted: UInt8(ascii: "'")
      case .doubleQuoted: UInt8(ascii: "\"")
      default: nil
      }
    if let closing, end >= bytes.count || bytes[end] != closing {
      throw .cannotEditInPlace(
        file: file, key: key, line: mark.line, detail: "the string has escape sequences")
    }
    return VersionLocation(range: offset..<end, in: bytes)
  }

  private static func summary(_ error: YamlError) -> String {
    // Yams appends a snippet of the file; the first line says what and where.
    String(error.description.prefix { $0 != "\n" })
  }

  // MARK: Writing

  /// Writes new contents for some files, all or none: every file is written to a temporary file
  /// beside it first, with the original's permissions, and only when all are written are they
  /// renamed over the originals.
  package static func write(_ changes: [(url: URL, bytes: [UInt8])]) throws {
    var written: [(temporary: URL, target: URL)] = []
    func discard() {
      for item in written { try? FileManager.default.removeItem(at: item.temporary) }
    }
    for change in changes {
      let temporary = change.url.deletingLastPathComponent().appendingPathComponent(
        ".\(change.url.lastPathComponent).git-release-\(UUID().uuidString)")
      do {
        try Data(change.bytes).write(to: temporary)
        written.append((temporary, change.url))
        // A new file (a first changelog) gets the default permissions.
        let attributes = try? FileManager.default.attributesOfItem(atPath: change.url.path)
        if let permissions = attributes?[.posixPermissions] {
          try FileManager.default.setAttributes(
            [.posixPermissions: permissions], ofItemAtPath: temporary.path)
        }
      } catch {
        discard()
        throw ReleaseFailure(
          .failure,
          "cannot write \(Terminal.sanitize(change.url.path)): \(error.localizedDescription); "
            + "no version file was changed")
      }
    }
    for item in written {
      guard rename(item.temporary.path, item.target.path) == 0 else {
        let reason = String(cString: strerror(errno))
        discard()
        throw ReleaseFailure(
          .failure, "cannot replace \(Terminal.sanitize(item.target.path)): \(reason)")
      }
    }
  }
}

/// One version file written (or already right) by `stamp`.
package struct StampedFile: Encodable {
  package let path: String
  /// `key package.version`, `pattern ...` or `the whole file`.
  package let place: String
  package let line: Int
  package let from: String
  package let to: String
  package let changed: Bool
}

extension RepositoryContext {
  /// The configured version files of the work tree, read and located.
  package func versionFiles() throws -> [VersionFile] {
    let files = configuration.files
    guard !files.isEmpty else {
      throw ReleaseFailure(
        .configuration,
        "no version files in \(Self.configurationFile); add a section per file, such as "
          + "[file \"package.json\"] with key = version (see docs/versions.md)")
    }
    guard let root = repository.workingDirectory else {
      throw ReleaseFailure(
        .repository, "this repository is bare: it has no work tree whose files could be stamped")
    }
    return try VersionFile.readAll(files, root: root)
  }

  /// Writes `version` into every version file, all or none; returns what each held and holds.
  package func stampVersionFiles(_ version: String) throws -> [StampedFile] {
    let (changes, report) = try stampedVersionFiles(version)
    try VersionFile.write(changes.map { (url: $0.url, bytes: $0.bytes) })
    return report
  }

  /// The version files with `version` written in, computed and not written: the files that
  /// change, and what each file held and will hold.
  package func stampedVersionFiles(_ version: String) throws -> (
    changes: [(path: String, url: URL, bytes: [UInt8])], report: [StampedFile]
  ) {
    let files = try versionFiles()
    // The same file may be named twice (two patterns): each edit starts from the last one's bytes.
    var contents: [URL: (path: String, bytes: [UInt8])] = [:]
    var order: [URL] = []
    var report: [StampedFile] = []
    for file in files {
      var current = file
      if let edited = contents[file.url] {
        current = VersionFile(
          settings: file.settings, url: file.url, bytes: edited.bytes,
          location: try VersionFile.locate(file.settings, in: edited.bytes))
      }
      let stamped = current.stamped(version)
      if stamped != current.bytes {
        if contents[file.url] == nil { order.append(file.url) }
        contents[file.url] = (file.settings.path, stamped)
      }
      report.append(
        StampedFile(
          path: file.settings.path, place: file.settings.place, line: current.location.line,
          from: current.value, to: version, changed: current.value != version))
    }
    let changes = order.compactMap { url in
      contents[url].map { (path: $0.path, url: url, bytes: $0.bytes) }
    }
    return (changes, report)
  }

  /// A version named on the command line (`--as`, `--version`), with or without the tag prefix.
  package func requestedVersion(_ text: String, option: String) throws -> SemanticVersion {
    let namespace = configuration.release.namespace
    let prefix = namespace.prefix
    let bare = !prefix.isEmpty && text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    guard let version = namespace.version(bare) else {
      if let calendar = namespace.calendar {
        throw ReleaseFailure(
          .usage, "\(option) \(text): not a version of the calendar format \(calendar)")
      }
      throw ReleaseFailure(
        .usage,
        "\(option) \(text): not a SemVer version; write MAJOR.MINOR.PATCH, e.g. 1.4.0 or "
          + "2.0.0-rc.1")
    }
    return version
  }
}
