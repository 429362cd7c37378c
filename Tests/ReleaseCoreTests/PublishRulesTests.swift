import Foundation
import Testing

@testable import ReleaseCore

/// The rules of publishing and notifying, over plain values: which forge and project, which
/// token, which request, when to try again, what a webhook gets.
@Suite("Publish and notify rules")
struct PublishRulesTests {
  // MARK: Where to publish

  @Test(arguments: [
    // (remote URL, environment, forced, [forge] settings) -> (kind, api, project, project source)
    ("git@github.com:octo/widget.git", [:], nil, ForgeSettings(),
     "github https://api.github.com octo/widget <the URL of remote origin>"),
    ("https://github.com/octo/widget", ["GITHUB_REPOSITORY": "octo/fork",
      "GITHUB_API_URL": "https://ghe.example.com/api/v3/"], nil, ForgeSettings(),
     "github https://ghe.example.com/api/v3 octo/fork <GITHUB_REPOSITORY>"),
    ("ssh://git@github.example.com:2222/octo/widget.git", [:], nil, ForgeSettings(),
     "github https://github.example.com/api/v3 octo/widget <the URL of remote origin>"),
    ("https://gitlab.example.com/group/sub/widget.git", [:], nil, ForgeSettings(),
     "gitlab https://gitlab.example.com/api/v4 group/sub/widget <the URL of remote origin>"),
    ("git@gitlab.com:group/widget.git", ["CI_API_V4_URL": "https://gitlab.com/api/v4",
      "CI_PROJECT_ID": "42"], nil, ForgeSettings(),
     "gitlab https://gitlab.com/api/v4 42 <CI_PROJECT_ID>"),
    ("https://codeberg.org/octo/widget.git", [:], nil, ForgeSettings(),
     "gitea https://codeberg.org/api/v1 octo/widget <the URL of remote origin>"),
    ("git@git.example.org:octo/widget.git", [:], .gitea, ForgeSettings(),
     "gitea https://git.example.org/api/v1 octo/widget <the URL of remote origin>"),
    ("git@git.example.org:octo/widget.git", [:], nil,
     ForgeSettings(kind: .gitlab, api: "http://10.0.0.5:8080/api/v4"),
     "gitlab http://10.0.0.5:8080/api/v4 octo/widget <the URL of remote origin>"),
    ("http://git.example.org:3000/octo/widget", [:], .gitea, ForgeSettings(),
     "gitea http://git.example.org:3000/api/v1 octo/widget <the URL of remote origin>"),
  ] as [(String, [String: String], Forge.Kind?, ForgeSettings, String)])
  func endpoint(
    remote: String, environment: [String: String], forced: Forge.Kind?, settings: ForgeSettings,
    expected: String
  ) throws {
    let endpoint = try ForgeEndpoint.resolve(
      forced: forced, settings: settings, environment: environment, remote: "origin",
      remoteURL: remote)
    #expect(
      "\(endpoint.kind.rawValue) \(endpoint.api) \(endpoint.project) <\(endpoint.projectSource)>"
        == expected)
  }

  @Test(arguments: [
    ("git@git.example.org:octo/widget.git", [:], "not a known forge"),
    ("git@bitbucket.org:octo/widget.git", [:], "Bitbucket is not supported"),
    (nil, [:], "no remote origin"),
    (nil, ["CI_PROJECT_ID": "7"], "no API address for GitLab"),
  ] as [(String?, [String: String], String)])
  func noEndpoint(remote: String?, environment: [String: String], message: String) {
    #expect {
      try ForgeEndpoint.resolve(
        forced: nil, settings: ForgeSettings(), environment: environment, remote: "origin",
        remoteURL: remote)
    } throws: { ($0 as? ForgeFailure)?.description.contains(message) == true }
  }

  // MARK: Tokens

  @Test(arguments: [
    (Forge.Kind.github, ["GH_TOKEN": "b"], "GH_TOKEN Authorization Bearer b"),
    (.github, ["GITHUB_TOKEN": "a", "GH_TOKEN": "b"], "GITHUB_TOKEN Authorization Bearer a"),
    (.github, ["GITHUB_TOKEN": " ", "GH_TOKEN": "b"], "GH_TOKEN Authorization Bearer b"),
    (.gitlab, ["GITLAB_TOKEN": "g", "CI_JOB_TOKEN": "j"], "GITLAB_TOKEN PRIVATE-TOKEN g"),
    (.gitlab, ["CI_JOB_TOKEN": "j"], "CI_JOB_TOKEN JOB-TOKEN j"),
    (.gitea, ["GITEA_TOKEN": "t", "GITHUB_TOKEN": "x"], "GITEA_TOKEN Authorization token t"),
    (.gitea, ["GITHUB_TOKEN": "x"], "none"),
  ] as [(Forge.Kind, [String: String], String)])
  func credential(kind: Forge.Kind, environment: [String: String], expected: String) {
    let credential = ForgeCredential.fromEnvironment(environment, kind: kind)
    #expect(
      credential.map { "\($0.source) \($0.header) \($0.headerValue)" } ?? "none" == expected)
    #expect(credential?.description == credential.map { "token from \($0.source)" })
  }

  // MARK: Requests

  static func api(_ kind: Forge.Kind, project: String = "octo/widget") -> ForgeAPI {
    let base =
      switch kind {
      case .gitlab: "https://gl.example/api/v4"
      case .gitea: "https://gt.example/api/v1"
      default: "https://api.github.com"
      }
    return ForgeAPI(
      endpoint: ForgeEndpoint(
        kind: kind, api: base, project: project, projectSource: "test", apiSource: "test"))
  }

  static let draft = ReleaseDraft(
    tag: "api/v1.2.0-rc.1", name: "api/v1.2.0-rc.1", body: "* a fix\n", draft: false,
    prerelease: true, version: "1.2.0-rc.1")

  @Test(arguments: [
    (Forge.Kind.github, "GET https://api.github.com/repos/octo/widget/releases/tags/api/v1.2.0-rc.1",
     "POST https://api.github.com/repos/octo/widget/releases",
     "PATCH https://api.github.com/repos/octo/widget/releases/7"),
    (.gitlab, "GET https://gl.example/api/v4/projects/octo%2Fwidget/releases/api%2Fv1.2.0-rc.1",
     "POST https://gl.example/api/v4/projects/octo%2Fwidget/releases",
     "PUT https://gl.example/api/v4/projects/octo%2Fwidget/releases/api%2Fv1.2.0-rc.1"),
    (.gitea, "GET https://gt.example/api/v1/repos/octo/widget/releases/tags/api/v1.2.0-rc.1",
     "POST https://gt.example/api/v1/repos/octo/widget/releases",
     "PATCH https://gt.example/api/v1/repos/octo/widget/releases/7"),
  ])
  func releaseRequests(kind: Forge.Kind, lookUp: String, create: String, update: String) {
    let api = Self.api(kind)
    func line(_ request: ForgeRequest) -> String { "\(request.method) \(request.url)" }
    #expect(line(api.lookUp(tag: Self.draft.tag)) == lookUp)
    #expect(line(api.create(Self.draft)) == create)
    let existing = ForgeRelease(id: kind == .gitlab ? Self.draft.tag : "7", tag: Self.draft.tag, url: "")
    #expect(line(api.update(existing, to: Self.draft)) == update)
    #expect(!api.lookUp(tag: "v1").writes)
    #expect(api.create(Self.draft).writes)
  }

  @Test func bodiesAreTheDocumentedFields() {
    let github = String(decoding: Self.api(.github).create(Self.draft).body, as: UTF8.self)
    #expect(
      github
        == #"{"body":"* a fix\n","draft":false,"name":"api/v1.2.0-rc.1","prerelease":true,"tag_name":"api/v1.2.0-rc.1"}"#
    )
    let gitlab = String(decoding: Self.api(.gitlab).create(Self.draft).body, as: UTF8.self)
    #expect(
      gitlab
        == #"{"description":"* a fix\n","name":"api/v1.2.0-rc.1","tag_name":"api/v1.2.0-rc.1"}"#
    )
  }

  @Test func uploadsGoWhereEachForgeTakesThem() throws {
    let github = ForgeRelease(
      id: "7", tag: "v1", url: "",
      uploadURL: "https://uploads.github.com/repos/octo/widget/releases/7/assets{?name,label}")
    let up = try Self.api(.github).upload(
      name: "widget 1.tar.gz", contents: [1, 2], of: github, version: "1.0.0")
    #expect(
      up.map(\.url) == [
        "https://uploads.github.com/repos/octo/widget/releases/7/assets?name=widget%201.tar.gz"
      ])
    let gitea = try Self.api(.gitea).upload(
      name: "w.bin", contents: [1], of: ForgeRelease(id: "9", tag: "v1", url: ""), version: "1.0.0")
    #expect(gitea.map(\.url) == ["https://gt.example/api/v1/repos/octo/widget/releases/9/assets?name=w.bin"])
    #expect(gitea[0].headers.contains { $0.value.hasPrefix("multipart/form-data; boundary=") })
    let gitlab = try Self.api(.gitlab, project: "group/widget").upload(
      name: "w.bin", contents: [1], of: ForgeRelease(id: "v1.0.0", tag: "v1.0.0", url: ""),
      version: "1.0.0")
    #expect(
      gitlab.map { "\($0.method) \($0.url)" } == [
        "PUT https://gl.example/api/v4/projects/group%2Fwidget/packages/generic/widget/1.0.0/w.bin",
        "POST https://gl.example/api/v4/projects/group%2Fwidget/releases/v1.0.0/assets/links",
      ])
    #expect(throws: ForgeFailure.self) {
      try Self.api(.github).upload(
        name: "w", contents: [], of: ForgeRelease(id: "1", tag: "v1", url: ""), version: "1")
    }
  }

  @Test func answersAreRead() {
    let github = Array(
      #"{"id":12,"tag_name":"v1","html_url":"https://github.com/o/r/releases/tag/v1","draft":true,"upload_url":"u{?name}","assets":[{"id":3,"name":"a.bin"}]}"#
        .utf8)
    #expect(
      Self.api(.github).release(from: github)
        == ForgeRelease(
          id: "12", tag: "v1", url: "https://github.com/o/r/releases/tag/v1", draft: true,
          uploadURL: "u{?name}", assets: [.init(id: "3", name: "a.bin")]))
    let gitlab = Array(
      #"{"tag_name":"v1","_links":{"self":"https://gl/o/r/-/releases/v1"},"assets":{"links":[{"id":5,"name":"a"}]}}"#
        .utf8)
    #expect(
      Self.api(.gitlab).release(from: gitlab)
        == ForgeRelease(
          id: "v1", tag: "v1", url: "https://gl/o/r/-/releases/v1", assets: [.init(id: "5", name: "a")]))
    #expect(Self.api(.github).release(from: Array("<html>".utf8)) == nil)
    let list = Array(#"[{"id":1,"tag_name":"v2"},{"id":2,"tag_name":"v1","draft":true}]"#.utf8)
    #expect(Self.api(.github).release(tagged: "v1", inList: list)?.id == "2")
    #expect(ForgeAPI.isAlreadyExists(status: 422, body: Array(#"{"errors":[{"code":"already_exists"}]}"#.utf8)))
    #expect(!ForgeAPI.isAlreadyExists(status: 422, body: Array(#"{"message":"bad"}"#.utf8)))
    #expect(ForgeAPI.errorMessage(Array(#"{"message":"Bad credentials"}"#.utf8)) == "Bad credentials")
  }

  // MARK: Retries

  static let now = Date(timeIntervalSince1970: 1_800_000_000)

  @Test(arguments: [
    (200, [], 1, RetryPolicy.Decision.accept),
    (404, [], 1, .accept),
    (401, [], 1, .accept),
    (403, [], 1, .accept),
    (500, [], 1, .retry(after: 1)),
    (502, [], 2, .retry(after: 2)),
    (503, [], 3, .exhausted),
    (429, [("Retry-After", "5")], 1, .retry(after: 5)),
    (429, [("retry-after", "120")], 1, .rateLimited(wait: 120)),
    (429, [], 1, .retry(after: 60)),
    (429, [("Retry-After", "5")], 3, .rateLimited(wait: 5)),
    (403, [("Retry-After", "30")], 1, .retry(after: 30)),
    (403, [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1800000010")], 1, .retry(after: 10)),
    (429, [("RateLimit-Reset", "1800003600")], 1, .rateLimited(wait: 3600)),
    (429, [("Retry-After", "Fri, 15 Jan 2027 08:00:20 GMT")], 1, .retry(after: 20)),
  ] as [(Int, [(String, String)], Int, RetryPolicy.Decision)])
  func retry(status: Int, headers: [(String, String)], attempt: Int, expected: RetryPolicy.Decision) {
    #expect(
      RetryPolicy().decide(status: status, headers: headers, attempt: attempt, now: Self.now)
        == expected)
  }

  @Test func droppedConnectionsAreTriedThreeTimes() {
    let policy = RetryPolicy()
    #expect(policy.decideDropped(attempt: 1) == .retry(after: 1))
    #expect(policy.decideDropped(attempt: 2) == .retry(after: 2))
    #expect(policy.decideDropped(attempt: 3) == .exhausted)
  }

  // MARK: Failures name sources, never secrets

  @Test func failuresNameWhereThingsCameFrom() {
    let refused = ForgeFailure.unauthorized(
      status: 401, forge: "GitHub", credential: "GITHUB_TOKEN", permission: "contents: write",
      message: "Bad credentials")
    #expect(
      refused.description
        == "GitHub refused the token from GITHUB_TOKEN (HTTP 401: Bad credentials). The token "
        + "is wrong, expired or revoked; publishing needs contents: write")
    let missing = ForgeFailure.repositoryNotFound(
      forge: "GitHub", project: "octo/gadget", source: "GITHUB_REPOSITORY",
      api: "https://api.github.com")
    #expect(missing.description.contains("no repository octo/gadget"))
    #expect(missing.description.contains("came from GITHUB_REPOSITORY"))
  }

  // MARK: Configuration

  @Test func forgeAndNotifySections() throws {
    let configuration = try ReleaseConfigurationTests.configuration(
      """
      [forge]
          type = Forgejo
          api = https://git.example.org/api/v1/
      [notify "ops"]
          url = env:OPS_WEBHOOK_URL
          events = publish, promotion rollback
          format = Slack
          secret = env:OPS_SECRET
      [notify "audit"]
          url = https://audit.example.org/hook
      """)
    #expect(configuration.forge == ForgeSettings(kind: .gitea, api: "https://git.example.org/api/v1"))
    #expect(configuration.notifications.map(\.name) == ["ops", "audit"])
    let ops = configuration.notifications[0]
    #expect(ops.url == .environment("OPS_WEBHOOK_URL"))
    #expect(ops.events == [.publish, .promotion, .rollback])
    #expect(ops.format == .slack)
    #expect(ops.secret == .environment("OPS_SECRET"))
    #expect(ops.accepts(.publish) && !ops.accepts(.approval) && !ops.accepts(.test))
    let audit = configuration.notifications[1]
    #expect(audit.format == .json)
    #expect(audit.events == Set(NotificationEvent.configurable))
    #expect(audit.url.resolve(in: [:]) == "https://audit.example.org/hook")
    #expect(ops.url.resolve(in: ["OPS_WEBHOOK_URL": "https://x"]) == "https://x")
    #expect(ops.url.resolve(in: ["OPS_WEBHOOK_URL": ""]) == nil)
    #expect(!ops.url.origin.contains("https"))
  }

  @Test(arguments: [
    ("[forge]\n    type = bitbucket", "2", "forge.type = \"bitbucket\" is not one of github"),
    ("[forge]\n    api = git.example.org", "2", "is not an http(s) address"),
    ("[forge]\n    kind = github", "2", "unknown key \"kind\" in [forge]"),
    ("[notify \"a\"]\n    events = publish", "2", "[notify \"a\"] has no url"),
    ("[notify \"a\"]\n    url = env:X\n    events = test", "3", "\"test\" is not an event"),
    ("[notify \"a\"]\n    url = env:X\n    format = html", "3", "not one of json, slack, teams"),
  ])
  func badSections(text: String, line: String, message: String) {
    #expect {
      try ReleaseConfigurationTests.configuration(text)
    } throws: {
      let error = $0 as? ConfigurationError
      return error?.line == Int(line) && error?.message.contains(message) == true
    }
  }

  // MARK: Webhook bodies

  @Test func webhookBodies() throws {
    let document = Array(#"{"text":"t"}"#.utf8)
    #expect(
      WebhookMessage.body(format: .json, text: "x", notes: nil, link: nil, document: document)
        == document)
    let slack = WebhookMessage.body(
      format: .slack, text: "Ada promoted <v1> & more", notes: nil,
      link: "https://example.org/r", document: document)
    let object = try JSONSerialization.jsonObject(with: Data(slack)) as? [String: Any]
    #expect(object?["text"] as? String == "Ada promoted &lt;v1&gt; &amp; more <https://example.org/r|view>")
    let teams = WebhookMessage.body(
      format: .teams, text: "Ada", notes: "## Notes", link: nil, document: document)
    let card = try JSONSerialization.jsonObject(with: Data(teams)) as? [String: Any]
    let content = ((card?["attachments"] as? [[String: Any]])?.first?["content"]) as? [String: Any]
    #expect((content?["body"] as? [[String: Any]])?.map { $0["text"] as? String } == ["Ada", "## Notes"])
  }
}
