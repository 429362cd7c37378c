import Foundation
import Testing

@testable import ReleaseCore

/// The rules of `git release next`, as tables over plain commits and tags.
@Suite("Release planning")
struct ReleasePlannerTests {
  /// Builds a range of commits, newest first as a topological walk gives them; ids are made from
  /// the position so that reverts can name them.
  static func commits(_ messages: [String]) -> [CommitRecord] {
    messages.enumerated().map { index, message in
      CommitRecord(
        id: id(index), parents: [id(index + 1)],
        author: .init(name: "Ada", email: "ada@example.com"),
        authorDate: Date(timeIntervalSince1970: 1_700_000_000), message: message)
    }
  }

  static func id(_ index: Int) -> String {
    let hex = String(index, radix: 16)
    return String(repeating: "a", count: 40 - hex.count) + hex
  }

  static func tag(_ name: String) -> ReleaseTag {
    ReleaseTag(
      name: name, version: TagNamespace(prefix: "v").version(ofTag: name)!,
      commit: String(repeating: "c", count: 40), isAnnotated: true)
  }

  static let planner = ReleasePlanner(namespace: TagNamespace(prefix: "v"))

  static func next(
    _ current: String?, _ messages: [String], pre: String? = nil, existing: [String] = [],
    planner: ReleasePlanner = planner
  ) throws -> String? {
    let current = current.map(tag)
    let existing = (existing + (current.map { [$0.name] } ?? [])).map { tag($0).version }
    return try planner.plan(
      current: current, commits: commits(messages), existingVersions: existing, preRelease: pre
    ).tag
  }

  /// The Conventional Commits summary: fix -> PATCH, feat -> MINOR, breaking -> MAJOR, other
  /// types no release; perf is a patch by this tool's defaults.
  @Test(arguments: [
    (["fix: a"], "v1.2.4"), (["feat: a"], "v1.3.0"), (["perf: a"], "v1.2.4"),
    (["feat!: a"], "v2.0.0"), (["docs: a\n\nBREAKING CHANGE: b"], "v2.0.0"),
    (["fix: a", "feat: b", "chore: c"], "v1.3.0"), (["chore!: drop Node 6"], "v2.0.0"),
    (["docs: a", "style: b", "test: c", "ci: d", "build: e", "refactor: f"], nil),
    (["not conventional at all"], nil), (["feet: typo type"], nil),
  ])
  func bumpsFromCommitTypes(_ messages: [String], _ expected: String?) throws {
    #expect(try Self.next("v1.2.3", messages) == expected)
  }

  /// Below 1.0.0 a breaking change bumps minor unless majorOnZero is set.
  @Test(arguments: [
    (false, "feat!: a", "v0.10.0"), (true, "feat!: a", "v1.0.0"), (false, "feat: a", "v0.10.0"),
    (false, "fix: a", "v0.9.1"),
  ])
  func belowOne(_ majorOnZero: Bool, _ message: String, _ expected: String) throws {
    let planner = ReleasePlanner(namespace: TagNamespace(prefix: "v"), majorOnZero: majorOnZero)
    #expect(try Self.next("v0.9.0", [message], planner: planner) == expected)
  }

  @Test func typeBumpsComeFromConfiguration() throws {
    var types = TypeSettings.defaults
    types[types.firstIndex { $0.name == "perf" }!].bump = .minor
    types[types.firstIndex { $0.name == "fix" }!].bump = .none
    types.append(TypeSettings(name: "security", bump: .patch, title: "Security", hidden: false))
    let planner = ReleasePlanner(namespace: TagNamespace(prefix: "v"), types: types)
    #expect(try Self.next("v1.0.0", ["perf: a"], planner: planner) == "v1.1.0")
    #expect(try Self.next("v1.0.0", ["fix: a"], planner: planner) == nil)
    #expect(try Self.next("v1.0.0", ["SECURITY: a"], planner: planner) == "v1.0.1")
  }

  @Test func mergeCommitsNeverBumpByThemselves() throws {
    var range = Self.commits(["feat!: merge the big branch", "fix: a"])
    range[0] = CommitRecord(
      id: range[0].id, parents: [Self.id(1), Self.id(9)], author: range[0].author,
      authorDate: range[0].authorDate, message: range[0].message)
    let plan = try Self.planner.plan(
      current: Self.tag("v1.0.0"), commits: range, existingVersions: [])
    #expect(plan.tag == "v1.0.1")
    #expect(plan.commitCount == 2)
  }

  // MARK: Release-As

  @Test(arguments: [
    (["chore: x\n\nRelease-As: 2.0.0"], "v2.0.0"), (["fix: x\n\nrelease-as: v3.1.0"], "v3.1.0"),
    (["feat: a\n\nRelease-As: 1.2.3-beta.1"], "v1.2.3-beta.1"),
    (["fix: a\n\nRelease-As: 1.0.0", "feat: b\n\nRelease-As: 1.5.0"], "v1.5.0"),
  ])
  func releaseAsForcesTheVersion(_ messages: [String], _ expected: String) throws {
    #expect(try Self.next("v1.2.0", messages) == expected)
  }

  @Test func releaseAsBelowTheCurrentIsIgnoredWithAWarning() throws {
    let plan = try Self.planner.plan(
      current: Self.tag("v1.2.0"), commits: Self.commits(["fix: a\n\nRelease-As: 1.0.0"]),
      existingVersions: [])
    #expect(plan.tag == "v1.2.1")
    #expect(plan.warnings.count == 1)
    #expect(plan.warnings.first?.contains("Release-As: 1.0.0") == true)
  }

  @Test func invalidReleaseAsIsIgnoredWithAWarning() throws {
    let plan = try Self.planner.plan(
      current: Self.tag("v1.2.0"), commits: Self.commits(["fix: a\n\nRelease-As: two"]),
      existingVersions: [])
    #expect(plan.tag == "v1.2.1")
    #expect(plan.warnings.first?.contains("not a SemVer version") == true)
  }

  // MARK: Reverts

  static func revert(of index: Int, _ subject: String = "Revert \"x\"") -> String {
    "\(subject)\n\nThis reverts commit \(id(index)).\n"
  }

  @Test(arguments: [
    // A revert of a commit in the range cancels both.
    ([revert(of: 1), "feat!: a"], nil as String?),
    ([revert(of: 2), "fix: b", "feat!: a"], "v1.2.4"),
    // A revert of a released commit is a patch.
    ([revert(of: 40)], "v1.2.4"),
    (["revert: undo the noodle\n\nRefs: \(String(id(40).prefix(7)))"], "v1.2.4"),
    // Reverting the revert brings the original back.
    ([revert(of: 1), revert(of: 2), "feat: a"], "v1.3.0"),
    // Abbreviated ids, as people write them in Refs footers.
    (["revert: undo a\n\nRefs: \(String(id(1).suffix(40)))", "feat: a"], nil),
  ])
  func reverts(_ messages: [String], _ expected: String?) throws {
    #expect(try Self.next("v1.2.3", messages) == expected)
  }

  @Test func cancelledCommitsAreReported() throws {
    let plan = try Self.planner.plan(
      current: Self.tag("v1.2.3"), commits: Self.commits([Self.revert(of: 1), "feat!: a"]),
      existingVersions: [])
    #expect(plan.cancelledCommitIDs == [Self.id(0), Self.id(1)])
    #expect(plan.next == nil)
    #expect(plan.reason?.contains("revert") == true)
  }

  // MARK: Pre-releases

  @Test(arguments: [
    // First pre-release of the next version, then the next number.
    ("v1.3.0", ["feat: a"], [String](), "v1.4.0-rc.1"),
    ("v1.4.0-rc.1", ["fix: b"], [], "v1.4.0-rc.2"),
    ("v1.4.0-rc.2", ["feat: c"], [], "v1.4.0-rc.3"),
    // The base version changes: start again at rc.1.
    ("v1.4.0-rc.2", ["feat!: c"], [], "v2.0.0-rc.1"),
    // Numbers continue past tags of the same channel elsewhere (another branch).
    ("v1.3.0", ["feat: a"], ["v1.4.0-rc.1", "v1.4.0-rc.4"], "v1.4.0-rc.5"),
    // Another channel has its own numbers.
    ("v1.4.0-beta.3", ["fix: b"], [], "v1.4.0-rc.1"),
  ])
  func preReleaseChannels(
    _ current: String, _ messages: [String], _ existing: [String], _ expected: String
  )
    throws
  {
    #expect(try Self.next(current, messages, pre: "rc", existing: existing) == expected)
  }

  @Test(arguments: [
    ("v1.4.0-rc.2", [String](), "v1.4.0"), ("v1.4.0-rc.2", ["docs: a"], "v1.4.0"),
    ("v1.4.0-rc.2", ["fix: a"], "v1.4.0"), ("v1.4.0-rc.2", ["feat!: a"], "v2.0.0"),
    ("v2.0.0-beta.1", [], "v2.0.0"),
  ])
  func preReleasesArePromotedWithoutPre(_ current: String, _ messages: [String], _ expected: String)
    throws
  {
    let plan = try Self.planner.plan(
      current: Self.tag(current), commits: Self.commits(messages), existingVersions: [])
    #expect(plan.tag == expected)
  }

  @Test func promotionIsAPreReleaseChange() throws {
    let plan = try Self.planner.plan(
      current: Self.tag("v1.4.0-rc.2"), commits: [], existingVersions: [])
    #expect(plan.bump == .prerelease)
  }

  @Test func samePreReleaseWithNothingNewIsNothingToRelease() throws {
    #expect(try Self.next("v1.4.0-rc.2", [], pre: "rc") == nil)
    #expect(try Self.next("v1.4.0-rc.2", ["chore: a"], pre: "rc") == nil)
    #expect(try Self.next("v1.4.0-beta.2", [], pre: "rc") == "v1.4.0-rc.1")
    // alpha sorts below beta: that would go backwards.
    #expect(try Self.next("v1.4.0-beta.2", [], pre: "alpha") == nil)
  }

  @Test(arguments: ["rc.1", "1", "", "r c", "rc+1", "ünï"])
  func channelsMustBeOneWord(_ channel: String) {
    #expect(throws: PlanError.invalidChannel(channel)) {
      try Self.next("v1.0.0", ["fix: a"], pre: channel)
    }
  }

  @Test func buildMetadataIsAppended() throws {
    let plan = try Self.planner.plan(
      current: Self.tag("v1.0.0"), commits: Self.commits(["fix: a"]), existingVersions: [],
      build: "20260131.abc1234")
    #expect(plan.tag == "v1.0.1+20260131.abc1234")
    #expect(throws: PlanError.invalidBuild("a..b")) {
      try Self.planner.plan(
        current: nil, commits: [], existingVersions: [], build: "a..b")
    }
  }

  // MARK: First release, nothing to release, the reported change

  @Test func firstReleaseIsTheInitialVersion() throws {
    #expect(try Self.next(nil, ["chore: init"]) == "v0.1.0")
    let planner = ReleasePlanner(
      namespace: TagNamespace(prefix: ""), initialVersion: SemanticVersion(1, 0, 0))
    #expect(try Self.next(nil, ["feat!: a"], planner: planner) == "1.0.0")
    #expect(try Self.next(nil, ["feat: a"], pre: "rc") == "v0.1.0-rc.1")
    let candidate = ReleasePlanner(
      namespace: TagNamespace(prefix: "v"), initialVersion: SemanticVersion("1.0.0-rc.1")!)
    #expect(try Self.next(nil, ["feat: a"], planner: candidate) == "v1.0.0-rc.1")
    #expect(try Self.next(nil, ["feat: a"], pre: "beta", planner: candidate) == "v1.0.0-beta.1")
    #expect(try Self.next(nil, ["feat: a\n\nRelease-As: 0.5.0"]) == "v0.5.0")
  }

  @Test(arguments: [
    ("v1.2.3", ["fix: a"], nil as String?, ReleasePlan.Change.patch),
    ("v1.2.3", ["feat: a"], nil, .minor), ("v1.2.3", ["feat!: a"], nil, .major),
    ("v1.4.0-rc.1", ["fix: a"], "rc", .prerelease), ("v1.3.0", ["feat: a"], "rc", .minor),
    ("v1.2.3", ["docs: a"], nil, ReleasePlan.Change.none),
  ])
  func reportedChange(
    _ current: String, _ messages: [String], _ pre: String?, _ change: ReleasePlan.Change
  )
    throws
  {
    let plan = try Self.planner.plan(
      current: Self.tag(current), commits: Self.commits(messages), existingVersions: [],
      preRelease: pre)
    #expect(plan.bump == change)
  }

  @Test func nothingToReleaseSaysWhy() throws {
    let none = try Self.planner.plan(
      current: Self.tag("v1.0.0"), commits: [], existingVersions: [])
    #expect(none.next == nil && none.tag == nil)
    #expect(none.reason?.contains("no commits since v1.0.0") == true)
    let chores = try Self.planner.plan(
      current: Self.tag("v1.0.0"), commits: Self.commits(["chore: a", "docs: b"]),
      existingVersions: [])
    #expect(chores.reason?.contains("2 commits since v1.0.0") == true)
  }

  @Test func planEncodesTheKeysScriptsRead() throws {
    let plan = try Self.planner.plan(
      current: Self.tag("v1.0.0"), commits: Self.commits(["feat: a"]), existingVersions: [])
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = String(decoding: try encoder.encode(plan), as: UTF8.self)
    #expect(json.contains(#""current":"1.0.0""#))
    #expect(json.contains(#""next":"1.1.0""#))
    #expect(json.contains(#""tag":"v1.1.0""#))
    #expect(json.contains(#""bump":"minor""#))
    #expect(json.contains(#""commits":1"#))
    let decoded = try JSONDecoder().decode(ReleasePlan.self, from: Data(json.utf8))
    #expect(decoded.next == plan.next && decoded.commitCount == 1)
  }
}
