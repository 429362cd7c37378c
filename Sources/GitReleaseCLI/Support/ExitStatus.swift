import ArgumentParser
import Foundation
import Git
import GitHistory
import ReleaseCore

/// The documented exit codes. Scripts depend on these numbers: never renumber one.
public enum ExitStatus: Int32, Sendable {
  case success = 0
  /// A check failed or a write was refused (the tag exists, the push was rejected, ...).
  case failure = 1
  /// The command line was wrong.
  case usage = 2
  /// `next` and `tag`: there is nothing to release; `current`: there is no release yet.
  case nothingToRelease = 3
  /// `promote`: a gate refused the promotion.
  case gateRefused = 4
  /// `.gitrelease` is invalid.
  case configuration = 5
  /// The repository could not be read as needed (not a repository, shallow, missing objects).
  case repository = 6
}

extension ExitStatus {
  /// The documented exit code of each kind of failure the release services report.
  init(_ kind: ReleaseFailure.Kind) {
    switch kind {
    case .failure: self = .failure
    case .usage: self = .usage
    case .nothingToRelease: self = .nothingToRelease
    case .gateRefused: self = .gateRefused
    case .configuration: self = .configuration
    case .repository: self = .repository
    }
  }
}

/// An error the CLI reports as a sentence and a documented exit code.
public struct CommandFailure: Error, CustomStringConvertible {
  public let status: ExitStatus
  public let message: String

  public init(_ status: ExitStatus, _ message: String) {
    self.status = status
    self.message = message
  }

  public var description: String { message }
}

/// Turns the errors this tool raises into the message a user sees and the code a script sees;
/// nil for errors that are the argument parser's to report.
enum ErrorReport {
  static func ownDescription(_ error: any Error) -> (ExitStatus, String)? {
    switch error {
    case let failure as CommandFailure:
      (failure.status, failure.message)
    case let failure as ReleaseFailure:
      (ExitStatus(failure.kind), failure.message)
    case let error as ConfigurationError:
      (.configuration, error.description)
    case let error as VersionFileError:
      (.configuration, error.description)
    case let error as GitError:
      describe(error)
    case let error as NotACommitError:
      (
        .repository,
        "\(error) (git_odb_read). The repository's objects could not be read: a pack or object "
          + "file is damaged. `git fsck` names what is broken; fetch again or restore it from a "
          + "backup"
      )
    case let error as SigningError:
      (.failure, "cannot sign: \(error.message); nothing was written")
    case let error as ForgeFailure:
      (.failure, error.description)
    default:
      nil
    }
  }

  /// libgit2's message, and what to do about the failures a damaged or unwritable repository
  /// causes, whichever command met them: told apart by libgit2's error code and class, and the
  /// system's `errno`, never by the message's words.
  static func describe(_ error: GitError) -> (ExitStatus, String) {
    let message = "\(error.message) (\(error.function))"
    if error.code == .peel { return (.usage, message) }
    let denied = error.errorClass == .os && error.systemError == EACCES
    if error.code == .notFound && error.errorClass == .odb {
      return (
        .repository,
        message + ". The repository is missing an object it refers to: damaged, or cut short by "
          + "a partial clone. `git fsck` lists what is missing; fetch again or restore it from "
          + "a backup"
      )
    }
    // Reading an object or following HEAD to its commit fails this way when a pack or object
    // file is damaged: zlib's and libgit2's words ("incorrect data check", "invalid pack file")
    // say what broke, not what to do.
    let reads = ["git_odb_read", "git_odb_read_header", "git_reference_peel"]
    if reads.contains(error.function), error.code != .notFound, !denied {
      return (
        .repository,
        message + ". The repository's objects could not be read: a pack or object file is "
          + "damaged. `git fsck` names what is broken; fetch again or restore it from a backup"
      )
    }
    if denied || (error.errorClass == .os && error.systemError == EROFS) {
      return (
        .repository,
        message + ". git release writes tags and events into the repository's .git folder: run "
          + "it where the repository is writable, as a user allowed to write it. Nothing was "
          + "recorded"
      )
    }
    return (.repository, message)
  }
}
