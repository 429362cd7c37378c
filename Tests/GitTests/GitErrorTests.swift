import Foundation
import TestSupport
import Testing

@testable import Git

@Suite("libgit2's errors and settings")
struct GitErrorTests {
  @Test func aMissingObjectIsTheObjectDatabasesNotFound() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first")
    let repository = try Repository(at: fixture.path)
    let missing = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))
    #expect {
      try repository.commit(missing)
    } throws: { error in
      let git = error as? GitError
      return git?.code == .notFound && git?.errorClass == .odb && git?.systemError == nil
    }
  }

  @Test func aFailedSystemCallKeepsItsErrno() throws {
    let fixture = try FixtureRepository()
    let head = try fixture.commit("feat: first")
    // A file where the tags folder should be: creating a tag's lock file fails in the system.
    try FileManager.default.removeItem(atPath: fixture.path + "/.git/refs/tags")
    try fixture.write(".git/refs/tags", "not a folder\n")
    let repository = try Repository(at: fixture.path)
    #expect {
      try repository.createTagReference(
        named: "v1.0.0", to: try #require(ObjectID(hex: head)), logMessage: "test")
    } throws: { error in
      let git = error as? GitError
      return git?.errorClass == .os && [ENOTDIR, EEXIST].contains(git?.systemError ?? 0)
    }
  }

  /// A loose object whose bytes are another object's: libgit2 checks each object's hash by
  /// default; only a caller that asks for the read-once settings turns that off.
  @Test func theReadOnceSettingsAreTheCallersChoice() throws {
    let fixture = try FixtureRepository()
    let first = try fixture.commit("feat: first")
    let objects = fixture.path + "/.git/objects/"
    let forged = "0f" + String(repeating: "1e", count: 19)
    try FileManager.default.createDirectory(
      atPath: objects + "0f", withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: objects + first.prefix(2) + "/" + first.dropFirst(2),
      toPath: objects + "0f/" + forged.dropFirst(2))
    let id = try #require(ObjectID(hex: forged))
    #expect(throws: GitError.self) { try Repository(at: fixture.path).commit(id) }
    Repository.readEachObjectOnce()
    #expect(try Repository(at: fixture.path).commit(id).summary == "feat: first")
  }
}
