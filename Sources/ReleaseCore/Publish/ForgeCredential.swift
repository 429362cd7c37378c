import Foundation

/// The token a forge request is sent with, and where it came from. Its description names the
/// source, never the token.
public struct ForgeCredential: Sendable, CustomStringConvertible {
  /// The variable it was read from (`GITHUB_TOKEN`), or `git credential fill for HOST`.
  public let source: String
  /// The header that carries it: `Authorization`, `PRIVATE-TOKEN`, `JOB-TOKEN`.
  public let header: String
  /// The header's value: `Bearer <token>`, `token <token>`, or the token.
  public let headerValue: String
  /// The bare token, for scrubbing it out of anything printed.
  public let token: String

  public init(source: String, header: String, headerValue: String, token: String) {
    self.source = source
    self.header = header
    self.headerValue = headerValue
    self.token = token
  }

  public var description: String { "token from \(source)" }

  /// The variables each forge's token is read from, in order.
  public static func variables(for kind: Forge.Kind) -> [String] {
    switch kind {
    case .github: ["GITHUB_TOKEN", "GH_TOKEN"]
    case .gitlab: ["GITLAB_TOKEN", "CI_JOB_TOKEN"]
    case .gitea: ["GITEA_TOKEN"]
    case .bitbucket: []
    }
  }

  /// The first token set among the forge's variables; nil when none is.
  public static func fromEnvironment(_ environment: [String: String], kind: Forge.Kind)
    -> ForgeCredential?
  {
    for variable in variables(for: kind) {
      guard let token = environment[variable]?.trimmingCharacters(in: .whitespacesAndNewlines),
        !token.isEmpty
      else { continue }
      return make(kind: kind, token: token, source: variable, jobToken: variable == "CI_JOB_TOKEN")
    }
    return nil
  }

  /// A token as each forge takes it in a header.
  public static func make(kind: Forge.Kind, token: String, source: String, jobToken: Bool = false)
    -> ForgeCredential
  {
    switch kind {
    case .gitlab:
      ForgeCredential(
        source: source, header: jobToken ? "JOB-TOKEN" : "PRIVATE-TOKEN", headerValue: token,
        token: token)
    case .gitea:
      ForgeCredential(
        source: source, header: "Authorization", headerValue: "token \(token)", token: token)
    default:
      ForgeCredential(
        source: source, header: "Authorization", headerValue: "Bearer \(token)", token: token)
    }
  }
}
