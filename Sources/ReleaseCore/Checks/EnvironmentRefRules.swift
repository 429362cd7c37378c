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

extension EnvironmentRefRules {
  /// One commit pushed onto `refs/environments/<environment>`, in plain values.
  public struct PushedEvent: Sendable {
    public let id: String
    public let parentCount: Int
    public let message: String

    public init(id: String, parentCount: Int, message: String) {
      self.id = id
      self.parentCount = parentCount
      self.message = message
    }
  }

  /// The release tag an event names, as this repository has it: which commit it leads to now.
  public typealias TagCommits = [String: String]

  /// What is wrong with a pushed event: not a git-release event, of another environment, merged,
  /// or recorded with a gate that failed, an override without a reason, or no gates at all; or
  /// its release tag has moved since. The gates are read as recorded, not evaluated again.
  public static func problems(
    of pushed: PushedEvent, environment: String, tagCommits: TagCommits
  ) -> [String] {
    if pushed.parentCount > 1 {
      return ["merges into the audit trail; an environment's trail is a single line of events"]
    }
    guard let event = EnvironmentEvent(message: pushed.message, id: pushed.id) else {
      return [
        "is not an event recorded by git release (its trailers do not read as one); "
          + "record events with git release promote, approve or rollback"
      ]
    }
    guard event.trail == environment else {
      return ["records an event of \(event.environment), not of \(environment)"]
    }
    var result: [String] = []
    let failed = event.gates.filter { $0.status == .fail }
    if !failed.isEmpty {
      let gates = failed.map { "\($0.gate) (\($0.detail))" }.joined(separator: ", ")
      result.append("records \(event.summary) although gates failed: \(gates)")
    }
    let overridden = event.gates.filter { $0.status == .overridden }.map(\.gate)
    if !overridden.isEmpty, (event.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
      result.append(
        "overrides \(overridden.joined(separator: " and ")) without a reason; "
          + "an override needs --reason")
    }
    if event.kind == .promotion, event.gates.isEmpty {
      result.append(
        "records \(event.summary) with no gate verdicts; promote with git release promote")
    }
    if let now = tagCommits[event.tag], now != event.commit {
      result.append(
        "\(event.tag) now leads to \(now.prefix(7)), not to \(event.commit.prefix(7)) as "
          + "recorded; a release tag must not move")
    }
    return result
  }
}
