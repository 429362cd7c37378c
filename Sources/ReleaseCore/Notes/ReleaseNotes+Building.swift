import Foundation

extension ReleaseNotes {
  /// What is being released: the version and tag, and the release before it.
  public struct Release: Hashable, Sendable {
    public var version: String
    public var tag: String?
    public var previous: String?
    public var previousTag: String?
    public var date: Date
    /// True when `tag` does not exist yet (it is the planned one, or nil).
    public var unreleased: Bool

    public init(
      version: String, tag: String?, previous: String?, previousTag: String?, date: Date,
      unreleased: Bool? = nil
    ) {
      self.version = version
      self.tag = tag
      self.previous = previous
      self.previousTag = previousTag
      self.date = date
      self.unreleased = unreleased ?? (tag == nil)
    }

    /// The release a plan leads to: its next version and tag, not yet tagged, or `Unreleased`
    /// when the plan has nothing to release.
    public init(plan: ReleasePlan, date: Date) {
      self.init(
        version: plan.next?.description ?? "Unreleased", tag: plan.tag,
        previous: plan.current?.description, previousTag: plan.currentTag, date: date,
        unreleased: true)
    }
  }

  /// The section type of commits that are not Conventional Commits.
  public static let otherType = "other"

  /// Builds the notes of the commits of one release.
  ///
  /// - Parameters:
  ///   - commits: every commit of the range, newest first as a walk gives them. Merge commits
  ///     are set aside; a commit and its revert, both in the range, cancel each other.
  ///   - includeHidden: also list hidden types and commits that are not Conventional Commits.
  public init(
    release: Release, commits: [CommitRecord], configuration: Configuration, forge: Forge?,
    includeHidden: Bool = false
  ) {
    self.init(
      release: release, notesCommits: commits.compactMap(NotesCommit.init),
      configuration: configuration, forge: forge, includeHidden: includeHidden)
  }

  /// Builds the notes from commits already reduced to what notes need (see `NotesCommit`),
  /// newest first.
  public init(
    release: Release, notesCommits commits: [NotesCommit], configuration: Configuration,
    forge: Forge?, includeHidden: Bool = false
  ) {
    let kept = Self.cancellingReverts(in: commits)
    // A release has a few types: a list searched in place costs less than a dictionary, whose
    // lookup of every configured type ran once per release of a long history.
    var groups: [(type: String, entries: [Entry])] = []
    var breaking: [BreakingChange] = []
    var contributors = ContributorTally()
    // Oldest first, as a release's story reads.
    for commit in kept.reversed() {
      contributors.add(commit)
      // Reverting a hidden change (docs, chore) is not notable either.
      let hidden =
        configuration.type(commit.type)?.hidden ?? true
        || commit.revertedType.map { configuration.type($0)?.hidden ?? true } ?? false
      let url = forge?.commitURL(commit.id)
      for text in commit.breakingTexts {
        breaking.append(
          BreakingChange(
            hash: commit.id, type: commit.type, scope: commit.scope, description: text,
            summary: commit.description, url: url))
      }
      guard includeHidden || !hidden else { continue }
      let references = commit.references.map { reference in
        Reference(
          number: reference.number, repository: reference.repository, kind: reference.kind,
          url: forge?.issueURL(reference.number, repository: reference.repository))
      }
      let entry = Entry(
        hash: commit.id, type: commit.type, scope: commit.scope,
        description: commit.description, breaking: commit.isBreaking,
        author: commit.author.name, authorEmail: commit.author.email,
        references: references, url: url, corrected: commit.isCorrected)
      if let group = groups.firstIndex(where: { $0.type == commit.type }) {
        groups[group].entries.append(entry)
      } else {
        groups.append((commit.type, [entry]))
      }
    }
    func take(_ type: String) -> [Entry]? {
      guard let group = groups.firstIndex(where: { $0.type == type }) else { return nil }
      return groups.remove(at: group).entries
    }
    // Configured types in their order; unknown conventional types after, by name; then other.
    var ordered: [Section] = []
    for type in configuration.types where !groups.isEmpty {
      if let entries = take(type.name) {
        ordered.append(Section(type: type.name, title: type.title, entries: entries))
      }
    }
    let other = take(Self.otherType)
    for (type, entries) in groups.sorted(by: { $0.type < $1.type }) {
      ordered.append(Section(type: type, title: type, entries: entries))
    }
    if let other {
      ordered.append(Section(type: Self.otherType, title: "Other Changes", entries: other))
    }

    var compare: String?
    if let forge, let from = release.previousTag {
      // The tag of unreleased work does not exist yet: compare with HEAD.
      let to = release.unreleased ? "HEAD" : release.tag ?? "HEAD"
      compare = forge.compareURL(from: from, to: to)
    }
    self.init(
      version: release.version, tag: release.tag, previous: release.previous,
      previousTag: release.previousTag, date: Self.day(release.date),
      unreleased: release.unreleased, compareURL: compare, repositoryURL: forge?.url,
      sections: ordered, breaking: breaking, contributors: contributors.sorted,
      commitCount: kept.count)
  }

  /// `YYYY-MM-DD` in UTC.
  public static func day(_ date: Date) -> String {
    let seconds = date.timeIntervalSince1970
    // A changelog dates thousands of releases and Calendar costs thousands of instructions a call:
    // from 1970 to 9999 the days are counted to a civil date directly (`InternetTime.civil`);
    // other dates, where the calendar may switch to Julian, go to it.
    if seconds >= 0, seconds < 253_402_300_800 {
      let (year, month, day) = InternetTime.civil(daysSince1970: Int(seconds / 86_400))
      return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    let year = parts.year ?? 1970
    let month = parts.month ?? 1
    let day = parts.day ?? 1
    return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
  }

  /// A cheap test before the full parse: only messages that start with `revert` (any case) or
  /// hold git's `This reverts commit` line can revert anything.
  static func mayRevert(_ message: String) -> Bool {
    message.utf8.withContiguousStorageIfAvailable(mayRevert)
      ?? Array(message.utf8).withUnsafeBufferPointer(mayRevert)
  }

  static func mayRevert(_ message: UnsafeBufferPointer<UInt8>) -> Bool {
    message.count >= 6 && zip(message, "revert".utf8).allSatisfy { $0 | 0x20 == $1 }
      // Anchored at its `v`, rarer in prose than the `t` it starts with.
      || ByteSearch.contains(message, caseless: "this reverts commit ", anchor: 7)
  }

  /// The commits left when each revert whose target is also in the list is removed with it.
  /// Walking newest first, a revert of a revert cancels that revert and lets the original stand.
  static func cancellingReverts(in commits: [NotesCommit]) -> [NotesCommit] {
    guard commits.contains(where: { !$0.revertedIDs.isEmpty }) else { return commits }
    var byPrefix: [Substring: [Int]] = [:]
    for (index, commit) in commits.enumerated() {
      byPrefix[commit.id.prefix(7), default: []].append(index)
    }
    var cancelled = Set<Int>()
    for (index, commit) in commits.enumerated() where !cancelled.contains(index) {
      for reverted in commit.revertedIDs {
        let targets = byPrefix[reverted.prefix(7), default: []].filter { candidate in
          candidate != index && commits[candidate].id.hasPrefix(reverted)
        }
        guard !targets.isEmpty else { continue }
        // A second revert of a commit already cancelled reverts nothing that ships: out too.
        cancelled.insert(index)
        if let target = targets.first(where: { !cancelled.contains($0) }) {
          cancelled.insert(target)
        }
        break
      }
    }
    if cancelled.isEmpty { return commits }
    return commits.indices.filter { !cancelled.contains($0) }.map { commits[$0] }
  }
}

/// A commit reduced to what release notes need: its type, scope, description, breaking changes,
/// references, people and what it reverts. A long history is held this way, not as messages.
public struct NotesCommit: Sendable {
  public struct Person: Sendable {
    public let name: String
    public let email: String
  }

  public struct IssueReference: Sendable {
    let number: Int
    let repository: String?
    let kind: ReleaseNotes.Reference.Kind
  }

  public let id: String
  let type: String
  let scope: String?
  let description: String
  let isBreaking: Bool
  /// The text of each breaking change, made fit for notes.
  let breakingTexts: [String]
  let references: [IssueReference]
  /// For git's `Revert "<subject>"`, the type of the reverted subject.
  let revertedType: String?
  /// The ids this commit reverts; empty for most.
  let revertedIDs: [String]
  let author: Person
  /// `Co-authored-by:` trailers; empty for most commits, so no array is held for them.
  let coAuthors: [Person]
  /// The message read is a correction (`git release amend`).
  let isCorrected: Bool

  /// The author first, then co-authors.
  var people: [Person] { coAuthors.isEmpty ? [author] : [author] + coAuthors }

  /// Nil for a merge commit: release notes list the commits a merge brings, not the merge.
  public init?(_ commit: CommitRecord) {
    guard !commit.isMerge else { return nil }
    // Nearly every message is ASCII without "\r", read on its bytes in place; others as text.
    let ascii = commit.message.utf8.withContiguousStorageIfAvailable(ParsedCommit.init(ascii:))
    if let ascii, let parsed = ascii {
      self.init(commit, parsed)
    } else {
      self.init(commit, ParsedCommit(commit))
    }
  }

  /// From a reading of the commit's message, either way.
  init(_ commit: CommitRecord, _ parsed: ParsedCommit) {
    id = commit.id
    type = parsed.type
    scope = parsed.scope
    description = parsed.description
    isBreaking = parsed.isBreaking
    breakingTexts =
      isBreaking
      ? parsed.breakingNotes.map { NotesText.block($0.isEmpty ? parsed.description : $0) } : []
    references = parsed.references.map {
      IssueReference(number: $0.0, repository: $0.1, kind: $0.2)
    }
    revertedType = parsed.revertedType
    revertedIDs = parsed.revertedIDs
    func person(_ name: String, _ email: String) -> Person {
      Person(name: NotesText.line(name, limit: 100), email: NotesText.line(email, limit: 100))
    }
    author = person(commit.author.name, commit.author.email)
    coAuthors = parsed.coAuthors.map(person)
    isCorrected = commit.originalMessage != nil
  }
}

/// A commit read for release notes: its type, scope and description, whatever its form.
struct ParsedCommit {
  typealias References = [(Int, String?, ReleaseNotes.Reference.Kind)]

  let type: String
  let scope: String?
  let description: String
  let isBreaking: Bool
  /// The breaking changes' text as written (see `ConventionalCommit.breakingDescriptions`).
  let breakingNotes: [String]
  let references: References
  /// For git's `Revert "<subject>"`, the type of the reverted subject.
  var revertedType: String?
  /// The ids this commit reverts (see `CommitRecord.revertedIDs`).
  let revertedIDs: [String]
  /// Names and e-mail addresses (see `ContributorTally.coAuthors`).
  let coAuthors: [(String, String)]

  init(_ commit: CommitRecord) {
    let conventional = Self.conventional(commit)
    isBreaking = conventional?.isBreaking ?? false
    breakingNotes = conventional?.breakingDescriptions ?? []
    revertedIDs = ReleaseNotes.mayRevert(commit.message) ? commit.revertedIDs : []
    coAuthors = ContributorTally.coAuthors(commit.message)
    var description: String
    if let conventional {
      type = conventional.type
      scope = conventional.scope.map { NotesText.line($0, limit: 60) }
      description = conventional.description
    } else if let reverted = Self.gitRevertSubject(commit.summary) {
      // `git revert` writes `Revert "<subject>"`: a revert all the same.
      type = "revert"
      scope = nil
      description = reverted
      revertedType = ConventionalCommit.parse(reverted)?.type
    } else {
      type = ReleaseNotes.otherType
      scope = nil
      description = String(commit.summary)
    }
    var references: References = []
    // A trailing `(#123)` is how squash merges name their pull request: a link, not prose.
    if let suffix = Self.pullRequestSuffix(description) {
      references.append((suffix.number, nil, .mention))
      description = String(description[..<suffix.start])
    }
    for (number, repository) in IssueReferences.mentions(in: description) {
      references.append((number, repository, .mention))
    }
    if let conventional {
      references += IssueReferences.inFooters(conventional.footers)
    }
    self.references = Self.deduplicated(references)
    let line = NotesText.line(description)
    self.description = line.isEmpty ? "(no message)" : line
  }

  /// The same reading of a message of ASCII without "\r", done on its bytes in one pass that
  /// makes Strings only of what notes keep; nil for any other message.
  init?(ascii message: UnsafeBufferPointer<UInt8>) {
    typealias Reading = ConventionalCommit.ASCIIReading
    guard Reading.accepts(message) else { return nil }
    let summaryEnd = Reading.lineEnd(message, from: 0)
    let summary = UnsafeBufferPointer(rebasing: message[..<summaryEnd])
    var description: Range<Int>
    var footerReferences: References = []
    let mayRevert = ReleaseNotes.mayRevert(message)
    var refs: [String] = []
    if let header = Reading.header(summary) {
      type = String(lowercasingASCII: UnsafeBufferPointer(rebasing: summary[header.type]))
      scope = header.scope.map {
        NotesText.line(ascii: UnsafeBufferPointer(rebasing: summary[$0]), limit: 60)
      }
      description = header.description
      let readsRefs = mayRevert && type == "revert"
      var notes: [String] = []
      // Only the footers notes read are made into text: breaking changes and issue references.
      Reading.footers(message, headerEnd: summaryEnd) { footer in
        let token = UnsafeBufferPointer(rebasing: message[footer.shape.token])
        if footer.shape.isBreakingChange {
          notes.append(footer.value(in: message))
        } else if let kind = IssueReferences.kind(ofToken: token) {
          footerReferences += IssueReferences.inFooter(message, footer, kind: kind)
          if readsRefs, String(lowercasingASCII: token) == "refs" {
            refs.append(footer.value(in: message))
          }
        }
      }
      isBreaking = header.breaking || !notes.isEmpty
      breakingNotes =
        notes.isEmpty && header.breaking
        ? [String(decoding: summary[description], as: UTF8.self)] : notes
    } else {
      isBreaking = false
      breakingNotes = []
      let count = summary.count
      if count > 9, summary.starts(with: "Revert \"".utf8), summary[count - 1] == UInt8(ascii: "\"")
      {
        // `git revert` writes `Revert "<subject>"`: a revert all the same.
        type = "revert"
        description = 8..<(count - 1)
        let subject = UnsafeBufferPointer(rebasing: summary[description])
        revertedType = Reading.header(subject).map {
          String(lowercasingASCII: UnsafeBufferPointer(rebasing: subject[$0.type]))
        }
      } else {
        type = ReleaseNotes.otherType
        description = 0..<count
      }
      scope = nil
    }
    var references: References = []
    // A trailing `(#123)` is how squash merges name their pull request: a link, not prose.
    if let suffix = Self.pullRequestSuffix(summary, description) {
      references.append((suffix.number, nil, .mention))
      description = description.lowerBound..<suffix.start
    }
    let text = UnsafeBufferPointer(rebasing: summary[description])
    for (number, repository) in IssueReferences.asciiMentions(text) {
      references.append((number, repository, .mention))
    }
    self.references = Self.deduplicated(
      references.isEmpty ? footerReferences : references + footerReferences)
    let line = NotesText.line(ascii: text)
    self.description = line.isEmpty ? "(no message)" : line
    revertedIDs = mayRevert ? CommitRecord.revertedIDs(ascii: message, refs: refs) : []
    coAuthors = ContributorTally.coAuthors(ascii: message)
  }

  /// Each issue once. Most commits name one or none: nothing to deduplicate, no set to build.
  static func deduplicated(_ references: References) -> References {
    guard references.count > 1 else { return references }
    var seen = Set<String>()
    return references.filter { seen.insert("\($0.1 ?? "")#\($0.0)").inserted }
  }

  /// The message read as a Conventional Commit. A message of one line is its header alone, and
  /// reading just the header spares the full parse most commits of a long history would need.
  static func conventional(_ commit: CommitRecord) -> ConventionalCommit? {
    let summary = commit.summary
    let rest = commit.message.utf8[summary.utf8.endIndex...]
    guard rest.allSatisfy({ $0 == 0x0A || $0 == 0x20 || $0 == 0x09 }), !summary.utf8.contains(13)
    else {
      // Notes never show a body: joining its lines would be work thrown away.
      return ConventionalCommit.parse(commit.message, keepingBody: false)
    }
    guard let header = ConventionalCommit.Header(summary) else { return nil }
    return ConventionalCommit(
      type: header.type.lowercased(), scope: header.scope, description: header.description,
      hasBreakingMarker: header.breaking)
  }

  static func gitRevertSubject(_ summary: Substring) -> String? {
    guard summary.hasPrefix("Revert \""), summary.hasSuffix("\""), summary.count > 9 else {
      return nil
    }
    return String(summary.dropFirst(8).dropLast())
  }

  /// `pullRequestSuffix` of ASCII bytes.
  static func pullRequestSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ text: Range<Int>) -> (
    start: Int, number: Int
  )? {
    guard text.count > 3, bytes[text.upperBound - 1] == UInt8(ascii: ")") else { return nil }
    var open = text.upperBound - 3
    while open >= text.lowerBound, !bytes[open..<(open + 3)].elementsEqual(" (#".utf8) {
      open -= 1
    }
    guard open > text.lowerBound else { return nil }
    let digits = bytes[(open + 3)..<(text.upperBound - 1)]
    guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ (0x30...0x39).contains($0) })
    else { return nil }
    return (open, digits.reduce(0) { $0 * 10 + Int($1 - 0x30) })
  }

  static func pullRequestSuffix(_ text: String) -> (start: String.Index, number: Int)? {
    guard text.hasSuffix(")"), let open = text.range(of: " (#", options: .backwards),
      open.lowerBound > text.startIndex
    else { return nil }
    let digits = text[open.upperBound..<text.index(before: text.endIndex)]
    guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
      let number = Int(digits)
    else { return nil }
    return (open.lowerBound, number)
  }
}

enum ByteSearch {
  /// True when `needle` occurs in `text`, ASCII letters compared without case (bytes OR 0x20,
  /// which leaves the needles' punctuation as it is).
  static func contains(_ text: String, caseless needle: StaticString) -> Bool {
    text.utf8.withContiguousStorageIfAvailable { contains($0, caseless: needle) }
      ?? Array(text.utf8).withUnsafeBufferPointer { contains($0, caseless: needle) }
  }

  /// The same in bytes, candidates found at the needle's byte at `anchor`: a rare one makes few.
  static func contains(
    _ bytes: UnsafeBufferPointer<UInt8>, caseless needle: StaticString, anchor: Int = 0
  ) -> Bool {
    let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
    guard pattern.indices.contains(anchor) else { return pattern.isEmpty }
    return search(bytes, pattern, anchor)
  }

  /// Candidates found with `memchr`, once for each case of the anchor byte: this runs on every
  /// message of a history, and a byte-by-byte loop cost more than the rest of the test.
  private static func search(
    _ bytes: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>, _ anchor: Int
  ) -> Bool {
    guard let base = bytes.baseAddress, bytes.count >= needle.count else { return false }
    let last = bytes.count - needle.count
    // `byte | 0x20 == key | 0x20` holds for exactly these two bytes.
    func found(from key: UInt8) -> Bool {
      var from = anchor
      while from <= last + anchor,
        let hit = memchr(base + from, Int32(key), last + anchor - from + 1)
      {
        let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - anchor
        var matched = 0
        while matched < needle.count, bytes[offset + matched] | 0x20 == needle[matched] | 0x20 {
          matched += 1
        }
        if matched == needle.count { return true }
        from = offset + anchor + 1
      }
      return false
    }
    return found(from: needle[anchor] | 0x20) || found(from: needle[anchor] & ~0x20)
  }
}

/// Authors and co-authors, counted by e-mail address.
struct ContributorTally {
  /// In the order first met; a release has a few people, found by a search in line.
  private var people: [ReleaseNotes.Contributor] = []
  private var keys: [String] = []
  /// Positions by key, once there are more people than a search in line suits.
  private var positions: [String: Int] = [:]
  private static let searchedInLine = 16

  mutating func add(_ commit: NotesCommit) {
    // Most commits have one author: no list of people, no set to find them twice in.
    guard !commit.coAuthors.isEmpty else { return count(commit.author, Self.key(commit.author)) }
    var seen = Set<String>()
    for person in commit.people {
      let key = Self.key(person)
      guard seen.insert(key).inserted else { continue }
      count(person, key)
    }
  }

  private mutating func count(_ person: NotesCommit.Person, _ key: String) {
    let known = keys.count <= Self.searchedInLine ? keys.firstIndex(of: key) : positions[key]
    if let known {
      people[known].commits += 1
      return
    }
    keys.append(key)
    people.append(ReleaseNotes.Contributor(name: person.name, email: person.email, commits: 1))
    if keys.count == Self.searchedInLine + 1 {
      positions = Dictionary(uniqueKeysWithValues: zip(keys, keys.indices))
    } else if keys.count > Self.searchedInLine {
      positions[key] = keys.count - 1
    }
  }

  /// The e-mail address lower-cased, or the name without one. Most addresses are lower-case
  /// ASCII already, and are kept as they are rather than copied.
  private static func key(_ person: NotesCommit.Person) -> String {
    let text = person.email.isEmpty ? person.name : person.email
    func isLowerASCII(_ byte: UInt8) -> Bool { byte < 0x80 && (byte < 0x41 || byte > 0x5A) }
    let lowered =
      text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isLowerASCII) }
      ?? text.utf8.allSatisfy(isLowerASCII)
    return lowered ? text : text.lowercased()
  }

  /// By name, then e-mail: an order that does not rank people.
  var sorted: [ReleaseNotes.Contributor] {
    guard people.count > 1 else { return people }
    // Each name lower-cased once, not at every comparison. The closures' types are written
    // out: inferred, this one expression took the type checker 20 s of every build.
    typealias Keyed = (name: String, person: ReleaseNotes.Contributor)
    let keyed: [Keyed] = people.map { (person: ReleaseNotes.Contributor) -> Keyed in
      (person.name.lowercased(), person)
    }
    let ordered: [Keyed] = keyed.sorted { (left: Keyed, right: Keyed) -> Bool in
      if left.name != right.name { return left.name < right.name }
      return left.person.email < right.person.email
    }
    return ordered.map { (entry: Keyed) -> ReleaseNotes.Contributor in entry.person }
  }

  /// `coAuthors` of a message of ASCII without "\r", its lines read in place.
  static func coAuthors(ascii message: UnsafeBufferPointer<UInt8>) -> [(String, String)] {
    var result: [(String, String)] = []
    var start = 0
    while start < message.count {
      let end = ConventionalCommit.ASCIIReading.lineEnd(message, from: start)
      defer { start = end + 1 }
      // Most lines fail at their first byte.
      guard end - start >= 15, message[start] | 0x20 == UInt8(ascii: "c"),
        zip(message[start..<(start + 15)], "co-authored-by:".utf8).allSatisfy({
          ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1
        })
      else { continue }
      let value = (start + 15)..<end
      guard let open = message[value].lastIndex(of: UInt8(ascii: "<")),
        let close = message[value].lastIndex(of: UInt8(ascii: ">")), open < close
      else { continue }
      let name = ConventionalCommit.ASCIIReading.trimmed(message, value.lowerBound..<open)
      guard !name.isEmpty else { continue }
      result.append(
        (
          String(decoding: message[name], as: UTF8.self),
          String(decoding: message[(open + 1)..<close], as: UTF8.self)
        ))
    }
    return result
  }

  /// `Co-authored-by: Name <email>` trailers, as GitHub writes them.
  static func coAuthors(_ message: String) -> [(String, String)] {
    // Tested on bytes first: this runs for every commit.
    guard ByteSearch.contains(message, caseless: "co-authored-by:") else { return [] }
    var result: [(String, String)] = []
    // Without "\r" no line break is part of a larger Character: the lines are split on bytes.
    let lines =
      message.containsByte(13)
      ? message.split(separator: "\n")
      : ConventionalCommit.byteLines(message).filter { !$0.isEmpty }
    for line in lines {
      guard line.utf8.count >= 15,
        line.utf8.prefix(15).elementsEqual(
          "co-authored-by:".utf8,
          by: {
            ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1
          })
      else { continue }
      // A mark joined to the colon makes another Character, which the prefix does not match.
      if line.utf8.dropFirst(15).first.map({ $0 >= 0x80 }) == true,
        !line.lowercased().hasPrefix("co-authored-by:")
      {
        continue
      }
      let value = line.dropFirst("co-authored-by:".count)
      guard let open = value.lastIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close
      else { continue }
      let name = String(value[..<open]).trimmingSpaces()
      let email = String(value[value.index(after: open)..<close])
      if !name.isEmpty { result.append((name, email)) }
    }
    return result
  }
}
