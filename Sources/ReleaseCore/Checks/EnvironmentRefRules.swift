/// `refs/environments/*` hold the audit trail of promotions: they only ever move forward.
public enum EnvironmentRefRules {
  public static let prefix = "refs/environments/"

  /// How a pushed environment ref relates to what the remote has.
  public enum Ancestry: Equatable, Sendable {
    case creation, deletion, unchanged
    /// The new value has the remote's value in its history.
    case descendant
    /// The new value does not: history would be rewritten.
    case rewrite
    /// The remote's value is not in this repository, so nothing can be proved.
    case unknownRemoteValue
  }

  /// Why the update is refused; nil when it appends to the trail.
  public static func problem(_ ancestry: Ancestry, remote: String) -> String? {
    switch ancestry {
    case .creation, .unchanged, .descendant:
      return nil
    case .deletion:
      return "deletes an environment's audit trail; environment refs are append-only"
    case .rewrite:
      return "rewrites an environment's audit trail (the new value does not contain the old); "
        + "environment refs are append-only: fetch them and promote again"
    case .unknownRemoteValue:
      return "the remote's value is not in this repository, so the update cannot be shown to "
        + "append; run git fetch \(remote) 'refs/environments/*:refs/environments/*' first"
    }
  }
}
