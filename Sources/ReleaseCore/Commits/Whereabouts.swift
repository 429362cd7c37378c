import Foundation

/// `(cherry picked from commit <id>)`, the line `git cherry-pick -x` adds.
public enum CherryPick {
  /// The ids (full or abbreviated, lower case) a message says it was cherry-picked from.
  public static func sourceIDs(in message: String) -> [String] {
    let marker = "(cherry picked from commit "
    guard message.contains(marker) else { return [] }
    var ids: [String] = []
    for line in message.split(separator: "\n") {
      guard let range = line.range(of: marker) else { continue }
      let hex = line[range.upperBound...].prefix { $0.isHexDigit }
      if hex.count >= 7 { ids.append(hex.lowercased()) }
    }
    return ids
  }

  /// Whether `message` says it was cherry-picked from the commit `id` (a full id).
  public static func names(_ id: String, in message: String) -> Bool {
    sourceIDs(in: message).contains { id.hasPrefix($0) }
  }
}

extension CommitRecord {
  /// Whether the message names issue or pull request `#number` of this repository, in its
  /// description, body or footers.
  public func mentions(issue number: Int) -> Bool {
    IssueReferences.mentions(in: message).contains { $0.0 == number && $0.1 == nil }
  }
}

/// The answer of `git release where`: which releases have a change, directly or as a
/// cherry-pick, and which environments run it.
public struct Whereabouts: Codable, Sendable, Equatable {
  /// How a copy of the change was found.
  public enum Evidence: String, Codable, Sendable {
    /// The copy's message has `(cherry picked from commit <id>)`.
    case trailer
    /// The copy changes the same lines (`git patch-id --stable`).
    case patchID = "patch-id"
  }

  public struct Copy: Codable, Sendable, Equatable {
    public let commit: String
    public let summary: String
    public let foundBy: Evidence
    /// Release tags that contain the copy, lowest version first.
    public let releases: [String]

    public init(commit: String, summary: String, foundBy: Evidence, releases: [String]) {
      self.commit = commit
      self.summary = summary
      self.foundBy = foundBy
      self.releases = releases
    }
  }

  public struct Running: Codable, Sendable, Equatable {
    public let environment: String
    /// The release that runs there now.
    public let release: String
    /// The commit of the change it carries: the one asked about, or a copy.
    public let via: String
    /// Since when the release that carries it runs there.
    public let since: Date

    public init(environment: String, release: String, via: String, since: Date) {
      self.environment = environment
      self.release = release
      self.via = via
      self.since = since
    }
  }

  public let commit: String
  public let summary: String
  /// True when the summary is a correction (`git release amend`).
  public let corrected: Bool
  /// Release tags that contain the commit, lowest version first.
  public let releases: [String]
  public let cherryPicks: [Copy]
  public let environments: [Running]

  public init(
    commit: String, summary: String, corrected: Bool, releases: [String], cherryPicks: [Copy],
    environments: [Running]
  ) {
    self.commit = commit
    self.summary = summary
    self.corrected = corrected
    self.releases = releases
    self.cherryPicks = cherryPicks
    self.environments = environments
  }
}
