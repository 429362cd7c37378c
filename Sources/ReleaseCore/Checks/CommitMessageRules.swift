/// Whether a commit message follows Conventional Commits, and the exceptions git itself makes:
/// merge commits, `git revert`'s own message, and `fixup!`/`squash!`/`amend!` commits that
/// `git rebase --autosquash` folds away.
public struct CommitMessageRules: Sendable {
  public enum Verdict: Equatable, Sendable {
    case conforms
    /// Not held to the rules; the reason says why (a merge, a revert made by git).
    case exempt(String)
    /// A `fixup!`, `squash!` or `amend!` commit, meant to be squashed before it is shared.
    case fixup
    /// Breaks the rules; the reason says how and what to do.
    case violates(String)
  }

  /// Types accepted when only known types are; empty accepts any.
  public let knownTypes: [String]

  public init(knownTypes: [String]) { self.knownTypes = knownTypes.map { $0.lowercased() } }

  public init(settings: CheckSettings, configuration: Configuration) {
    self.init(knownTypes: settings.knownTypesOnly ? configuration.types.map(\.name) : [])
  }

  /// The prefixes `git commit --fixup` and `--squash` write.
  static let fixupPrefixes = ["fixup! ", "squash! ", "amend! "]

  /// The first lines git writes for merges (`git merge`, `git pull`, forges' merge buttons).
  static let mergePrefixes = [
    "Merge branch '", "Merge branches '", "Merge remote-tracking branch '", "Merge tag '",
    "Merge commit '", "Merge pull request #", "Merge remote-tracking branches '",
  ]

  public func verdict(message: String, isMerge: Bool = false) -> Verdict {
    let lines = message.replacingOccurrences(of: "\r\n", with: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false)
    let subject = lines.first { !ConventionalCommit.isBlank($0) }.map(String.init) ?? ""
    if isMerge { return .exempt("a merge commit") }
    if Self.mergePrefixes.contains(where: subject.hasPrefix) {
      return .exempt("git's merge message")
    }
    if Self.fixupPrefixes.contains(where: subject.hasPrefix) { return .fixup }
    if subject.hasPrefix("Revert \""), message.contains("This reverts commit ") {
      return .exempt("git's revert message")
    }
    guard let commit = ConventionalCommit.parse(String(message.drop { $0 == "\n" })) else {
      return .violates(Self.diagnose(subject))
    }
    if !knownTypes.isEmpty, !knownTypes.contains(commit.type) {
      return .violates(
        "type \"\(commit.type)\" is not one of \(knownTypes.joined(separator: ", ")); "
          + "add [type \"\(commit.type)\"] to .gitrelease, or set check.types = any")
    }
    return .conforms
  }

  /// Says what is wrong with a subject that is not a Conventional Commits header.
  static func diagnose(_ subject: String) -> String {
    let example = "write it as type(scope): description, e.g. \"fix(parser): accept empty input\""
    if subject.trimmingCharacters(in: .whitespaces).isEmpty { return "the message is empty" }
    guard let colon = subject.firstIndex(of: ":") else {
      return "the subject has no type; \(example)"
    }
    let head = subject[..<colon]
    let after = subject[subject.index(after: colon)...]
    if head.contains(" ") { return "the subject has no type before the colon; \(example)" }
    if head.hasSuffix("()") { return "the scope in \"\(head)\" is empty; \(example)" }
    if !after.isEmpty, after.first != " " { return "put a space after the colon; \(example)" }
    if after.trimmingCharacters(in: .whitespaces).isEmpty {
      return "the description after the colon is empty; \(example)"
    }
    return "\"\(head)\" is not a type with an optional (scope); \(example)"
  }
}
