/// One line git gives the pre-push hook on standard input:
/// `<local ref> SP <local object name> SP <remote ref> SP <remote object name> LF`.
public struct PushUpdate: Hashable, Sendable {
  public let localRef: String
  public let localID: String
  public let remoteRef: String
  public let remoteID: String

  public init(localRef: String, localID: String, remoteRef: String, remoteID: String) {
    self.localRef = localRef
    self.localID = localID
    self.remoteRef = remoteRef
    self.remoteID = remoteID
  }

  /// The remote ref is deleted (`git push origin :branch`, `--delete`).
  public var isDeletion: Bool { Self.isZero(localID) }
  /// The remote ref does not exist yet.
  public var isCreation: Bool { Self.isZero(remoteID) }

  static func isZero(_ id: String) -> Bool { id.allSatisfy { $0 == "0" } }

  /// Reads every line; blank lines are skipped, a malformed one is an error naming it.
  public static func parse(_ input: String) throws(PushUpdateError) -> [PushUpdate] {
    var result: [PushUpdate] = []
    for (index, line) in input.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let text = line.hasSuffix("\r") ? line.dropLast() : line
      if text.allSatisfy(\.isWhitespace) { continue }
      let fields = text.split(separator: " ", omittingEmptySubsequences: false)
      guard fields.count == 4, isObjectName(fields[1]), isObjectName(fields[3]),
        !fields[0].isEmpty, fields[2].hasPrefix("refs/")
      else { throw PushUpdateError(line: index + 1, text: String(text)) }
      result.append(
        PushUpdate(
          localRef: String(fields[0]), localID: String(fields[1]).lowercased(),
          remoteRef: String(fields[2]), remoteID: String(fields[3]).lowercased()))
    }
    return result
  }

  /// Reads git's pre-receive input, `<old> SP <new> SP <ref>` lines, as updates whose remote
  /// side is what the receiving repository has (`old`) and local side what is pushed (`new`).
  public static func parseReceive(_ input: String) throws(PushUpdateError) -> [PushUpdate] {
    var result: [PushUpdate] = []
    for (index, line) in input.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let text = line.hasSuffix("\r") ? line.dropLast() : line
      if text.allSatisfy(\.isWhitespace) { continue }
      let fields = text.split(separator: " ", omittingEmptySubsequences: false)
      guard fields.count == 3, isObjectName(fields[0]), isObjectName(fields[1]),
        fields[2].hasPrefix("refs/")
      else { throw PushUpdateError(line: index + 1, text: String(text), receiving: true) }
      result.append(
        PushUpdate(
          localRef: String(fields[2]), localID: String(fields[1]).lowercased(),
          remoteRef: String(fields[2]), remoteID: String(fields[0]).lowercased()))
    }
    return result
  }

  /// A full SHA-1 or SHA-256 object name.
  static func isObjectName(_ text: Substring) -> Bool {
    (text.count == 40 || text.count == 64) && text.allSatisfy(\.isHexDigit)
  }
}

/// Standard input was not what git gives a pre-push hook.
public struct PushUpdateError: Error, Equatable, CustomStringConvertible, Sendable {
  public let line: Int
  public let text: String
  /// The input was pre-receive's (`<old> <new> <ref>`), not pre-push's.
  public var receiving = false

  public init(line: Int, text: String, receiving: Bool = false) {
    self.line = line
    self.text = text
    self.receiving = receiving
  }

  public var description: String {
    if receiving {
      return "standard input line \(line) is not \"<old sha> <new sha> <ref>\": \"\(text)\"; "
        + "git release check pre-receive reads what git gives the pre-receive hook"
    }
    return "standard input line \(line) is not \"<local ref> <local sha> <remote ref> <remote sha>\": "
      + "\"\(text)\"; git release check pre-push reads what git gives the pre-push hook"
  }
}
