/// How `git release rollback` chooses the release to return to, over plain values: the state of
/// the environment and its stack of releases, read one level at a time.
public enum RollbackTarget {
  /// Why there is no release to roll back to. Each reads as a sentence that says what to do.
  public enum Refusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// Nothing ran before the current release (`current`: its tag, if any).
    case nothingBefore(environment: String, current: String?)
    /// The release named runs now.
    case runsAlready(environment: String, tag: String)
    /// The release named ran, but was rolled back from or replaced before what runs now.
    case noLongerOnStack(environment: String, tag: String)
    /// The release named never ran here; `earlier`: what can be rolled back to, nearest first.
    case neverRan(environment: String, tag: String, earlier: [String])

    public var description: String {
      switch self {
      case .nothingBefore(let environment, let current):
        "nothing ran in \(environment) before \(current ?? "its release"), so there is nothing "
          + "to roll back to; promote the release you want instead"
      case .runsAlready(let environment, let tag):
        "\(environment) runs \(tag) already"
      case .noLongerOnStack(let environment, let tag):
        "\(tag) ran in \(environment), but was rolled back from or replaced before what runs "
          + "now; to run it again, promote it"
      case .neverRan(let environment, let tag, let earlier):
        "\(tag) never ran in \(environment); it can be rolled back to "
          + (earlier.isEmpty
            ? "nothing"
            : earlier.prefix(10).joined(separator: ", ") + (earlier.count > 10 ? ", ..." : ""))
      }
    }
  }

  /// The release to return to, and its level in the stack (0 is what runs now): the one below
  /// the current release, or the one named `tag`. `walk` visits the stack from the top down
  /// (level, entry) while its visitor returns true; it is read only as far down as the release
  /// named.
  public static func choose(
    in state: EnvironmentState, named tag: String?,
    walkingStack walk: (_ visit: (Int, Deployment) throws -> Bool) throws -> Void
  ) throws -> (target: Deployment, level: Int) {
    guard let tag else {
      guard let target = state.rollbackTarget else {
        throw Refusal.nothingBefore(environment: state.name, current: state.current?.tag)
      }
      return (target, 1)
    }
    var found: (Deployment, Int)?
    var earlier: [String] = []
    try walk { level, entry in
      guard level > 0 else { return true }
      if entry.tag == tag {
        found = (entry, level)
        return false
      }
      earlier.append(entry.tag)
      return true
    }
    if let found { return found }
    if state.current?.tag == tag {
      throw Refusal.runsAlready(environment: state.name, tag: tag)
    }
    if state.latestStint(ofTag: tag) != nil {
      throw Refusal.noLongerOnStack(environment: state.name, tag: tag)
    }
    throw Refusal.neverRan(environment: state.name, tag: tag, earlier: earlier)
  }

  /// A rollback is never refused, but says when the target's tag no longer matches its record:
  /// `facts` describes the tag as it is now (nil when it was deleted).
  public static func verdict(_ target: Deployment, facts: TagFacts?) -> GateVerdict {
    let short = target.commit.prefix(7)
    guard let facts else {
      return GateVerdict(
        gate: .rollbackTarget, status: .pass,
        detail: "\(target.tag) was deleted since; rolling back to its recorded commit \(short)")
    }
    guard let commit = facts.commit, commit == target.commit else {
      return GateVerdict(
        gate: .rollbackTarget, status: .pass,
        detail: "\(target.tag) moved since; rolling back to its recorded commit \(short)")
    }
    return GateVerdict(gate: .rollbackTarget, status: .pass, detail: "\(target.tag) at \(short)")
  }
}
