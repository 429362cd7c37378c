import Foundation

/// A forge's release API as its documentation describes it (GitHub REST, GitLab v4, Gitea v1),
/// kept in memory behind a `LoopbackServer`: releases by tag, their assets or links, the
/// status codes each endpoint answers with. Failures are injected ahead of the normal answers.
final class FakeForge: @unchecked Sendable {
  enum Kind { case github, gitlab, gitea }

  struct Release {
    var id: Int
    var tag: String
    var name: String
    var body: String
    var draft: Bool
    var prerelease: Bool
    var assets: [(id: Int, name: String, bytes: [UInt8])]
  }

  let kind: Kind
  /// `owner/name` (GitLab: the project's path).
  let project: String
  /// GitLab's numeric project id.
  let projectID = 42
  let token: String
  /// GitLab: the CI job token accepted in JOB-TOKEN.
  let jobToken: String?
  private let lock = NSLock()
  private var nextID = 100
  private var _releases: [Release] = []
  /// Answers given before the normal ones, to requests they match, once each.
  private var injected: [(matches: @Sendable (LoopbackServer.Request) -> Bool, reply: LoopbackServer.Reply)] = []
  private(set) var server: LoopbackServer!

  init(_ kind: Kind, project: String = "octo/widget", token: String, jobToken: String? = nil)
    throws
  {
    self.kind = kind
    self.project = project
    self.token = token
    self.jobToken = jobToken
    server = try LoopbackServer { [unowned self] request in self.answer(request) }
  }

  /// The API base to point git release at.
  var api: String {
    switch kind {
    case .github: server.baseURL
    case .gitlab: server.baseURL + "/api/v4"
    case .gitea: server.baseURL + "/api/v1"
    }
  }

  var releases: [Release] {
    lock.lock()
    defer { lock.unlock() }
    return _releases
  }

  var requests: [LoopbackServer.Request] { server.requests }

  /// The requests that change something.
  var writes: [LoopbackServer.Request] { requests.filter { $0.method != "GET" } }

  func inject(
    _ reply: LoopbackServer.Reply, times: Int = 1,
    when matches: @escaping @Sendable (LoopbackServer.Request) -> Bool = { _ in true }
  ) {
    lock.lock()
    defer { lock.unlock() }
    for _ in 0..<times { injected.append((matches, reply)) }
  }

  private func answer(_ request: LoopbackServer.Request) -> LoopbackServer.Reply {
    lock.lock()
    defer { lock.unlock() }
    if let index = injected.firstIndex(where: { $0.matches(request) }) {
      return injected.remove(at: index).reply
    }
    guard authorized(request) else {
      return .json(401, ["message": kind == .gitlab ? "401 Unauthorized" : "Bad credentials"])
    }
    switch kind {
    case .github: return github(request)
    case .gitlab: return gitlab(request)
    case .gitea: return gitea(request)
    }
  }

  private func authorized(_ request: LoopbackServer.Request) -> Bool {
    switch kind {
    case .github: return request.header("Authorization") == "Bearer \(token)"
    case .gitea: return request.header("Authorization") == "token \(token)"
    case .gitlab:
      return request.header("PRIVATE-TOKEN") == token
        || (jobToken != nil && request.header("JOB-TOKEN") == jobToken)
    }
  }

  static let notFound = LoopbackServer.Reply.json(404, ["message": "Not Found"])

  // MARK: GitHub

  private func github(_ request: LoopbackServer.Request) -> LoopbackServer.Reply {
    let repo = "/repos/\(project)"
    let path = request.path
    let uploads = "/uploads\(repo)/releases/"
    if path.hasPrefix(uploads), request.method == "POST" {
      // POST {upload_url}?name=NAME, the file as the body.
      let id = Int(path.dropFirst(uploads.count).prefix { $0 != "/" }) ?? -1
      guard let name = queryValue(request, "name"), let index = index(id: id) else {
        return Self.notFound
      }
      if _releases[index].assets.contains(where: { $0.name == name }) {
        return .json(
          422,
          ["message": "Validation Failed",
           "errors": [["resource": "ReleaseAsset", "code": "already_exists", "field": "name"]]])
      }
      nextID += 1
      _releases[index].assets.append((nextID, name, request.body))
      return .json(201, ["id": nextID, "name": name, "size": request.body.count, "state": "uploaded"])
    }
    guard path.hasPrefix(repo + "/") || path == repo else { return Self.notFound }
    let rest = String(path.dropFirst(repo.count))
    return releaseRoutes(request, rest: rest, conflict: 422)
  }

  // MARK: Gitea

  private func gitea(_ request: LoopbackServer.Request) -> LoopbackServer.Reply {
    let repo = "/api/v1/repos/\(project)"
    let path = request.path
    guard path.hasPrefix(repo + "/") else { return Self.notFound }
    let rest = String(path.dropFirst(repo.count))
    let parts = rest.split(separator: "/").map(String.init)
    // POST /releases/{id}/assets?name=NAME (multipart "attachment"); DELETE .../assets/{id}
    if parts.count >= 3, parts[0] == "releases", parts[2] == "assets", let id = Int(parts[1]) {
      guard let index = index(id: id) else { return Self.notFound }
      if request.method == "POST" {
        guard let name = queryValue(request, "name"),
          request.header("Content-Type")?.hasPrefix("multipart/form-data") == true,
          request.text.contains("name=\"attachment\"")
        else { return .json(422, ["message": "attachment required"]) }
        nextID += 1
        _releases[index].assets.append((nextID, name, request.body))
        return .json(201, ["id": nextID, "name": name, "size": request.body.count])
      }
      if request.method == "DELETE", parts.count == 4, let asset = Int(parts[3]) {
        guard _releases[index].assets.contains(where: { $0.id == asset }) else {
          return Self.notFound
        }
        _releases[index].assets.removeAll { $0.id == asset }
        return .respond(204)
      }
    }
    return releaseRoutes(request, rest: rest, conflict: 409)
  }

  /// GitHub's and Gitea's shared shapes: lookup by tag, list, create, update, delete asset.
  private func releaseRoutes(
    _ request: LoopbackServer.Request, rest: String, conflict: Int
  ) -> LoopbackServer.Reply {
    let parts = rest.split(separator: "/").map(String.init)
    switch (request.method, parts.count) {
    case ("GET", 3) where parts[0] == "releases" && parts[1] == "tags":
      let tag = parts[2].removingPercentEncoding ?? parts[2]
      // Drafts have no tag yet: this endpoint does not show them.
      guard let release = _releases.first(where: { $0.tag == tag && !$0.draft }) else {
        return Self.notFound
      }
      return .json(200, json(release))
    case ("GET", 1) where parts[0] == "releases":
      return .jsonList(200, _releases.reversed().map(json))
    case ("POST", 1) where parts[0] == "releases":
      guard let object = request.json, let tag = object["tag_name"] as? String else {
        return .json(422, ["message": "Validation Failed"])
      }
      if _releases.contains(where: { $0.tag == tag }) {
        return .json(
          conflict,
          ["message": "Validation Failed",
           "errors": [["resource": "Release", "code": "already_exists", "field": "tag_name"]]])
      }
      nextID += 1
      let release = Release(
        id: nextID, tag: tag, name: object["name"] as? String ?? tag,
        body: object["body"] as? String ?? "", draft: object["draft"] as? Bool ?? false,
        prerelease: object["prerelease"] as? Bool ?? false, assets: [])
      _releases.append(release)
      return .json(201, json(release))
    case ("PATCH", 2) where parts[0] == "releases":
      guard let id = Int(parts[1]), let index = index(id: id), let object = request.json else {
        return Self.notFound
      }
      if let name = object["name"] as? String { _releases[index].name = name }
      if let body = object["body"] as? String { _releases[index].body = body }
      if let draft = object["draft"] as? Bool { _releases[index].draft = draft }
      if let pre = object["prerelease"] as? Bool { _releases[index].prerelease = pre }
      return .json(200, json(_releases[index]))
    case ("DELETE", 3) where parts[0] == "releases" && parts[1] == "assets":
      let asset = Int(parts[2]) ?? -1
      guard let index = _releases.firstIndex(where: { $0.assets.contains { $0.id == asset } })
      else { return Self.notFound }
      _releases[index].assets.removeAll { $0.id == asset }
      return .respond(204)
    default:
      return Self.notFound
    }
  }

  // MARK: GitLab

  private func gitlab(_ request: LoopbackServer.Request) -> LoopbackServer.Reply {
    let encoded = project.replacingOccurrences(of: "/", with: "%2F")
    let prefixes = ["/api/v4/projects/\(encoded)", "/api/v4/projects/\(projectID)"]
    guard let prefix = prefixes.first(where: { request.path == $0 || request.path.hasPrefix($0 + "/") })
    else { return .json(404, ["message": "404 Project Not Found"]) }
    let parts = request.path.dropFirst(prefix.count).split(separator: "/").map(String.init)
    let notFound = LoopbackServer.Reply.json(404, ["message": "404 Not Found"])
    func tag(_ text: String) -> String { text.removingPercentEncoding ?? text }
    switch (request.method, parts.count) {
    case ("GET", 0):
      return .json(200, ["id": projectID, "path_with_namespace": project])
    case ("GET", 2) where parts[0] == "releases":
      guard let release = _releases.first(where: { $0.tag == tag(parts[1]) }) else { return notFound }
      return .json(200, gitlabJSON(release))
    case ("POST", 1) where parts[0] == "releases":
      guard let object = request.json, let name = object["tag_name"] as? String else {
        return .json(400, ["error": "tag_name is missing"])
      }
      if _releases.contains(where: { $0.tag == name }) {
        return .json(409, ["message": "Release already exists"])
      }
      nextID += 1
      let release = Release(
        id: nextID, tag: name, name: object["name"] as? String ?? name,
        body: object["description"] as? String ?? "", draft: false, prerelease: false, assets: [])
      _releases.append(release)
      return .json(201, gitlabJSON(release))
    case ("PUT", 2) where parts[0] == "releases":
      guard let index = _releases.firstIndex(where: { $0.tag == tag(parts[1]) }),
        let object = request.json
      else { return notFound }
      if let name = object["name"] as? String { _releases[index].name = name }
      if let body = object["description"] as? String { _releases[index].body = body }
      return .json(200, gitlabJSON(_releases[index]))
    case ("PUT", 5) where parts[0] == "packages" && parts[1] == "generic":
      return .json(201, ["message": "201 Created"])
    case ("POST", 4) where parts[0] == "releases" && parts[2] == "assets" && parts[3] == "links":
      guard let index = _releases.firstIndex(where: { $0.tag == tag(parts[1]) }),
        let object = request.json, let name = object["name"] as? String,
        let url = object["url"] as? String
      else { return notFound }
      if _releases[index].assets.contains(where: { $0.name == name }) {
        return .json(400, ["message": ["name": ["has already been taken"]]])
      }
      nextID += 1
      _releases[index].assets.append((nextID, name, Array(url.utf8)))
      return .json(201, ["id": nextID, "name": name, "url": url, "link_type": "package"])
    case ("DELETE", 5) where parts[0] == "releases" && parts[2] == "assets":
      let link = Int(parts[4]) ?? -1
      guard let index = _releases.firstIndex(where: { $0.tag == tag(parts[1]) }),
        _releases[index].assets.contains(where: { $0.id == link })
      else { return notFound }
      _releases[index].assets.removeAll { $0.id == link }
      return .json(200, ["id": link])
    default:
      return notFound
    }
  }

  // MARK: Shapes

  private func json(_ release: Release) -> [String: Any] {
    let web = kind == .gitea ? "https://gitea.example" : "https://github.example"
    var object: [String: Any] = [
      "id": release.id, "tag_name": release.tag, "name": release.name, "body": release.body,
      "draft": release.draft, "prerelease": release.prerelease,
      "html_url": "\(web)/\(project)/releases/tag/\(release.tag)",
      "assets": release.assets.map {
        ["id": $0.id, "name": $0.name, "size": $0.bytes.count] as [String: Any]
      },
    ]
    if kind == .github {
      object["upload_url"] =
        "\(server.baseURL)/uploads/repos/\(project)/releases/\(release.id)/assets{?name,label}"
    }
    return object
  }

  private func gitlabJSON(_ release: Release) -> [String: Any] {
    [
      "tag_name": release.tag, "name": release.name, "description": release.body,
      "_links": ["self": "https://gitlab.example/\(project)/-/releases/\(release.tag)"],
      "assets": [
        "count": release.assets.count,
        "links": release.assets.map {
          ["id": $0.id, "name": $0.name, "url": String(decoding: $0.bytes, as: UTF8.self)]
            as [String: Any]
        },
      ],
    ]
  }

  private func index(id: Int) -> Int? { _releases.firstIndex { $0.id == id } }

  private func queryValue(_ request: LoopbackServer.Request, _ name: String) -> String? {
    guard let query = request.query else { return nil }
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.first == name { return parts.count > 1 ? parts[1].removingPercentEncoding : "" }
    }
    return nil
  }
}
