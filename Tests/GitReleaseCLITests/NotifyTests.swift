import Crypto
import Foundation
import TestSupport
import Testing

/// `[notify "NAME"]` webhooks, told of events by the commands that record them, against a
/// loopback server.
@Suite("Notifications")
struct NotifyTests {
  static let secret = "whsec-SECRET-value-77"

  static func repository(_ notify: String) throws -> FixtureRepository {
    try EnvironmentFlowTests.repository(
      config: "[environment \"staging\"]\n[environment \"production\"]\n" + notify)
  }

  static func hmac(_ body: [UInt8], _ key: String) -> String {
    let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(key.utf8)))
    return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
  }

  static func environment(_ server: LoopbackServer, path: String = "/hook") -> [String: String] {
    PublishCommandTests.clean.merging([
      "OPS_WEBHOOK_URL": server.baseURL + path, "OPS_WEBHOOK_SECRET": secret,
      "GIT_COMMITTER_DATE": EnvironmentFlowTests.monday(), "GIT_RELEASE_HTTP_TIMEOUT": "3",
    ]) { $1 }
  }

  static func noSecret(_ result: FixtureRepository.ProcessResult) {
    #expect(!result.stdout.contains(secret))
    #expect(!result.stderr.contains(secret))
  }

  @Test func aPromotionPostsItsEventDocumentSigned() throws {
    let server = try LoopbackServer { _ in .respond(204) }
    let repo = try Self.repository(
      """
      [notify "ops"]
          url = env:OPS_WEBHOOK_URL
          events = promotion, rollback
          secret = env:OPS_WEBHOOK_SECRET

      """)
    let result = try repo.runGitRelease(
      ["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"],
      environment: Self.environment(server))
    #expect(result.status == 0, "\(result.stderr)")
    Self.noSecret(result)
    let request = try #require(server.requests.first)
    #expect(server.requests.count == 1)
    #expect(request.method == "POST" && request.path == "/hook")
    #expect(request.header("Content-Type") == "application/json")
    #expect(request.header("X-Git-Release-Event") == "promotion")
    #expect(request.header("X-Git-Release-Signature") == Self.hmac(request.body, Self.secret))
    #expect(!request.text.contains(Self.secret))
    // The same document promote prints for a pipeline.
    let printed = try #require(result.stdout.components(separatedBy: "Event (JSON, for a pipeline to post):\n").last)
    #expect(request.text == printed.trimmingCharacters(in: .newlines))
    let event = request.json?["event"] as? [String: Any]
    #expect(event?["kind"] as? String == "promotion")
    #expect(event?["tag"] as? String == "v1.0.0")

    // An approval is not among the target's events.
    let approval = try repo.runGitRelease(
      ["approve", "v1.0.0", "--for", "production"],
      environment: Self.environment(server).merging(EnvironmentFlowTests.bo) { $1 })
    #expect(approval.status == 0, "\(approval.stderr)")
    #expect(server.requests.count == 1)
  }

  @Test func holdsAndBlocksAreSentAsTheyAreRecorded() throws {
    let server = try LoopbackServer { _ in .respond(204) }
    let repo = try Self.repository(
      """
      [notify "oncall"]
          url = env:OPS_WEBHOOK_URL
          events = hold, block

      """)
    let env = Self.environment(server)
    let held = try repo.runGitRelease(["hold", "production", "--reason", "incident 42"], environment: env)
    #expect(held.status == 0, "\(held.stderr)")
    let lifted = try repo.runGitRelease(["unhold", "production"], environment: env)
    #expect(lifted.status == 0, "\(lifted.stderr)")
    let blocked = try repo.runGitRelease(["block", "v1.0.0", "--reason", "bad migration"], environment: env)
    #expect(blocked.status == 0, "\(blocked.stderr)")
    // A promotion is not among this target's events.
    let promoted = try repo.runGitRelease(
      ["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"], environment: env)
    #expect(promoted.status == 4, "a blocked release is refused: \(promoted.stderr)")
    #expect(server.requests.map { $0.header("X-Git-Release-Event") } == ["hold", "hold", "block"])
    let kinds = server.requests.map { ($0.json?["kind"] as? String) ?? "" }
    #expect(kinds == ["hold", "unhold", "block"])
    #expect(server.requests.first?.json?["reason"] as? String == "incident 42")
  }

  @Test func slackAndTeamsGetTheirOwnFormats() throws {
    let server = try LoopbackServer { _ in .respond(200, body: Array("ok".utf8)) }
    let repo = try Self.repository(
      """
      [notify "chat"]
          url = \(server.baseURL)/slack
          format = slack
          events = approval
      [notify "teams"]
          url = \(server.baseURL)/teams
          format = teams

      """)
    let result = try repo.runGitRelease(
      ["approve", "v1.0.0", "--for", "production"],
      environment: Self.environment(server).merging(EnvironmentFlowTests.bo) { $1 })
    #expect(result.status == 0, "\(result.stderr)")
    let slack = try #require(server.requests.first { $0.path == "/slack" })
    #expect(slack.json?["text"] as? String == "Bo Builder approved v1.0.0 for production")
    #expect(slack.header("X-Git-Release-Signature") == nil)
    let teams = try #require(server.requests.first { $0.path == "/teams" })
    #expect(teams.json?["type"] as? String == "message")
    let attachment = (teams.json?["attachments"] as? [[String: Any]])?.first
    #expect(attachment?["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
    let card = attachment?["content"] as? [String: Any]
    #expect(card?["type"] as? String == "AdaptiveCard")
    let block = (card?["body"] as? [[String: Any]])?.first
    #expect(block?["text"] as? String == "Bo Builder approved v1.0.0 for production")
  }

  @Test func aFailedDeliveryWarnsAndTheEventStands() throws {
    let server = try LoopbackServer { _ in .respond(500) }
    let repo = try Self.repository(
      """
      [notify "ops"]
          url = env:OPS_WEBHOOK_URL
          secret = env:OPS_WEBHOOK_SECRET
      [notify "down"]
          url = http://127.0.0.1:9/nothing-listens

      """)
    let result = try repo.runGitRelease(
      ["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"],
      environment: Self.environment(server))
    #expect(result.status == 0, "\(result.stderr)")
    Self.noSecret(result)
    #expect(
      result.stderr.contains(
        "warning: notify \"ops\": 127.0.0.1:\(server.port) answered POST /hook with HTTP 500 on "
          + "each of 3 tries"), "\(result.stderr)")
    #expect(result.stderr.contains("warning: notify \"down\": could not reach 127.0.0.1:9"))
    #expect(result.stderr.contains("the promotion is recorded all the same"))
    #expect(server.requests.count == 3)
    let history = try repo.runGitRelease(["history", "staging"])
    #expect(history.stdout.contains("v1.0.0"))

    // The variable unset: nothing is sent, and the event still stands.
    var unset = Self.environment(server)
    unset["OPS_WEBHOOK_URL"] = ""
    let rollback = try repo.runGitRelease(
      ["promote", "v1.1.0", "--to", "staging"], environment: unset)
    #expect(rollback.status == 0, "\(rollback.stderr)")
    #expect(rollback.stderr.contains("comes from the environment variable OPS_WEBHOOK_URL, which is not set"))
    #expect(server.requests.count == 3)
  }

  @Test func publishAndTagEventsAreSent() throws {
    let server = try LoopbackServer { _ in .respond(204) }
    let forge = try FakeForge(.github, token: PublishCommandTests.token)
    let repo = try Self.repository(
      """
      [notify "ops"]
          url = env:OPS_WEBHOOK_URL
          events = publish, tag

      """)
    try repo.commit("feat: another feature")
    let env = Self.environment(server).merging(PublishCommandTests.github(forge)) { $1 }
    let tagged = try repo.runGitRelease(["tag"], environment: env)
    #expect(tagged.status == 0, "\(tagged.stderr)")
    let tag = try #require(server.requests.last)
    #expect(tag.header("X-Git-Release-Event") == "tag")
    #expect((tag.json?["event"] as? [String: Any])?["tag"] as? String == "v1.3.0")

    let published = try repo.runGitRelease(["publish"], environment: env)
    #expect(published.status == 0, "\(published.stderr)")
    #expect(server.requests.count == 2)
    let publish = try #require(server.requests.last)
    #expect(publish.header("X-Git-Release-Event") == "publish")
    let event = publish.json?["event"] as? [String: Any]
    #expect(event?["url"] as? String == "https://github.example/octo/widget/releases/tag/v1.3.0")
    #expect(publish.json?["notes"] as? String == forge.releases.first?.body)
  }

  @Test func notifyTestSendsASample() throws {
    let server = try LoopbackServer { request in
      request.path == "/hook" ? .respond(200) : .respond(410)
    }
    let repo = try Self.repository(
      """
      [notify "ops"]
          url = env:OPS_WEBHOOK_URL
          events = publish
          secret = env:OPS_WEBHOOK_SECRET

      """)
    let result = try repo.runGitRelease(
      ["notify", "--test", "ops", "--json"], environment: Self.environment(server))
    #expect(result.status == 0, "\(result.stderr)")
    Self.noSecret(result)
    let request = try #require(server.requests.first)
    #expect(request.header("X-Git-Release-Event") == "test")
    #expect(request.header("X-Git-Release-Signature") == Self.hmac(request.body, Self.secret))
    let report = PublishCommandTests.json(result.stdout)
    #expect(report["delivered"] as? Bool == true)
    #expect(report["signed"] as? Bool == true)

    let gone = try repo.runGitRelease(
      ["notify", "--test", "ops"], environment: Self.environment(server, path: "/gone"))
    #expect(gone.status == 1)
    #expect(gone.stderr.contains("answered HTTP 410"))
    let unknown = try repo.runGitRelease(["notify", "--test", "nobody"], environment: Self.environment(server))
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("configured: ops"))
  }

  @Test(arguments: [
    ("[notify \"ops\"]\n    events = publish\n", "[notify \"ops\"] has no url"),
    ("[notify \"ops\"]\n    url = x\n", "notify.ops.url is not an http(s) address"),
    ("[notify \"ops\"]\n    url = env:HOOK\n    events = deploy\n", "\"deploy\" is not an event"),
    ("[notify \"ops\"]\n    url = env:HOOK\n    format = xml\n", "format = \"xml\" is not one of"),
    ("[notify \"ops\"]\n    url = env:HOOK\n    retries = 3\n", "unknown key \"retries\""),
  ])
  func aBadNotifySectionIsAConfigurationError(config: String, message: String) throws {
    let repo = try PublishCommandTests.repository(config: config)
    let result = try repo.runGitRelease(["notify", "--test", "ops"], environment: PublishCommandTests.clean)
    #expect(result.status == 5)
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }
}
