import Foundation

/// Where a repository is hosted, read from its remote URL, so that release notes can link commits,
/// comparisons and issues. Only web addresses are kept: user names, passwords, tokens and ssh ports
/// of the remote never reach a link.
public struct Forge: Hashable, Sendable, Codable {
  public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
    case github, gitlab, bitbucket, gitea
  }

  public let kind: Kind
  /// The repository's web address without a trailing slash, e.g. `https://github.com/owner/name`.
  public let url: String

  public init(kind: Kind, url: String) {
    var url = url
    while url.hasSuffix("/") { url.removeLast() }
    self.kind = kind
    self.url = url
  }

  /// The forge of a remote URL in any form git accepts (`https://host/owner/name.git`,
  /// `ssh://git@host:22/owner/name.git`, `git@host:owner/name.git`, `git://host/owner/name`);
  /// nil for a local path or a host that is not recognisably one of the supported forges.
  /// `kind` forces the forge type for self-hosted servers with neutral names.
  public init?(remoteURL: String, kind forced: Kind? = nil) {
    guard let (host, path, scheme) = Self.split(remoteURL.trimmingCharacters(in: .whitespaces))
    else { return nil }
    guard let kind = forced ?? Self.kind(ofHost: host) else { return nil }
    var components = path.split(separator: "/").map(String.init)
    if var last = components.last, last.hasSuffix(".git") {
      last.removeLast(4)
      components[components.count - 1] = last
    }
    // Owner and name at least; GitLab allows nested groups.
    guard components.count >= 2, components.allSatisfy(Self.isSafePathComponent) else { return nil }
    if kind != .gitlab, components.count > 2 { components = Array(components.prefix(2)) }
    self.init(kind: kind, url: "\(scheme)://\(host)/" + components.joined(separator: "/"))
  }

  /// The forge a host name suggests; nil when it suggests none.
  static func kind(ofHost host: String) -> Kind? {
    let name = host.lowercased()
    if name == "github.com" || name.hasSuffix(".github.com") || name.contains("github") {
      return .github
    }
    if name.contains("gitlab") { return .gitlab }
    if name.contains("bitbucket") { return .bitbucket }
    if name.contains("codeberg") || name.contains("gitea") || name.contains("forgejo") {
      return .gitea
    }
    return nil
  }

  /// (host with any web port, repository path, web scheme); nil for local paths, unknown schemes.
  private static func split(_ remote: String) -> (String, String, String)? {
    if let schemeEnd = remote.range(of: "://") {
      let scheme = remote[..<schemeEnd.lowerBound].lowercased()
      let rest = remote[schemeEnd.upperBound...]
      guard let slash = rest.firstIndex(of: "/") else { return nil }
      var authority = rest[..<slash]
      if let at = authority.lastIndex(of: "@") {
        authority = authority[authority.index(after: at)...]
      }
      var host = String(authority)
      let path = String(rest[rest.index(after: slash)...])
      switch scheme {
      case "https", "http":
        return host.isEmpty ? nil : (host.lowercased(), path, scheme)
      case "ssh", "git", "git+ssh", "ssh+git":
        // The ssh or git port says nothing of the web server's.
        if let colon = host.lastIndex(of: ":") { host = String(host[..<colon]) }
        return host.isEmpty ? nil : (host.lowercased(), path, "https")
      default:
        return nil
      }
    }
    // scp-like: [user@]host:path, where host has no slash before the colon.
    guard let colon = remote.firstIndex(of: ":") else { return nil }
    var host = remote[..<colon]
    guard !host.contains("/"), !host.isEmpty else { return nil }
    if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
    // A one-letter "host" is a Windows drive (C:/path), not a server.
    guard host.count > 1 else { return nil }
    return (host.lowercased(), String(remote[remote.index(after: colon)...]), "https")
  }

  private static func isSafePathComponent(_ component: String) -> Bool {
    !component.isEmpty && component != "." && component != ".."
      && component.unicodeScalars.allSatisfy {
        $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.~".unicodeScalars.contains($0)
      }
  }

  // MARK: Links

  /// The web page of a commit.
  public func commitURL(_ id: String) -> String {
    switch kind {
    case .github, .gitea: "\(url)/commit/\(id)"
    case .gitlab: "\(url)/-/commit/\(id)"
    case .bitbucket: "\(url)/commits/\(id)"
    }
  }

  /// The web page comparing two revisions (tags or commit ids), `from` excluded.
  public func compareURL(from: String, to: String) -> String {
    let from = Self.encodePathComponent(from)
    let to = Self.encodePathComponent(to)
    return switch kind {
    case .github, .gitea: "\(url)/compare/\(from)...\(to)"
    case .gitlab: "\(url)/-/compare/\(from)...\(to)"
    case .bitbucket: "\(url)/branches/compare/\(to)%0D\(from)"
    }
  }

  /// The web page of an issue or pull request by number; `repository` (`owner/name`) when the
  /// reference names another repository on the same forge.
  public func issueURL(_ number: Int, repository: String? = nil) -> String {
    let base = repository.map { url.prefix(upTo: Self.hostEnd(url)) + "/" + $0 } ?? Substring(url)
    return switch kind {
    case .github, .gitea, .bitbucket: "\(base)/issues/\(number)"
    case .gitlab: "\(base)/-/issues/\(number)"
    }
  }

  /// The web page of a tag.
  public func tagURL(_ name: String) -> String {
    let name = Self.encodePathComponent(name)
    return switch kind {
    case .github: "\(url)/releases/tag/\(name)"
    case .gitea: "\(url)/src/tag/\(name)"
    case .gitlab: "\(url)/-/tags/\(name)"
    case .bitbucket: "\(url)/src/\(name)"
    }
  }

  /// The end of `scheme://host` in a web address.
  private static func hostEnd(_ url: String) -> String.Index {
    guard let scheme = url.range(of: "://") else { return url.endIndex }
    return url[scheme.upperBound...].firstIndex(of: "/") ?? url.endIndex
  }

  /// Tag names may hold `/` and `+` (build metadata); escape what a URL path cannot carry as is.
  static func encodePathComponent(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~/")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
  }
}
