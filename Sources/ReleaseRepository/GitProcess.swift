import Foundation
import Git
import Processes

/// Runs the user's own `git` in a repository, so that their configuration, credential helpers,
/// hooks and signing apply exactly as they do by hand. git's own messages go to standard error.
package enum GitProcess {
  /// Runs `git -C <work tree> <arguments>` and returns git's exit status; throws when git cannot
  /// be started.
  package static func run(_ arguments: [String], in repository: Repository)
    throws(ProcessRunner.Failure) -> Int32
  {
    let folder = repository.workingDirectory ?? repository.gitDirectory
    // Standard output is for this command's own result (--json); git's chatter is progress.
    return try ProcessRunner.run(
      "git", ["-C", folder.path] + arguments, inheritingInput: true, stdout: .standardError,
      stderr: .inherited
    ).status
  }
}
