/// An existing changelog file, read only as far as needed to add the releases it lacks: its
/// release headings. Nothing already written is changed; new sections go in between.
public struct ChangelogDocument: Sendable {
  public private(set) var text: String
  /// How a heading's word reads as a version: SemVer, or a calendar format.
  private let parse: @Sendable (Substring) -> SemanticVersion?

  public init(text: String, namespace: TagNamespace = TagNamespace(prefix: "v")) {
    self.text = text
    parse = { namespace.version($0) }
  }

  /// The versions the file has a heading for (`## [1.2.0] - 2024-05-01`, `## v1.2.0`,
  /// `# [2.0.0](https://...) (2024-05-01)`, `## api/v1.2.0`).
  public var versions: Set<SemanticVersion> {
    Set(headings.map(\.version))
  }

  /// Adds one release's section before the first release heading of a lower version (after the
  /// last one when none is lower). `section` is text as the changelog template renders it.
  public mutating func insert(_ section: String, version: SemanticVersion) {
    var block = section
    while block.hasSuffix("\n\n") { block.removeLast() }
    if !block.hasSuffix("\n") { block += "\n" }
    if let next = headings.first(where: { $0.version < version }) {
      text.insert(contentsOf: block + "\n", at: next.start)
      return
    }
    if text.isEmpty {
      text = block
      return
    }
    while text.hasSuffix("\n\n") { text.removeLast() }
    text += text.hasSuffix("\n") ? "\n" + block : "\n\n" + block
  }

  private struct Heading {
    let start: String.Index
    let version: SemanticVersion
  }

  /// Headings of level 1 to 3 that carry a version, in file order.
  private var headings: [Heading] {
    var result: [Heading] = []
    var lineStart = text.startIndex
    var inFence = false
    while lineStart < text.endIndex {
      let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
      let line = text[lineStart..<lineEnd]
      if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle() }
      if !inFence, let version = Self.headingVersion(line, parse: parse) {
        result.append(Heading(start: lineStart, version: version))
      }
      lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
    }
    return result
  }

  static func headingVersion(
    _ line: Substring, parse: (Substring) -> SemanticVersion? = { SemanticVersion($0) }
  ) -> SemanticVersion? {
    let level = line.prefix { $0 == "#" }.count
    guard (1...3).contains(level), line.dropFirst(level).first == " " else { return nil }
    let words = line.dropFirst(level).split { !($0.isLetter || $0.isNumber || "./+-".contains($0)) }
    for word in words.prefix(3) {
      // A tag prefix (`v`, `api/v`) may come before the version.
      let candidate = word.split(separator: "/").last ?? word
      let trimmed =
        candidate.first == "v" || candidate.first == "V" ? candidate.dropFirst() : candidate
      if let version = parse(trimmed) { return version }
    }
    return nil
  }
}
