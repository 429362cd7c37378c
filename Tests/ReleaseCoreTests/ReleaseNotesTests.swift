import Foundation
import ReleaseCore
import Testing

/// Commits made up in memory: ids are the message's position, padded to 40 hex digits.
private func commits(_ messages: [String], merges: Set<Int> = []) -> [CommitRecord] {
  // Newest first, as a walk gives them: the last message is the newest commit.
  messages.enumerated().map { index, message in
    CommitRecord(
      id: id(index), parents: merges.contains(index) ? [id(index + 100), id(index + 200)] : [],
      author: .init(name: "Author \(index % 2)", email: "a\(index % 2)@example.com"),
      authorDate: Date(timeIntervalSince1970: 1_700_000_000 + Double(index)), message: message)
  }.reversed()
}

private func id(_ index: Int) -> String {
  let hex = String(index, radix: 16)
  return String(repeating: "a", count: 40 - hex.count) + hex
}

private let release = ReleaseNotes.Release(
  version: "1.3.0", tag: "v1.3.0", previous: "1.2.0", previousTag: "v1.2.0",
  date: Date(timeIntervalSince1970: 1_700_000_000))

private func notes(
  _ messages: [String], merges: Set<Int> = [], includeHidden: Bool = false, forge: Forge? = nil,
  configuration: Configuration = .defaults
) -> ReleaseNotes {
  ReleaseNotes(
    release: release, commits: commits(messages, merges: merges), configuration: configuration,
    forge: forge, includeHidden: includeHidden)
}

@Suite("Release notes from commits")
struct ReleaseNotesTests {
  @Test func sectionsFollowTheConfiguredOrderAndTitles() {
    let result = notes(["fix: b", "perf: c", "feat: a", "revert: d", "docs: e"])
    #expect(result.sections.map(\.title) == ["Features", "Bug Fixes", "Performance", "Reverts"])
    #expect(result.sections.map { $0.entries.map(\.description) } == [["a"], ["b"], ["c"], ["d"]])
  }

  @Test func hiddenTypesAndOtherCommitsShowOnlyWhenAsked() {
    let messages = ["docs: guide", "chore: tidy", "Update README", "feat: a", "wip: thing"]
    #expect(notes(messages).sections.map(\.type) == ["feat"])
    let all = notes(messages, includeHidden: true)
    #expect(all.sections.map(\.type) == ["feat", "docs", "chore", "wip", "other"])
    #expect(all.sections.last?.title == "Other Changes")
  }

  @Test func entriesAreOldestFirstWithScopeAuthorAndFullHash() {
    let result = notes(["feat(api): first", "feat: second"])
    let entries = result.sections[0].entries
    #expect(entries.map(\.description) == ["first", "second"])
    #expect(entries[0].scope == "api")
    #expect(entries[0].hash == id(0))
    #expect(entries[0].shortHash == String(id(0).prefix(7)))
    #expect(entries[0].author == "Author 0")
  }

  @Test func configuredTitleAndOrderApply() throws {
    let configuration = try Configuration(
      file: ".gitrelease",
      entries: [
        .init(name: "type.perf.title", value: "Speed"),
        .init(name: "type.docs.hidden", value: "false"),
      ], text: "")
    let result = notes(["perf: x", "docs: y"], configuration: configuration)
    #expect(result.sections.map(\.title) == ["Speed", "Documentation"])
  }

  @Test func breakingChangesCarryTheFooterText() {
    let result = notes([
      "feat(config)!: new format\n\nBREAKING CHANGE: the v1 format is gone.\n"
        + "Convert with `migrate`.",
      "refactor!: rename the module",
      "fix: not breaking",
    ])
    #expect(
      result.breaking.map(\.description) == [
        "the v1 format is gone.\nConvert with `migrate`.", "rename the module",
      ])
    #expect(result.breaking[0].scope == "config")
    #expect(result.breaking[0].summary == "new format")
    // A hidden type's breaking change is still listed; the type's section is not.
    #expect(result.sections.map(\.type) == ["feat", "fix"])
    #expect(result.sections[0].entries[0].breaking)
  }

  @Test func mergeCommitsAreLeftOut() {
    let result = notes(["feat: a", "Merge branch 'x'", "feat: b"], merges: [1])
    #expect(result.sections[0].entries.map(\.description) == ["a", "b"])
    #expect(result.commitCount == 2)
  }

  @Test func aCommitRevertedInTheRangeShowsNowhere() {
    let result = notes([
      "feat: kept", "feat: dropped", "Revert \"feat: dropped\"\n\nThis reverts commit \(id(1)).",
    ])
    #expect(result.sections.map(\.type) == ["feat"])
    #expect(result.sections[0].entries.map(\.description) == ["kept"])
  }

  @Test func conventionalRevertWithRefsFooterCancelsToo() {
    let result = notes(["feat: dropped", "revert: let us not\n\nRefs: \(id(0).prefix(8))"])
    #expect(result.sections.isEmpty)
    #expect(result.isEmpty)
  }

  @Test func aRevertOfARevertBringsTheOriginalBack() {
    let result = notes([
      "feat: back again", "Revert \"feat: back again\"\n\nThis reverts commit \(id(0)).",
      "Revert \"Revert \"feat: back again\"\"\n\nThis reverts commit \(id(1)).",
    ])
    #expect(result.sections.map { $0.entries.map(\.description) } == [["back again"]])
  }

  @Test func aSecondRevertOfTheSameCommitGoesToo() {
    let result = notes([
      "fix: kept", "feat: dropped", "Revert \"feat: dropped\"\n\nThis reverts commit \(id(1)).",
      "Revert \"feat: dropped\"\n\nThis reverts commit \(id(1)).",
    ])
    #expect(result.sections.map { $0.entries.map(\.description) } == [["kept"]])
  }

  @Test func aRevertOfAHiddenChangeIsHiddenToo() {
    let result = notes(["Revert \"docs: old\"\n\nThis reverts commit \(id(999))."])
    #expect(result.sections.isEmpty)
  }

  @Test func aRevertOfAnEarlierReleaseIsListedUnderReverts() {
    let result = notes(["Revert \"feat: old\"\n\nThis reverts commit \(id(999))."])
    #expect(result.sections.map(\.title) == ["Reverts"])
    #expect(result.sections[0].entries[0].description == "feat: old")
  }

  @Test func referencesFromDescriptionAndFooters() {
    let forge = Forge(kind: .github, url: "https://github.com/acme/rocket")
    let result = notes(
      ["fix: crash with C#1 after #5 (#12)\n\nCloses #7\nRefs: acme/fuel#3, #8"], forge: forge)
    let entry = result.sections[0].entries[0]
    #expect(entry.description == "crash with C#1 after #5")
    #expect(entry.references.map(\.id) == ["#12", "#5", "#7", "acme/fuel#3", "#8"])
    #expect(entry.references.map(\.kind) == [.mention, .mention, .closes, .refs, .refs])
    #expect(entry.references[3].url == "https://github.com/acme/fuel/issues/3")
    #expect(entry.url == "https://github.com/acme/rocket/commit/\(id(0))")
    #expect(result.compareURL == "https://github.com/acme/rocket/compare/v1.2.0...v1.3.0")
  }

  @Test func noForgeNoLinks() {
    let result = notes(["fix: a (#1)"])
    #expect(result.compareURL == nil)
    #expect(result.repositoryURL == nil)
    #expect(result.sections[0].entries[0].url == nil)
    #expect(result.sections[0].entries[0].references[0].url == nil)
  }

  @Test func contributorsIncludeCoAuthorsOnce() {
    let result = notes([
      "feat: a\n\nCo-authored-by: Zoe Pair <zoe@example.com>", "fix: b", "docs: c",
    ])
    #expect(result.contributors.map(\.name) == ["Author 0", "Author 1", "Zoe Pair"])
    #expect(result.contributors.map(\.commits) == [2, 1, 1])
  }

  @Test(arguments: ["", "\n\n", "   "])
  func emptyMessagesDoNotBreakAnything(_ message: String) {
    let result = notes([message], includeHidden: true)
    #expect(result.sections.first?.entries.first?.description == "(no message)")
  }

  @Test func hugeDescriptionsAreCutAtAWord() {
    let long = Array(repeating: "word", count: 500).joined(separator: " ")
    let result = notes(["feat: " + long + "\n\nBREAKING CHANGE: " + long + "\n" + long])
    let description = result.sections[0].entries[0].description
    #expect(description.count <= NotesText.lineLimit + 2)
    #expect(description.hasSuffix(" …"))
    #expect(result.breaking[0].description.count <= NotesText.blockLimit + 2)
  }

  @Test func controlCharactersAndBidiOverridesAreRemoved() {
    let result = notes(["fix: a\u{1B}[31mred\u{202E}txt\u{0}"])
    #expect(result.sections[0].entries[0].description == "a [31mred txt")
  }

  @Test func codableRoundTripKeepsNulls() throws {
    let data = try JSONEncoder().encode(notes(["feat: a"]))
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"scope\":null"))
    #expect(try JSONDecoder().decode(ReleaseNotes.self, from: data) == notes(["feat: a"]))
  }
}

@Suite("Assigning commits to releases in one walk")
struct ReleaseAssignmentTests {
  /// A history as (id, parents), children first; tags by commit.
  @Test func eachCommitGoesToTheFirstReleaseThatContainsIt() {
    // main: a - b(v1.0.0) - c - m(merge of f) - d(v1.1.0) - e ; maintenance: b - f(v1.0.1)
    let history: [(String, [String])] = [
      ("e", ["d"]), ("d", ["m"]), ("m", ["c", "f"]), ("f", ["b"]), ("c", ["b"]), ("b", ["a"]),
      ("a", []),
    ]
    let position = Dictionary(uniqueKeysWithValues: history.enumerated().map { ($1.0, $0) })
    let releases = ["b", "f", "d"]  // 1.0.0, 1.0.1, 1.1.0
    var assignment = ReleaseAssignment(
      count: history.count,
      tagged: releases.enumerated().map { ($0, position[$1]!) })
    assignment.assign(order: Array(history.indices)) { index in
      history[index].1.map { Int32(position[$0]!) }
    }
    let result = Dictionary(
      uniqueKeysWithValues: history.map { ($0.0, assignment.release(at: position[$0.0]!)) })
    #expect(result == ["e": nil, "d": 2, "m": 2, "f": 1, "c": 2, "b": 0, "a": 0])
  }

  @Test func aCommitTaggedTwiceGoesToTheEarlierRelease() {
    var assignment = ReleaseAssignment(count: 2, tagged: [(1, 0), (0, 0)])
    assignment.assign(order: [0, 1]) { $0 == 0 ? [1] : [] }
    #expect(assignment.release(at: 0) == 0)
    #expect(assignment.release(at: 1) == 0)
  }

  @Test func preReleasesFoldIntoTheirFinalRelease() {
    func tag(_ name: String) -> ReleaseTag {
      ReleaseTag(
        name: name, version: SemanticVersion(name.dropFirst())!, commit: name, isAnnotated: false)
    }
    let tags = ["v1.1.0", "v1.1.0-rc.1", "v1.0.0", "v1.2.0-rc.1"].map(tag)
    #expect(ReleaseTag.changelogReleases(tags).map(\.name) == ["v1.0.0", "v1.1.0", "v1.2.0-rc.1"])
  }

  @Test func releasesAreOrderedByVersionThenName() {
    let names = [
      "v2.0.0-rc.10", "v1.10.0", "v2.0.0-rc.2", "x2.0.0-rc.2", "v2.0.0-beta", "v1.9.9",
      "v0.0.1", "v2.0.0-rc.2+b.1", "v10.0.0-alpha", "v1.2.3+z", "v1.2.3+a", "a1.2.3+a",
    ]
    let tags = names.map {
      ReleaseTag(
        name: $0, version: SemanticVersion($0.dropFirst())!, commit: $0, isAnnotated: false)
    }
    // The order a whole comparison of versions, then names, gives.
    let expected = tags.sorted {
      $0.version != $1.version ? $0.version < $1.version : $0.name < $1.name
    }
    #expect(ReleaseTag.changelogReleases(tags).map(\.name) == expected.map(\.name))
  }
}

@Suite("Adding releases to an existing changelog")
struct ChangelogDocumentTests {
  let existing = """
    # Changelog

    Our own words, kept as they are.

    ## [1.2.0](https://x/compare/v1.1.0...v1.2.0) - 2024-02-01

    - hand-edited line

    ## v1.0.0 (2024-01-01)

    - first

    """

  @Test func findsTheVersionsOfHeadings() {
    #expect(
      ChangelogDocument(text: existing).versions == [
        SemanticVersion(1, 2, 0), SemanticVersion(1, 0, 0),
      ])
  }

  @Test func insertsEachReleaseInItsPlaceAndKeepsEverythingElse() {
    var document = ChangelogDocument(text: existing)
    document.insert("## [1.3.0] - 2024-03-01\n\n- new\n", version: SemanticVersion(1, 3, 0))
    document.insert("## [1.1.0] - 2024-01-15\n\n- middle\n", version: SemanticVersion(1, 1, 0))
    document.insert("## [0.9.0] - 2023-12-01\n\n- oldest\n", version: SemanticVersion(0, 9, 0))
    #expect(
      document.text == """
        # Changelog

        Our own words, kept as they are.

        ## [1.3.0] - 2024-03-01

        - new

        ## [1.2.0](https://x/compare/v1.1.0...v1.2.0) - 2024-02-01

        - hand-edited line

        ## [1.1.0] - 2024-01-15

        - middle

        ## v1.0.0 (2024-01-01)

        - first

        ## [0.9.0] - 2023-12-01

        - oldest

        """)
  }

  @Test func headingsInsideCodeFencesAreNotReleases() {
    let text = "# Changelog\n\n```\n## 9.9.9\n```\n"
    #expect(ChangelogDocument(text: text).versions.isEmpty)
  }
}

@Suite("Release dates")
struct ReleaseDayTests {
  /// The day as Foundation's Gregorian calendar in UTC tells it.
  func calendarDay(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    let (year, month, day) = (parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
  }

  @Test func countingDaysAgreesWithTheCalendar() {
    // Every 7 days and 13 hours from 1970 to 2200 and around the edges of the counted range,
    // plus the last second of some leap days and century years.
    var seconds: [TimeInterval] = [
      0, 86_399, 86_400, 253_402_300_799, 253_402_300_800, -1, -86_401,
    ]
    var next: TimeInterval = 0
    while next < 7_258_118_400 {
      seconds.append(next)
      next += 7 * 86_400 + 13 * 3_600
    }
    for text in ["2000-02-29", "2000-03-01", "2100-02-28", "2100-03-01", "2024-12-31"] {
      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = [.withFullDate]
      if let date = formatter.date(from: text) {
        seconds += [date.timeIntervalSince1970, date.timeIntervalSince1970 + 86_399]
      }
    }
    for value in seconds {
      let date = Date(timeIntervalSince1970: value)
      #expect(ReleaseNotes.day(date) == calendarDay(date), "at \(value)")
    }
  }
}
