/// `[trust]`: where the policy that signed events are checked against lives.
///
/// ```ini
/// [trust]
///     allowedSigners = .release/allowed_signers   # git's ssh allowed-signers format
///     openpgpKeys = .release/openpgp-keys.asc     # armored public keys, for openpgp lines
///     policyRef = refs/heads/main                 # the commit the policy is read from
///     maxClockSkew = 5m                           # on a server: how far an event's time may stray
/// ```
public struct TrustSettings: Sendable, Equatable {
  /// The allowed-signers file, a path inside the policy commit; nil when none is configured.
  public var allowedSigners: String?
  /// The armored OpenPGP public keys that `openpgp` lines of the allowed-signers file name.
  public var openpgpKeys: String?
  /// The ref whose commit carries the policy; nil for the default (the upstream, else HEAD).
  public var policyRef: String?
  /// How far from the server's clock a pushed event's time may be.
  public var maxClockSkew = TimeSpan(seconds: 300)

  public init() {}

  public init(_ configuration: Configuration) throws(ConfigurationError) {
    let reader = configuration.reader
    try reader.checkKeys(
      section: "trust", allowed: ["allowedsigners", "openpgpkeys", "policyref", "maxclockskew"])
    allowedSigners = try Self.path(reader, "trust.allowedsigners")
    openpgpKeys = try Self.path(reader, "trust.openpgpkeys")
    if let text = reader.value("trust.policyref") {
      let ref = text.trimmingCharacters(in: .whitespaces)
      guard !ref.isEmpty, !ref.hasPrefix("-"),
        !ref.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F })
      else {
        throw reader.errorAtLast(
          "trust.policyRef = \"\(text)\" is not a ref name; write refs/heads/main or "
            + "origin/main", at: "trust.policyref")
      }
      policyRef = ref
    }
    if let text = reader.value("trust.maxclockskew") {
      guard let span = TimeSpan(text) else {
        throw reader.errorAtLast(
          "trust.maxClockSkew = \"\(text)\" is not a duration; write it as 5m, 90s or 1h",
          at: "trust.maxclockskew")
      }
      maxClockSkew = span
    }
  }

  private static func path(_ reader: ConfigurationReader, _ name: String)
    throws(ConfigurationError) -> String?
  {
    guard let text = reader.value(name) else { return nil }
    let path = text.trimmingCharacters(in: .whitespaces)
    guard !path.isEmpty, !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
      throw reader.errorAtLast(
        "\(name) = \"\(text)\" must name a file inside the repository, relative to its root "
          + "(it is read from the policy commit)", at: name)
    }
    return path.hasPrefix("./") ? String(path.dropFirst(2)) : path
  }
}
