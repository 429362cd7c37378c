import Foundation

/// One gate's answer to a promotion.
public struct GateVerdict: Codable, Hashable, Sendable {
  public enum Status: String, Codable, Sendable {
    case pass
    case fail
    /// Failed, but a window or freeze was overridden with `--override --reason`.
    case overridden
  }

  /// `release`, `block`, `after`, `soak`, `approvals`, `window`, `freeze`, `hold`,
  /// `rollback-target`.
  public let gate: String
  public let status: Status
  public let detail: String

  public init(gate: String, status: Status, detail: String) {
    self.gate = gate
    self.status = status
    self.detail = detail
  }
}

/// A release as it ran in an environment: the tag's name and the commit it pointed at then.
public struct ReleaseRef: Codable, Hashable, Sendable {
  public let tag: String
  public let commit: String

  public init(tag: String, commit: String) {
    self.tag = tag
    self.commit = commit
  }
}

/// One entry of an environment's audit trail, stored as a commit on `refs/environments/<ENV>`.
public struct EnvironmentEvent: Codable, Hashable, Sendable {
  public enum Kind: String, Codable, Sendable {
    case promotion
    case approval
    case rollback
    /// Stops every promotion to the environment until `unhold`.
    case hold
    case unhold
    /// Stops every promotion of a release, to any environment, until `unblock`.
    case block
    case unblock

    /// Kinds that name a release (the others concern a whole environment).
    public var namesRelease: Bool { ![.hold, .unhold].contains(self) }
    /// Kinds recorded on the blocks trail rather than an environment's.
    public var isBlock: Bool { [.block, .unblock].contains(self) }
  }

  /// The trail block and unblock events are recorded on: `refs/environments/_blocks`. No
  /// environment can take the name (environment names start with a letter or a digit).
  public static let blocksTrail = "_blocks"
  /// The `Environment` of a block or unblock event: every environment.
  public static let everyEnvironment = "*"

  /// The trail the event is recorded on: its environment's, or the blocks trail.
  public var trail: String { kind.isBlock ? Self.blocksTrail : environment }

  public var kind: Kind
  public var environment: String
  /// The release tag promoted, approved, rolled back to, blocked or unblocked; empty for a hold.
  public var tag: String
  /// The commit that tag pointed at when the event was recorded.
  public var commit: String
  public var actor: CommitRecord.Person
  public var time: Date
  public var gates: [GateVerdict]
  /// What ran in the environment before (promotion and rollback).
  public var previous: ReleaseRef?
  /// What the environment can be rolled back to after this event.
  public var rollbackTarget: ReleaseRef?
  /// The first promotion's acknowledgment that there is nothing to roll back to.
  public var noRollbackTarget: Bool
  /// Gates that failed and were overridden (`window`, `freeze`).
  public var overrides: [String]
  public var reason: String?
  /// An approver's note.
  public var note: String?
  /// The id of the commit that records the event, once it is stored.
  public var id: String?

  public init(
    kind: Kind, environment: String, tag: String, commit: String, actor: CommitRecord.Person,
    time: Date, gates: [GateVerdict] = [], previous: ReleaseRef? = nil,
    rollbackTarget: ReleaseRef? = nil, noRollbackTarget: Bool = false, overrides: [String] = [],
    reason: String? = nil, note: String? = nil, id: String? = nil
  ) {
    self.kind = kind
    self.environment = environment
    self.tag = tag
    self.commit = commit
    self.actor = actor
    self.time = Date(timeIntervalSince1970: time.timeIntervalSince1970.rounded(.down))
    self.gates = gates
    self.previous = previous
    self.rollbackTarget = rollbackTarget
    self.noRollbackTarget = noRollbackTarget
    self.overrides = overrides
    self.reason = reason
    self.note = note
    self.id = id
  }

  public var release: ReleaseRef { ReleaseRef(tag: tag, commit: commit) }

  /// One line for people: `promotion of v1.3.0 to production by Ada Author`.
  public var summary: String {
    switch kind {
    case .promotion:
      var text = "promote \(tag) to \(environment)"
      if let previous { text += " (was \(previous.tag))" }
      if !overrides.isEmpty { text += ", overriding " + overrides.joined(separator: " and ") }
      return text
    case .approval: return "approve \(tag) for \(environment)"
    case .rollback:
      return "roll \(environment) back to \(tag)" + (previous.map { " (from \($0.tag))" } ?? "")
    case .hold: return "hold \(environment)"
    case .unhold: return "unhold \(environment)"
    case .block: return "block \(tag)"
    case .unblock: return "unblock \(tag)"
    }
  }
}

// MARK: - The commit message

extension EnvironmentEvent {
  /// The commit message that stores the event: a subject and a sentence for `git log`, then
  /// trailers that carry every field, one per line, so the message reads back exactly.
  public var message: String {
    var lines = [summary, ""]
    var sentence = "\(Self.flatten(actor.name)) <\(Self.flatten(actor.email))> at "
    sentence += Self.formatTime(time) + "."
    switch kind {
    case .promotion: lines.append("Promoted by " + sentence)
    case .approval: lines.append("Approved by " + sentence)
    case .rollback: lines.append("Rolled back by " + sentence)
    case .hold: lines.append("Held by " + sentence)
    case .unhold: lines.append("Released from hold by " + sentence)
    case .block: lines.append("Blocked by " + sentence)
    case .unblock: lines.append("Unblocked by " + sentence)
    }
    lines.append("")
    var trailers: [(String, String)] = [("Event", kind.rawValue), ("Environment", environment)]
    if kind.namesRelease { trailers += [("Release", tag), ("Commit", commit)] }
    trailers += [
      ("Actor", "\(actor.name) <\(actor.email)>"), ("Time", Self.formatTime(time)),
    ]
    if let previous { trailers.append(("Previous", "\(previous.tag) \(previous.commit)")) }
    if let rollbackTarget {
      trailers.append(("Rollback-Target", "\(rollbackTarget.tag) \(rollbackTarget.commit)"))
    } else if noRollbackTarget {
      trailers.append(("Rollback-Target", "none (acknowledged with --no-rollback-target)"))
    }
    for verdict in gates {
      trailers.append(("Gate", "\(verdict.gate) \(verdict.status.rawValue) \(verdict.detail)"))
    }
    if !overrides.isEmpty { trailers.append(("Override", overrides.joined(separator: ", "))) }
    if let reason { trailers.append(("Reason", reason)) }
    if let note { trailers.append(("Note", note)) }
    for (key, value) in trailers { lines.append("\(key): \(Self.flatten(value))") }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Reads an event back from its commit message; nil when the message is not one.
  public init?(message: String, id: String? = nil) {
    guard let fields = Self.trailerFields(of: message) else { return nil }
    func one(_ key: String) -> String? { fields.last { $0.0 == key }?.1 }
    guard let kindText = one("Event"), let kind = Kind(rawValue: kindText),
      let environment = one("Environment"),
      let tag = kind.namesRelease ? one("Release") : "",
      let commit = kind.namesRelease ? one("Commit") : "",
      let actorText = one("Actor"), let actor = Self.person(actorText),
      let timeText = one("Time"), let time = Self.parseTime(timeText)
    else { return nil }
    self.init(
      kind: kind, environment: environment, tag: tag, commit: commit, actor: actor, time: time,
      id: id)
    previous = one("Previous").flatMap(Self.releaseRef)
    if let target = one("Rollback-Target") {
      rollbackTarget = Self.releaseRef(target)
      noRollbackTarget = rollbackTarget == nil
    }
    gates = fields.filter { $0.0 == "Gate" }.compactMap { Self.verdict($0.1) }
    overrides =
      one("Override").map {
        $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      } ?? []
    reason = one("Reason")
    note = one("Note")
  }

  /// The `Key: value` lines of the last paragraph that is not blank (paragraphs end at an empty
  /// line); nil when every paragraph is blank. Read from the UTF-8 bytes: a trail reads one
  /// message for each of its events.
  static func trailerFields(of message: String) -> [(String, String)]? {
    // With a CR, "\r\n" is one Character, and the lines are not the bytes between LFs.
    let hasCR = message.utf8.withContiguousStorageIfAvailable { $0.contains(0x0D) } ?? true
    guard !hasCR else { return trailerFieldsByCharacter(of: message) }
    return message.utf8.withContiguousStorageIfAvailable { bytes -> [(String, String)]? in
      let utf8 = message.utf8
      func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
      // The paragraphs, as components(separatedBy: "\n\n") splits them.
      var paragraphs: [Range<Int>] = []
      var start = 0
      var offset = 0
      while offset < bytes.count {
        if bytes[offset] == 0x0A, offset + 1 < bytes.count, bytes[offset + 1] == 0x0A {
          paragraphs.append(start..<offset)
          offset += 2
          start = offset
        } else {
          offset += 1
        }
      }
      paragraphs.append(start..<bytes.count)
      guard
        let block = paragraphs.last(where: { range in
          !message[index(range.lowerBound)..<index(range.upperBound)].unicodeScalars
            .allSatisfy(CharacterSet.whitespacesAndNewlines.contains)
        })
      else { return nil }
      var fields: [(String, String)] = []
      var lineStart = block.lowerBound
      while lineStart < block.upperBound {
        var lineEnd = lineStart
        while lineEnd < block.upperBound, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        defer { lineStart = lineEnd + 1 }
        guard lineEnd > lineStart else { continue }
        let line = bytes[lineStart..<lineEnd]
        if line.allSatisfy({ $0 < 0x80 }) {
          // ASCII: every Character is one byte.
          guard let colon = line.firstIndex(of: 0x3A), colon + 1 < lineEnd,
            bytes[colon + 1] == 0x20
          else { continue }
          fields.append(
            (
              String(message[index(lineStart)..<index(colon)]),
              String(message[index(colon + 2)..<index(lineEnd)])
            ))
        } else if let field = trailerField(message[index(lineStart)..<index(lineEnd)]) {
          fields.append(field)
        }
      }
      return fields
    } ?? trailerFieldsByCharacter(of: message)
  }

  /// `trailerFields(of:)` by Characters: the reference, and the reading of messages with CRs.
  static func trailerFieldsByCharacter(of message: String) -> [(String, String)]? {
    let paragraphs = message.components(separatedBy: "\n\n")
    guard
      let block = paragraphs.last(where: {
        !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
      })
    else { return nil }
    return block.split(separator: "\n").compactMap(trailerField)
  }

  /// `Key: value`: the key before the first colon, the value after the space that follows it.
  private static func trailerField(_ line: Substring) -> (String, String)? {
    guard let colon = line.firstIndex(of: ":"), line[line.index(after: colon)...].hasPrefix(" ")
    else { return nil }
    return (String(line[..<colon]), String(line[line.index(colon, offsetBy: 2)...]))
  }

  /// Trailer values are one line each: line breaks a user typed become spaces.
  static func flatten(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ")
  }

  public static func formatTime(_ date: Date) -> String { InternetTime.format(date) }

  static func parseTime(_ text: String) -> Date? { InternetTime.parse(text) }

  static func person(_ text: String) -> CommitRecord.Person? {
    isASCII(text) ? personFromBytes(text) : personByCharacter(text)
  }

  /// `personByCharacter` for ASCII: CharacterSet.whitespaces holds two of its bytes, space and tab.
  static func personFromBytes(_ text: String) -> CommitRecord.Person? {
    let bytes = text.utf8
    guard let open = bytes.lastIndex(of: 0x3C), bytes.last == 0x3E else { return nil }
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    var nameEnd = open
    while nameEnd > bytes.startIndex, isSpace(bytes[bytes.index(before: nameEnd)]) {
      nameEnd = bytes.index(before: nameEnd)
    }
    var nameStart = bytes.startIndex
    while nameStart < nameEnd, isSpace(bytes[nameStart]) {
      nameStart = bytes.index(after: nameStart)
    }
    return CommitRecord.Person(
      name: String(text[nameStart..<nameEnd]),
      email: String(text[bytes.index(after: open)..<bytes.index(before: bytes.endIndex)]))
  }

  static func personByCharacter(_ text: String) -> CommitRecord.Person? {
    guard let open = text.lastIndex(of: "<"), text.hasSuffix(">") else { return nil }
    let name = text[..<open].trimmingCharacters(in: .whitespaces)
    let email = text[text.index(after: open)..<text.index(before: text.endIndex)]
    return CommitRecord.Person(name: name, email: String(email))
  }

  private static func releaseRef(_ text: String) -> ReleaseRef? {
    let parts = words(text)
    // 40 Characters: 40 bytes of ASCII, or more bytes that make 40.
    let length = parts.last?.utf8.count ?? 0
    guard parts.count == 2, length == 40 ? isASCII(parts[1]) : parts[1].count == 40 else {
      return nil
    }
    return ReleaseRef(tag: String(parts[0]), commit: String(parts[1]))
  }

  private static func verdict(_ text: String) -> GateVerdict? {
    let parts = words(text, maxSplits: 2)
    guard parts.count >= 2, let status = GateVerdict.Status(rawValue: String(parts[1])) else {
      return nil
    }
    return GateVerdict(
      gate: String(parts[0]), status: status, detail: parts.count > 2 ? String(parts[2]) : "")
  }

  /// `text.split(separator: " ", maxSplits:)`, from the UTF-8 bytes when `isASCII`.
  static func words(_ text: String, maxSplits: Int = .max) -> [Substring] {
    guard isASCII(text) else { return text.split(separator: " ", maxSplits: maxSplits) }
    return wordsFromBytes(text, maxSplits: maxSplits)
  }

  static func wordsFromBytes(_ text: String, maxSplits: Int = .max) -> [Substring] {
    let utf8 = text.utf8
    func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
    return utf8.withContiguousStorageIfAvailable { bytes in
      bytes.split(separator: 0x20, maxSplits: maxSplits).map {
        text[index($0.startIndex)..<index($0.endIndex)]
      }
    } ?? utf8.split(separator: 0x20, maxSplits: maxSplits).map { text[$0.startIndex..<$0.endIndex] }
  }

  /// ASCII without a CR: each Character is one byte (only CR LF makes one of two).
  static func isASCII(_ text: some StringProtocol) -> Bool {
    text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
  }
}
