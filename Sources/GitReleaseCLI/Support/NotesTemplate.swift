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

/// A model as a template sees it: the JSON encoding of the model, as Swift values.
enum TemplateValue: Decodable {
  case null, bool(Bool), integer(Int), number(Double), string(String)
  case array([TemplateValue]), object([String: TemplateValue])

  static func tree(of model: some Encodable) throws -> Any {
    let data = try JSONEncoder().encode(model)
    return try JSONDecoder().decode(TemplateValue.self, from: data).value
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int.self) {
      self = .integer(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([TemplateValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: TemplateValue].self))
    }
  }

  /// Null stays a value (NSNull), so that a section on it does not search the outer scopes.
  var value: Any {
    switch self {
    case .null: NSNull()
    case .bool(let value): value
    case .integer(let value): value
    case .number(let value): value
    case .string(let value): value
    case .array(let values): values.map(\.value)
    case .object(let values): values.mapValues(\.value)
    }
  }
}
