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

  private static func isRepositoryCharacter(_ character: Character) -> Bool {
    character.isASCII && (character.isLetter || character.isNumber || "-_./".contains(character))
  }
}
