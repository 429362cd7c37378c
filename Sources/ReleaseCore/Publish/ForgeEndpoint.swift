import Foundation

/// The forge API a release is published through: which forge, its base address, and the project,
/// each with where it was read from so that errors can say what to fix.
public struct ForgeEndpoint: Sendable, Equatable {
  public let kind: Forge.Kind
  /// The API's base address without a trailing slash: `https://api.github.com`,
  /// `https://gitlab.example.com/api/v4`, `https://codeberg.org/api/v1`.
  public let api: String
  /// `owner/name` (GitHub, Gitea), or a GitLab project's id or path (`group/sub/name`).
  public let project: String
  /// Where `project` came from: `GITHUB_REPOSITORY`, `CI_PROJECT_ID`, or the remote's URL.
  public let projectSource: String
  /// Where `api` came from.
  public let apiSource: String

  public init(
    kind: Forge.Kind, api: String, project: String, projectSource: String, apiSource: String
  ) {
    self.kind = kind
    self.api = api
    self.project = project
    self.projectSource = projectSource
    self.apiSource = apiSource
  }

  /// The forge's name as people write it.
  public var forgeName: String { Self.name(of: kind) }

  public static func name(of kind: Forge.Kind) -> String {
    switch kind {
    case .github: "GitHub"
    case .gitlab: "GitLab"
    case .gitea: "Gitea"
    case .bitbucket: "Bitbucket"
    }
  }

  /// The host of the API, as a credential helper is asked for it (with a port when one is given).
  public var apiHost: String {
    let rest = api.components(separatedBy: "://").dropFirst().first ?? api
    return String(rest.prefix { $0 != "/" })
  }

  /// The API's scheme: `https` or `http`.
  public var apiScheme: String {
    api.lowercased().hasPrefix("http://") ? "http" : "https"
  }

  /// Finds the forge, its API and the project, in this order: `--forge`, `[forge] type`, the
  /// remote's host name, then the CI's variables; `[forge] api`, then the CI's variable
  /// (`GITHUB_API_URL`, `CI_API_V4_URL`), then the remote's host.
  public static func resolve(
    forced: Forge.Kind?, settings: ForgeSettings, environment: [String: String],
    remote: String, remoteURL: String?
  ) throws(ForgeFailure) -> ForgeEndpoint {
    func value(_ name: String) -> String? {
      guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty
      else { return nil }
      return text
    }
    let hostKind = remoteURL.flatMap { Forge(remoteURL: $0)?.kind }
    let ciKind: Forge.Kind? =
      value("GITHUB_REPOSITORY") != nil
      ? .github : (value("CI_API_V4_URL") != nil || value("CI_PROJECT_ID") != nil ? .gitlab : nil)
    guard let kind = forced ?? settings.kind ?? hostKind ?? ciKind else {
      throw .cannotLocate(
        remoteURL == nil
          ? "no remote \(remote) to read the forge from, and no GITHUB_REPOSITORY or "
            + "CI_PROJECT_ID; add the remote, or set --forge and [forge] api in .gitrelease"
          : "the host of remote \(remote) is not a known forge; name it with --forge "
            + "github|gitlab|gitea or [forge] type in .gitrelease")
    }
    guard kind != .bitbucket else {
      throw .cannotLocate(
        "publishing to Bitbucket is not supported; git release publish knows GitHub, GitLab and "
          + "Gitea (Forgejo, Codeberg)")
    }
    // The remote as that forge: host and repository path.
    let web = remoteURL.flatMap { Forge(remoteURL: $0, kind: kind) }
    let remoteSource = "the URL of remote \(remote)"
    var host: String?
    var path: String?
    var scheme = "https"
    if let web, let range = web.url.range(of: "://") {
      scheme = String(web.url[..<range.lowerBound])
      let rest = web.url[range.upperBound...]
      host = String(rest.prefix { $0 != "/" })
      path = String(rest.drop { $0 != "/" }.dropFirst())
    }

    var api = ""
    var apiSource = ""
    let ciAPI: String? =
      switch kind {
      case .github: value("GITHUB_API_URL")
      case .gitlab: value("CI_API_V4_URL")
      default: nil
      }
    if let configured = settings.api {
      (api, apiSource) = (configured, "[forge] api in .gitrelease")
    } else if let ciAPI, let address = ForgeSettings.apiAddress(ciAPI) {
      (api, apiSource) = (address, kind == .github ? "GITHUB_API_URL" : "CI_API_V4_URL")
    } else if kind == .github, host == nil || host == "github.com" {
      (api, apiSource) = ("https://api.github.com", "GitHub's default")
    } else if let host {
      let suffix =
        switch kind {
        case .github: "/api/v3"
        case .gitlab: "/api/v4"
        default: "/api/v1"
        }
      (api, apiSource) = ("\(scheme)://\(host)\(suffix)", remoteSource)
    } else {
      throw .cannotLocate(
        "no API address for \(name(of: kind)): no remote \(remote) to read the host from; set "
          + "[forge] api in .gitrelease")
    }

    var project = ""
    var projectSource = ""
    let ciProject: (String, String)? =
      switch kind {
      case .github: value("GITHUB_REPOSITORY").map { ($0, "GITHUB_REPOSITORY") }
      case .gitlab: value("CI_PROJECT_ID").map { ($0, "CI_PROJECT_ID") }
      default: nil
      }
    if let ciProject {
      (project, projectSource) = ciProject
    } else if let path, !path.isEmpty {
      (project, projectSource) = (path, remoteSource)
    } else {
      throw .cannotLocate(
        "cannot tell which repository to publish to: remote \(remote) "
          + (remoteURL == nil ? "is not configured" : "does not name an owner and a repository")
          + (kind == .github ? ", and GITHUB_REPOSITORY is not set" : "")
          + (kind == .gitlab ? ", and CI_PROJECT_ID is not set" : ""))
    }
    return ForgeEndpoint(
      kind: kind, api: api, project: project, projectSource: projectSource, apiSource: apiSource)
  }
}
