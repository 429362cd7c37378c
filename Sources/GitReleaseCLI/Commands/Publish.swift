import ArgumentParser
import Foundation
import Git
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "publish",
      abstract: "Create or update the forge's release for a tag (GitHub, GitLab, Gitea).",
      discussion: """
        The release is named after the tag; its body is the release notes exactly as \
        `git release notes TAG` prints them; it is a pre-release for a SemVer pre-release. The \
        release is looked up by tag first and updated if it exists, so running the command \
        again never makes a second one and completes a run that failed half way (an asset \
        that did not upload). An asset of the same name is replaced.

        Forge: --forge, else [forge] type, else the remote's host (the remote of [notes] \
        remote, origin), else GITHUB_REPOSITORY / CI_PROJECT_ID. API: [forge] api, else \
        GITHUB_API_URL / CI_API_V4_URL, else from the remote's host. Token: GITHUB_TOKEN or \
        GH_TOKEN; GITLAB_TOKEN or CI_JOB_TOKEN; GITEA_TOKEN; else `git credential fill` for \
        the API's host. A token is never printed.

        5xx answers and dropped connections are tried three times; rate limits are waited out \
        when the forge asks for at most 60 seconds. Exits 1 when the forge refuses (the \
        message names the token's variable and the permission it needs, or the repository \
        and where its name came from) or cannot be reached.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Argument(help: "The release tag; default: the highest release tag reachable from HEAD.")
    var tag: String?
    @Option(help: "The monorepo package (a [package \"NAME\"] section of .gitrelease).")
    var package: String?
    @Option(help: "github, gitlab or gitea (forgejo, codeberg): overrides detection.")
    var forge: String?
    @Option(
      name: .customLong("asset"),
      help: ArgumentHelp("A file to attach to the release (repeatable).", valueName: "file"))
    var assets: [String] = []
    @Flag(help: "Create the release as a draft (GitHub, Gitea).") var draft = false
    @Flag(help: "Print each request that writes, with its body; send none of them.")
    var dryRun = false
    @Option(help: "Seconds to wait for each answer (default 30, or GIT_RELEASE_HTTP_TIMEOUT).")
    var timeout: Int?
    @OptionGroup var output: OutputOptions

    /// What `publish --json` prints.
    struct Report: Encodable {
      struct Request: Encodable {
        let method: String
        let url: String
        let body: String?
      }

      let tag: String
      let forge: String
      let project: String
      let api: String
      /// The release's web page and id (GitLab: its tag); nil in a dry run of a new release.
      let url: String?
      let id: String?
      let created: Bool
      let updated: Bool
      let draft: Bool
      let prerelease: Bool
      let assets: [String]
      let replaced: [String]
      let dryRun: Bool
      /// The requests a dry run would send that write.
      let requests: [Request]

      enum CodingKeys: String, CodingKey {
        case tag, forge, project, api, url, id, created, updated, draft, prerelease, assets
        case replaced, dryRun, requests
      }

      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tag, forKey: .tag)
        try container.encode(forge, forKey: .forge)
        try container.encode(project, forKey: .project)
        try container.encode(api, forKey: .api)
        try container.encode(url, forKey: .url)
        try container.encode(id, forKey: .id)
        try container.encode(created, forKey: .created)
        try container.encode(updated, forKey: .updated)
        try container.encode(draft, forKey: .draft)
        try container.encode(prerelease, forKey: .prerelease)
        try container.encode(assets, forKey: .assets)
        try container.encode(replaced, forKey: .replaced)
        try container.encode(dryRun, forKey: .dryRun)
        try container.encode(requests, forKey: .requests)
      }
    }

    func validate() throws {
      if let forge, ForgeSettings.publishKind(forge) == nil {
        throw ValidationError("--forge \(forge): use github, gitlab or gitea")
      }
      if let timeout, timeout < 1 {
        throw ValidationError("--timeout \(timeout): give a number of seconds, 1 or more")
      }
    }

    func run() throws {
      let environment = ProcessInfo.processInfo.environment
      let repository = try self.repository.open()
      let context = try RepositoryContext(repository)
      let packageSettings = try context.package(named: package)
      let namespace = context.namespace(for: packageSettings)
      let tags = try context.releaseTags(in: namespace)
      let release: ReleaseTag
      if let tag {
        guard let found = tags.first(where: { $0.name == tag }) else {
          throw CommandFailure(
            .usage,
            "\(tag) is not a release tag of this repository (\(namespace.prefix)<version>); "
              + "list them with git tag --list, or create one with git release tag")
        }
        release = found
      } else {
        guard let current = try context.currentRelease(among: tags) else {
          throw CommandFailure(
            .nothingToRelease,
            "no release tag is reachable from HEAD, so there is nothing to publish; create one "
              + "with git release tag, or name the tag: git release publish TAG")
        }
        release = current
      }
      let assets = try Self.assets(assets)

      let notes = try context.releaseNotes(range: release.name, package: package)
      let body = try context.renderedNotes(notes)
      let settings = context.configuration
      let remote = settings.notes.remote
      let remoteURL = try Config(of: repository).string("remote.\(remote).url")
      let endpoint = try ForgeEndpoint.resolve(
        forced: forge.flatMap(ForgeSettings.publishKind), settings: settings.forge,
        environment: environment, remote: remote, remoteURL: remoteURL)
      if draft, endpoint.kind == .gitlab {
        throw CommandFailure(
          .usage, "--draft: GitLab releases have no drafts; publish without --draft")
      }
      let credential = ForgeCredentials.find(
        for: endpoint, environment: environment, repository: repository)
      if credential == nil, !dryRun {
        throw ForgeFailure.noCredential(
          forge: endpoint.forgeName, variables: ForgeCredential.variables(for: endpoint.kind),
          host: endpoint.apiHost)
      }
      let draftRelease = ReleaseDraft(
        tag: release.name, name: release.name, body: body, draft: draft,
        prerelease: release.version.isPreRelease, version: release.version.description)
      let api = ForgeAPI(endpoint: endpoint, userAgent: ToolVersion.userAgent)
      let transport = HTTPTransport(
        timeout: timeout ?? HTTPTransport.defaultTimeout(environment, fallback: 30),
        credential: credential)
      var planned: [ForgeRequest] = []
      let publisher = ReleasePublisher(
        api: api, transport: transport, dryRun: dryRun, planned: { planned.append($0) })
      let outcome = try publisher.publish(draftRelease, assets: assets)

      let report = Report(
        tag: release.name, forge: endpoint.kind.rawValue, project: endpoint.project,
        api: endpoint.api, url: outcome.release?.url, id: outcome.release?.id,
        created: outcome.created, updated: outcome.updated, draft: draft,
        prerelease: release.version.isPreRelease, assets: outcome.assets,
        replaced: outcome.replaced, dryRun: dryRun,
        requests: planned.map {
          Report.Request(method: $0.method, url: $0.url, body: $0.printableBody)
        })
      if output.json {
        print(try JSONOutput.encode(report))
      } else if dryRun {
        print(
          Terminal.sanitize(
            "Would publish \(release.name) to \(endpoint.forgeName) (\(endpoint.project)) "
              + "(dry run: nothing written):"))
        for request in planned {
          print("")
          print(Terminal.sanitize(Self.describe(request, credential: credential)))
        }
      } else {
        let verb = outcome.created ? "Created" : "Updated"
        let url = outcome.release?.url ?? ""
        print(
          Terminal.sanitize(
            "\(verb) the \(endpoint.forgeName) release \(release.name)"
              + (url.isEmpty ? "" : ": \(url)")))
        for name in outcome.assets {
          print(
            Terminal.sanitize(
              "Uploaded \(name)" + (outcome.replaced.contains(name) ? " (replacing it)" : "")))
        }
      }
      guard !dryRun else { return }
      let text =
        "\(release.name) was published on \(endpoint.forgeName)"
        + (report.url.map { $0.isEmpty ? "" : ": \($0)" } ?? "")
      Notifier.deliver(
        .publish, text: text,
        document: ReleaseAnnouncement(
          text: text,
          event: .init(
            kind: NotificationEvent.publish.rawValue, tag: release.name,
            version: release.version.description, commit: release.commit, url: report.url,
            forge: endpoint.kind.rawValue, time: Date()),
          notes: body),
        notes: body, link: report.url, configuration: settings)
    }

    /// The files to upload, checked before anything is sent: a missing file must not leave a
    /// release without its assets.
    static func assets(_ paths: [String]) throws -> [ReleasePublisher.Asset] {
      var names = Set<String>()
      return try paths.map { path in
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder),
          !isFolder.boolValue, FileManager.default.isReadableFile(atPath: path)
        else {
          throw CommandFailure(
            .usage, "--asset \(path): no such readable file; nothing was published")
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard names.insert(name).inserted else {
          throw CommandFailure(
            .usage, "--asset \(path): another asset is also named \(name); rename one")
        }
        return ReleasePublisher.Asset(name: name, path: path)
      }
    }

    /// A request as a dry run prints it: method and URL, headers, body. The token shows as the
    /// name of where it would come from.
    static func describe(_ request: ForgeRequest, credential: ForgeCredential?) -> String {
      var lines = ["\(request.method) \(request.url)"]
      for header in request.headers { lines.append("\(header.name): \(header.value)") }
      if let credential {
        lines.append("\(credential.header): <token from \(credential.source)>")
      } else {
        lines.append("(no token found: set one to publish)")
      }
      if let body = request.printableBody {
        lines.append("")
        lines.append(body)
      }
      return lines.joined(separator: "\n")
    }
  }
}
