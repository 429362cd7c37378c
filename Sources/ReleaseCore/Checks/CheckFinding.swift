/// One thing a check found wrong: what (a commit, a tag, a ref), why, and how much it matters.
public struct CheckFinding: Hashable, Sendable, Codable {
  public enum Severity: String, Sendable, Codable {
    /// Refuses the push or the commit.
    case error
    /// Said, but lets it through.
    case warning
  }

  /// What the finding is about, as a person finds it: `commit 1a2b3c4 "Update"`, `tag v1.2`.
  public let subject: String
  /// Why, and what to do.
  public let reason: String
  public let severity: Severity

  public init(subject: String, reason: String, severity: Severity) {
    self.subject = subject
    self.reason = reason
    self.severity = severity
  }

  /// A finding at a configured level; nil when that check is off.
  public init?(subject: String, reason: String, level: CheckLevel) {
    switch level {
    case .error: self.init(subject: subject, reason: reason, severity: .error)
    case .warn: self.init(subject: subject, reason: reason, severity: .warning)
    case .off: return nil
    }
  }

  /// `error: tag v1.2: "1.2" is not a SemVer version ...`
  public var line: String { "\(severity.rawValue): \(subject): \(reason)" }
}

extension Sequence<CheckFinding> {
  /// True when any finding refuses.
  public var hasErrors: Bool { contains { $0.severity == .error } }
}
