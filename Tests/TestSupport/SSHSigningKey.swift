import Foundation

/// A throwaway ssh key made with `ssh-keygen` for one test, with the git configuration that signs
/// with it and verifies its signatures (`git tag -v`).
public struct SSHSigningKey {
  public let privateKeyPath: String
  public let publicKey: String
  public let allowedSignersPath: String

  /// Makes an ed25519 key without a passphrase in `folder`, trusted for `email`.
  public init(in folder: URL, for email: String) throws {
    let keyFolder = folder.appendingPathComponent("ssh-key-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: keyFolder, withIntermediateDirectories: true)
    privateKeyPath = keyFolder.appendingPathComponent("id_ed25519").path
    let made = try FixtureRepository.run(
      "/usr/bin/env",
      ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", email, "-f", privateKeyPath],
      in: keyFolder, environment: ProcessInfo.processInfo.environment)
    guard made.status == 0 else { throw FixtureError.commandFailed("ssh-keygen: \(made.stderr)") }
    publicKey = try String(contentsOfFile: privateKeyPath + ".pub", encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    allowedSignersPath = keyFolder.appendingPathComponent("allowed_signers").path
    try Data("\(email) namespaces=\"git\" \(publicKey)\n".utf8)
      .write(to: URL(fileURLWithPath: allowedSignersPath))
  }

  /// Configures `repository` to sign with this key and to trust it when verifying.
  public func configure(_ repository: FixtureRepository) throws {
    try repository.git("config", "gpg.format", "ssh")
    try repository.git("config", "user.signingKey", privateKeyPath)
    try repository.git("config", "gpg.ssh.allowedSignersFile", allowedSignersPath)
  }
}
