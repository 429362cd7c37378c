import Foundation
import Git

/// git's `<ref>.lock` files, as they meet a writer: held for a moment by another writer, or left
/// behind for good by one that was killed while writing, which git never cleans up by itself.
enum ReferenceLock {
  /// How long a lock may be held before it is taken for one a killed process left: git waits
  /// 100 ms (core.filesRefLockTimeout); a loaded CI machine deserves more.
  static let patience: TimeInterval = 1

  /// The lock file git and libgit2 create beside a reference while they write it.
  static func path(of reference: String, in repository: Repository) -> String {
    repository.commonDirectory.appendingPathComponent(reference + ".lock").path
  }

  /// Runs `write` (a reference update) again while another writer holds the reference's lock;
  /// when the lock outlasts `patience`, fails with a message naming the file and how to remove it.
  /// Any other error, `.modified` and `.exists` included, goes to the caller untouched.
  static func waitingOut<T>(
    _ reference: String, in repository: Repository, nothingWritten: String,
    _ write: () throws(GitError) -> T
  ) throws -> T {
    let deadline = Date().addingTimeInterval(patience)
    while true {
      do {
        return try write()
      } catch {
        guard error.code == .locked else { throw error }
        guard Date() < deadline else { break }
        // Spread the retries so writers that collided do not collide again.
        usleep(UInt32.random(in: 2_000...20_000))
      }
    }
    throw failure(reference, in: repository, nothingWritten: nothingWritten)
  }

  /// The refusal for a reference whose lock will not go away.
  static func failure(_ reference: String, in repository: Repository, nothingWritten: String)
    -> CommandFailure
  {
    let lock = path(of: reference, in: repository)
    return CommandFailure(
      .repository,
      "cannot write \(reference): its lock file \(lock) did not go away in "
        + "\(Int(patience)) s. Another git process may still be writing it; if none is running, "
        + "one was killed while writing and left the lock behind: remove it with rm '\(lock)' "
        + "and run the command again. \(nothingWritten)")
  }
}
