import Foundation
import Git

/// Runs the user's own `git` in a repository, so that their configuration, credential helpers,
/// hooks and signing apply exactly as they do by hand. git's own messages go to standard error.
package enum GitProcess {
  /// Runs `git -C <work tree> <arguments>` and returns git's exit status; throws when git cannot
  /// be started.
  package static func run(_ arguments: [String], in repository: Repository) throws -> Int32 {
    let folder = repository.workingDirectory ?? repository.gitDirectory
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", folder.path] + arguments
    // Standard output is for this command's own result (--json); git's chatter is progress.
    process.standardOutput = FileHandle.standardError
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }
}
