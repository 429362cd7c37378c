/// A version as Semantic Versioning 2.0.0 defines it: `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`.
///
/// Ordering is SemVer precedence (build metadata ignored), with build metadata compared as text
/// only to break ties, so that sorting is total and stable. Use `hasSamePrecedence(as:)` where the
/// specification's notion of equal precedence matters.
public struct SemanticVersion: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
  /// One dot-separated pre-release identifier.
  public enum Identifier: Hashable, Comparable, Sendable, CustomStringConvertible {
    case numeric(UInt64)
    case alphanumeric(String)

    public var description: String {
      switch self {
      case .numeric(let value): String(value)
      case .alphanumeric(let text): text
      }
    }

    /// SemVer §11.4: numeric identifiers compare numerically and sort before alphanumeric ones,
    /// which compare in ASCII order.
    public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
      switch (lhs, rhs) {
      case (.numeric(let a), .numeric(let b)): a < b
      case (.numeric, .alphanumeric): true
      case (.alphanumeric, .numeric): false
      case (.alphanumeric(let a), .alphanumeric(let b)):
        Array(a.utf8).lexicographicallyPrecedes(b.utf8)
      }
    }
  }

  public var major: UInt64
  public var minor: UInt64
  public var patch: UInt64
  public var preRelease: [Identifier]
  public var build: [String]
  /// For a calendar version (`[release] scheme = calver`): the width each number is zero-padded
  /// to (0: none), one per part written, so `2026.01.0` prints as it was tagged. nil for SemVer.
  public var calendarWidths: [UInt8]?

  public init(
    _ major: UInt64, _ minor: UInt64, _ patch: UInt64, preRelease: [Identifier] = [],
    build: [String] = []
  ) {
    self.major = major
    self.minor = minor
    self.patch = patch
    self.preRelease = preRelease
    self.build = build
    calendarWidths = nil
  }

  public var isPreRelease: Bool { !preRelease.isEmpty }

  /// The same version without pre-release and build parts.
  public var core: SemanticVersion {
    var core = SemanticVersion(major, minor, patch)
    core.calendarWidths = calendarWidths
    return core
  }

  public var description: String {
    var text = "\(major).\(minor).\(patch)"
    if let calendarWidths {
      text = zip([major, minor, patch], calendarWidths).map {
        CalendarScheme.written($0, width: $1)
      }.joined(separator: ".")
    }
    if !preRelease.isEmpty { text += "-" + preRelease.map(\.description).joined(separator: ".") }
    if !build.isEmpty { text += "+" + build.joined(separator: ".") }
    return text
  }

  /// Parses the exact grammar of SemVer 2.0.0; nil for anything else (leading zeros, empty
  /// identifiers, a leading `v`, numbers too large for 64 bits).
  public init?(_ text: some StringProtocol) {
    // Read as bytes: every byte lands in a part whose grammar is ASCII, so a text with any other
    // byte is no version either way, and bytes spare the Character work (thousands of tags).
    var rest = Array(text.utf8)[...]
    var buildPart: ArraySlice<UInt8>?
    if let plus = rest.firstIndex(of: UInt8(ascii: "+")) {
      buildPart = rest[(plus + 1)...]
      rest = rest[..<plus]
    }
    var prePart: ArraySlice<UInt8>?
    if let dash = rest.firstIndex(of: UInt8(ascii: "-")) {
      prePart = rest[(dash + 1)...]
      rest = rest[..<dash]
    }
    let numbers = rest.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    guard numbers.count == 3,
      let major = Self.numericIdentifier(numbers[0]),
      let minor = Self.numericIdentifier(numbers[1]),
      let patch = Self.numericIdentifier(numbers[2])
    else { return nil }
    var preRelease: [Identifier] = []
    if let prePart {
      for part in prePart.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
        guard Self.isIdentifier(part) else { return nil }
        if part.allSatisfy(Self.isDigit) {
          guard let value = Self.numericIdentifier(part) else { return nil }
          preRelease.append(.numeric(value))
        } else {
          preRelease.append(.alphanumeric(String(decoding: part, as: UTF8.self)))
        }
      }
    }
    var build: [String] = []
    if let buildPart {
      for part in buildPart.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
        guard Self.isIdentifier(part) else { return nil }
        build.append(String(decoding: part, as: UTF8.self))
      }
    }
    self.init(major, minor, patch, preRelease: preRelease, build: build)
  }

  private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

  /// `[0-9A-Za-z-]+`
  private static func isIdentifier(_ part: ArraySlice<UInt8>) -> Bool {
    !part.isEmpty
      && part.allSatisfy {
        isDigit($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2D
      }
  }

  /// `0 | [1-9][0-9]*`, within 64 bits.
  private static func numericIdentifier(_ part: ArraySlice<UInt8>) -> UInt64? {
    guard !part.isEmpty, part.allSatisfy(isDigit) else { return nil }
    if part.count > 1 && part.first == 0x30 { return nil }
    var value: UInt64 = 0
    for byte in part {
      let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, carry) = shifted.addingReportingOverflow(UInt64(byte - 0x30))
      if overflow || carry { return nil }
      value = sum
    }
    return value
  }

  // MARK: Precedence

  /// Compares by SemVer precedence: -1, 0 or 1. Build metadata is ignored.
  public func comparePrecedence(to other: SemanticVersion) -> Int {
    if major != other.major { return major < other.major ? -1 : 1 }
    if minor != other.minor { return minor < other.minor ? -1 : 1 }
    if patch != other.patch { return patch < other.patch ? -1 : 1 }
    // §11.3: a pre-release has lower precedence than the normal version.
    switch (preRelease.isEmpty, other.preRelease.isEmpty) {
    case (true, true): return 0
    case (true, false): return 1
    case (false, true): return -1
    case (false, false): break
    }
    for (a, b) in zip(preRelease, other.preRelease) where a != b {
      return a < b ? -1 : 1
    }
    // §11.4.4: a larger set of identifiers has higher precedence when all before are equal.
    if preRelease.count == other.preRelease.count { return 0 }
    return preRelease.count < other.preRelease.count ? -1 : 1
  }

  public func hasSamePrecedence(as other: SemanticVersion) -> Bool {
    comparePrecedence(to: other) == 0
  }

  public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
    let order = lhs.comparePrecedence(to: rhs)
    if order != 0 { return order < 0 }
    return lhs.build.joined(separator: ".") < rhs.build.joined(separator: ".")
  }

  // MARK: Codable, as the version string

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let version = SemanticVersion(text) else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not a SemVer version"))
    }
    self = version
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
