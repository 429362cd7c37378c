import Foundation
import Git
import ReleaseCore

/// How an event about to be recorded is signed, and who it is by: the principal the policy's
/// allowed signers give the user's signing key. Made before anything is written, so an event the
/// policy would not accept is refused with nothing written.
package struct EventSigning {
  package let method: SigningMethod
  /// The signer as the policy names them; the event's actor email.
  package let principal: String
  package let policy: TrustPolicy

  /// Nil when the event is recorded unsigned: the policy does not require signatures on
  /// `environment` and `--sign` was not given.
  package static func prepare(
    _ kind: EnvironmentEvent.Kind, on environment: String, sign: Bool, actor: Signature,
    policy: TrustPolicy, repository: Repository
  ) throws -> EventSigning? {
    let required = policy.requiresSignatures(environment)
    guard required || sign else { return nil }
    let why =
      required
      ? "\(environment) requires signed events (signed = true in the policy, \(policy.source))"
      : "--sign was given"
    let method: SigningMethod
    do {
      method = try repository.signingMethod(for: actor)
    } catch {
      throw ReleaseFailure(
        .failure,
        "\(why), and git cannot sign: \(error.message). Set up signing as for git commit -S "
          + "(git config gpg.format ssh; git config user.signingKey ~/.ssh/id_ed25519.pub). "
          + "Nothing was written.")
    }
    // Signing a probe tells whose key this is before the event, which names its actor, is made.
    let probe = Array("git-release: who signs events on \(environment)\n".utf8)
    let signature: [UInt8]
    do {
      signature = try method.sign(probe)
    } catch {
      throw ReleaseFailure(
        .failure, "cannot sign with \(method): \(error.message). Nothing was written.")
    }
    guard policy.signers != nil else {
      throw ReleaseFailure(
        .failure,
        "\(why), but the policy (\(policy.source)) names no allowed signers to accept the "
          + "signature; set [trust] allowedSigners in \(RepositoryContext.configurationFile) "
          + "and commit it. Nothing was written.")
    }
    let outcome: SignatureVerifier.Outcome
    do {
      outcome = try policy.verifier(repository).verify(probe, signature: signature, at: actor.time)
    } catch let error as SigningError {
      throw ReleaseFailure(.failure, "cannot check your signature: \(error.message)")
    }
    guard case .good(let principals, _) = outcome else {
      let reason: String
      if case .bad(let text) = outcome { reason = text } else { reason = "" }
      let file = policy.trust.allowedSigners ?? "the allowed signers"
      throw ReleaseFailure(
        .failure,
        "your signing key (\(method)) is not accepted by the policy (\(policy.source)): "
          + "\(reason). Ask for it to be added to \(file) there. Nothing was written.")
    }
    // The key may belong to several principals: the one git's identity names, if it is one.
    let email = actor.email.lowercased()
    let candidates = principals.filter { !$0.contains("*") && !$0.contains("?") }
    guard let principal = candidates.contains(email) ? email : candidates.first else {
      throw ReleaseFailure(
        .failure,
        "your signing key matches only the patterns \(principals.joined(separator: ", ")) in "
          + "the allowed signers; name yourself there. Nothing was written.")
    }
    let settings = policy.trailSettings(environment)
    guard settings.allows(principal, toRecord: kind) else {
      let role = kind == .approval ? "approvers" : "promoters"
      let list = kind == .approval ? settings.approvers : settings.promoters
      throw ReleaseFailure(
        .failure,
        "\(principal) is not among the \(role) of \(environment) "
          + "(\(list.joined(separator: ", ")), in the policy at \(policy.source)), so it would "
          + "not accept this event. Nothing was written.")
    }
    return EventSigning(method: method, principal: principal, policy: policy)
  }

  /// The actor the event records: git's name, and the signer's principal.
  package func actor(named name: String) -> CommitRecord.Person {
    CommitRecord.Person(name: name, email: principal)
  }
}
