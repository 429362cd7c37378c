import Foundation
import Mustache
import ReleaseCore

/// The default templates, from `templates/` and embedded in the binary.
enum BuiltInTemplate: String, CaseIterable, Sendable {
  /// Release notes in Markdown.
  case notes = "notes.md.mustache"
  /// A Keep a Changelog style changelog in Markdown.
  case changelog = "changelog.md.mustache"
  /// The message of an annotated release tag, in plain text.
  case tagMessage = "tag.txt.mustache"

  var text: String {
    let bytes =
      switch self {
      case .notes: PackageResources.notes_md_mustache
      case .changelog: PackageResources.changelog_md_mustache
      case .tagMessage: PackageResources.tag_txt_mustache
      }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// A Mustache template that renders the release-notes models (`ReleaseNotes`, `ChangelogModel`).
/// Templates see exactly what `--format json` prints: the model is encoded to JSON and handed over
/// as dictionaries, arrays, strings, numbers, booleans and nulls.
struct NotesTemplate {
  /// The file name shown in errors.
  let name: String
  private let template: MustacheTemplate

  /// A built-in template.
  init(_ builtIn: BuiltInTemplate) throws {
    try self.init(text: builtIn.text, name: builtIn.rawValue, status: .failure)
  }

  /// A template file. `status` is the exit status of its errors: usage for `--template`,
  /// configuration for a file named in `.gitrelease`.
  init(file path: String, status: ExitStatus, markup: TemplateMarkup? = nil) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      let exists = FileManager.default.fileExists(atPath: path)
      throw CommandFailure(
        status,
        "template \(path): " + (exists
          ? "cannot be read; check its permissions" : "no such file; check the path"))
    }
    try self.init(
      text: String(decoding: data, as: UTF8.self), name: path, status: status, markup: markup)
  }

  /// A template from text; `markup` defaults to what `name` suggests (`.txt`: plain text).
  init(text: String, name: String, status: ExitStatus, markup: TemplateMarkup? = nil) throws {
    _ = TemplateMarkup.registered
    self.name = name
    let markup = markup ?? TemplateMarkup(fileName: name)
    do {
      template = try MustacheTemplate(string: markup.pragma + text)
    } catch {
      throw CommandFailure(status, Self.describe(error, name: name))
    }
  }

  /// Renders a model.
  func render(_ model: some Encodable) throws -> String {
    template.render(try TemplateValue.tree(of: model))
  }

  /// `file:line:column: what is wrong`, with the line quoted, for the person fixing the template.
  static func describe(_ error: any Error, name: String) -> String {
    guard let parse = error as? MustacheTemplate.ParserError else {
      return "template \(name): \(error)"
    }
    // The markup pragma takes the first line: the user's line numbers start after it.
    let line = max(1, parse.context.lineNumber - 1)
    let what: String
    switch parse.error as? MustacheTemplate.Error {
    case .sectionCloseNameIncorrect?:
      what = "a closing tag {{/...}} does not match the section it closes"
    case .unfinishedName?:
      what = "a tag is not finished; close it with }}"
    case .expectedSectionEnd?:
      what = "a section is never closed; add its {{/name}}"
    case .invalidSetDelimiter?:
      what = "a set-delimiter tag {{=<% %>=}} is malformed"
    case .transformAppliedToInheritanceSection?:
      what = "a transform cannot apply to an inheritance section"
    case .illegalTokenInsideInheritSection?, .textInsideInheritSection?:
      what = "only block overrides may appear inside {{<partial}}...{{/partial}}"
    case .invalidConfigVariableSyntax?:
      what = "a pragma {{% NAME: value }} is malformed"
    case .unrecognisedConfigVariable?:
      what = "unknown pragma; only {{% CONTENT_TYPE: TEXT|HTML }} is known"
    case nil:
      what = "\(parse.error)"
    }
    let quoted = Terminal.sanitize(parse.context.line)
    return "\(name):\(line):\(parse.context.columnNumber): \(what)\n    \(quoted)"
  }
}

/// A model as a template sees it: its JSON encoding read back as dictionaries, arrays, strings,
/// integers, doubles, booleans and `NSNull`. The JSON is our own encoder's, so a small reader does;
/// it is many times faster than decoding through `Decodable`, which matters for long changelogs.
enum TemplateValue {
  static func tree(of model: some Encodable) throws -> Any {
    let bytes = Array(try JSONEncoder().encode(model))
    var reader = Reader(bytes: bytes)
    guard let value = reader.value() else {
      throw CommandFailure(.failure, "internal error: the notes model did not encode as JSON")
    }
    return value
  }

  private struct Reader {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func skipSpace() {
      while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A
        || bytes[index] == 0x0D || bytes[index] == 0x09
      { index += 1 }
    }

    mutating func value() -> Any? {
      skipSpace()
      guard index < bytes.count else { return nil }
      switch bytes[index] {
      case UInt8(ascii: "{"):
        index += 1
        var object: [String: Any] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
          index += 1
          return object
        }
        while true {
          skipSpace()
          guard let key = string() else { return nil }
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
          index += 1
          guard let item = value() else { return nil }
          object[key] = item
          skipSpace()
          guard index < bytes.count else { return nil }
          index += 1
          if bytes[index - 1] == UInt8(ascii: "}") { return object }
          guard bytes[index - 1] == UInt8(ascii: ",") else { return nil }
        }
      case UInt8(ascii: "["):
        index += 1
        var array: [Any] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
          index += 1
          return array
        }
        while true {
          guard let item = value() else { return nil }
          array.append(item)
          skipSpace()
          guard index < bytes.count else { return nil }
          index += 1
          if bytes[index - 1] == UInt8(ascii: "]") { return array }
          guard bytes[index - 1] == UInt8(ascii: ",") else { return nil }
        }
      case UInt8(ascii: "\""):
        return string()
      case UInt8(ascii: "t"):
        index += 4
        return true
      case UInt8(ascii: "f"):
        index += 5
        return false
      case UInt8(ascii: "n"):
        index += 4
        return NSNull()
      default:
        let start = index
        while index < bytes.count, !",]} \n".utf8.contains(bytes[index]) { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if let integer = Int(text) { return integer }
        return Double(text)
      }
    }

    mutating func string() -> String? {
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
      index += 1
      let start = index
      // Fast path: no escapes.
      while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
        index += 1
      }
      guard index < bytes.count else { return nil }
      if bytes[index] == UInt8(ascii: "\"") {
        index += 1
        return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
      }
      var scalars = String.UnicodeScalarView()
      scalars.append(contentsOf: String(decoding: bytes[start..<index], as: UTF8.self).unicodeScalars)
      var pendingHigh: UInt32?
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          index += 1
          return String(scalars)
        }
        if byte != UInt8(ascii: "\\") {
          // Copy a run of plain bytes.
          let run = index
          while index < bytes.count, bytes[index] != UInt8(ascii: "\""),
            bytes[index] != UInt8(ascii: "\\")
          { index += 1 }
          scalars.append(contentsOf: String(decoding: bytes[run..<index], as: UTF8.self).unicodeScalars)
          continue
        }
        guard index + 1 < bytes.count else { return nil }
        let escaped = bytes[index + 1]
        index += 2
        switch escaped {
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "b"): scalars.append("\u{08}")
        case UInt8(ascii: "f"): scalars.append("\u{0C}")
        case UInt8(ascii: "u"):
          guard index + 4 <= bytes.count,
            let code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
          else { return nil }
          index += 4
          if (0xD800..<0xDC00).contains(code) {
            pendingHigh = code
            continue
          }
          if (0xDC00..<0xE000).contains(code), let high = pendingHigh {
            let combined = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
            scalars.append(Unicode.Scalar(combined) ?? "\u{FFFD}")
          } else {
            scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
          }
          pendingHigh = nil
        default:
          // `\"`, `\\`, `\/`.
          scalars.append(Unicode.Scalar(escaped))
        }
      }
      return nil
    }
  }
}
