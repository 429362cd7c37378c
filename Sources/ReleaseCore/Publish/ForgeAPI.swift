import Foundation

/// One HTTP request, as plain values: what is sent, what `--dry-run` prints. Credentials are not
/// part of it: the transport adds them, so nothing that prints a request can print a token.
public struct ForgeRequest: Sendable, Equatable {
  public var method: String
  public var url: String
  public var headers: [Header]
  public var body: [UInt8]
  /// What a dry run prints instead of a file's bytes.
  public var bodySummary: String?

  public struct Header: Sendable, Equatable {
    public let name: String
    public let value: String
    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  public init(
    method: String, url: String, headers: [Header] = [], body: [UInt8] = [],
    bodySummary: String? = nil
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.bodySummary = bodySummary
  }

  /// Whether the request changes something on the forge; a dry run sends only those that do not.
  public var writes: Bool { method != "GET" && method != "HEAD" }

  /// `GET /repos/o/r/releases/tags/v1.0.0`: the request as an error names it.
  public var summary: String {
    let rest = url.components(separatedBy: "://").dropFirst().first ?? url
    let path = rest.drop { $0 != "/" }
    return "\(method) \(path.isEmpty ? "/" : String(path.prefix { $0 != "?" }))"
  }

  /// The body as text for a dry run: JSON as it is sent, a file as its summary.
  public var printableBody: String? {
    if let bodySummary { return bodySummary }
    return body.isEmpty ? nil : String(decoding: body, as: UTF8.self)
  }
}

/// A release as the forge reports it.
public struct ForgeRelease: Sendable, Equatable {
  /// GitHub's and Gitea's numeric id; GitLab's tag name (its releases have no id).
  public var id: String
  public var tag: String
  /// The release's web page.
  public var url: String
  public var draft: Bool
  /// GitHub's upload address template (`https://uploads.github.com/.../assets{?name,label}`).
  public var uploadURL: String?
  /// Assets (GitHub, Gitea) or links (GitLab) by name.
  public var assets: [Asset]

  public struct Asset: Sendable, Equatable {
    public let id: String
    public let name: String
    public init(id: String, name: String) {
      self.id = id
      self.name = name
    }
  }

  public init(
    id: String, tag: String, url: String, draft: Bool = false, uploadURL: String? = nil,
    assets: [Asset] = []
  ) {
    self.id = id
    self.tag = tag
    self.url = url
    self.draft = draft
    self.uploadURL = uploadURL
    self.assets = assets
  }
}

/// What a release should say: name, body, and its flags.
public struct ReleaseDraft: Sendable, Equatable {
  public var tag: String
  public var name: String
  public var body: String
  public var draft: Bool
  public var prerelease: Bool
  /// The release's version, for GitLab's package registry (`1.2.0`).
  public var version: String

  public init(
    tag: String, name: String, body: String, draft: Bool, prerelease: Bool, version: String
  ) {
    self.tag = tag
    self.name = name
    self.body = body
    self.draft = draft
    self.prerelease = prerelease
    self.version = version
  }
}

/// The release endpoints of each forge, as documented: GitHub's REST API, GitLab's v4 API and
/// Gitea's v1 API. Builds requests and reads answers; sends nothing.
public struct ForgeAPI: Sendable {
  public let endpoint: ForgeEndpoint
  public let userAgent: String

  public init(endpoint: ForgeEndpoint, userAgent: String = "git-release") {
    self.endpoint = endpoint
    self.userAgent = userAgent
  }

  var kind: Forge.Kind { endpoint.kind }

  /// `/repos/owner/name` or `/projects/<id>`.
  var projectPath: String {
    switch kind {
    case .gitlab: "\(endpoint.api)/projects/\(Self.encode(endpoint.project, keepingSlashes: false))"
    default: "\(endpoint.api)/repos/\(Self.encode(endpoint.project, keepingSlashes: true))"
    }
  }

  func encodedTag(_ tag: String) -> String {
    Self.encode(tag, keepingSlashes: kind != .gitlab)
  }

  var baseHeaders: [ForgeRequest.Header] {
    var headers = [ForgeRequest.Header("User-Agent", userAgent)]
    switch kind {
    case .github:
      headers.append(.init("Accept", "application/vnd.github+json"))
      headers.append(.init("X-GitHub-Api-Version", "2022-11-28"))
    default:
      headers.append(.init("Accept", "application/json"))
    }
    return headers
  }

  func request(_ method: String, _ url: String, json: [String: Any]? = nil) -> ForgeRequest {
    var headers = baseHeaders
    var body: [UInt8] = []
    if let json {
      headers.append(.init("Content-Type", "application/json"))
      body = Self.encodeJSON(json)
    }
    return ForgeRequest(method: method, url: url, headers: headers, body: body)
  }

  // MARK: Requests

  /// The release of a tag: GitHub and Gitea leave drafts out of it (see `releases`).
  public func lookUp(tag: String) -> ForgeRequest {
    switch kind {
    case .gitlab: request("GET", "\(projectPath)/releases/\(encodedTag(tag))")
    default: request("GET", "\(projectPath)/releases/tags/\(encodedTag(tag))")
    }
  }

  /// The newest releases, drafts included (GitHub, Gitea); GitLab: the project itself. Asked
  /// after a lookup finds nothing: a 404 here means the repository is not there.
  public func releasesOrProject() -> ForgeRequest {
    switch kind {
    case .gitlab: request("GET", projectPath)
    case .gitea: request("GET", "\(projectPath)/releases?draft=true&limit=50")
    default: request("GET", "\(projectPath)/releases?per_page=100")
    }
  }

  public func create(_ draft: ReleaseDraft) -> ForgeRequest {
    switch kind {
    case .gitlab:
      request(
        "POST", "\(projectPath)/releases",
        json: ["tag_name": draft.tag, "name": draft.name, "description": draft.body])
    default:
      request("POST", "\(projectPath)/releases", json: fields(draft))
    }
  }

  public func update(_ release: ForgeRelease, to draft: ReleaseDraft) -> ForgeRequest {
    switch kind {
    case .gitlab:
      request(
        "PUT", "\(projectPath)/releases/\(encodedTag(draft.tag))",
        json: ["name": draft.name, "description": draft.body])
    default:
      request("PATCH", "\(projectPath)/releases/\(release.id)", json: fields(draft))
    }
  }

  func fields(_ draft: ReleaseDraft) -> [String: Any] {
    [
      "tag_name": draft.tag, "name": draft.name, "body": draft.body, "draft": draft.draft,
      "prerelease": draft.prerelease,
    ]
  }

  /// Removes an asset (GitHub, Gitea) or a release link (GitLab) before its replacement goes up.
  public func deleteAsset(_ asset: ForgeRelease.Asset, of release: ForgeRelease) -> ForgeRequest {
    switch kind {
    case .gitlab:
      request("DELETE", "\(projectPath)/releases/\(encodedTag(release.tag))/assets/links/\(asset.id)")
    case .gitea:
      request("DELETE", "\(projectPath)/releases/\(release.id)/assets/\(asset.id)")
    default:
      request("DELETE", "\(projectPath)/releases/assets/\(asset.id)")
    }
  }

  /// The requests that upload a file as an asset of the release: GitHub's upload address; a
  /// Gitea attachment; GitLab, the file into the project's generic package registry, then a
  /// release link to it.
  public func upload(
    name: String, contents: [UInt8], of release: ForgeRelease, version: String
  ) throws(ForgeFailure) -> [ForgeRequest] {
    let size = "<\(contents.count) bytes of \(name)>"
    switch kind {
    case .github:
      guard let template = release.uploadURL, !template.isEmpty else {
        throw .unreadableResponse(request: "GET release \(release.tag) (no upload_url)")
      }
      let base = String(template.prefix { $0 != "{" })
      var upload = request("POST", base + "?name=" + Self.encode(name, keepingSlashes: false))
      upload.headers.append(.init("Content-Type", "application/octet-stream"))
      upload.body = contents
      upload.bodySummary = size
      return [upload]
    case .gitea:
      let boundary = "git-release-" + String(contents.count, radix: 16) + "-boundary-7f3a9c"
      var body = Array("--\(boundary)\r\n".utf8)
      let safeName = name.replacingOccurrences(of: "\"", with: "_")
      body += Array(
        "Content-Disposition: form-data; name=\"attachment\"; filename=\"\(safeName)\"\r\n".utf8)
      body += Array("Content-Type: application/octet-stream\r\n\r\n".utf8)
      body += contents
      body += Array("\r\n--\(boundary)--\r\n".utf8)
      var upload = request(
        "POST",
        "\(projectPath)/releases/\(release.id)/assets?name="
          + Self.encode(name, keepingSlashes: false))
      upload.headers.append(.init("Content-Type", "multipart/form-data; boundary=\(boundary)"))
      upload.body = body
      upload.bodySummary = "<multipart form: attachment \(size)>"
      return [upload]
    default:
      let file = Self.packageComponent(name)
      let package = Self.packageComponent(
        String(endpoint.project.split(separator: "/").last ?? "release"))
      let fileURL =
        "\(projectPath)/packages/generic/\(package)/\(Self.packageComponent(version))/\(file)"
      var put = request("PUT", fileURL)
      put.headers.append(.init("Content-Type", "application/octet-stream"))
      put.body = contents
      put.bodySummary = size
      let link = request(
        "POST", "\(projectPath)/releases/\(encodedTag(release.tag))/assets/links",
        json: ["name": name, "url": fileURL, "link_type": "package"])
      return [put, link]
    }
  }

  // MARK: Answers

  /// A release from a lookup, create or update answer; nil when the JSON is not one.
  public func release(from body: [UInt8]) -> ForgeRelease? {
    guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
    else { return nil }
    return release(from: object)
  }

  /// The release of `tag` in a list answer (GitHub, Gitea), drafts included; nil when absent.
  public func release(tagged tag: String, inList body: [UInt8]) -> ForgeRelease? {
    guard let list = try? JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]]
    else { return nil }
    return list.lazy.compactMap { self.release(from: $0) }.first { $0.tag == tag }
  }

  func release(from object: [String: Any]) -> ForgeRelease? {
    guard let tag = object["tag_name"] as? String else { return nil }
    switch kind {
    case .gitlab:
      let links = (object["_links"] as? [String: Any]) ?? [:]
      let assets = ((object["assets"] as? [String: Any])?["links"] as? [[String: Any]]) ?? []
      return ForgeRelease(
        id: tag, tag: tag, url: (links["self"] as? String) ?? "",
        assets: assets.compactMap(Self.asset))
    default:
      guard let id = Self.idString(object["id"]) else { return nil }
      return ForgeRelease(
        id: id, tag: tag, url: (object["html_url"] as? String) ?? "",
        draft: (object["draft"] as? Bool) ?? false, uploadURL: object["upload_url"] as? String,
        assets: ((object["assets"] as? [[String: Any]]) ?? []).compactMap(Self.asset))
    }
  }

  static func asset(_ object: [String: Any]) -> ForgeRelease.Asset? {
    guard let id = idString(object["id"]), let name = object["name"] as? String else { return nil }
    return ForgeRelease.Asset(id: id, name: name)
  }

  static func idString(_ value: Any?) -> String? {
    if let number = value as? Int { return String(number) }
    if let number = value as? NSNumber { return number.stringValue }
    if let text = value as? String, !text.isEmpty { return text }
    return nil
  }

  /// The forge's own words in an error answer (`message`, GitLab's `message` or `error`).
  public static func errorMessage(_ body: [UInt8]) -> String? {
    guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
    else { return nil }
    let text: String? =
      if let message = object["message"] as? String { message }
      else if let message = object["message"] as? [String: Any] {
        message.map { "\($0.key) \($0.value)" }.sorted().joined(separator: "; ")
      } else { object["error"] as? String }
    guard let text, !text.isEmpty else { return nil }
    return String(text.prefix(300))
  }

  /// Whether an answer to a create says that the release is there already (a create that was
  /// repeated after its first answer was lost): GitHub's 422 `already_exists`, GitLab's 409.
  public static func isAlreadyExists(status: Int, body: [UInt8]) -> Bool {
    if status == 409 { return true }
    guard status == 422 else { return false }
    return String(decoding: body, as: UTF8.self).contains("already_exists")
  }

  /// What the token needs to publish, for a 401/403 message.
  public var permission: String {
    switch kind {
    case .github:
      "contents: write (in a workflow: permissions: contents: write; a fine-grained token: "
        + "Contents read and write; a classic token: the repo scope)"
    case .gitlab:
      "the api scope and at least the Developer role on the project (CI_JOB_TOKEN works in a "
        + "pipeline of the project itself)"
    default:
      "the write:repository scope and write access to the repository"
    }
  }

  // MARK: Encoding

  /// Percent-encodes a path component; `/` stays only where the forge reads it as a separator.
  public static func encode(_ text: String, keepingSlashes: Bool) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: keepingSlashes ? "-._~/" : "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
  }

  /// GitLab's generic packages take names and versions of letters, digits, `.`, `_`, `-`, `+`.
  static func packageComponent(_ text: String) -> String {
    let mapped = text.unicodeScalars.map {
      CharacterSet.alphanumerics.contains($0) && $0.isASCII || "._-+".unicodeScalars.contains($0)
        ? Character($0) : "-"
    }
    let result = String(mapped)
    return result.isEmpty ? "release" : result
  }

  /// JSON with sorted keys, so a dry run prints the same body each time.
  public static func encodeJSON(_ object: [String: Any]) -> [UInt8] {
    let data =
      (try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    return Array(data)
  }
}
