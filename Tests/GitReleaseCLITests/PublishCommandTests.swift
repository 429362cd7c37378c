import Foundation
import TestSupport
import Testing

/// `git release publish` run as a user or CI runs it, against a loopback forge that answers as
/// GitHub, GitLab and Gitea document, failures included. Nothing leaves the machine.
@Suite("Publish to a forge")
struct PublishCommandTests {
  static let token = "ghp_SECRETtoken0123456789abcdef"

  /// Every variable that could point git release at a real forge or token, unset.
  static let clean: [String: String] = [
    "GITHUB_TOKEN": "", "GH_TOKEN": "", "GITLAB_TOKEN": "", "CI_JOB_TOKEN": "",
    "GITEA_TOKEN": "", "GITHUB_API_URL": "", "GITHUB_REPOSITORY": "", "CI_API_V4_URL": "",
    "CI_PROJECT_ID": "", "GIT_RELEASE_HTTP_TIMEOUT": "",
  ]

  /// Releases v1.0.0 and v1.1.0-rc.1, with `origin` on a host that names no forge.
  static func repository(config: String? = nil) throws -> FixtureRepository {
    let repo = try FixtureRepository()
    if let config {
      try repo.write(".gitrelease", config)
      try repo.git("add", ".gitrelease")
      try repo.commitStaged("build: configure releases")
    }
    try repo.commit("feat: first feature")
    try repo.tag("v1.0.0", message: "v1.0.0")
    try repo.commit("fix(api): handle an empty widget")
    try repo.commit("feat: add the <b>bold</b> widget")
    try repo.tag("v1.1.0-rc.1", message: "v1.1.0-rc.1")
    try repo.git("remote", "add", "origin", "git@git.example.org:octo/widget.git")
    return repo
  }

  static func github(_ forge: FakeForge, token: String = token) -> [String: String] {
    clean.merging([
      "GITHUB_TOKEN": token, "GITHUB_API_URL": forge.api, "GITHUB_REPOSITORY": forge.project,
    ]) { $1 }
  }

  /// Runs publish and checks that the token shows nowhere in what it printed.
  static func publish(
    _ repo: FixtureRepository, _ arguments: [String], _ environment: [String: String],
    secret: String = token
  ) throws -> FixtureRepository.ProcessResult {
    let result = try repo.runGitRelease(["publish"] + arguments, environment: environment)
    #expect(!result.stdout.contains(secret), "the token was printed: \(result.stdout)")
    #expect(!result.stderr.contains(secret), "the token was printed: \(result.stderr)")
    return result
  }

  static func json(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
  }

  // MARK: GitHub

  @Test func createsTheReleaseOnceAndUpdatesItAfter() throws {
    let repo = try Self.repository()
    let forge = try FakeForge(.github, token: Self.token)
    let env = Self.github(forge)
    let notes = try repo.runGitRelease(["notes", "v1.1.0-rc.1"], environment: env)

    let first = try Self.publish(repo, ["--json"], env)
    #expect(first.status == 0, "\(first.stderr)")
    let report = Self.json(first.stdout)
    #expect(report["url"] as? String == "https://github.example/octo/widget/releases/tag/v1.1.0-rc.1")
    #expect(report["id"] as? String == forge.releases.first.map { String($0.id) })
    #expect(report["created"] as? Bool == true)
    #expect(forge.releases.count == 1)
    let release = try #require(forge.releases.first)
    #expect(release.tag == "v1.1.0-rc.1")
    #expect(release.name == "v1.1.0-rc.1")
    #expect(release.body == notes.stdout)
    #expect(release.prerelease)
    #expect(!release.draft)
    let create = try #require(forge.writes.first)
    #expect(create.method == "POST" && create.path == "/repos/octo/widget/releases")
    #expect(create.header("Accept") == "application/vnd.github+json")
    #expect(create.header("User-Agent")?.hasPrefix("git-release/") == true)

    let second = try Self.publish(repo, ["v1.1.0-rc.1"], env)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.hasPrefix("Updated the GitHub release v1.1.0-rc.1"))
    #expect(forge.releases.count == 1)
    #expect(forge.writes.map(\.method) == ["POST", "PATCH"])

    let older = try Self.publish(repo, ["v1.0.0"], env)
    #expect(older.status == 0, "\(older.stderr)")
    #expect(forge.releases.map(\.tag) == ["v1.1.0-rc.1", "v1.0.0"])
    #expect(forge.releases.last?.prerelease == false)
  }

  @Test func uploadsAssetsAndReplacesOneOfTheSameName() throws {
    let repo = try Self.repository()
    let forge = try FakeForge(.github, token: Self.token)
    let env = Self.github(forge)
    try repo.write("dist/widget.tar.gz", "first build")
    let first = try Self.publish(repo, ["--asset", "dist/widget.tar.gz"], env)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(forge.releases.first?.assets.map(\.name) == ["widget.tar.gz"])
    let upload = try #require(forge.writes.last)
    #expect(upload.path == "/uploads/repos/octo/widget/releases/\(forge.releases[0].id)/assets")
    #expect(upload.query == "name=widget.tar.gz")
    #expect(upload.header("Content-Type") == "application/octet-stream")

    try repo.write("dist/widget.tar.gz", "second build")
    let second = try Self.publish(repo, ["--asset", "dist/widget.tar.gz", "--json"], env)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(Self.json(second.stdout)["replaced"] as? [String] == ["widget.tar.gz"])
    let assets = forge.releases.first?.assets ?? []
    #expect(assets.map(\.name) == ["widget.tar.gz"])
    #expect(assets.first.map { String(decoding: $0.bytes, as: UTF8.self) } == "second build")
    #expect(forge.releases.count == 1)
  }

  @Test func aHalfDonePublishIsCompletedByRunningItAgain() throws {
    let repo = try Self.repository()
    let forge = try FakeForge(.github, token: Self.token)
    let env = Self.github(forge)
    try repo.write("widget.bin", "bytes")
    forge.inject(.respond(502), times: 3) { $0.path.hasPrefix("/uploads/") }
    let failed = try Self.publish(repo, ["--asset", "widget.bin"], env)
    #expect(failed.status == 1)
    #expect(failed.stderr.contains("HTTP 502 on each of 3 tries"), "\(failed.stderr)")
    #expect(forge.releases.count == 1)
    #expect(forge.releases.first?.assets.isEmpty == true)

    let again = try Self.publish(repo, ["--asset", "widget.bin"], env)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(forge.releases.count == 1)
    #expect(forge.releases.first?.assets.map(\.name) == ["widget.bin"])
  }

  @Test func aDraftIsFoundAgainAndPublishedLater() throws {
    let repo = try Self.repository()
    let forge = try FakeForge(.github, token: Self.token)
    let env = Self.github(forge)
    #expect(try Self.publish(repo, ["--draft"], env).status == 0)
    #expect(try Self.publish(repo, ["--draft"], env).status == 0)
    #expect(forge.releases.count == 1)
    #expect(forge.releases.first?.draft == true)
    #expect(try Self.publish(repo, [], env).status == 0)
    #expect(forge.releases.count == 1)
    #expect(forge.releases.first?.draft == false)
  }

  @Test func aDryRunPrintsTheWritesAndSendsNone() throws {
    let repo = try Self.repository()
    let forge = try FakeForge(.github, token: Self.token)
    try repo.write("widget.bin", "bytes")
    let result = try Self.publish(repo, ["--dry-run", "--asset", "widget.bin"], Self.github(forge))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(forge.writes.isEmpty)
    #expect(result.stdout.contains("POST \(forge.api)/repos/octo/widget/releases\n"))
    #expect(result.stdout.contains("Authorization: <token from GITHUB_TOKEN>"))
    #expect(result.stdout.contains("\"tag_name\":\"v1.1.0-rc.1\""))
    #expect(result.stdout.contains("\"prerelease\":true"))
    #expect(result.stdout.contains("<5 bytes of widget.bin>"))
    let json = try Self.publish(repo, ["--dry-run", "--json"], Self.github(forge))
    let requests = Self.json(json.stdout)["requests"] as? [[String: Any]] ?? []
    #expect(requests.map { $0["method"] as? String } == ["POST"])
    #expect(forge.writes.isEmpty)
  }

  // MARK: Failures

  @Test func aRefusedTokenNamesItsVariableAndThePermission() throws {
    let repo = try Self.repository()
    let forge = try FakeForge(.github, token: "the-right-token")
    let result = try Self.publish(repo, [], Self.github(forge))
    #expect(result.status == 1)
    #expect(result.stderr.contains("GitHub refused the token from GITHUB_TOKEN (HTTP 401"))
    #expect(result.stderr.contains("contents: write"))
    #expect(result.stdout.isEmpty)

    forge.inject(.json(403, ["message": "Resource not accessible by integration"])) {
      $0.method == "POST"
    }
    let denied = try Self.publish(
      repo, [], Self.github(forge, token: "the-right-token").merging(["GITHUB_TOKEN": "", "GH_TOKEN": "the-right-token"]) { $1 },
      secret: "the-right-token")
    #expect(denied.status == 1)
    #expect(denied.stderr.contains("token from GH_TOKEN (HTTP 403: Resource not accessible by integration)"))
    #expect(forge.releases.isEmpty)
  }

  @Test func anUnknownRepositoryIsNamedWithWhereItCameFrom() throws {
    let repo = try Self.repository()
    let forge = try FakeForge(.github, token: Self.token)
    var env = Self.github(forge)
    env["GITHUB_REPOSITORY"] = "octo/gadget"
    let result = try Self.publish(repo, [], env)
    #expect(result.status == 1)
    #expect(result.stderr.contains("no repository octo/gadget"))
    #expect(result.stderr.contains("came from GITHUB_REPOSITORY"))

    env["GITHUB_REPOSITORY"] = ""
    try repo.git("remote", "set-url", "origin", "git@git.example.org:octo/gadget.git")
    let fromRemote = try Self.publish(repo, ["--forge", "github"], env)
    #expect(fromRemote.status == 1)
    #expect(fromRemote.stderr.contains("no repository octo/gadget"))
    #expect(fromRemote.stderr.contains("came from the URL of remote origin"))
  }

  @Test func serverErrorsAndResetsAreTriedAgain() throws {
    let repo = try Self.repository()
    let forge = try FakeForge(.github, token: Self.token)
    forge.inject(.respond(503))
    forge.inject(.reset)
    let result = try Self.publish(repo, [], Self.github(forge))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(forge.releases.count == 1)
    let lookups = forge.requests.filter { $0.path.hasSuffix("/releases/tags/v1.1.0-rc.1") }
    #expect(lookups.count == 3)
  }

  @Test func aRateLimitIsWaitedOutWithinItsBound() throws {
    let repo = try Self.repository()
    let forge = try FakeForge(.github, token: Self.token)
    forge.inject(.json(429, ["message": "slow down"], headers: [("Retry-After", "1")]))
    forge.inject(
      .json(403, ["message": "You have exceeded a secondary rate limit"],
        headers: [("Retry-After", "1")]))
    let waited = try Self.publish(repo, [], Self.github(forge))
    #expect(waited.status == 0, "\(waited.stderr)")
    #expect(forge.releases.count == 1)

    forge.inject(
      .json(403, ["message": "API rate limit exceeded"],
        headers: [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "4102444800")]))
    let beyond = try Self.publish(repo, [], Self.github(forge))
    #expect(beyond.status == 1)
    #expect(beyond.stderr.contains("rate-limited"))
    #expect(beyond.stderr.contains("more than git release waits (60s)"))
  }

  @Test func aForgeThatNeverAnswersTimesOut() throws {
    let repo = try Self.repository()
    let forge = try FakeForge(.github, token: Self.token)
    forge.inject(.hang)
    let result = try Self.publish(repo, ["--timeout", "1"], Self.github(forge))
    #expect(result.status == 1)
    #expect(result.stderr.contains("did not answer GET /repos/octo/widget/releases/tags/v1.1.0-rc.1 within 1s"))
  }

  @Test func noForgeReachableIsAClearFailure() throws {
    let repo = try Self.repository()
    var env = Self.clean
    env["GITHUB_TOKEN"] = Self.token
    env["GITHUB_REPOSITORY"] = "octo/widget"
    // A port nothing listens on.
    env["GITHUB_API_URL"] = "http://127.0.0.1:9"
    let result = try Self.publish(repo, ["--timeout", "3"], env)
    #expect(result.status == 1)
    #expect(result.stderr.contains("could not reach 127.0.0.1:9"), "\(result.stderr)")
  }

  @Test func withoutAnyTokenItSaysWhichToSet() throws {
    let repo = try Self.repository()
    let forge = try FakeForge(.github, token: Self.token)
    var env = Self.github(forge)
    env["GITHUB_TOKEN"] = ""
    let result = try Self.publish(repo, [], env)
    #expect(result.status == 1)
    #expect(result.stderr.contains("no GitHub token: set GITHUB_TOKEN or GH_TOKEN"))
    #expect(forge.requests.isEmpty)
  }

  @Test func gitsCredentialHelperGivesTheToken() throws {
    let repo = try Self.repository()
    let forge = try FakeForge(.github, token: "helper-token-42")
    try repo.git(
      "config", "credential.helper",
      "!f() { test \"$1\" = get && echo username=ada && echo password=helper-token-42; }; f")
    var env = Self.github(forge)
    env["GITHUB_TOKEN"] = ""
    let result = try Self.publish(repo, ["--dry-run"], env, secret: "helper-token-42")
    #expect(result.stdout.contains("Authorization: <token from git credential fill for 127.0.0.1:"))
    let published = try Self.publish(repo, [], env, secret: "helper-token-42")
    #expect(published.status == 0, "\(published.stderr)")
    #expect(forge.releases.count == 1)
  }

  @Test func aTagThatIsNotAReleaseIsAUsageError() throws {
    let repo = try Self.repository()
    let forge = try FakeForge(.github, token: Self.token)
    let result = try Self.publish(repo, ["v9.9.9"], Self.github(forge))
    #expect(result.status == 2)
    #expect(result.stderr.contains("v9.9.9 is not a release tag"))
    let missing = try Self.publish(repo, ["--asset", "nope.bin"], Self.github(forge))
    #expect(missing.status == 2)
    #expect(forge.requests.isEmpty)
  }

  // MARK: GitLab

  @Test func gitLabWithAProjectTokenAndLinks() throws {
    let repo = try Self.repository()
    try repo.git("remote", "set-url", "origin", "https://gitlab.example.com/group/sub/widget.git")
    let forge = try FakeForge(.gitlab, project: "group/sub/widget", token: "glpat-SECRET1")
    try repo.write("widget.bin", "bytes")
    let env = Self.clean.merging(["GITLAB_TOKEN": "glpat-SECRET1", "CI_API_V4_URL": forge.api]) {
      $1
    }
    let result = try Self.publish(repo, ["--asset", "widget.bin", "--json"], env, secret: "glpat-SECRET1")
    #expect(result.status == 0, "\(result.stderr)")
    let report = Self.json(result.stdout)
    #expect(report["url"] as? String == "https://gitlab.example/group/sub/widget/-/releases/v1.1.0-rc.1")
    #expect(report["id"] as? String == "v1.1.0-rc.1")
    let create = try #require(forge.writes.first)
    #expect(create.path == "/api/v4/projects/group%2Fsub%2Fwidget/releases")
    #expect(create.json?["description"] as? String == forge.releases.first?.body)
    #expect(forge.writes.map(\.method) == ["POST", "PUT", "POST"])
    #expect(forge.writes[1].path == "/api/v4/projects/group%2Fsub%2Fwidget/packages/generic/widget/1.1.0-rc.1/widget.bin")
    #expect(forge.releases.first?.assets.map(\.name) == ["widget.bin"])

    let again = try Self.publish(repo, ["--asset", "widget.bin"], env, secret: "glpat-SECRET1")
    #expect(again.status == 0, "\(again.stderr)")
    #expect(forge.releases.count == 1)
    #expect(forge.releases.first?.assets.map(\.name) == ["widget.bin"])
    #expect(forge.writes.suffix(4).map(\.method) == ["PUT", "DELETE", "PUT", "POST"])
  }

  @Test func gitLabInAPipelineWithTheJobToken() throws {
    let repo = try Self.repository()
    let forge = try FakeForge(.gitlab, project: "group/widget", token: "glpat-x", jobToken: "job-SECRET")
    let env = Self.clean.merging([
      "CI_JOB_TOKEN": "job-SECRET", "CI_API_V4_URL": forge.api, "CI_PROJECT_ID": "42",
    ]) { $1 }
    let result = try Self.publish(repo, [], env, secret: "job-SECRET")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(forge.writes.first?.path == "/api/v4/projects/42/releases")
    #expect(forge.writes.first?.header("JOB-TOKEN") == "job-SECRET")

    let wrong = try Self.publish(
      repo, [], env.merging(["CI_PROJECT_ID": "7"]) { $1 }, secret: "job-SECRET")
    #expect(wrong.status == 1)
    #expect(wrong.stderr.contains("no repository 7"))
    #expect(wrong.stderr.contains("came from CI_PROJECT_ID"))
  }

  // MARK: Gitea

  @Test func giteaFromTheConfiguration() throws {
    let forge = try FakeForge(.gitea, token: "gitea-SECRET")
    let repo = try Self.repository(config: "[forge]\n    type = forgejo\n    api = \(forge.api)/\n")
    try repo.write("widget.bin", "bytes")
    let env = Self.clean.merging(["GITEA_TOKEN": "gitea-SECRET"]) { $1 }
    let result = try Self.publish(repo, ["--asset", "widget.bin"], env, secret: "gitea-SECRET")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(forge.releases.count == 1)
    #expect(forge.releases.first?.assets.map(\.name) == ["widget.bin"])
    let upload = try #require(forge.writes.last)
    #expect(upload.path == "/api/v1/repos/octo/widget/releases/\(forge.releases[0].id)/assets")
    #expect(upload.text.contains("filename=\"widget.bin\""))

    #expect(try Self.publish(repo, ["--asset", "widget.bin"], env, secret: "gitea-SECRET").status == 0)
    #expect(forge.releases.count == 1)
    #expect(forge.releases.first?.assets.count == 1)
  }

  @Test(arguments: [
    ("[forge]\n    type = bitbucket\n", "forge.type = \"bitbucket\""),
    ("[forge]\n    api = ftp://x\n", "forge.api = \"ftp://x\""),
    ("[forge]\n    token = abc\n", "unknown key \"token\" in [forge]"),
  ])
  func aBadForgeSectionIsAConfigurationError(config: String, message: String) throws {
    let repo = try Self.repository(config: config)
    let result = try repo.runGitRelease(["publish", "--dry-run"], environment: Self.clean)
    #expect(result.status == 5)
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }
}
