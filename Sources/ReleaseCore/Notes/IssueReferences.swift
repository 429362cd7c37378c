/// Finds the issues and pull requests a commit message names.
enum IssueReferences {
  /// Footer tokens that close an issue, as GitHub, GitLab and Gitea read them.
  static let closingTokens: Set<String> = [
    "close", "closes", "closed", "fix", "fixes", "fixed", "resolve", "resolves", "resolved",
  ]
  /// Footer tokens that only refer to one.
  static let referringTokens: Set<String> = [
    "ref", "refs", "references", "see", "see-also", "related", "related-to", "part-of", "issue",
  ]

  /// The references in the footers, in order, each once.
  static func inFooters(_ footers: [ConventionalCommit.Footer]) -> [(
    Int, String?, ReleaseNotes.Reference.Kind
  )] {
    var result: [(Int, String?, ReleaseNotes.Reference.Kind)] = []
    for footer in footers {
      let token = footer.token.lowercased()
      let kind: ReleaseNotes.Reference.Kind
      if closingTokens.contains(token) {
        kind = .closes
      } else if referringTokens.contains(token) {
        kind = .refs
      } else {
        continue
      }
      // `Closes #12` parses as token "Closes", separator " #", value "12".
      let value = footer.separator == " #" ? "#" + footer.value : footer.value
      for (number, repository) in mentions(in: value, requireBoundary: false) {
        result.append((number, repository, kind))
      }
    }
    return result
  }

  /// `#123` and `owner/name#123` in free text. A `#` inside a word (`C#1`, `page#3`) is not
  /// a reference unless it follows an `owner/name`.
  static func mentions(in text: some StringProtocol, requireBoundary: Bool = true)
    -> [(Int, String?)]
  {
    // Most texts name nothing: no `#`, no need for their Characters.
    guard String(text).containsByte(UInt8(ascii: "#")) else { return [] }
    // In ASCII without "\r" each byte is a Character: the same reading, on bytes.
    if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
      return asciiMentions(Array(text.utf8), requireBoundary: requireBoundary)
    }
    var result: [(Int, String?)] = []
    let characters = Array(text)
    var index = 0
    while index < characters.count {
      guard characters[index] == "#" else {
        index += 1
        continue
      }
      var end = index + 1
      while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
      defer { index = max(end, index + 1) }
      guard end > index + 1, end - index - 1 <= 9,
        end == characters.count
          || !(characters[end].isLetter || characters[end].isNumber
            || characters[end] == "_")
      else { continue }
      // What precedes: nothing, a separator, or `owner/name`.
      var start = index
      while start > 0, isRepositoryCharacter(characters[start - 1]) { start -= 1 }
      let before = String(characters[start..<index])
      var repository: String?
      if !before.isEmpty {
        let parts = before.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
          parts[0].first?.isLetter == true || parts[0].first?.isNumber == true
        else { continue }
        repository = before
      }
      if requireBoundary, repository == nil, start > 0 {
        let previous = characters[start - 1]
        guard previous.isWhitespace || "([{,;:".contains(previous) else { continue }
      }
      guard let number = Int(String(characters[(index + 1)..<end])), number > 0 else { continue }
      result.append((number, repository))
    }
    return result
  }

  /// `mentions(in:requireBoundary:)` for ASCII text without "\r", step for step.
  private static func asciiMentions(_ bytes: [UInt8], requireBoundary: Bool) -> [(Int, String?)] {
    func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    func isRepositoryByte(_ byte: UInt8) -> Bool {
      isLetter(byte) || isDigit(byte) || byte == 0x2D || byte == 0x5F || byte == 0x2E
        || byte == 0x2F
    }
    var result: [(Int, String?)] = []
    var index = 0
    while index < bytes.count {
      guard bytes[index] == UInt8(ascii: "#") else {
        index += 1
        continue
      }
      var end = index + 1
      while end < bytes.count, isDigit(bytes[end]) { end += 1 }
      defer { index = max(end, index + 1) }
      guard end > index + 1, end - index - 1 <= 9,
        end == bytes.count
          || !(isLetter(bytes[end]) || isDigit(bytes[end]) || bytes[end] == UInt8(ascii: "_"))
      else { continue }
      var start = index
      while start > 0, isRepositoryByte(bytes[start - 1]) { start -= 1 }
      var repository: String?
      if start < index {
        let before = bytes[start..<index]
        let slashes = before.indices.filter { before[$0] == UInt8(ascii: "/") }
        guard slashes.count == 1, let slash = slashes.first, slash > start, slash < index - 1,
          isLetter(bytes[start]) || isDigit(bytes[start])
        else { continue }
        repository = String(decoding: before, as: UTF8.self)
      }
      if requireBoundary, repository == nil, start > 0 {
        let previous = bytes[start - 1]
        // Character.isWhitespace in ASCII: tab, line feed, vertical tab, form feed, space.
        guard
          (0x09...0x0D).contains(previous) || previous == 0x20
            || "([{,;:".utf8.contains(previous)
        else { continue }
      }
      let number = bytes[(index + 1)..<end].reduce(0) { $0 * 10 + Int($1 - 0x30) }
      guard number > 0 else { continue }
      result.append((number, repository))
    }
    return result
  }

  private static func isRepositoryCharacter(_ character: Character) -> Bool {
    character.isASCII && (character.isLetter || character.isNumber || "-_./".contains(character))
  }
}
