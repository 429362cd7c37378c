import Foundation
import Git
import ReleaseCore

/// Creates or updates a forge's release for a tag and uploads its assets: looks the release up
/// first, so running it again completes what a failed run left half done and never makes a
/// second release.
package struct ReleasePublisher {
  package let api: ForgeAPI
  package let transport: HTTPTransport
  package let dryRun: Bool
  /// Called with each request a dry run would send that writes.
  package let planned: (ForgeRequest) -> Void

  package init(
    api: ForgeAPI, transport: HTTPTransport, dryRun: Bool,
    planned: @escaping (ForgeRequest) -> Void
  ) {
    self.api = api
    self.transport = transport
    self.dryRun = dryRun
    self.planned = planned
  }

  package struct Outcome {
    /// The release as the forge answered; nil in a dry run for a release not made yet.
    package var release: ForgeRelease?
    package var created = false
    package var updated = false
    package var assets: [String] = []
    /// Assets of the same name that were replaced.
    package var replaced: [String] = []
  }

  package struct Asset {
    package let name: String
    package let path: String

    package init(name: String, path: String) {
      self.name = name
      self.path = path
    }
  }

  package func publish(_ draft: ReleaseDraft, assets: [Asset]) throws -> Outcome {
    var outcome = Outcome()
    let existing = try find(tag: draft.tag)
    var release: ForgeRelease
    if let existing {
      let request = api.update(existing, to: draft)
      release = try dryRun ? existing : expectRelease(transport.send(request), request)
      if dryRun { planned(request) }
      outcome.updated = true
    } else {
      let request = api.create(draft)
      if dryRun {
        planned(request)
        release = ForgeRelease(
          id: "{id}", tag: draft.tag, url: "",
          uploadURL: api.endpoint.kind == .github ? "{upload_url}" : nil)
      } else {
        let answer = try transport.send(request)
        if ForgeAPI.isAlreadyExists(status: answer.status, body: answer.body),
          let found = try find(tag: draft.tag)
        {
          // An earlier try of this create reached the forge: update what it made.
          let update = api.update(found, to: draft)
          release = try expectRelease(transport.send(update), update)
          outcome.updated = true
        } else {
          try check(answer, request)
          release = try expect(api.release(from: answer.body), request)
          outcome.created = true
        }
      }
    }
    outcome.release = dryRun && !outcome.updated ? nil : release
    for asset in assets {
      let contents: [UInt8]
      do {
        contents = Array(try Data(contentsOf: URL(fileURLWithPath: asset.path)))
      } catch {
        throw ForgeFailure.asset(
          path: asset.path, reason: "it cannot be read (\(error.localizedDescription))")
      }
      if let old = release.assets.first(where: { $0.name == asset.name }) {
        let request = api.deleteAsset(old, of: release)
        let answer = try send(request)
        // Gone already (another run removed it): that is what this step wanted.
        if answer.status != 404 { try check(answer, request) }
        outcome.replaced.append(asset.name)
      }
      for request in try api.upload(
        name: asset.name, contents: contents, of: release, version: draft.version)
      {
        try check(send(request), request)
      }
      outcome.assets.append(asset.name)
    }
    return outcome
  }

  /// The release of a tag, drafts included; nil when there is none. A 404 for the repository
  /// itself is an error that says where its name came from.
  package func find(tag: String) throws -> ForgeRelease? {
    let lookUp = api.lookUp(tag: tag)
    let answer = try transport.send(lookUp)
    if answer.isSuccess { return try expect(api.release(from: answer.body), lookUp) }
    guard answer.status == 404 else {
      try check(answer, lookUp)
      return nil
    }
    let listing = api.releasesOrProject()
    let list = try transport.send(listing)
    if list.status == 404 {
      let endpoint = api.endpoint
      throw ForgeFailure.repositoryNotFound(
        forge: endpoint.forgeName, project: endpoint.project, source: endpoint.projectSource,
        api: endpoint.api)
    }
    try check(list, listing)
    return api.endpoint.kind == .gitlab ? nil : api.release(tagged: tag, inList: list.body)
  }

  /// Sends a request, or in a dry run records it and answers as the forge would have.
  private func send(_ request: ForgeRequest) throws -> HTTPAnswer {
    guard dryRun, request.writes else { return try transport.send(request) }
    planned(request)
    return HTTPAnswer(status: 200, headers: [], body: [])
  }

  private func expectRelease(_ answer: HTTPAnswer, _ request: ForgeRequest) throws
    -> ForgeRelease
  {
    try check(answer, request)
    return try expect(api.release(from: answer.body), request)
  }

  private func expect(_ release: ForgeRelease?, _ request: ForgeRequest) throws -> ForgeRelease {
    guard let release else { throw ForgeFailure.unreadableResponse(request: request.summary) }
    return release
  }

  /// A 2xx passes; anything else becomes the error that explains it.
  package func check(_ answer: HTTPAnswer, _ request: ForgeRequest) throws {
    guard !answer.isSuccess else { return }
    let message = ForgeAPI.errorMessage(answer.body).map(transport.scrub)
    let endpoint = api.endpoint
    if answer.status == 401 || answer.status == 403 {
      throw ForgeFailure.unauthorized(
        status: answer.status, forge: endpoint.forgeName,
        credential: transport.credential?.source ?? "no token (none was found)",
        permission: api.permission, message: message)
    }
    throw ForgeFailure.rejected(
      status: answer.status, request: request.summary, message: message)
  }
}

/// Where a forge token comes from: the forge's variables, else git's credential helpers.
package enum ForgeCredentials {
  package static func find(
    for endpoint: ForgeEndpoint, environment: [String: String], repository: Repository
  ) -> ForgeCredential? {
    if let credential = ForgeCredential.fromEnvironment(environment, kind: endpoint.kind) {
      return credential
    }
    return fromCredentialHelper(endpoint, repository: repository)
  }

  /// `git credential fill` for the API's host, never prompting: what a developer's machine
  /// already holds for that forge.
  package static func fromCredentialHelper(_ endpoint: ForgeEndpoint, repository: Repository)
    -> ForgeCredential?
  {
    let folder = repository.workingDirectory ?? repository.gitDirectory
    // GitHub's API lives on api.github.com, its credentials on github.com.
    var host = endpoint.apiHost
    if host.lowercased() == "api.github.com" { host = "github.com" }
    let input = "protocol=\(endpoint.apiScheme)\nhost=\(host)\n\n"
    guard
      let result = try? SignerProcess.run(
        "git", ["-C", folder.path, "credential", "fill"], input: Array(input.utf8),
        environment: ["GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "", "SSH_ASKPASS": ""]),
      result.status == 0
    else { return nil }
    let text = String(decoding: result.stdout, as: UTF8.self)
    for line in text.split(separator: "\n") where line.hasPrefix("password=") {
      let token = String(line.dropFirst("password=".count))
      guard !token.isEmpty else { return nil }
      return ForgeCredential.make(
        kind: endpoint.kind, token: token, source: "git credential fill for \(host)")
    }
    return nil
  }
}
