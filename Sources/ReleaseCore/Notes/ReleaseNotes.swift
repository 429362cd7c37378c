import Foundation

/// The release notes of one release (or of the unreleased work): the model every template sees and
/// `--format json` prints. Optional values are written as `null`, never left out, so a template's
/// `{{#url}}` cannot pick up a value of the same name from an outer scope.
public struct ReleaseNotes: Hashable, Sendable, Codable {
  /// The version without prefix (`1.3.0`); for unreleased work the version it will be released
  /// as, or `Unreleased` when there is nothing to release.
  public var version: String
  /// The release tag (`v1.3.0`), for unreleased work the tag it will get; nil when none.
  @NullEncoded public var tag: String?
  /// The version of the release before (`1.2.0`); nil for the first release.
  @NullEncoded public var previous: String?
  @NullEncoded public var previousTag: String?
  /// The release day as `YYYY-MM-DD` (UTC).
  public var date: String
  /// True when the commits are not tagged yet.
  public var unreleased: Bool
  /// A link comparing the previous release with this one; nil without forge or previous release.
  @NullEncoded public var compareURL: String?
  /// The repository's web address; nil without a recognised remote.
  @NullEncoded public var repositoryURL: String?
  /// One section per type with entries, in the configured order.
  public var sections: [Section]
  /// Every breaking change, one per `BREAKING CHANGE` footer (or per `!` header without one).
  public var breaking: [BreakingChange]
  public var contributors: [Contributor]
  /// True when there is nothing to show: no section and no breaking change.
  public var isEmpty: Bool
  /// Commits in the range after merges and cancelled reverts are set aside, shown or not.
  public var commitCount: Int

  public init(
    version: String, tag: String?, previous: String?, previousTag: String?, date: String,
    unreleased: Bool, compareURL: String?, repositoryURL: String?, sections: [Section],
    breaking: [BreakingChange], contributors: [Contributor], commitCount: Int
  ) {
    self.version = version
    self.tag = tag
    self.previous = previous
    self.previousTag = previousTag
    self.date = date
    self.unreleased = unreleased
    self.compareURL = compareURL
    self.repositoryURL = repositoryURL
    self.sections = sections
    self.breaking = breaking
    self.contributors = contributors
    self.isEmpty = sections.isEmpty && breaking.isEmpty
    self.commitCount = commitCount
  }

  enum CodingKeys: String, CodingKey {
    case version, tag, previous, previousTag, date, unreleased, compareURL, repositoryURL, sections
    case breaking, contributors, isEmpty, commitCount
  }

  /// The entries of one commit type.
  public struct Section: Hashable, Sendable, Codable {
    /// The commit type (`feat`); `other` for commits that are not Conventional Commits.
    public var type: String
    public var title: String
    public var entries: [Entry]

    public init(type: String, title: String, entries: [Entry]) {
      self.type = type
      self.title = title
      self.entries = entries
    }
  }

  /// One commit.
  public struct Entry: Hashable, Sendable, Codable {
    /// The full commit id.
    public var hash: String
    /// The first 7 characters of `hash`.
    public var shortHash: String
    public var type: String
    @NullEncoded public var scope: String?
    /// The header's description, one line, cut to a readable length.
    public var description: String
    public var breaking: Bool
    /// The author's name.
    public var author: String
    public var authorEmail: String
    /// Issues and pull requests the commit names, in the description or in its footers.
    public var references: [Reference]
    /// The commit's web page; nil without a forge.
    @NullEncoded public var url: String?
    /// True when the entry comes from a corrected message (`git release amend`).
    public var corrected: Bool

    public init(
      hash: String, type: String, scope: String?, description: String, breaking: Bool,
      author: String, authorEmail: String, references: [Reference], url: String?,
      corrected: Bool = false
    ) {
      self.corrected = corrected
      self.hash = hash
      self.shortHash = String(hash.prefix(7))
      self.type = type
      self.scope = scope
      self.description = description
      self.breaking = breaking
      self.author = author
      self.authorEmail = authorEmail
      self.references = references
      self.url = url
    }

    enum CodingKeys: String, CodingKey {
      case hash, shortHash, type, scope, description, breaking, author, authorEmail, references, url
      case corrected
    }

  }

  /// An issue or pull request named by a commit: `#123` in its description, `Closes #123` or
  /// `Refs: #45` in its footers, `owner/name#7` for another repository.
  public struct Reference: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
      /// A footer that closes it: Closes, Fixes, Resolves.
      case closes
      /// A footer that refers to it: Refs, References, See, Related.
      case refs
      /// Named in the description.
      case mention
    }

    /// As written for people: `#123` or `owner/name#7`.
    public var id: String
    public var number: Int
    /// `owner/name` when the reference names another repository.
    @NullEncoded public var repository: String?
    public var kind: Kind
    /// The web page; nil without a forge.
    @NullEncoded public var url: String?

    public init(number: Int, repository: String?, kind: Kind, url: String?) {
      self.id = (repository ?? "") + "#\(number)"
      self.number = number
      self.repository = repository
      self.kind = kind
      self.url = url
    }

    enum CodingKeys: String, CodingKey { case id, number, repository, kind, url }

  }

  /// A breaking change: what breaks, in the words of its `BREAKING CHANGE` footer.
  public struct BreakingChange: Hashable, Sendable, Codable {
    public var hash: String
    public var shortHash: String
    public var type: String
    @NullEncoded public var scope: String?
    /// The footer's text (paragraphs kept), or the header's description when only `!` marks it.
    public var description: String
    /// The header's description of the commit that breaks.
    public var summary: String
    @NullEncoded public var url: String?

    public init(
      hash: String, type: String, scope: String?, description: String, summary: String,
      url: String?
    ) {
      self.hash = hash
      self.shortHash = String(hash.prefix(7))
      self.type = type
      self.scope = scope
      self.description = description
      self.summary = summary
      self.url = url
    }

    enum CodingKeys: String, CodingKey {
      case hash, shortHash, type, scope, description, summary, url
    }

  }

  /// Someone who wrote or co-wrote (`Co-authored-by:`) a commit of the release.
  public struct Contributor: Hashable, Sendable, Codable {
    public var name: String
    public var email: String
    public var commits: Int

    public init(name: String, email: String, commits: Int) {
      self.name = name
      self.email = email
      self.commits = commits
    }
  }
}

/// A whole changelog: releases newest first. `header` is false when only release sections are
/// wanted, as when they are added to an existing file.
public struct ChangelogModel: Hashable, Sendable, Codable {
  public var header: Bool
  @NullEncoded public var repositoryURL: String?
  public var releases: [ReleaseNotes]

  public init(header: Bool, repositoryURL: String?, releases: [ReleaseNotes]) {
    self.header = header
    self.repositoryURL = repositoryURL
    self.releases = releases
  }

  enum CodingKeys: String, CodingKey { case header, repositoryURL, releases }

}
