/// A refusal or failure of the release services, as a sentence a user can act on (what failed,
/// why, what to do), with the kind of failure it is. The command line maps each kind to its
/// documented exit code; nothing below it knows those numbers.
public struct ReleaseFailure: Error, CustomStringConvertible, Sendable {
  public enum Kind: Sendable, Equatable {
    /// A check failed or a write was refused (the tag exists, the push was rejected, ...).
    case failure
    /// What was asked for is malformed (an option's value, a range, a name).
    case usage
    /// There is nothing to release, or no release yet.
    case nothingToRelease
    /// A gate refused a promotion.
    case gateRefused
    /// `.gitrelease`, or a file it names, is invalid.
    case configuration
    /// The repository could not be read or written as needed.
    case repository
  }

  public let kind: Kind
  public let message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { message }
}
