/// The commit message as git will record it, from the file the commit-msg hook receives: comment
/// lines and everything below the scissors line of `git commit --verbose` left out.
public enum CommitMessageFile {
  /// The characters git may pick when `core.commentChar` is `auto`, in its order.
  static let autoCandidates: [Character] = ["#", ";", "@", "!", "$", "%", "^", "&", "|", ":"]

  /// `commentString` is `core.commentString`/`core.commentChar` as configured (`#` when unset).
  public static func message(from text: String, commentString: String = "#") -> String {
    let lines = text.replacingOccurrences(of: "\r\n", with: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false)
    let comment = commentString == "auto" ? autoComment(lines) : commentString
    let scissors = "\(comment) ------------------------ >8 ------------------------"
    var kept: [Substring] = []
    for line in lines {
      if line == scissors { break }
      if !comment.isEmpty, line.hasPrefix(comment) { continue }
      kept.append(line)
    }
    return kept.joined(separator: "\n").trimmingBlankLines()
  }

  /// With `auto`, git comments with a character no message line starts with; its help text is
  /// last, so the last line's first character tells which one it picked.
  static func autoComment(_ lines: [Substring]) -> String {
    let last = lines.last { !ConventionalCommit.isBlank($0) }
    if let first = last?.first, autoCandidates.contains(first) { return String(first) }
    return "#"
  }
}
