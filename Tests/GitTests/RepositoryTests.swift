import Foundation
import Git
import TestSupport
import Testing

@Suite("Opening repositories and reading HEAD")
struct RepositoryTests {
  @Test func discoversTheRepositoryFromASubfolder() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first", file: "deep/er/file.txt")
    let repository = try Repository(discoveringFrom: fixture.path + "/deep/er")
    #expect(repository.workingDirectory?.standardizedFileURL.path == fixture.url.standardizedFileURL.path)
    #expect(!repository.isBare)
    #expect(!repository.isShallow)
  }

  @Test func outsideAnyRepositoryIsNotFound() throws {
    let folder = try FixtureRepository.makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // The ceiling keeps discovery from walking up into a repository that holds the temp folder.
    setenv("GIT_CEILING_DIRECTORIES", folder.deletingLastPathComponent().path, 1)
    #expect {
      try Repository(discoveringFrom: folder.path)
    } throws: { error in
      (error as? GitError)?.code == .notFound
    }
  }

  @Test func headOnABranch() throws {
    let fixture = try FixtureRepository()
    let id = try fixture.commit("feat: first")
    let head = try Repository(at: fixture.path).head()
    #expect(head == .branch(name: "refs/heads/main", commit: try #require(ObjectID(hex: id))))
  }

  @Test func headDetached() throws {
    let fixture = try FixtureRepository()
    let first = try fixture.commit("feat: first")
    try fixture.commit("fix: second")
    try fixture.git("checkout", "-q", "--detach", first)
    let head = try Repository(at: fixture.path).head()
    #expect(head == .detached(commit: try #require(ObjectID(hex: first))))
  }

  @Test func headUnborn() throws {
    let fixture = try FixtureRepository()
    let head = try Repository(at: fixture.path).head()
    #expect(head == .unborn(name: "refs/heads/main"))
    #expect(head.commit == nil)
  }

  @Test func bareRepository() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first")
    let bare = try FixtureRepository.makeTemporaryFolder().appendingPathComponent("bare.git")
    defer { try? FileManager.default.removeItem(at: bare.deletingLastPathComponent()) }
    try fixture.git("clone", "-q", "--bare", fixture.path, bare.path)
    let repository = try Repository(discoveringFrom: bare.path)
    #expect(repository.isBare)
    #expect(repository.workingDirectory == nil)
    #expect(try repository.head().commit?.hex == fixture.revParse("HEAD"))
  }

  @Test func linkedWorktree() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first")
    let other = try FixtureRepository.makeTemporaryFolder().appendingPathComponent("linked")
    defer { try? FileManager.default.removeItem(at: other.deletingLastPathComponent()) }
    try fixture.git("worktree", "add", "-q", "-b", "side", other.path)
    let repository = try Repository(discoveringFrom: other.path)
    #expect(repository.isLinkedWorktree)
    #expect(try repository.head() == .branch(
      name: "refs/heads/side", commit: try #require(ObjectID(hex: fixture.revParse("HEAD")))))
    // Refs and hooks are shared with the main repository.
    #expect(repository.commonDirectory.standardizedFileURL.path
      == fixture.url.appendingPathComponent(".git").standardizedFileURL.path)
    #expect(try repository.hooksDirectory().standardizedFileURL.path
      == fixture.url.appendingPathComponent(".git/hooks").standardizedFileURL.path)
  }

  @Test func hooksFolderHonoursCoreHooksPath() throws {
    let fixture = try FixtureRepository()
    try fixture.git("config", "core.hooksPath", "custom-hooks")
    let hooks = try Repository(at: fixture.path).hooksDirectory()
    #expect(hooks.standardizedFileURL.path
      == fixture.url.appendingPathComponent("custom-hooks").standardizedFileURL.path)
  }

  @Test func shallowCloneIsDetectedWithItsBoundary() throws {
    let fixture = try FixtureRepository()
    for index in 1...5 { try fixture.commit("feat: change \(index)") }
    let clone = try FixtureRepository.makeTemporaryFolder().appendingPathComponent("clone")
    defer { try? FileManager.default.removeItem(at: clone.deletingLastPathComponent()) }
    try fixture.git("clone", "-q", "--depth", "2", "file://" + fixture.path, clone.path)
    let repository = try Repository(at: clone.path)
    #expect(repository.isShallow)
    let boundary = repository.shallowBoundary()
    #expect(boundary.map(\.hex) == [try fixture.revParse("HEAD~1")])
    // The boundary commit is there, its parent is not.
    #expect(repository.contains(try #require(ObjectID(hex: try fixture.revParse("HEAD~1")))))
    #expect(!repository.contains(try #require(ObjectID(hex: try fixture.revParse("HEAD~2")))))
  }

  @Test func resolvesRevisionsToCommits() throws {
    let fixture = try FixtureRepository()
    let first = try fixture.commit("feat: first")
    try fixture.tag("v1.0.0", message: "release")
    try fixture.commit("fix: second")
    let repository = try Repository(at: fixture.path)
    #expect(try repository.resolveCommit("v1.0.0").hex == first)
    #expect(try repository.resolveCommit("HEAD~1").hex == first)
    #expect(throws: GitError.self) { try repository.resolveCommit("no-such-thing") }
  }

  @Test func ancestry() throws {
    let fixture = try FixtureRepository()
    let first = try #require(ObjectID(hex: try fixture.commit("feat: first")))
    let second = try #require(ObjectID(hex: try fixture.commit("feat: second")))
    let repository = try Repository(at: fixture.path)
    #expect(try repository.isDescendant(second, of: first))
    #expect(try !repository.isDescendant(first, of: second))
    #expect(try !repository.isDescendant(first, of: first))
    #expect(try repository.mergeBase(first, second) == first)
  }
}
