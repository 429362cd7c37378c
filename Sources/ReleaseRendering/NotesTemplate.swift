import Foundation
import Mustache
import ReleaseCore

/// The default templates, from `templates/` and embedded in the binary.
package enum BuiltInTemplate: String, CaseIterable, Sendable {
  /// Release notes in Markdown.
  case notes = "notes.md.mustache"
  /// A Keep a Changelog style changelog in Markdown.
  case changelog = "changelog.md.mustache"
  /// The message of an annotated release tag, in plain text.
  case tagMessage = "tag.txt.mustache"
  /// Release notes in HTML, for the dashboard.
  case htmlNotes = "notes.html.mustache"

  package var text: String {
    let bytes =
      switch self {
      case .notes: PackageResources.notes_md_mustache
      case .changelog: PackageResources.changelog_md_mustache
      case .tagMessage: PackageResources.tag_txt_mustache
      case .htmlNotes: PackageResources.notes_html_mustache
      }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// A Mustache template that renders the release-notes models (`ReleaseNotes`, `ChangelogModel`).
/// Templates see exactly what `--format json` prints: the model is encoded to JSON and handed over
/// as dictionaries, arrays, strings, numbers, booleans and nulls.
package struct NotesTemplate {
  /// The file name shown in errors.
  package let name: String
  /// The default template this is; nil for a user's template.
  package private(set) var builtIn: BuiltInTemplate?
  private let template: MustacheTemplate
  /// The exit status of errors that are the template's fault.
  private let status: ReleaseFailure.Kind
  /// What one pass through a section may write besides values (see `RenderBudget`).
  private let sectionCost: Int

  /// A built-in template.
  package init(_ builtIn: BuiltInTemplate) throws {
    try self.init(text: builtIn.text, name: builtIn.rawValue, status: .failure)
    self.builtIn = builtIn
  }

  /// A template file. `status` is the exit status of its errors: usage for `--template`,
  /// configuration for a file named in `.gitrelease`.
  package init(file path: String, status: ReleaseFailure.Kind, markup: TemplateMarkup? = nil) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      let exists = FileManager.default.fileExists(atPath: path)
      throw ReleaseFailure(
        status,
        "template \(path): "
          + (exists
            ? "cannot be read; check its permissions" : "no such file; check the path"))
    }
    try self.init(
      text: String(decoding: data, as: UTF8.self), name: path, status: status, markup: markup)
  }

  /// A template from text; `markup` defaults to what `name` suggests (`.txt`: plain text).
  package init(text: String, name: String, status: ReleaseFailure.Kind, markup: TemplateMarkup? = nil) throws {
    _ = TemplateMarkup.registered
    self.name = name
    self.status = status
    sectionCost = RenderBudget.longestSection(in: text)
    let markup = markup ?? TemplateMarkup(fileName: name)
    do {
      template = try MustacheTemplate(string: markup.pragma + text)
    } catch {
      throw ReleaseFailure(status, Self.describe(error, name: name))
    }
  }

  /// Renders a model.
  package func render(_ model: some Encodable) throws -> String {
    let budget = RenderBudget(sectionCost: sectionCost)
    let tree = try TemplateValue.tree(of: model, budget: budget)
    budget.start()
    let text = template.render(tree)
    guard !budget.exceeded else {
      throw ReleaseFailure(
        status,
        "template \(Terminal.sanitize(name)): stopped after \(budget.limit >> 20) MiB of output, "
          + "far more than the \(max(1, budget.modelSize >> 10)) KiB of text it was given; a "
          + "section repeated inside itself (such as {{#entries}} within {{#entries}}) "
          + "multiplies what it writes. Nothing was written; fix the template")
    }
    return text
  }

  /// `file:line:column: what is wrong`, with the line quoted, for the person fixing the template.
  package static func describe(_ error: any Error, name: String) -> String {
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
      // The reader's own errors: running out of text inside a tag is the one seen in practice.
      let text = "\(parse.error)"
      what = text == "overflow" ? "the template ends inside a tag; close it with }}" : text
    }
    let quoted = Terminal.sanitize(parse.context.line)
    return "\(name):\(line):\(parse.context.columnNumber): \(what)\n    \(quoted)"
  }
}

/// A model as a template sees it: what its `Encodable` conformance writes (the same code that
/// writes `--format json`), as dictionaries, arrays, strings, numbers, booleans and `NSNull`.
/// Built directly, without JSON text in between: long changelogs have tens of thousands of entries.
package enum TemplateValue {
  /// With a budget, texts and lists are wrapped so that rendering is charged to it.
  package static func tree(of model: some Encodable, budget: RenderBudget? = nil) throws -> Any {
    let encoder = TreeEncoder(codingPath: [], budget: budget)
    try model.encode(to: encoder)
    return encoder.storage.resolved
  }
}

/// Where an encoder or container writes: one value, a keyed or an unkeyed collection.
private final class TreeStorage {
  let budget: RenderBudget?
  var value: Any = NSNull()
  var object: [String: Any]?
  var array: [Any]?
  /// True when a nested container or super encoder put a storage in here, to be filled later.
  var hasNested = false

  /// Plain values all the way down: nested storages replaced by what they hold.
  var resolved: Any {
    if let object { return hasNested ? object.mapValues(Self.resolve) : object }
    if let array {
      let items = hasNested ? array.map(Self.resolve) : array
      guard let budget else { return items }
      budget.measure(64 * items.count)
      return BudgetedList(items: items, budget: budget)
    }
    return Self.resolve(value)
  }

  init(budget: RenderBudget?) { self.budget = budget }

  static func resolve(_ value: Any) -> Any {
    (value as? TreeStorage)?.resolved ?? value
  }
}

private struct TreeEncoder: Encoder {
  let storage: TreeStorage
  var codingPath: [any CodingKey]

  init(codingPath: [any CodingKey], budget: RenderBudget?) {
    storage = TreeStorage(budget: budget)
    self.codingPath = codingPath
  }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    if storage.object == nil { storage.object = [:] }
    return KeyedEncodingContainer(TreeKeyedContainer<Key>(storage: storage, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if storage.array == nil { storage.array = [] }
    return TreeUnkeyedContainer(storage: storage, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    TreeSingleContainer(storage: storage, codingPath: codingPath)
  }

  /// A value as the tree holds it: strings, numbers and booleans as they are, others encoded.
  static func box(_ value: some Encodable, at path: [any CodingKey], budget: RenderBudget?)
    throws -> Any
  {
    switch value {
    case let text as String:
      guard let budget else { return text }
      budget.measure(text.utf8.count)
      return BudgetedText(text, budget: budget)
    case let number as Int: return number
    case let flag as Bool: return flag
    case let number as Double: return number
    default:
      let encoder = TreeEncoder(codingPath: path, budget: budget)
      try value.encode(to: encoder)
      return encoder.storage.resolved
    }
  }
}

private struct TreeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let storage: TreeStorage
  var codingPath: [any CodingKey]

  mutating func encodeNil(forKey key: Key) throws { storage.object?[key.stringValue] = NSNull() }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    storage.object?[key.stringValue] = try TreeEncoder.box(
      value, at: codingPath + [key], budget: storage.budget)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    let nested = TreeEncoder(codingPath: codingPath + [key], budget: storage.budget)
    storage.object?[key.stringValue] = nested.storage
    storage.hasNested = true
    return nested.container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let nested = TreeEncoder(codingPath: codingPath + [key], budget: storage.budget)
    storage.object?[key.stringValue] = nested.storage
    storage.hasNested = true
    return nested.unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    let nested = TreeEncoder(codingPath: codingPath + [key], budget: storage.budget)
    storage.object?[key.stringValue] = nested.storage
    storage.hasNested = true
    return nested
  }
}

private struct TreeUnkeyedContainer: UnkeyedEncodingContainer {
  let storage: TreeStorage
  var codingPath: [any CodingKey]
  var count: Int { storage.array?.count ?? 0 }

  mutating func encodeNil() throws { storage.array?.append(NSNull()) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    storage.array?.append(try TreeEncoder.box(value, at: codingPath, budget: storage.budget))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let nested = TreeEncoder(codingPath: codingPath, budget: storage.budget)
    storage.array?.append(nested.storage)
    storage.hasNested = true
    return nested.container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let nested = TreeEncoder(codingPath: codingPath, budget: storage.budget)
    storage.array?.append(nested.storage)
    storage.hasNested = true
    return nested.unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    let nested = TreeEncoder(codingPath: codingPath, budget: storage.budget)
    storage.array?.append(nested.storage)
    storage.hasNested = true
    return nested
  }
}

private struct TreeSingleContainer: SingleValueEncodingContainer {
  let storage: TreeStorage
  var codingPath: [any CodingKey]

  mutating func encodeNil() throws { storage.value = NSNull() }

  mutating func encode<T: Encodable>(_ value: T) throws {
    storage.value = try TreeEncoder.box(value, at: codingPath, budget: storage.budget)
  }
}
