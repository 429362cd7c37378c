import Foundation
import TestSupport
import Testing

/// `git release current` and `git release next` on real repositories, run as a user would.
@Suite("git release current and next")
struct VersionCommandTests {
  /// The trimmed standard output of a run that must succeed.
  func output(_ repo: FixtureRepository, _ arguments: String...) throws -> String {
    let result = try repo.runGitRelease(arguments)
    #expect(result.status == 0, "git release \(arguments.joined(separator: " ")): \(result.stderr)")
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func json(_ repo: FixtureRepository, _ arguments: String...) throws -> [String: Any] {
    let result = try repo.runGitRelease(arguments + ["--json"])
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    return try #require(object as? [String: Any])
  }

  @Test(arguments: [
    ("fix: handle an empty tag list", "v1.2.4"),
    ("feat(notes): group entries by scope", "v1.3.0"),
    ("feat!: drop the v1 config format", "v2.0.0"),
    ("perf: read tags in one pass", "v1.2.4"),
    ("refactor: x\n\nBREAKING CHANGE: the API moved", "v2.0.0"),
  ])
  func nextVersion(after message: String, is expected: String) throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: first")
    try repo.tag("v1.2.3")
    try repo.commit(message)
    #expect(try output(repo, "next") == expected)
    #expect(try output(repo, "current") == "v1.2.3")
  }

  @Test func currentIsTheHighestReachableNotTheNewest() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: first")
    try repo.tag("v2.0.0", message: "v2.0.0")
    try repo.commit("fix: later")
    // A lower version tagged later (a backport tagged on main by mistake) must not win.
    try repo.tag("v1.9.9")
    try repo.commit("fix: more")
    #expect(try output(repo, "current") == "v2.0.0")
    #expect(try output(repo, "next") == "v2.0.1")
  }

  @Test func tagsOnUnmergedBranchesDoNotCount() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: first")
    try repo.tag("v1.0.0")
    try repo.git("checkout", "-q", "-b", "experiment")
    try repo.commit("feat!: rewrite", file: "rewrite.txt")
    try repo.tag("v2.0.0")
    try repo.git("checkout", "-q", "main")
    try repo.commit("fix: a")
    #expect(try output(repo, "current") == "v1.0.0")
    #expect(try output(repo, "next") == "v1.0.1")
    // Once merged, it counts.
    try repo.git("merge", "-q", "--no-ff", "-m", "Merge branch 'experiment'", "experiment")
    #expect(try output(repo, "current") == "v2.0.0")
    #expect(try output(repo, "next") == "v2.0.1")
  }

  @Test func versionsCompareAsNumbers() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.tag("v0.10.0")
    try repo.commit("feat: b")
    try repo.tag("v0.9.0")
    try repo.commit("fix: c")
    #expect(try output(repo, "current") == "v0.10.0")
    // Bumped from v0.10.0 by both commits after it.
    #expect(try output(repo, "next") == "v0.11.0")
  }

  @Test func strayTagsAreIgnored() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.tag("v1.0.0", message: "release")
    try repo.commit("fix: b")
    for name in ["rollback/v9.0.0", "production/v8.0.0", "experiment", "v7.0", "6.0.0", "v05.0.0"] {
      try repo.tag(name)
    }
    #expect(try output(repo, "current") == "v1.0.0")
    #expect(try output(repo, "next") == "v1.0.1")
  }

  @Test func lightweightAndAnnotatedTagsBothCount() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.tag("v1.0.0")
    try repo.commit("feat: b")
    try repo.tag("v1.1.0", message: "annotated")
    try repo.commit("feat: c")
    #expect(try output(repo, "current") == "v1.1.0")
    try repo.tag("v1.2.0")
    #expect(try output(repo, "current") == "v1.2.0")
  }

  @Test func mergedCommitsBumpAndMergeCommitsDoNot() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.tag("v1.0.0")
    try repo.git("checkout", "-q", "-b", "topic")
    try repo.commit("fix: on the branch", file: "topic.txt")
    try repo.git("checkout", "-q", "main")
    try repo.commit("docs: on main")
    try repo.git(
      "merge", "-q", "--no-ff", "-m", "feat!: merge message that is not a change", "topic")
    #expect(try output(repo, "next") == "v1.0.1")
    let plan = try json(repo, "next")
    #expect(plan["commits"] as? Int == 3)
  }

  @Test func revertInTheSameRangeCancelsBoth() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.tag("v1.0.0")
    try repo.commit("fix: keep this")
    let breaking = try repo.commit("feat!: drop the old API", file: "api.txt")
    try repo.git("revert", "--no-edit", breaking)
    #expect(try output(repo, "next") == "v1.0.1")
  }

  @Test func revertOfAReleasedCommitIsAPatch() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    let feature = try repo.commit("feat: a feature that went wrong", file: "feature.txt")
    try repo.tag("v1.1.0")
    try repo.git("revert", "--no-edit", feature)
    #expect(try output(repo, "next") == "v1.1.1")
  }

  @Test func preReleaseChannel() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.tag("v1.3.0")
    try repo.commit("feat: b")
    #expect(try output(repo, "next", "--pre", "rc") == "v1.4.0-rc.1")
    try repo.tag("v1.4.0-rc.1")
    // Nothing new since the pre-release: nothing to release on that channel.
    let same = try repo.runGitRelease("next", "--pre", "rc")
    #expect(same.status == 3)
    try repo.commit("fix: c")
    #expect(try output(repo, "next", "--pre", "rc") == "v1.4.0-rc.2")
    try repo.tag("v1.4.0-rc.2")
    try repo.commit("feat!: d")
    #expect(try output(repo, "next", "--pre", "rc") == "v2.0.0-rc.1")
    #expect(try output(repo, "next") == "v2.0.0")
  }

  @Test func preReleaseIsPromotedWithoutNewCommits() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.tag("v1.3.0")
    try repo.commit("feat: b")
    try repo.tag("v1.4.0-rc.2", message: "rc")
    #expect(try output(repo, "current") == "v1.4.0-rc.2")
    #expect(try output(repo, "next") == "v1.4.0")
    let plan = try json(repo, "next")
    #expect(plan["bump"] as? String == "prerelease")
    #expect(plan["commits"] as? Int == 0)
  }

  @Test func buildMetadataIsAppended() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.tag("v1.0.0")
    try repo.commit("fix: b")
    #expect(try output(repo, "next", "--build", "42.abc") == "v1.0.1+42.abc")
    let bad = try repo.runGitRelease("next", "--build", "a..b")
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--build"))
  }

  @Test func releaseAsFooterForcesTheVersion() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.tag("v0.4.0")
    try repo.commit("chore: declare the stable API\n\nRelease-As: 1.0.0")
    #expect(try output(repo, "next") == "v1.0.0")
  }

  @Test func firstReleaseIsTheInitialVersion() throws {
    let repo = try FixtureRepository()
    try repo.commit("chore: start")
    let current = try repo.runGitRelease("current")
    #expect(current.status == 3)
    #expect(current.stdout.isEmpty)
    #expect(current.stderr.contains("no release tag"))
    #expect(try output(repo, "next") == "v0.1.0")
    let plan = try json(repo, "next")
    #expect(plan["current"] is NSNull)
    #expect(plan["next"] as? String == "0.1.0")

    try repo.write(".gitrelease", "[release]\n\ttagPrefix = \"\"\n\tinitialVersion = 1.0.0\n")
    try repo.commit("feat: b")
    #expect(try output(repo, "next") == "1.0.0")
    try repo.tag("1.0.0")
    try repo.tag("v5.0.0")
    try repo.commit("fix: c")
    #expect(try output(repo, "current") == "1.0.0")
    #expect(try output(repo, "next") == "1.0.1")
  }

  @Test func nothingToRelease() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.tag("v1.0.0")
    try repo.commit("docs: b")
    let text = try repo.runGitRelease("next")
    #expect(text.status == 3)
    #expect(text.stdout.isEmpty)
    #expect(text.stderr.contains("nothing to release"))
    let json = try repo.runGitRelease("next", "--json")
    #expect(json.status == 3)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["next"] is NSNull)
    #expect(object["tag"] is NSNull)
    #expect(object["bump"] as? String == "none")
    #expect(object["current"] as? String == "1.0.0")
    #expect(object["commits"] as? Int == 1)
  }

  @Test func jsonCarriesTheKeysScriptsRead() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.tag("v1.0.0")
    try repo.commit("feat: b")
    try repo.commit("fix: c")
    let plan = try json(repo, "next")
    #expect(plan["current"] as? String == "1.0.0")
    #expect(plan["next"] as? String == "1.1.0")
    #expect(plan["tag"] as? String == "v1.1.0")
    #expect(plan["bump"] as? String == "minor")
    #expect(plan["commits"] as? Int == 2)
    let current = try json(repo, "current")
    #expect(current["tag"] as? String == "v1.0.0")
    #expect(current["current"] as? String == "1.0.0")
  }

  @Test func monorepoPackagesHaveTheirOwnVersionLines() throws {
    let repo = try FixtureRepository()
    try repo.write(
      ".gitrelease",
      """
      [package "api"]
      \tpath = services/api
      \ttagPrefix = api/v
      [package "web"]
      \tpath = web/
      """)
    try repo.commit("feat: api start", file: "services/api/main.txt")
    try repo.commit("feat: web start", file: "web/index.txt")
    try repo.tag("api/v1.0.0")
    try repo.tag("web/v2.0.0")
    try repo.tag("v9.0.0")
    try repo.commit("feat!: api breaks", file: "services/api/main.txt")
    try repo.commit("fix: web fix", file: "web/index.txt")
    try repo.commit("feat: root only", file: "README.txt")
    // A file beside the folder with a name that starts the same is not in the package.
    try repo.commit("feat: not the api", file: "services/api-docs/x.txt")
    #expect(try output(repo, "next", "--package", "api") == "api/v2.0.0")
    #expect(try output(repo, "next", "--package", "web") == "web/v2.0.1")
    #expect(try output(repo, "current", "--package", "web") == "web/v2.0.0")
    // The repository's own line counts every commit.
    #expect(try output(repo, "next") == "v10.0.0")
    let api = try json(repo, "next", "--package", "api")
    #expect(api["commits"] as? Int == 1)
    #expect(api["package"] as? String == "api")
    let unknown = try repo.runGitRelease("next", "--package", "nope")
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("api, web"))
  }

  @Test func packageWithNothingNewHasNothingToRelease() throws {
    let repo = try FixtureRepository()
    try repo.write(".gitrelease", "[package \"api\"]\n\tpath = api\n")
    try repo.commit("feat: api", file: "api/a.txt")
    try repo.tag("api/v1.0.0")
    try repo.commit("feat: elsewhere", file: "other/b.txt")
    let result = try repo.runGitRelease("next", "--package", "api")
    #expect(result.status == 3)
    #expect(result.stdout.isEmpty)
  }

  @Test(arguments: [
    ("[release]\n\ttagPrefix = v\n\tinitialVersion = 1.0\n", 3, "initialVersion"),
    ("[release]\n\tmajorOnZero = sometimes\n", 2, "majorOnZero"),
    ("[type \"perf\"]\n\tbump = huge\n", 2, "bump"),
    ("[release]\n\ttagprefix = v\n\tcolour = blue\n", 3, "colour"),
    ("[package \"api\"]\n\ttagPrefix = api/v\n", 2, "path"),
    ("[release\n\ttagPrefix = v\n", 1, ".gitrelease"),
  ])
  func configurationErrorsNameFileAndLine(_ text: String, _ line: Int, _ mentions: String) throws {
    let repo = try FixtureRepository()
    try repo.write(".gitrelease", text)
    try repo.commit("feat: a")
    let result = try repo.runGitRelease("next")
    #expect(result.status == 5)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains(".gitrelease"))
    #expect(
      result.stderr.contains(":\(line)") || result.stderr.contains("line \(line)"),
      "\(result.stderr)")
    #expect(result.stderr.lowercased().contains(mentions.lowercased()))
  }

  @Test(arguments: [
    ("[type \"docs\"]\n\tbump = patch\n", "docs: a", "v0.3.1"),
    ("[type \"perf\"]\n\tbump = minor\n", "perf: a", "v0.4.0"),
    ("[type \"fix\"]\n\tbump = none\n", "fix: a", nil),
    ("[type \"security\"]\n\tbump = patch\n", "security: a", "v0.3.1"),
    ("[release]\n\tmajorOnZero = true\n", "feat!: a", "v1.0.0"),
    ("", "feat!: a", "v0.4.0"),
  ])
  func bumpsFollowTheConfiguration(_ text: String, _ message: String, _ expected: String?) throws {
    let repo = try FixtureRepository()
    try repo.write(".gitrelease", text)
    try repo.commit("feat: a")
    try repo.tag("v0.3.0")
    try repo.commit(message)
    let result = try repo.runGitRelease("next")
    #expect(result.status == (expected == nil ? 3 : 0), "\(result.stderr)")
    #expect(result.stdout.trimmingCharacters(in: .newlines) == (expected ?? ""))
  }

  @Test func detachedHeadIsRead() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: a")
    try repo.tag("v1.0.0")
    try repo.commit("fix: b")
    try repo.git("checkout", "-q", "--detach", "HEAD")
    #expect(try output(repo, "next") == "v1.0.1")
  }

  @Test(arguments: [["--pre", "rc.1"], ["--pre", "7"], ["--build", "a..b"], ["--build", "ü"]])
  func badArgumentsAreUsageErrorsBeforeAnyHistoryIsRead(_ arguments: [String]) throws {
    // No commits at all: the arguments are refused first.
    let repo = try FixtureRepository()
    let result = try repo.runGitRelease(["next"] + arguments)
    #expect(result.status == 2)
    #expect(result.stderr.contains(arguments[0]))
  }

  @Test func emptyRepositoryIsARepositoryError() throws {
    let repo = try FixtureRepository()
    let result = try repo.runGitRelease("next")
    #expect(result.status == 6)
    #expect(result.stderr.contains("no commits yet"))
  }

  // MARK: Shallow clones

  /// A `git clone --depth` of `origin`, removed with the returned fixture.
  func shallowClone(of origin: FixtureRepository, depth: Int) throws -> FixtureRepository {
    // Cloned into the (empty) temporary folder itself, so that removing the clone leaves nothing.
    let clone = FixtureRepository(existing: try FixtureRepository.makeTemporaryFolder())
    try origin.git("clone", "-q", "--depth", "\(depth)", "file://\(origin.path)", clone.path)
    return clone
  }

  @Test func shallowCloneCutBeforeAnyReleaseTagFails() throws {
    let origin = try FixtureRepository()
    try origin.commit("feat: a")
    try origin.tag("v1.0.0")
    for index in 0..<4 { try origin.commit("fix: \(index)") }
    let clone = try shallowClone(of: origin, depth: 2)
    for command in ["current", "next"] {
      let result = try clone.runGitRelease(command)
      #expect(result.status == 6)
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.contains("shallow"))
      #expect(result.stderr.contains("git fetch --unshallow --tags"))
      #expect(result.stderr.contains("fetch-depth: 0"))
    }
  }

  @Test func shallowCloneThatHoldsTheReleaseTagWorks() throws {
    let origin = try FixtureRepository()
    try origin.commit("feat: a")
    try origin.commit("feat: b")
    try origin.tag("v1.0.0", message: "release")
    try origin.commit("fix: c")
    // The tagged commit is the last one fetched: libgit2 1.5 cannot walk past it.
    let clone = try shallowClone(of: origin, depth: 2)
    #expect(try output(clone, "current") == "v1.0.0")
    #expect(try output(clone, "next") == "v1.0.1")
  }

  @Test func shallowCloneCutInsideTheRangeFails() throws {
    let origin = try FixtureRepository()
    try origin.commit("chore: start")
    try origin.git("branch", "side")
    try origin.commit("feat: a")
    try origin.tag("v1.0.0")
    try origin.commit("fix: b")
    try origin.git("checkout", "-q", "side")
    for index in 0..<5 { try origin.commit("feat!: side \(index)", file: "side.txt") }
    try origin.git("checkout", "-q", "main")
    try origin.git("merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side")
    // The release tag is fetched, but the merged branch is cut before it meets main.
    let clone = try shallowClone(of: origin, depth: 3)
    #expect(try output(clone, "current") == "v1.0.0")
    let result = try clone.runGitRelease("next")
    #expect(result.status == 6)
    #expect(result.stderr.contains("beyond the cut"))
    #expect(result.stderr.contains("git fetch --unshallow --tags"))
  }

  @Test func shallowCloneWithAHigherTagBeyondTheCutFails() throws {
    let origin = try FixtureRepository()
    try origin.commit("feat: a")
    try origin.tag("v2.0.0")
    try origin.commit("fix: b")
    try origin.commit("fix: c")
    try origin.tag("v1.5.0")
    try origin.commit("fix: d")
    let clone = try shallowClone(of: origin, depth: 2)
    try clone.git("fetch", "-q", "--depth", "1", "origin", "tag", "v2.0.0")
    let result = try clone.runGitRelease("current")
    #expect(result.status == 6)
    #expect(result.stderr.contains("v1.5.0"))
    try clone.git("fetch", "-q", "--unshallow", "--tags")
    #expect(try output(clone, "current") == "v2.0.0")
  }
}
