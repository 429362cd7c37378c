/// A release line: a maintenance branch that releases only inside a range of versions.
///
/// A branch named `N.x`, `N.M.x`, `release/N.x` or `release/N.M.x` is one by its name; a
/// `[line "NAME"]` section of `.gitrelease` makes one of any branch (`branch = PATTERN`,
/// `range = 1.x`). On `1.2.x` only patches of 1.2 are released; on `1.x` minors and patches
/// below 2.0.0.
public struct ReleaseLine: Hashable, Sendable {
  /// The versions a line releases: one major version, or one minor version.
  public enum Range: Hashable, Sendable, CustomStringConvertible {
    /// `N.x`: every version below N+1.0.0 from N.0.0 on.
    case major(UInt64)
    /// `N.M.x`: the patches of N.M.
    case minor(UInt64, UInt64)

    /// Reads `1.x` or `1.2.x`; nil for anything else.
    public init?(_ text: some StringProtocol) {
      let parts = text.split(separator: ".", omittingEmptySubsequences: false)
      guard parts.count == 2 || parts.count == 3, parts.last == "x" else { return nil }
      let numbers = parts.dropLast().map { part -> UInt64? in
        // As SemVer writes numbers: digits, no leading zero.
        guard !part.isEmpty, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
          part == "0" || !part.hasPrefix("0")
        else { return nil }
        return UInt64(part)
      }
      guard let first = numbers.first ?? nil else { return nil }
      if numbers.count == 1 {
        self = .major(first)
      } else if let second = numbers[1] {
        self = .minor(first, second)
      } else {
        return nil
      }
    }

    public var description: String {
      switch self {
      case .major(let major): "\(major).x"
      case .minor(let major, let minor): "\(major).\(minor).x"
      }
    }

    /// The first version above the range: 2.0.0 for `1.x`, 1.3.0 for `1.2.x`.
    public var end: SemanticVersion {
      switch self {
      case .major(let major): SemanticVersion(major + 1, 0, 0)
      case .minor(let major, let minor): SemanticVersion(major, minor + 1, 0)
      }
    }

    /// The highest change the range takes: a minor on `1.x`, a patch on `1.2.x`.
    public var largestBump: Bump {
      switch self {
      case .major: .minor
      case .minor: .patch
      }
    }
  }

  /// The line's name: the branch name for a line named by its branch, else the section's name.
  public let name: String
  public let range: Range

  public init(name: String, range: Range) {
    self.name = name
    self.range = range
  }

  /// The line a branch is by its name (`1.x`, `1.2.x`, `release/1.x`, `release/1.2.x`, with or
  /// without `refs/heads/`); nil for any other branch.
  public init?(branch: String) {
    let name = branch.hasPrefix("refs/heads/") ? String(branch.dropFirst(11)) : branch
    let text = name.hasPrefix("release/") ? name.dropFirst(8) : Substring(name)
    guard let range = Range(text) else { return nil }
    self.init(name: name, range: range)
  }

  /// The line HEAD's branch is on: the first `[line]` section whose pattern matches the branch,
  /// else the branch's own name; nil off a line (and on a detached HEAD, `branch` nil).
  public static func of(branch: String?, configured: [LineSettings]) -> ReleaseLine? {
    guard let branch else { return nil }
    let name = branch.hasPrefix("refs/heads/") ? String(branch.dropFirst(11)) : branch
    if let settings = configured.first(where: { $0.matches(branch: name) }) {
      return ReleaseLine(name: settings.name, range: settings.range)
    }
    return ReleaseLine(branch: name)
  }

  /// Whether the line releases this version: its core is inside the range (pre-releases of such
  /// a version included).
  public func accepts(_ version: SemanticVersion) -> Bool {
    switch range {
    case .major(let major): version.major == major
    case .minor(let major, let minor): version.major == major && version.minor == minor
    }
  }

  /// Whether a release tag can be the line's current release: anything below the range's end,
  /// so the release a line branched from counts until the line has its own.
  public func admitsAsCurrent(_ version: SemanticVersion) -> Bool {
    version.core.comparePrecedence(to: range.end) < 0
  }

  /// What the line takes, as a phrase: "patch releases of 1.2 (1.2.x)".
  public var accepted: String {
    switch range {
    case .major:
      "minor and patch releases below \(range.end) (\(range)), no breaking change"
    case .minor(let major, let minor):
      "patch releases of \(major).\(minor) (\(range)), no feature or breaking change"
    }
  }

  /// Why the line refuses `version`, in sentences that say what to do; nil when it takes it.
  /// `cause` names the commit that asks for more than the line takes, when one does.
  public func refusal(of version: SemanticVersion, current: String?, cause: String?) -> String? {
    guard !accepts(version) else { return nil }
    let from = current.map { " after \($0)" } ?? ""
    let why = cause.map { ", because of \($0)" } ?? ""
    return "release line \(name) takes only \(accepted); the next version\(from) would be "
      + "\(version)\(why). Release that change from the main branch, or from a line that takes "
      + "it; on this line, keep to what it takes (revert the change, or correct a mislabelled "
      + "commit's type with `git release amend REV --as \"MESSAGE\"`)"
  }

  // MARK: Versions that exist already

  /// Why `version` cannot be proposed because a tag of the same precedence exists (on any
  /// branch), with what to do; nil when no such tag exists. `current` is the release the version
  /// was computed from; `line` the line HEAD is on, if any.
  public static func conflict(
    of version: SemanticVersion, bump: Bump, current: ReleaseTag?, line: ReleaseLine?,
    existing: [ReleaseTag], namespace: TagNamespace
  ) -> String? {
    guard
      let taken = existing.first(where: { $0.version.comparePrecedence(to: version) == 0 })
    else { return nil }
    var text =
      "\(namespace.tagName(for: version)) would be next, but the tag \(taken.name) already exists "
      + "(on commit \(taken.commit.prefix(12)), which HEAD does not contain): another branch "
      + "released it. "
    if let free = freeVersion(after: version, bump: bump, line: line, existing: existing) {
      text += "Name a free version instead: `git release tag --as \(free)`."
    } else if let line {
      text += "No free version is left on release line \(line.name) (\(line.range)) for this "
        + "change; release it from the main branch, or name a version with --as."
    } else {
      text += "Name a free version instead with `git release tag --as VERSION`."
    }
    if line == nil, let current, !current.version.isPreRelease {
      let core = current.version
      text +=
        " To keep maintenance releases of \(current.name) apart from newer ones, release them "
        + "from a line branch: `git switch -c release/\(core.major).\(core.minor).x "
        + "\(current.name)` (patches of \(core.major).\(core.minor)) or "
        + "`release/\(core.major).x` (minors below \(core.major + 1).0.0), where git release "
        + "refuses what the line cannot take."
    }
    return text
  }

  /// The first version after `version`, moving by `bump`, whose tag does not exist and that the
  /// line (if any) accepts; nil when there is none.
  public static func freeVersion(
    after version: SemanticVersion, bump: Bump, line: ReleaseLine?, existing: [ReleaseTag]
  ) -> SemanticVersion? {
    let taken = Set(existing.map(\.version.core))
    var candidate = version.core
    for _ in 0..<1000 {
      candidate = candidate.bumped(bump == .none ? .patch : bump)
      if let line, !line.accepts(candidate) { return nil }
      if !taken.contains(candidate) { return candidate }
    }
    return nil
  }
}

/// `[line "NAME"]`: a release line for branches whose names are not `N.x` or `N.M.x`.
///
/// ```ini
/// [line "lts"]
///     branch = maint/*      # a branch name, or a pattern with * and ?
///     range = 1.x           # 1.x (minors and patches) or 1.2.x (patches)
/// ```
public struct LineSettings: Hashable, Sendable {
  public let name: String
  /// The branch name (without `refs/heads/`), or a pattern where `*` and `?` match any text
  /// and any one character.
  public let branch: String
  public let range: ReleaseLine.Range

  public init(name: String, branch: String, range: ReleaseLine.Range) {
    self.name = name
    self.branch = branch
    self.range = range
  }

  /// Whether a branch name (without `refs/heads/`) is this line's.
  public func matches(branch name: String) -> Bool {
    Self.glob(Array(branch.unicodeScalars)[...], Array(name.unicodeScalars)[...])
  }

  private static func glob(
    _ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>
  ) -> Bool {
    guard let first = pattern.first else { return text.isEmpty }
    let rest = pattern.dropFirst()
    switch first {
    case "*":
      var tail = text
      while true {
        if glob(rest, tail) { return true }
        guard !tail.isEmpty else { return false }
        tail = tail.dropFirst()
      }
    case "?":
      return !text.isEmpty && glob(rest, text.dropFirst())
    default:
      return text.first == first && glob(rest, text.dropFirst())
    }
  }

  static func all(_ reader: ConfigurationReader) throws(ConfigurationError) -> [LineSettings] {
    try reader.checkKeys(section: "line", allowed: ["branch", "range"])
    var result: [LineSettings] = []
    for name in reader.subsections(of: "line") {
      let key = "line.\(name)."
      let first = reader.entries(section: "line", subsection: name).first?.name ?? key
      guard let branch = reader.value(key + "branch"), !branch.isEmpty else {
        throw reader.error(
          "line \"\(name)\" has no branch; add `branch = <branch name or pattern>`", at: first)
      }
      guard let text = reader.value(key + "range") else {
        throw reader.error(
          "line \"\(name)\" has no range; add `range = 1.x` (minors and patches of 1) or "
            + "`range = 1.2.x` (patches of 1.2)", at: first)
      }
      guard let range = ReleaseLine.Range(text) else {
        throw reader.errorAtLast(
          "line \"\(name)\": range = \"\(text)\" is not a line's range; write N.x (such as 1.x) "
            + "or N.M.x (such as 1.2.x)", at: key + "range")
      }
      let stripped = branch.hasPrefix("refs/heads/") ? String(branch.dropFirst(11)) : branch
      result.append(LineSettings(name: name, branch: stripped, range: range))
    }
    return result
  }
}

/// `"line": {"name": "release/1.2.x", "range": "1.2.x"}` in `next --json`.
extension ReleaseLine: Codable {
  enum CodingKeys: String, CodingKey { case name, range }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let text = try container.decode(String.self, forKey: .range)
    guard let range = Range(text) else {
      throw DecodingError.dataCorruptedError(
        forKey: .range, in: container, debugDescription: "\(text) is not N.x or N.M.x")
    }
    self.init(name: try container.decode(String.self, forKey: .name), range: range)
  }

  // Written by hand because the range is written as its text (`1.2.x`), not as its parts.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(range.description, forKey: .range)
  }
}
