/// `[notes]`: how release notes are rendered.
public struct NotesSettings: Sendable {
  /// A Mustache template for release notes, relative to the repository root.
  public var template: String?

  public init() {}

  init(_ reader: ConfigurationReader) throws(ConfigurationError) {
    try reader.checkKeys(section: "notes", allowed: ["template"])
    template = reader.value("notes.template")
  }
}
