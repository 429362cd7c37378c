import Foundation
import ReleaseCore
import Testing

/// Tags written `name@commit`, the version read from the name (prefix `v`).
private func releaseTags(_ specs: [String]) -> [ReleaseTag] {
  specs.map { spec in
    let parts = spec.split(separator: "@").map(String.init)
    return ReleaseTag(
      name: parts[0], version: SemanticVersion(String(parts[0].dropFirst()))!,
      commit: parts.count > 1 ? parts[1] : "c-" + parts[0], isAnnotated: true)
  }
}

private func version(_ text: String) -> SemanticVersion { SemanticVersion(text)! }

@Suite("Release tags: ranking and the highest reachable release")
struct ReachableReleaseTests {
  /// The fast ranking gives what a stable sort by version, highest first, gives.
  @Test(arguments: [
    ["v1.0.0", "v2.0.0", "v1.10.0", "v1.2.0"],
    ["v1.0.0-rc.1", "v1.0.0", "v1.0.0-beta", "v0.9.9", "v1.0.0-rc.2"],
    ["v1.0.0+b", "v1.0.0+a", "v1.0.0", "v1.0.0-rc.1+x"],
    ["v3.0.0", "v3.0.0", "v2.9.9-alpha.10", "v2.9.9-alpha.9"],
    [],
  ])
  func rankingIsAStableSortByVersion(names: [String]) {
    let tags = releaseTags(names.enumerated().map { "\($1)@c\($0)" })
    let slow = tags.enumerated().sorted { a, b in
      a.element.version != b.element.version
        ? a.element.version > b.element.version : a.offset < b.offset
    }.map(\.element)
    #expect(ReleaseTag.highestFirst(tags) == slow)
  }

  /// A walk meets commits in order; tags sit on commits. The answer is the highest tag met, and
  /// the walk stops as soon as no tag left unmet could outrank it.
  @Test(arguments: [
    // Linear history, newest first: the first release met outranks everything older.
    (["v1.0.0@a", "v1.1.0@b", "v1.2.0@c"], ["c", "b", "a"], "v1.2.0", 1),
    // A higher release on another branch: never met, so the walk reads everything.
    (["v1.0.0@a", "v2.0.0@x"], ["c", "b", "a"], "v1.0.0", 3),
    // A higher release met later in the walk (a merged maintenance branch) wins.
    (["v1.0.0@a", "v1.1.0@b"], ["c", "a", "b"], "v1.1.0", 3),
    // Pre-releases rank below their release.
    (["v1.0.0-rc.1@c", "v1.0.0@b"], ["c", "b", "a"], "v1.0.0", 2),
    // Two tags on one commit: the higher.
    (["v1.0.0@a", "v1.0.1@a"], ["b", "a"], "v1.0.1", 2),
    // No tag reachable.
    (["v1.0.0@x"], ["c", "b", "a"], nil, 3),
    ([], ["c", "b", "a"], nil, 0),
  ] as [([String], [String], String?, Int)])
  func highestReachable(tagged: [String], walk: [String], expected: String?, reads: Int) {
    var read = 0
    let counted = walk.lazy.map { commit -> String in
      read += 1
      return commit
    }
    let tags = releaseTags(tagged)
    let best = ReleaseTag.highestReachable(tags, walk: counted)
    #expect(best?.name == expected)
    #expect(read == reads)
    // The slow path: every commit of the walk, and the highest tag on any of them.
    let reachable = Set(walk)
    let slow = tags.filter { reachable.contains($0.commit) }.max { $0.version < $1.version }
    #expect(best == slow)
  }

  /// A search by the caller's own commit names (here integers) gives what one by hex ids does.
  @Test func commitsNamedByTheCaller() {
    let tags = releaseTags(["v1.0.0@1", "v1.1.0@2", "v0.9.0@3"])
    var search = HighestReachableRelease(tags) { Int($0.commit) }
    let settledAtThree = search.meet(3)
    #expect(!settledAtThree)
    #expect(!search.isSettled)
    #expect(search.best?.name == "v0.9.0")
    let settledAtTwo = search.meet(2)
    #expect(settledAtTwo)
    #expect(search.best?.name == "v1.1.0")
  }

  /// Which tags can be the release before a version (`nil`: the unreleased commits).
  @Test(arguments: [
    (nil, ["v1.0.0", "v1.1.0-rc.1", "v0.9.0"], ["v1.0.0", "v0.9.0"]),
    ("1.1.0", ["v1.0.0", "v1.1.0-rc.1", "v1.1.0", "v1.2.0"], ["v1.0.0"]),
    ("1.1.0-rc.2", ["v1.0.0", "v1.1.0-rc.1", "v1.1.0-rc.2", "v1.1.0"], ["v1.0.0", "v1.1.0-rc.1"]),
    ("1.0.0", ["v1.0.0", "v2.0.0"], []),
  ] as [(String?, [String], [String])])
  func candidatesBefore(bound: String?, names: [String], expected: [String]) {
    let found = ReleaseTag.candidates(before: bound.map(version), among: releaseTags(names))
    #expect(found.map(\.name) == expected)
  }

  /// Which releases a new release tag must not have in its history.
  @Test(arguments: [
    ("v1.1.0", ["v1.0.0", "v1.1.0", "v1.1.0+b", "v1.2.0", "v1.1.0-rc.1"], ["v1.1.0+b", "v1.2.0"]),
    ("v2.0.0-rc.1", ["v1.9.0", "v2.0.0-beta", "v2.0.0-rc.1", "v2.0.0"], ["v2.0.0"]),
    ("v0.1.0", [], []),
  ])
  func candidatesAtLeast(name: String, names: [String], expected: [String]) {
    let found = ReleaseTag.candidates(
      atLeast: version(String(name.dropFirst())), otherThan: name, among: releaseTags(names))
    #expect(found.map(\.name) == expected)
  }

  /// Releases on commits, earliest first: which a changelog shows.
  @Test(arguments: [
    (["a", "b", "c"], [0, 1, 2]),
    // Of several releases on one commit, the earliest takes its commits alone.
    (["a", "a", "b"], [0, 2]),
    (["a", "b", "a", "b"], [0, 1]),
    // A release whose commit is not in the history is left out.
    (["a", nil, "c"], [0, 2]),
    ([nil, nil], []),
  ] as [([String?], [Int])])
  func shownReleases(commits: [String?], expected: [Int]) {
    #expect(ReleaseAssignment.shownReleases(onCommits: commits) == expected)
  }
}

@Suite("Rollback: choosing the release to return to")
struct RollbackTargetTests {
  static let ada = CommitRecord.Person(name: "Ada", email: "ada@example.com")

  /// A trail of promotions (`v1.0.0`) and rollbacks (`<v1.0.0`), oldest first.
  static func state(_ trail: [String]) -> EnvironmentState {
    var current: ReleaseRef?
    let events = trail.enumerated().map { index, step in
      let rollback = step.hasPrefix("<")
      let tag = rollback ? String(step.dropFirst()) : step
      let event = EnvironmentEvent(
        kind: rollback ? .rollback : .promotion, environment: "production", tag: tag,
        commit: "commit-" + tag, actor: ada, time: Date(timeIntervalSince1970: Double(index) * 60),
        previous: current)
      current = ReleaseRef(tag: tag, commit: "commit-" + tag)
      return event
    }
    return EnvironmentState(name: "production", events: events)
  }

  /// The stack walked from the top, as the store walks it; counts the entries below the top
  /// that were visited.
  static func choose(_ state: EnvironmentState, _ tag: String?, read: inout Int) -> Result<
    (String, Int), RollbackTarget.Refusal
  > {
    var visited = 0
    defer { read = visited }
    do {
      let (target, level) = try RollbackTarget.choose(in: state, named: tag) { visit in
        var level = 0
        while let entry = state.entry(level) {
          if level > 0 { visited += 1 }
          guard try visit(level, entry) else { return }
          level += 1
        }
      }
      return .success((target.tag, level))
    } catch let refusal as RollbackTarget.Refusal {
      return .failure(refusal)
    } catch {
      Issue.record("unexpected \(error)")
      return .failure(.runsAlready(environment: "", tag: ""))
    }
  }

  @Test(arguments: [
    // Without a name: the release below the current one.
    (["v1", "v2", "v3"], nil, "v2", 1, 0),
    // Named: found as far down as it is, reading no further.
    (["v1", "v2", "v3"], "v1", "v1", 2, 2),
    (["v1", "v2", "v3", "v4"], "v3", "v3", 1, 1),
    // After a rollback the stack is what ran before the release rolled back from.
    (["v1", "v2", "v3", "<v2"], nil, "v1", 1, 0),
  ] as [([String], String?, String, Int, Int)])
  func targets(trail: [String], named: String?, expected: String, level: Int, reads: Int) throws {
    var read = 0
    let result = Self.choose(Self.state(trail), named, read: &read)
    let (tag, found) = try result.get()
    #expect(tag == expected)
    #expect(found == level)
    #expect(read == reads)
  }

  @Test(arguments: [
    (["v1"], nil, RollbackTarget.Refusal.nothingBefore(environment: "production", current: "v1")),
    ([], nil, .nothingBefore(environment: "production", current: nil)),
    (["v1", "v2"], "v2", .runsAlready(environment: "production", tag: "v2")),
    (["v1", "v2", "v3", "<v2"], "v3", .noLongerOnStack(environment: "production", tag: "v3")),
    (["v1", "v2"], "v9", .neverRan(environment: "production", tag: "v9", earlier: ["v1"])),
  ] as [([String], String?, RollbackTarget.Refusal)])
  func refusals(trail: [String], named: String?, expected: RollbackTarget.Refusal) {
    var read = 0
    let result = Self.choose(Self.state(trail), named, read: &read)
    guard case .failure(let refusal) = result else {
      Issue.record("expected \(expected), got \(result)")
      return
    }
    #expect(refusal == expected)
  }

  @Test(arguments: [
    (0, "nothing"), (3, "v1, v2, v3"), (10, "v1, v2, v3, v4, v5, v6, v7, v8, v9, v10"),
    (11, "v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, ..."),
  ])
  func neverRanNamesAtMostTen(count: Int, listed: String) {
    let refusal = RollbackTarget.Refusal.neverRan(
      environment: "prod", tag: "v0", earlier: (0..<count).map { "v\($0 + 1)" })
    #expect(refusal.description == "v0 never ran in prod; it can be rolled back to " + listed)
  }

  @Test(arguments: [
    (nil as String?, false, "v1 was deleted since; rolling back to its recorded commit commit-"),
    ("elsewhere", true, "v1 moved since; rolling back to its recorded commit commit-"),
    ("commit-v1", true, "v1 at commit-"),
  ])
  func verdicts(tagCommit: String?, exists: Bool, detail: String) {
    let target = Deployment(
      release: ReleaseRef(tag: "v1", commit: "commit-v1"), since: Date(), by: Self.ada,
      cause: .promotion)
    let facts = exists ? TagFacts(name: "v1", commit: tagCommit, isReleaseTag: true) : nil
    let verdict = RollbackTarget.verdict(target, facts: facts)
    #expect(verdict.status == .pass)
    #expect(verdict.detail == detail)
  }
}
