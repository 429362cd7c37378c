/// A commit message corrected after the fact: `git release amend REV --as "MESSAGE"` stores the
/// corrected message as a git note under `refs/notes/release`, and every command that reads
/// commit messages reads the correction instead. History is not rewritten.
public enum MessageCorrection {
  /// Where corrections are kept.
  public static let notesReference = "refs/notes/release"

  /// The message a correction note holds: the note's text without the trailing blank lines
  /// git notes add.
  public static func message(fromNote bytes: [UInt8]) -> String {
    var text = String(decoding: bytes, as: UTF8.self)
    while let last = text.unicodeScalars.last, last == "\n" || last == "\r" || last == " " {
      text.unicodeScalars.removeLast()
    }
    return text
  }

  /// The text stored in the note: the message, ending with one newline as git's notes do.
  public static func noteText(_ message: String) -> String { message + "\n" }

  /// A correction as given on the command line, cleaned (trailing blank lines and spaces
  /// removed); refused unless its header is a Conventional Commit.
  public static func validate(_ message: String) throws(CorrectionError) -> String {
    let cleaned = Self.message(fromNote: Array(message.utf8))
    guard cleaned.contains(where: { !$0.isWhitespace }) else { throw .empty }
    guard ConventionalCommit.parse(cleaned) != nil else { throw .notConventional(cleaned) }
    return cleaned
  }

  /// What is wrong with a correction a push sends, as a sentence; nil when it is sound.
  /// `commitExists` says whether the annotated object is a commit of the repository.
  public static func problem(note: [UInt8], commit: String, commitExists: Bool) -> String? {
    guard commitExists else {
      return "corrects \(commit.prefix(12)), which is not a commit of this repository; remove "
        + "it with git release amend \(commit.prefix(12)) --remove, or fetch the commit"
    }
    do {
      _ = try validate(message(fromNote: note))
      return nil
    } catch {
      return error.description + "; change it with git release amend \(commit.prefix(12)) --as "
        + "\"type(scope): description\""
    }
  }
}

/// A correction that cannot be stored.
public enum CorrectionError: Error, Equatable, CustomStringConvertible, Sendable {
  case empty
  case notConventional(String)

  public var description: String {
    switch self {
    case .empty:
      "the corrected message is empty; write a Conventional Commit such as "
        + "\"fix(auth): logins work again\""
    case .notConventional(let message):
      "the corrected message \"\(message.prefix { $0 != "\n" })\" is not a Conventional Commit; "
        + "write type(scope): description, such as \"fix(auth): logins work again\" (a ! "
        + "before the colon for a breaking change)"
    }
  }
}

extension CommitRecord {
  /// The same commit with its message replaced by a correction; `originalMessage` keeps what
  /// the commit itself says.
  public func corrected(to message: String) -> CommitRecord {
    var copy = CommitRecord(
      id: id, parents: parents, author: author, authorDate: authorDate,
      authorOffsetMinutes: authorOffsetMinutes, committer: committer, commitDate: commitDate,
      message: message)
    copy.originalMessage = originalMessage ?? self.message
    return copy
  }

  /// The commit with its correction, if `corrections` (messages by full commit id) has one.
  public func applying(_ corrections: [String: String]?) -> CommitRecord {
    guard let corrections, let message = corrections[id] else { return self }
    return corrected(to: message)
  }
}
