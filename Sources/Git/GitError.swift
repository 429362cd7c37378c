import Clibgit2
import Foundation

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

  /// The part of libgit2 that failed (its `git_error_t`): what a caller tells failures apart by,
  /// never the message's words.
  public struct ErrorClass: RawRepresentable, Hashable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Set by this wrapper, not by libgit2.
    public static let none = ErrorClass(GIT_ERROR_NONE)
    /// A system call failed; `GitError.systemError` holds its `errno`.
    public static let os = ErrorClass(GIT_ERROR_OS)
    public static let invalid = ErrorClass(GIT_ERROR_INVALID)
    public static let reference = ErrorClass(GIT_ERROR_REFERENCE)
    /// Compressed data that does not inflate: a damaged object or pack.
    public static let zlib = ErrorClass(GIT_ERROR_ZLIB)
    public static let repository = ErrorClass(GIT_ERROR_REPOSITORY)
    public static let config = ErrorClass(GIT_ERROR_CONFIG)
    /// The object database: a missing object (with `.notFound`), a damaged pack.
    public static let odb = ErrorClass(GIT_ERROR_ODB)
    public static let object = ErrorClass(GIT_ERROR_OBJECT)
    public static let tag = ErrorClass(GIT_ERROR_TAG)
    public static let indexer = ErrorClass(GIT_ERROR_INDEXER)

    init(_ value: git_error_t) { rawValue = Int32(truncatingIfNeeded: value.rawValue) }
  }

  public let code: Code
  public let message: String
  /// The libgit2 function (or wrapper operation) that failed.
  public let function: String
  /// Which part of libgit2 reported it; `.none` for errors this wrapper makes.
  public let errorClass: ErrorClass
  /// For `.os` errors, the `errno` the failing call failed with (`EROFS`, `EACCES`, ...).
  public let systemError: Int32?

  public init(
    code: Code, message: String, function: String, errorClass: ErrorClass = .none,
    systemError: Int32? = nil
  ) {
    self.code = code
    self.message = message
    self.function = function
    self.errorClass = errorClass
    self.systemError = systemError
  }

  public var description: String { message }
}

/// The one funnel for libgit2 results: call it straight after the C call, while the thread's
/// last-error message still belongs to that call.
@discardableResult
package func check(_ code: Int32, _ function: StaticString) throws(GitError) -> Int32 {
  guard code < 0 else { return code }
  throw GitError(lastErrorOf: code, function: "\(function)", orElse: nil)
}

extension GitError {
  /// The calling thread's last libgit2 error, for a call that just returned `code`: read before
  /// anything else runs, as the message and `errno` go stale.
  init(lastErrorOf code: Int32, function: String, orElse fallback: String?) {
    let systemError = errno
    // git_error_last() may be NULL in libgit2 1.5 when the failing path set no message.
    let last = git_error_last()
    let message = last.flatMap { $0.pointee.message.map { String(cString: $0) } }
    let errorClass = last.map { ErrorClass(rawValue: $0.pointee.klass) } ?? .none
    self.init(
      code: Code(code), message: message ?? fallback ?? "libgit2 error \(code) in \(function)",
      function: function, errorClass: errorClass,
      systemError: errorClass == .os ? Self.systemError(of: message ?? "", errno: systemError) : nil)
  }

  /// The `errno` of an `.os` error. libgit2 reports it only as `strerror`'s words at the end of
  /// its message, and its clean-up after the failing call may change `errno` itself: the value
  /// whose `strerror` ends the message is the one the call failed with.
  static func systemError(of message: String, errno: Int32) -> Int32? {
    func ends(_ value: Int32) -> Bool {
      guard let words = strerror(value) else { return false }
      return message.hasSuffix(": " + String(cString: words))
    }
    if errno != 0, ends(errno) { return errno }
    return (1..<256).first(where: ends)
  }
}
