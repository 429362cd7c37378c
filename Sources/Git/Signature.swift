import Clibgit2
import Foundation

/// A person and a moment, as git records them in commits and tags.
public struct Signature: Equatable, Sendable {
  public var name: String
  public var email: String
  /// The moment, as seconds since 1970 (UTC).
  public var time: Date
  /// The writer's offset from UTC, in minutes (e.g. +570 for Adelaide in winter).
  public var offsetMinutes: Int

  public init(name: String, email: String, time: Date = Date(), offsetMinutes: Int = 0) {
    self.name = name
    self.email = email
    self.time = Date(timeIntervalSince1970: time.timeIntervalSince1970.rounded(.down))
    self.offsetMinutes = offsetMinutes
  }

  /// A time as git stores it: whole seconds since 1970.
  package init(name: String, email: String, seconds: Int64, offsetMinutes: Int) {
    self.name = name
    self.email = email
    time = Date(timeIntervalSince1970: TimeInterval(seconds))
    self.offsetMinutes = offsetMinutes
  }

  init(_ signature: UnsafePointer<git_signature>) {
    let s = signature.pointee
    name = s.name.map { String(decoding: UnsafeRawBufferPointer.utf8CString($0), as: UTF8.self) } ?? ""
    email = s.email.map { String(decoding: UnsafeRawBufferPointer.utf8CString($0), as: UTF8.self) } ?? ""
    time = Date(timeIntervalSince1970: TimeInterval(s.when.time))
    offsetMinutes = Int(s.when.offset)
  }

  /// Calls `body` with a libgit2 signature for this value, freed afterwards.
  func withRaw<R>(_ body: (UnsafePointer<git_signature>) throws(GitError) -> R) throws(GitError) -> R {
    var pointer: UnsafeMutablePointer<git_signature>?
    try check(
      git_signature_new(
        &pointer, name, email, git_time_t(time.timeIntervalSince1970), Int32(offsetMinutes)),
      "git_signature_new")
    guard let pointer else {
      throw GitError(code: .other(-1), message: "no signature", function: "git_signature_new")
    }
    defer { git_signature_free(pointer) }
    return try body(pointer)
  }

  /// The offset as git prints it: `+0930`.
  public var offsetString: String {
    let sign = offsetMinutes < 0 ? "-" : "+"
    let magnitude = abs(offsetMinutes)
    let hours = magnitude / 60
    let minutes = magnitude % 60
    return sign + (hours < 10 ? "0" : "") + "\(hours)" + (minutes < 10 ? "0" : "") + "\(minutes)"
  }
}

extension UnsafeRawBufferPointer {
  /// The bytes of a NUL-terminated C string, without the terminator; not copied.
  static func utf8CString(_ pointer: UnsafePointer<CChar>) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: pointer, count: strlen(pointer))
  }
}
