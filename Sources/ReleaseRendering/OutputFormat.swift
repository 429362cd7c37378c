/// What notes and changelogs are printed as: the values of `--format`. A command accepts the
/// ones it can write and names them in its error.
package enum OutputFormat: String, CaseIterable, Sendable {
  /// Markdown, through the notes or changelog template.
  case markdown
  /// Plain text, as in a tag message.
  case text
  /// The model templates see, as JSON.
  case json

  /// The format a `--format` value names (`md` is Markdown too); nil for any other name.
  package init?(name: String) {
    guard name != "md" else {
      self = .markdown
      return
    }
    self.init(rawValue: name)
  }
}
