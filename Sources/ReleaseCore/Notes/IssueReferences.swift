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

  /// How an ASCII footer token names issues, as `inFooters` reads it; nil for other footers.
  static func kind(ofToken token: UnsafeBufferPointer<UInt8>) -> ReleaseNotes.Reference.Kind? {
    // Compared on bytes: a String and a hash for each footer of a history cost more.
    for (name, kind) in tokenKinds where name.count == token.count {
      if zip(name, token).allSatisfy({ $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) }) {
        return kind
      }
    }
    return nil
  }

  private static let tokenKinds: [([UInt8], ReleaseNotes.Reference.Kind)] =
    closingTokens.map { (Array($0.utf8), .closes) }
    + referringTokens.map { (Array($0.utf8), .refs) }

  /// `inFooters` of one footer of a message of ASCII without "\r", read on its bytes.
  static func inFooter(
    _ message: UnsafeBufferPointer<UInt8>, _ footer: ConventionalCommit.ASCIIReading.FooterSpan,
    kind: ReleaseNotes.Reference.Kind
  ) -> [(Int, String?, ReleaseNotes.Reference.Kind)] {
    let (first, rest) = footer.value
    let hash = footer.shape.hashSeparator
    func references(_ text: UnsafeBufferPointer<UInt8>) -> [(
      Int, String?, ReleaseNotes.Reference.Kind
    )] {
      asciiMentions(text, requireBoundary: false).map { ($0.0, $0.1, kind) }
    }
    // Most values are one run of bytes, read in place; others are copied into one.
    guard hash || rest != nil else {
      return references(UnsafeBufferPointer(rebasing: message[first]))
    }
    let count = (hash ? 1 : 0) + first.count + (rest?.count ?? 0)
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { text in
      var index = 0
      if hash {
        text[0] = UInt8(ascii: "#")
        index = 1
      }
      func append(_ run: Range<Int>) {
        for offset in run {
          text[index] = message[offset]
          index += 1
        }
      }
      append(first)
      rest.map(append)
      return references(UnsafeBufferPointer(text))
    }
  }

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
      return text.utf8.withContiguousStorageIfAvailable {
        asciiMentions($0, requireBoundary: requireBoundary)
      }
        ?? Array(text.utf8).withUnsafeBufferPointer {
          asciiMentions($0, requireBoundary: requireBoundary)
        }
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
  static func asciiMentions(_ bytes: UnsafeBufferPointer<UInt8>, requireBoundary: Bool = true)
    -> [(Int, String?)]
  {
    // Most texts name nothing.
    guard bytes.contains(UInt8(ascii: "#")) else { return [] }
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
