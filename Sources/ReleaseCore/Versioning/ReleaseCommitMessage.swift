/// The release commit `git release tag --commit` writes before tagging: the version files and the
/// changelog brought up to date, under `chore(release): v1.3.0`.
public enum ReleaseCommitMessage {
  /// The commit's message for a release tag.
  public static func message(tag: String) -> String { "chore(release): \(tag)\n" }
}

extension ConventionalCommit {
  /// A `chore(release): ...` commit: it records a release and never asks for one, whatever
  /// `[type "chore"]` says and whatever marker it carries.
  public var isReleaseCommit: Bool {
    type == "chore" && scope?.lowercased() == "release"
  }
}
