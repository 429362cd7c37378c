/// `[notes]`: how release notes, the changelog and tag messages are rendered and linked.
public struct NotesSettings: Sendable {
  /// A Mustache template for release notes, relative to the repository root.
  public var template: String?
  /// A Mustache template for the changelog.
  public var changelogTemplate: String?
  /// A Mustache template for the message of release tags.
  public var tagTemplate: String?
  /// The remote whose URL names the forge for links; `origin` by default.
  public var remote = "origin"
  /// What `forge` says: a forge type for a self-hosted server whose name does not tell, or `none`.
  public var forge: ForgeChoice = .automatic

  public enum ForgeChoice: Hashable, Sendable {
    /// Read from the remote's host name.
    case automatic
    /// No links at all.
    case none
    case kind(Forge.Kind)
  }

  public init() {}

  init(_ reader: ConfigurationReader) throws(ConfigurationError) {
    try reader.checkKeys(
      section: "notes",
      allowed: ["template", "changelogtemplate", "tagtemplate", "remote", "forge"])
    template = reader.value("notes.template")
    changelogTemplate = reader.value("notes.changelogtemplate")
    tagTemplate = reader.value("notes.tagtemplate")
    if let remote = reader.value("notes.remote") {
      guard !remote.isEmpty, !remote.contains(where: \.isWhitespace) else {
        throw reader.errorAtLast(
          "notes.remote = \"\(remote)\" is not a remote name such as origin", at: "notes.remote")
      }
      self.remote = remote
    }
    if let text = reader.value("notes.forge") {
      switch text.lowercased() {
      case "auto", "": forge = .automatic
      case "none": forge = .none
      default:
        let name =
          text.lowercased() == "codeberg" || text.lowercased() == "forgejo"
          ? "gitea" : text.lowercased()
        guard let kind = Forge.Kind(rawValue: name) else {
          throw reader.errorAtLast(
            "notes.forge = \"\(text)\" is not one of auto, none, github, gitlab, bitbucket, gitea",
            at: "notes.forge")
        }
        forge = .kind(kind)
      }
    }
  }
}
