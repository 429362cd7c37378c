import Foundation

/// `[forge]`: the forge `git release publish` talks to, for a self-hosted server whose host name
/// does not tell, and the address of its API.
public struct ForgeSettings: Sendable, Equatable {
  /// `type`: github, gitlab or gitea (forgejo and codeberg are gitea); nil to read the remote.
  public var kind: Forge.Kind?
  /// `api`: the API's base address, e.g. `https://git.example.com/api/v1`, without a trailing `/`.
  public var api: String?

  public init(kind: Forge.Kind? = nil, api: String? = nil) {
    self.kind = kind
    self.api = api
  }

  init(_ reader: ConfigurationReader) throws(ConfigurationError) {
    try reader.checkKeys(section: "forge", allowed: ["type", "api"])
    if let text = reader.value("forge.type") {
      guard let kind = Self.publishKind(text) else {
        throw reader.errorAtLast(
          "forge.type = \"\(text)\" is not one of github, gitlab, gitea (or forgejo, codeberg)",
          at: "forge.type")
      }
      self.kind = kind
    }
    if let text = reader.value("forge.api") {
      guard let api = Self.apiAddress(text) else {
        throw reader.errorAtLast(
          "forge.api = \"\(text)\" is not an http(s) address such as "
            + "https://git.example.com/api/v1", at: "forge.api")
      }
      self.api = api
    }
  }

  /// The forges releases can be published to, by the names users write.
  public static func publishKind(_ text: String) -> Forge.Kind? {
    switch text.lowercased() {
    case "github": .github
    case "gitlab": .gitlab
    case "gitea", "forgejo", "codeberg": .gitea
    default: nil
    }
  }

  /// An API base as given, without trailing slashes; nil unless it is an http(s) address.
  public static func apiAddress(_ text: String) -> String? {
    var text = text.trimmingCharacters(in: .whitespaces)
    while text.hasSuffix("/") { text.removeLast() }
    let lowered = text.lowercased()
    guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://"),
      let host = text.split(separator: "/").dropFirst().first, !host.isEmpty,
      !text.contains(where: \.isWhitespace)
    else { return nil }
    return text
  }
}
