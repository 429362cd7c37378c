import Foundation

/// Checks detached signatures as git checks commit signatures, with git's own tools: SSH
/// signatures with `ssh-keygen -Y find-principals` and `-Y verify` against an allowed-signers
/// file, OpenPGP signatures with `gpg --verify` against a keyring of its own. The file and the
/// keyring are private copies in a temporary folder, removed when the verifier goes.
public final class SignatureVerifier {
  public enum Outcome: Equatable, Sendable {
    /// The signature verifies; `principals` are whom the key belongs to, `key` its fingerprint.
    case good(principals: [String], key: String)
    /// It does not, and why.
    case bad(String)
  }

  private let folder: URL
  private let sshProgram: String
  private let gpgProgram: String
  private let openpgpPrincipals: [String: [String]]
  private let hasOpenPGPKeys: Bool

  /// `allowedSSHSigners` is the text of an allowed-signers file; `openpgpKeys` armored public
  /// keys, whose signers are named by `openpgpPrincipals` (upper-case fingerprint -> principals).
  public init(
    allowedSSHSigners: String, openpgpKeys: [UInt8]?, openpgpPrincipals: [String: [String]],
    sshProgram: String = "ssh-keygen", gpgProgram: String = "gpg"
  ) throws(SigningError) {
    self.sshProgram = sshProgram
    self.gpgProgram = gpgProgram
    self.openpgpPrincipals = openpgpPrincipals
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("git-release-verify-\(UUID().uuidString)", isDirectory: true)
    do {
      try FileManager.default.createDirectory(
        at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
      try Data(allowedSSHSigners.utf8).write(to: folder.appendingPathComponent("allowed_signers"))
    } catch {
      throw SigningError("cannot make a temporary folder to verify in: \(error)")
    }
    hasOpenPGPKeys = !(openpgpKeys ?? []).isEmpty
    if let openpgpKeys, !openpgpKeys.isEmpty {
      let home = folder.appendingPathComponent("gnupg")
      try? FileManager.default.createDirectory(
        at: home, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
      let result = try SignerProcess.run(
        gpgProgram, ["--batch", "--homedir", home.path, "--import"], input: openpgpKeys)
      guard result.status == 0 else {
        try? FileManager.default.removeItem(at: folder)
        throw SigningError("\(gpgProgram) could not import the OpenPGP keys of the policy: "
            + SigningMethod.lastLines(String(decoding: result.stderr, as: UTF8.self)))
      }
    }
  }

  deinit {
    if hasOpenPGPKeys {
      _ = try? SignerProcess.run(
        "gpgconf", ["--homedir", folder.appendingPathComponent("gnupg").path, "--kill", "all"],
        input: nil)
    }
    try? FileManager.default.removeItem(at: folder)
  }

  /// Checks `signature` over `data`; `time` is when the signature was made, for keys that are
  /// valid only for a while (`valid-after`, `valid-before`, an OpenPGP key's expiry).
  public func verify(_ data: [UInt8], signature: [UInt8], at time: Date) throws(SigningError)
    -> Outcome
  {
    let text = String(decoding: signature, as: UTF8.self)
    if text.hasPrefix("-----BEGIN SSH SIGNATURE-----") {
      return try verifySSH(data, signature: signature, at: time)
    }
    if text.hasPrefix("-----BEGIN PGP SIGNATURE-----") {
      return try verifyOpenPGP(data, signature: signature)
    }
    if text.hasPrefix("-----BEGIN SIGNED MESSAGE-----") {
      return .bad("it is an X.509 signature; events are signed with ssh or openpgp keys")
    }
    return .bad("the signature is not one git makes (no ssh or OpenPGP armor)")
  }

  private func verifySSH(_ data: [UInt8], signature: [UInt8], at time: Date) throws(SigningError)
    -> Outcome
  {
    let signatureFile = folder.appendingPathComponent("signature-\(UUID().uuidString)")
    do {
      try Data(signature).write(to: signatureFile)
    } catch {
      throw SigningError("cannot write \(signatureFile.path): \(error)")
    }
    defer { try? FileManager.default.removeItem(at: signatureFile) }
    let allowed = folder.appendingPathComponent("allowed_signers").path
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMddHHmmss"
    let verifyTime = "-Overify-time=" + formatter.string(from: time) + "Z"
    let found = try SignerProcess.run(
      sshProgram,
      ["-Y", "find-principals", "-f", allowed, "-s", signatureFile.path, verifyTime], input: nil)
    let principals = String(decoding: found.stdout, as: UTF8.self)
      .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    let errors = String(decoding: found.stderr, as: UTF8.self)
    if errors.contains("usage:") {
      throw SigningError("\(sshProgram) does not know -Y find-principals; install OpenSSH 8.9 or later")
    }
    guard found.status == 0, let principal = principals.first else {
      if errors.contains("Couldn't parse") || errors.contains("invalid format")
        || errors.contains("sshsig_")
      {
        return .bad("the ssh signature is corrupt (\(SigningMethod.lastLines(errors)))")
      }
      return .bad("it is signed by an ssh key that is not an allowed signer of the policy")
    }
    let result = try SignerProcess.run(
      sshProgram,
      ["-Y", "verify", "-f", allowed, "-I", principal, "-n", "git", "-s", signatureFile.path,
        verifyTime],
      input: data)
    let output = String(decoding: result.stdout + result.stderr, as: UTF8.self)
    guard result.status == 0, output.contains("Good \"git\" signature") else {
      return .bad("the ssh signature does not verify: \(SigningMethod.lastLines(output))")
    }
    let key = output.range(of: "key ").map { String(output[$0.upperBound...].prefix { !$0.isWhitespace }) } ?? ""
    return .good(principals: principals.map { $0.lowercased() }, key: key)
  }

  private func verifyOpenPGP(_ data: [UInt8], signature: [UInt8]) throws(SigningError) -> Outcome {
    guard hasOpenPGPKeys else {
      return .bad(
        "it is an OpenPGP signature, and the policy lists no OpenPGP keys ([trust] openpgpKeys)")
    }
    let signatureFile = folder.appendingPathComponent("signature-\(UUID().uuidString).asc")
    do {
      try Data(signature).write(to: signatureFile)
    } catch {
      throw SigningError("cannot write \(signatureFile.path): \(error)")
    }
    defer { try? FileManager.default.removeItem(at: signatureFile) }
    let home = folder.appendingPathComponent("gnupg").path
    let result = try SignerProcess.run(
      gpgProgram,
      ["--batch", "--no-auto-key-retrieve", "--homedir", home, "--status-fd=1", "--verify",
        signatureFile.path, "-"],
      input: data)
    let status = String(decoding: result.stdout, as: UTF8.self)
      .split(whereSeparator: \.isNewline).filter { $0.hasPrefix("[GNUPG:] ") }
      .map { $0.dropFirst(9).split(separator: " ").map(String.init) }
    func first(_ keyword: String) -> [String]? { status.first { $0.first == keyword } }
    if let line = first("EXPKEYSIG") { return .bad("signed by the expired OpenPGP key \(line.dropFirst().first ?? "")") }
    if let line = first("REVKEYSIG") { return .bad("signed by the revoked OpenPGP key \(line.dropFirst().first ?? "")") }
    if first("BADSIG") != nil { return .bad("the OpenPGP signature does not match the event") }
    if let line = first("ERRSIG") {
      return .bad(
        "the OpenPGP signature cannot be checked (key \(line.dropFirst().first ?? "?") is not "
          + "among the policy's OpenPGP keys, or the signature is corrupt)")
    }
    guard result.status == 0, first("GOODSIG") != nil, let valid = first("VALIDSIG"),
      valid.count >= 2
    else {
      return .bad(
        "the OpenPGP signature does not verify: "
          + SigningMethod.lastLines(String(decoding: result.stderr, as: UTF8.self)))
    }
    let fingerprints = [valid[1].uppercased(), (valid.last ?? "").uppercased()]
    for fingerprint in fingerprints {
      if let principals = openpgpPrincipals[fingerprint] {
        return .good(principals: principals, key: fingerprint)
      }
    }
    return .bad("signed by the OpenPGP key \(valid[1]), which is not an allowed signer")
  }
}
