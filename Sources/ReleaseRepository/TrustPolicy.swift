import Foundation
import Git
import ReleaseCore

/// The trust policy: `.gitrelease` and the allowed-signers file as a commit has them, never as the
/// work tree has them, so that a local edit grants nothing. The commit is `[trust] policyRef`
/// (read from the default commit), by default the current branch's upstream when it has one, else
/// HEAD's commit; on a server (a bare repository receiving a push), its HEAD.
package struct TrustPolicy {
  /// What the policy was read from, for messages: `origin/main at 1a2b3c4`.
  package let source: String
  package let configuration: Configuration
  package let trust: TrustSettings
  package let environments: [EnvironmentSettings]
  package let signers: AllowedSigners?
  package let openpgpKeys: [UInt8]?

  package static func load(_ repository: Repository, server: Bool = false) throws -> TrustPolicy {
    guard let (name, commit) = try defaultCommit(repository, server: server) else {
      return try TrustPolicy(source: "no commit yet", configuration: .defaults, commit: nil, repository)
    }
    let first = try RepositoryContext.configuration(inCommit: commit, of: repository) ?? .defaults
    guard let ref = try TrustSettings(first).policyRef else {
      return try TrustPolicy(
        source: "\(name) at \(commit.hex.prefix(7))", configuration: first, commit: commit,
        repository)
    }
    let resolved: ObjectID
    do {
      resolved = try repository.resolveCommit(ref)
    } catch {
      throw ReleaseFailure(
        .configuration,
        "\(RepositoryContext.configurationFile) (at \(name) \(commit.hex.prefix(7))): [trust] "
          + "policyRef = \(ref) names no commit in this repository; fetch it (git fetch origin) "
          + "or fix the name")
    }
    let configuration =
      try RepositoryContext.configuration(inCommit: resolved, of: repository) ?? .defaults
    return try TrustPolicy(
      source: "\(ref) at \(resolved.hex.prefix(7))", configuration: configuration,
      commit: resolved, repository)
  }

  /// The upstream of the current branch, else HEAD's commit; on a server, HEAD.
  private static func defaultCommit(_ repository: Repository, server: Bool) throws
    -> (String, ObjectID)?
  {
    let head = try repository.head()
    if !server, case .branch(let name, _) = head {
      let branch = name.hasPrefix("refs/heads/") ? String(name.dropFirst(11)) : name
      if let upstream = try? repository.resolveCommit(branch + "@{upstream}") {
        return ("\(branch)@{upstream}", upstream)
      }
    }
    return head.commit.map { ("HEAD", $0) }
  }

  private init(
    source: String, configuration: Configuration, commit: ObjectID?, _ repository: Repository
  ) throws {
    self.source = source
    self.configuration = configuration
    trust = try TrustSettings(configuration)
    environments = try EnvironmentSettings.all(configuration.reader)
    func file(_ path: String, key: String) throws -> [UInt8] {
      guard let commit, let bytes = try repository.fileContents(at: path, inCommit: commit) else {
        throw ReleaseFailure(
          .configuration,
          "[trust] \(key) = \(path): no such file in the policy commit (\(source)); commit it "
            + "there, or fix the path")
      }
      return bytes
    }
    if let path = trust.allowedSigners {
      signers = try AllowedSigners(
        parsing: String(decoding: try file(path, key: "allowedSigners"), as: UTF8.self),
        file: "\(path) (in \(source))")
    } else {
      signers = nil
    }
    openpgpKeys = try trust.openpgpKeys.map { try file($0, key: "openpgpKeys") }
  }

  package func settings(_ environment: String) -> EnvironmentSettings? {
    environments.first { $0.name == environment }
  }

  /// True when the policy requires every event on `environment` to be signed. Blocks stop a
  /// release everywhere: their trail is signed when any environment requires signatures.
  package func requiresSignatures(_ environment: String) -> Bool {
    trailSettings(environment).signed
  }

  /// The settings a trail is held to: an environment's, or for the blocks trail, signatures
  /// required when any environment requires them.
  package func trailSettings(_ trail: String) -> EnvironmentSettings {
    if trail == EnvironmentEvent.blocksTrail {
      return EnvironmentSettings(name: trail, signed: environments.contains(where: \.signed))
    }
    return settings(trail) ?? EnvironmentSettings(name: trail)
  }

  /// A verifier holding the policy's allowed signers; the programs are git's (`gpg.ssh.program`,
  /// `gpg.program`). Fails when the policy names no allowed signers.
  package func verifier(_ repository: Repository) throws -> SignatureVerifier {
    guard let signers else {
      throw ReleaseFailure(
        .configuration,
        "the policy (\(source)) names no allowed signers, so no signature can be checked; set "
          + "[trust] allowedSigners in \(RepositoryContext.configurationFile) and commit it")
    }
    let config = try Config(of: repository)
    let ssh = try config.string("gpg.ssh.program") ?? "ssh-keygen"
    let gpg = try config.string("gpg.openpgp.program") ?? config.string("gpg.program") ?? "gpg"
    do {
      return try SignatureVerifier(
        allowedSSHSigners: signers.sshText, openpgpKeys: openpgpKeys,
        openpgpPrincipals: signers.openpgpPrincipals, sshProgram: ssh, gpgProgram: gpg)
    } catch {
      throw ReleaseFailure(.failure, "cannot check signatures: \(error.message)")
    }
  }
}

/// Checks event commits' signatures against a policy, one verifier for all of them.
package final class EventSignatures {
  package let repository: Repository
  package let policy: TrustPolicy
  private var verifier: SignatureVerifier?
  private var cache: [String: SignatureStatus] = [:]

  package init(_ repository: Repository, policy: TrustPolicy) {
    self.repository = repository
    self.policy = policy
  }

  /// The status of the commit `id`'s signature; `time` is when it says it was made.
  package func status(of id: ObjectID, at time: Date) throws -> SignatureStatus {
    if let known = cache[id.hex] { return known }
    guard let (signature, data) = try repository.commitSignature(id) else {
      cache[id.hex] = .unsigned
      return .unsigned
    }
    if verifier == nil {
      guard policy.signers != nil else {
        return .invalid("it is signed, but the policy (\(policy.source)) names no allowed signers")
      }
      verifier = try policy.verifier(repository)
    }
    guard let verifier else { return .unsigned }
    let status: SignatureStatus
    do {
      switch try verifier.verify(data, signature: signature, at: time) {
      case .good(let principals, let key): status = .verified(principals: principals, key: key)
      case .bad(let reason): status = .invalid(reason)
      }
    } catch {
      throw ReleaseFailure(.failure, "cannot check the signature of \(id.hex): \(error.message)")
    }
    cache[id.hex] = status
    return status
  }

  /// The events' statuses, for the approvals gate: the approvals that do not count and why.
  package func uncountedApprovals(_ events: [EnvironmentEvent], environment: EnvironmentSettings) throws
    -> [String: String]
  {
    var result: [String: String] = [:]
    for event in events where event.kind == .approval {
      guard let hex = event.id, let id = ObjectID(hex: hex) else { continue }
      let audited = AuditedEvent(event: event, signature: try status(of: id, at: event.time))
      if let problem = TrailAudit.signatureProblem(audited, environment: environment) {
        result[hex] = problem
      }
    }
    return result
  }
}
