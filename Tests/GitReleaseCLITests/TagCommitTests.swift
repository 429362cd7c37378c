import Foundation
import TestSupport
import Testing

/// `git release tag --commit`: the release commit with the stamped files and the changelog, the
/// tag on it, and `--push` as one atomic push, against a local bare remote.
@Suite("git release tag --commit")
struct TagCommitTests {
  static let configuration = """
    [file "package.json"]
        key = version
    [file "VERSION"]
    [changelog]
        file = CHANGELOG.md

    """

  /// v1.0.0 with its files, and a feature since.
  private func releasedRepository(configuration: String = configuration, changelog: String? = nil)
    throws -> FixtureRepository
  {
    let repo = try FixtureRepository()
    try repo.write(".gitrelease", configuration)
    try repo.write("package.json", "{\n  \"name\": \"rocket\",\n  \"version\": \"1.0.0\"\n}\n")
    try repo.write("VERSION", "1.0.0\n")
    if let changelog { try repo.write("CHANGELOG.md", changelog) }
    try repo.git("add", "-A")
    try repo.commitStaged("feat: launch")
    try repo.tag("v1.0.0", message: "v1.0.0")
    try repo.commit("feat(api): count down")
    return repo
  }

  private func addRemote(_ repo: FixtureRepository) throws -> FixtureRepository {
    let remote = try FixtureRepository(bare: true)
    try repo.git("remote", "add", "origin", remote.path)
    try repo.git("push", "-q", "origin", "main")
    return remote
  }

  private func read(_ repo: FixtureRepository, _ file: String) throws -> String {
    String(decoding: try Data(contentsOf: repo.url.appendingPathComponent(file)), as: UTF8.self)
  }

  @Test func commitsTheStampedFilesAndTheChangelogThenTagsThatCommit() throws {
    let repo = try releasedRepository()
    let before = try repo.revParse("HEAD")
    let result = try repo.runGitRelease("tag", "--commit")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try repo.git("log", "-1", "--format=%s") == "chore(release): v1.1.0")
    #expect(try repo.revParse("HEAD^") == before)
    #expect(try repo.revParse("v1.1.0") == repo.revParse("HEAD"))
    let files = try repo.git("show", "--name-only", "--format=", "HEAD")
    #expect(files.split(separator: "\n").sorted() == ["CHANGELOG.md", "VERSION", "package.json"])
    #expect(try read(repo, "VERSION") == "1.1.0\n")
    #expect(try read(repo, "package.json") == "{\n  \"name\": \"rocket\",\n  \"version\": \"1.1.0\"\n}\n")
    let changelog = try read(repo, "CHANGELOG.md")
    #expect(changelog.contains("1.1.0"))
    #expect(changelog.contains("count down"))
    #expect(try repo.git("status", "--porcelain") == "")
    #expect(result.stdout.contains("chore(release): v1.1.0"))
    // The files agree with the release, and the release commit asks for no other.
    #expect(try repo.runGitRelease("stamp", "--check").status == 0)
    #expect(try repo.runGitRelease("next").status == 3)
  }

  @Test func addsTheReleaseToAnExistingChangelogAsPrependDoes() throws {
    let repo = try releasedRepository(
      changelog: "# Changelog\n\nWritten by hand.\n\n## 1.0.0\n\n- launch\n")
    let result = try repo.runGitRelease("tag", "--commit", "--json")
    #expect(result.status == 0, "\(result.stderr)")
    let changelog = try read(repo, "CHANGELOG.md")
    #expect(changelog.hasPrefix("# Changelog\n\nWritten by hand.\n\n"))
    #expect(changelog.hasSuffix("## 1.0.0\n\n- launch\n"))
    let new = try #require(changelog.range(of: "1.1.0"))
    #expect(new.lowerBound < (try #require(changelog.range(of: "## 1.0.0"))).lowerBound)
    let output = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(output["releaseCommit"] as? String == (try repo.revParse("HEAD")))
    #expect(output["commit"] as? String == (try repo.revParse("HEAD")))
    #expect((output["files"] as? [[String: Any]])?.count == 2)
  }

  @Test func theReleaseCommitNeverCountsAsAChange() throws {
    let repo = try releasedRepository(configuration: "[type \"chore\"]\n    bump = patch\n")
    try repo.git("tag", "-d", "v1.0.0")
    try repo.tag("v1.0.0", message: "v1.0.0")
    try repo.emptyCommit("chore(release): v1.0.1")
    #expect(try repo.runGitRelease("next").status == 3)
    try repo.emptyCommit("chore: tidy up")
    let next = try repo.runGitRelease("next")
    #expect(next.stdout == "v1.0.1\n", "\(next.stderr)")
  }

  // MARK: Refusals

  @Test func refusesAWorkTreeWithOtherChangesWritingNothing() throws {
    let repo = try releasedRepository()
    try repo.write("file.txt", "edited, not committed\n")
    let head = try repo.revParse("HEAD")
    let result = try repo.runGitRelease("tag", "--commit")
    #expect(result.status == 1)
    #expect(result.stderr.contains("file.txt"), "\(result.stderr)")
    #expect(try repo.revParse("HEAD") == head)
    #expect(try read(repo, "VERSION") == "1.0.0\n")
    #expect(try repo.git("tag", "-l") == "v1.0.0")
  }

  @Test func refusesAStagedChangeWritingNothing() throws {
    let repo = try releasedRepository()
    try repo.write("new.txt", "staged\n")
    try repo.git("add", "new.txt")
    let result = try repo.runGitRelease("tag", "--commit")
    #expect(result.status == 1)
    #expect(try read(repo, "VERSION") == "1.0.0\n")
    #expect(try repo.git("tag", "-l") == "v1.0.0")
  }

  @Test func aFileThatCannotBeStampedStopsEverything() throws {
    let repo = try releasedRepository()
    try repo.write("package.json", "{\"name\": \"rocket\"}\n")
    try repo.git("commit", "-qam", "chore: drop the version")
    let head = try repo.revParse("HEAD")
    let result = try repo.runGitRelease("tag", "--commit")
    #expect(result.status == 5)
    #expect(result.stderr.contains("package.json: no key version"), "\(result.stderr)")
    #expect(try repo.revParse("HEAD") == head)
    #expect(try read(repo, "VERSION") == "1.0.0\n")
    #expect(try repo.git("tag", "-l") == "v1.0.0")
  }

  @Test func dryRunWritesNothing() throws {
    let repo = try releasedRepository()
    let head = try repo.revParse("HEAD")
    let result = try repo.runGitRelease("tag", "--commit", "--dry-run")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("VERSION:1: 1.0.0 -> 1.1.0"))
    #expect(try repo.revParse("HEAD") == head)
    #expect(try read(repo, "VERSION") == "1.0.0\n")
    #expect(try repo.git("status", "--porcelain") == "")
  }

  // MARK: Pushing

  @Test func pushesTheBranchAndTheTagTogether() throws {
    let repo = try releasedRepository()
    let remote = try addRemote(repo)
    let result = try repo.runGitRelease("tag", "--commit", "--push")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Pushed main and v1.1.0 to origin"))
    #expect(try remote.git("rev-parse", "refs/heads/main") == repo.revParse("HEAD"))
    #expect(try remote.git("rev-parse", "refs/tags/v1.1.0") == repo.git("rev-parse", "v1.1.0"))
  }

  @Test func aRejectedBranchPushesNeitherBranchNorTag() throws {
    let repo = try releasedRepository()
    let remote = try addRemote(repo)
    // Someone else pushed to main meanwhile: the branch push is not a fast-forward.
    let folder = try FixtureRepository.makeTemporaryFolder().appendingPathComponent("clone")
    try repo.git("clone", "-q", remote.path, folder.path)
    let other = FixtureRepository(existing: folder.deletingLastPathComponent())
    try other.git(["-C", folder.path, "commit", "-q", "--allow-empty", "-m", "fix: elsewhere"])
    try other.git(["-C", folder.path, "push", "-q", "origin", "main"])
    let theirs = try remote.git("rev-parse", "refs/heads/main")
    let result = try repo.runGitRelease("tag", "--commit", "--push")
    #expect(result.status == 1)
    #expect(result.stderr.contains("neither main nor the tag was pushed"), "\(result.stderr)")
    #expect(try remote.git("rev-parse", "refs/heads/main") == theirs)
    #expect(try remote.git("tag", "-l") == "")
    #expect(try repo.git("tag", "-l").contains("v1.1.0"))
  }

  @Test func refusesToPushFromADetachedHead() throws {
    let repo = try releasedRepository()
    _ = try addRemote(repo)
    try repo.git("checkout", "-q", "--detach")
    let head = try repo.revParse("HEAD")
    let result = try repo.runGitRelease("tag", "--commit", "--push")
    #expect(result.status == 2)
    #expect(result.stderr.contains("detached"))
    #expect(try repo.revParse("HEAD") == head)
    #expect(try read(repo, "VERSION") == "1.0.0\n")
  }
}
