import Clibgit2

/// An error reported by libgit2, with the function that reported it.
public struct GitError: Error, Equatable, CustomStringConvertible, Sendable {
  /// libgit2's error codes that callers act on; any other code is kept as `.other`.
  public enum Code: Equatable, Sendable {
    case notFound
    case exists
    case ambiguous
    case unbornBranch
    case locked
    case modified
    case invalidSpec
    case iterationOver
    /// The object is not of the kind asked for and cannot be followed to one (a tag of a tree).
    case peel
    case other(Int32)

    init(_ raw: Int32) {
      switch raw {
      case GIT_ENOTFOUND.rawValue: self = .notFound
      case GIT_EEXISTS.rawValue: self = .exists
      case GIT_EAMBIGUOUS.rawValue: self = .ambiguous
      case GIT_EUNBORNBRANCH.rawValue: self = .unbornBranch
      case GIT_ELOCKED.rawValue: self = .locked
      case GIT_EMODIFIED.rawValue: self = .modified
      case GIT_EINVALIDSPEC.rawValue: self = .invalidSpec
      case GIT_ITEROVER.rawValue: self = .iterationOver
      case GIT_EPEEL.rawValue: self = .peel
      default: self = .other(raw)
      }
    }
  }

  public let code: Code
  public let message: String
  /// The libgit2 function (or wrapper operation) that failed.
  public let function: String

  public init(code: Code, message: String, function: String) {
    self.code = code
    self.message = message
    self.function = function
  }

  public var description: String { message }
}

/// The one funnel for libgit2 results: call it straight after the C call, while the thread's
/// last-error message still belongs to that call.
@discardableResult
package func check(_ code: Int32, _ function: StaticString) throws(GitError) -> Int32 {
  guard code < 0 else { return code }
  // git_error_last() may be NULL in libgit2 1.5 when the failing path set no message.
  let message = git_error_last().flatMap { $0.pointee.message.map { String(cString: $0) } }
  throw GitError(
    code: GitError.Code(code),
    message: message ?? "libgit2 error \(code) in \(function)",
    function: "\(function)")
}
