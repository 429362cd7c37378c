import Foundation

/// The allowed-signers file of the trust policy: git's ssh format (`gpg.ssh.allowedSignersFile`,
/// see ssh-keygen(1) ALLOWED SIGNERS), one signer a line:
///
/// ```
/// alice@example.com namespaces="git" ssh-ed25519 AAAAC3Nza...
/// bob@example.com,robert@example.com ssh-ed25519 AAAAC3Nza... bob's laptop
/// carol@example.com openpgp 0123456789ABCDEF0123456789ABCDEF01234567
/// ```
///
/// The last form is git-release's own: an OpenPGP key, by its full fingerprint, whose public key
/// is in `[trust] openpgpKeys`. `ssh-keygen` never sees those lines.
public struct AllowedSigners: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    /// Lower-cased, as they match principals (an ssh pattern such as `*@example.com` stays one).
    public let principals: [String]
    public let line: Int
    /// The line as written (ssh lines), or nil for an OpenPGP line.
    public let sshLine: String?
    /// The upper-case fingerprint of an OpenPGP line.
    public let openpgpFingerprint: String?
  }

  public let file: String
  public let entries: [Entry]

  /// Key types ssh-keygen accepts in an allowed-signers file.
  static let sshKeyTypes: Set<String> = [
    "ssh-ed25519", "ssh-rsa", "ssh-dss", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    "ssh-ed25519-cert-v01@openssh.com", "ssh-rsa-cert-v01@openssh.com",
    "ecdsa-sha2-nistp256-cert-v01@openssh.com", "rsa-sha2-256", "rsa-sha2-512",
  ]
  static let options: Set<String> = ["cert-authority", "namespaces", "valid-after", "valid-before"]

  /// Reads the file; a line that is not a signer is an error naming `file` and the line.
  public init(parsing text: String, file: String) throws(ConfigurationError) {
    self.file = file
    var entries: [Entry] = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r")))
      if line.isEmpty || line.hasPrefix("#") { continue }
      entries.append(try Self.entry(line, number: index + 1, file: file))
    }
    self.entries = entries
  }

  private static func entry(_ line: String, number: Int, file: String)
    throws(ConfigurationError) -> Entry
  {
    func bad(_ why: String) -> ConfigurationError {
      ConfigurationError(
        file: file, line: number,
        message: why + "; an allowed signer is \"PRINCIPALS [OPTIONS] KEYTYPE KEY\" "
          + "(as ssh-keygen reads it) or \"PRINCIPALS openpgp FINGERPRINT\"")
    }
    let fields = Self.fields(line)
    guard fields.count >= 3 else { throw bad("\"\(line.prefix(60))\" has too few fields") }
    let principals = fields[0].split(separator: ",").map { $0.lowercased() }
    guard !principals.contains(where: \.isEmpty) else { throw bad("an empty principal") }
    if fields[1].lowercased() == "openpgp" {
      let fingerprint = fields[2].uppercased()
      guard [40, 64].contains(fingerprint.count), fingerprint.allSatisfy(\.isHexDigit) else {
        throw bad("\"\(fields[2].prefix(70))\" is not a full OpenPGP fingerprint (40 hex digits)")
      }
      return Entry(
        principals: principals, line: number, sshLine: nil, openpgpFingerprint: fingerprint)
    }
    var keyIndex = 1
    if !sshKeyTypes.contains(fields[1]) {
      // Options part at commas outside quotes: namespaces="git,file" is one.
      var names: [String] = []
      var quoted = false
      var current = ""
      for character in fields[1] {
        if character == "\"" { quoted.toggle() }
        if character == ",", !quoted {
          names.append(current)
          current = ""
        } else {
          current.append(character)
        }
      }
      names.append(current)
      for option in names {
        let name = option.prefix { $0 != "=" }.lowercased()
        guard options.contains(name) else {
          throw bad("\"\(fields[1].prefix(40))\" is neither a key type nor known options")
        }
      }
      keyIndex = 2
    }
    guard fields.count > keyIndex + 1, sshKeyTypes.contains(fields[keyIndex]) else {
      throw bad("no known key type (such as ssh-ed25519) where one is expected")
    }
    let key = fields[keyIndex + 1]
    guard key.count >= 16, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) })
    else { throw bad("the key \"\(key.prefix(20))\" is not base64") }
    return Entry(principals: principals, line: number, sshLine: line, openpgpFingerprint: nil)
  }

  /// Splits on blanks, keeping a double-quoted part (`namespaces="git,file"`) in its field.
  static func fields(_ line: String) -> [String] {
    var result: [String] = []
    var current = ""
    var quoted = false
    for character in line {
      if character == "\"" { quoted.toggle() }
      if !quoted, character == " " || character == "\t" {
        if !current.isEmpty { result.append(current) }
        current = ""
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty { result.append(current) }
    return result
  }

  /// The ssh lines, as ssh-keygen reads them.
  public var sshText: String {
    entries.compactMap(\.sshLine).map { $0 + "\n" }.joined()
  }

  /// Principals by OpenPGP fingerprint.
  public var openpgpPrincipals: [String: [String]] {
    var result: [String: [String]] = [:]
    for entry in entries { if let fp = entry.openpgpFingerprint { result[fp, default: []] += entry.principals } }
    return result
  }
}
