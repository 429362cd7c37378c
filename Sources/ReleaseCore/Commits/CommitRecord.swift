import Foundation

/// A commit as the domain sees it: plain values copied from the repository.
public struct CommitRecord: Hashable, Sendable {
  public struct Person: Hashable, Sendable, Codable {
    public let name: String
    public let email: String

    public init(name: String, email: String) {
      self.name = name
      self.email = email
    }
  }

  /// The full hexadecimal id.
  public let id: String
  public let parents: [String]
  public let author: Person
  public let authorDate: Date
  /// The author's offset from UTC in minutes, as recorded in the commit.
  public let authorOffsetMinutes: Int
  public let committer: Person
  public let commitDate: Date
  /// The message as text; bytes that were not UTF-8 are U+FFFD. A correction's text when the
  /// commit has one (see `MessageCorrection`).
  public let message: String
  /// The commit's own message when `message` is a correction (`git release amend`); nil for
  /// most commits.
  public internal(set) var originalMessage: String?

  public init(
    id: String, parents: [String], author: Person, authorDate: Date, authorOffsetMinutes: Int = 0,
    committer: Person? = nil, commitDate: Date? = nil, message: String
  ) {
    self.id = id
    self.parents = parents
    self.author = author
    self.authorDate = authorDate
    self.authorOffsetMinutes = authorOffsetMinutes
    self.committer = committer ?? author
    self.commitDate = commitDate ?? authorDate
    self.message = message
  }

  public var isMerge: Bool { parents.count > 1 }

  /// The first line of the message.
  public var summary: Substring {
    let utf8 = message.utf8
    let offset = utf8.withContiguousStorageIfAvailable { $0.firstIndex(of: 0x0A) }
    guard let newline = offset.map({ $0.map { utf8.index(utf8.startIndex, offsetBy: $0) } })
      ?? utf8.firstIndex(of: 0x0A)
    else { return message[...] }
    // "\r\n" is one Character, which a split on "\n" does not break: leave that case to it.
    guard newline == utf8.startIndex || utf8[utf8.index(before: newline)] != 13 else {
      return message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first
        ?? ""
    }
    return message[..<newline]
  }

  /// The message read as a Conventional Commit; nil when its header is not one.
  public var conventional: ConventionalCommit? { ConventionalCommit.parse(message) }

  /// The ids (full or abbreviated) of the commits this one reverts: git's own
  /// `This reverts commit <id>.` line, and for a `revert:` commit its `Refs:` footer, as the
  /// Conventional Commits specification's example writes it.
  public var revertedIDs: [String] {
    var ids: [String] = []
    for line in message.split(separator: "\n") {
      guard let range = line.range(of: "This reverts commit ") else { continue }
      let hex = line[range.upperBound...].prefix { $0.isHexDigit }
      if hex.count >= 7 { ids.append(String(hex).lowercased()) }
    }
    if let conventional, conventional.type == "revert" {
      ids += Self.revertedIDs(inRefs: conventional.footerValues("Refs"))
    }
    return ids
  }

  /// `revertedIDs` of a message of ASCII without "\r", on its bytes; `refs` are the values of
  /// its `Refs` footers when it is a `revert:` commit.
  static func revertedIDs(ascii message: UnsafeBufferPointer<UInt8>, refs: [String]) -> [String] {
    let needle = "This reverts commit ".utf8
    var ids: [String] = []
    var start = 0
    while start < message.count {
      let end = ConventionalCommit.ASCIIReading.lineEnd(message, from: start)
      defer { start = end + 1 }
      // The first match in the line, as `range(of:)` finds it.
      guard
        let match = (start..<end).first(where: { message[$0..<end].starts(with: needle) })
      else { continue }
      let hex = (match + needle.count)..<end
      let digits = hex.prefix { Character(Unicode.Scalar(message[$0])).isHexDigit }
      if digits.count >= 7 {
        ids.append(String(lowercasingASCII: UnsafeBufferPointer(rebasing: message[digits])))
      }
    }
    return ids + revertedIDs(inRefs: refs)
  }

  private static func revertedIDs(inRefs values: [String]) -> [String] {
    var ids: [String] = []
    for value in values {
      for part in value.split(whereSeparator: { $0 == "," || $0 == " " }) {
        if part.count >= 7, part.allSatisfy(\.isHexDigit) { ids.append(part.lowercased()) }
      }
    }
    return ids
  }
}
