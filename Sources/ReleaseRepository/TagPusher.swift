import Foundation
import Git
import ReleaseCore

/// Pushes one tag with the user's own `git push`, so that their credential helpers, ssh
/// configuration, push URLs and hooks apply exactly as they do by hand.
package enum TagPusher {
  /// Refuses, before anything is written, a remote that git could not push to: a name with no
  /// `remote.<name>.url`, or something that reads as an option.
  package static func checkRemote(_ remote: String, in repository: Repository) throws {
    guard !remote.isEmpty, !remote.hasPrefix("-") else {
      throw ReleaseFailure(.usage, "--push \(remote): not a remote name; write --push origin")
    }
    // A URL or a path is pushed to as given, as git push takes it.
    if remote.contains("/") || remote.contains(":") { return }
    let config = try Config(of: repository)
    let url = try config.string("remote.\(remote).url")
    let pushURL = try config.string("remote.\(remote).pushurl")
    guard url != nil || pushURL != nil else {
      throw ReleaseFailure(
        .failure,
        "no remote named \(remote) in this repository; nothing was written. "
          + "Name a configured remote (git remote -v lists them) or add it with "
          + "git remote add \(remote) <url>")
    }
  }

  /// Runs `git push <remote> refs/tags/<name>` in the repository; with a branch, pushes it and
  /// the tag in one `git push --atomic`, both or neither. git's own messages go to standard
  /// error. Returns git's exit status.
  package static func push(
    tag name: String, branch: String? = nil, to remote: String, from repository: Repository
  ) throws -> Int32 {
    var arguments = ["push"]
    if let branch { arguments += ["--atomic", remote, "refs/heads/\(branch)"] } else { arguments.append(remote) }
    arguments.append("refs/tags/\(name)")
    do {
      return try GitProcess.run(arguments, in: repository)
    } catch {
      throw ReleaseFailure(
        .failure,
        "tag \(name) was created here, but git could not be started to push it: "
          + "\(error.localizedDescription). Push it yourself: git "
          + arguments.joined(separator: " "))
    }
  }

  /// The failure after a rejected push: the local tag stays, and the user is told how to go on.
  package static func rejected(tag name: String, remote: String, status: Int32) -> ReleaseFailure {
    ReleaseFailure(
      .failure,
      "tag \(name) was created here, but git push to \(remote) failed (exit \(status); git's "
        + "message is above). The local tag is kept: push it again once the remote accepts it "
        + "(git push \(remote) refs/tags/\(name)), or delete it (git tag -d \(name))")
  }
}
