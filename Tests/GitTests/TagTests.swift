import Foundation
import Git
import TestSupport
import Testing

@Suite("Tags")
struct TagTests {
  @Test func lightweightAndAnnotatedTagsPeelToTheirCommits() throws {
    let fixture = try FixtureRepository()
    let first = try fixture.commit("feat: first")
    try fixture.tag("v1.0.0")
    let second = try fixture.commit("feat: second")
    try fixture.tag("v1.1.0", message: "Release 1.1.0")
    let tags = try Repository(at: fixture.path).tags().sorted { $0.name < $1.name }
    #expect(tags.map(\.name) == ["v1.0.0", "v1.1.0"])
    #expect(tags[0].isAnnotated == false)
    #expect(tags[0].commitID?.hex == first)
    #expect(tags[0].targetID.hex == first)
    #expect(tags[1].isAnnotated)
    #expect(tags[1].commitID?.hex == second)
    #expect(tags[1].targetID.hex == (try fixture.git("rev-parse", "refs/tags/v1.1.0")))
  }

  @Test func aTagOfATagPeelsThroughTheChain() throws {
    let fixture = try FixtureRepository()
    let commit = try fixture.commit("feat: first")
    try fixture.tag("inner", message: "inner")
    try fixture.tag("outer", message: "outer", target: "inner")
    let repository = try Repository(at: fixture.path)
    let outer = try #require(try repository.tag(named: "outer"))
    #expect(outer.isAnnotated)
    #expect(outer.commitID?.hex == commit)
    let object = try repository.annotatedTag(outer.targetID)
    #expect(object.targetIsTag)
    #expect(object.name == "outer")
    #expect(object.message == "outer\n")
    #expect(object.tagger?.name == "Cy Committer")
  }

  @Test func tagsOfTreesAndBlobsHaveNoCommit() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first")
    try fixture.git("tag", "tree-tag", "HEAD^{tree}")
    let blob = try fixture.git(["hash-object", "-w", "--stdin"], input: "content")
    try fixture.git("tag", "-a", "-m", "blob", "blob-tag", blob)
    let tags = try Repository(at: fixture.path).tags()
    #expect(tags.count == 2)
    #expect(tags.allSatisfy { $0.commitID == nil })
  }

  /// Packed tags come with what they peel to (`^` lines): the answers must not change.
  @Test func packedTagsPeelAsLooseOnesDo() throws {
    let fixture = try FixtureRepository()
    let first = try fixture.commit("feat: first")
    try fixture.tag("v1.0.0")
    let second = try fixture.commit("feat: second")
    try fixture.tag("v1.1.0", message: "Release 1.1.0")
    try fixture.tag("outer", message: "outer", target: "v1.1.0")
    try fixture.git("tag", "-a", "-m", "tree", "tree-tag", "HEAD^{tree}")
    let loose = try Repository(at: fixture.path).tags().sorted { $0.name < $1.name }
    try fixture.git("pack-refs", "--all")
    let packedRefs = try String(
      contentsOf: fixture.url.appendingPathComponent(".git/packed-refs"), encoding: .utf8)
    #expect(packedRefs.contains("\n^"))
    let packed = try Repository(at: fixture.path).tags().sorted { $0.name < $1.name }
    #expect(packed == loose)
    #expect(packed.map(\.name) == ["outer", "tree-tag", "v1.0.0", "v1.1.0"])
    #expect(packed.map(\.isAnnotated) == [true, true, false, true])
    #expect(packed.map(\.commitID?.hex) == [second, nil, first, second])
  }

  @Test func aTagWhoseObjectIsMissingSaysSo() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first")
    let lost = try fixture.commit("feat: second")
    try fixture.tag("v2.0.0")
    try fixture.git("tag", "tree-tag", "HEAD^{tree}")
    try fixture.git("reset", "-q", "--hard", "HEAD~1")
    try FileManager.default.removeItem(
      at: fixture.url.appendingPathComponent(".git/objects/\(lost.prefix(2))/\(lost.dropFirst(2))"))
    let tags = Dictionary(
      uniqueKeysWithValues: try Repository(at: fixture.path).tags().map { ($0.name, $0) })
    #expect(tags["v2.0.0"]?.isMissingObject == true)
    #expect(tags["v2.0.0"]?.commitID == nil)
    // A tag of a tree is not a damaged repository.
    #expect(tags["tree-tag"]?.isMissingObject == false)
  }

  @Test func onlyTagsThatPassTheFilterArePeeled() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first")
    for name in ["v1.0.0", "rollback/v1.0.0", "experiment"] { try fixture.tag(name) }
    let tags = try Repository(at: fixture.path).tags { $0.hasPrefix("v") }
    #expect(tags.map(\.name) == ["v1.0.0"])
  }

  @Test func writesAnAnnotatedTagObjectThenItsReference() throws {
    let fixture = try FixtureRepository()
    let commit = try fixture.commit("feat: first")
    let repository = try Repository(at: fixture.path)
    let tagger = Signature(
      name: "Rel Eng", email: "rel@example.com", time: Date(timeIntervalSince1970: 1_700_000_000),
      offsetMinutes: 60)
    let object = try repository.writeAnnotatedTagObject(
      named: "v1.0.0", target: try #require(ObjectID(hex: commit)), tagger: tagger,
      message: "Release 1.0.0\n")
    // Until the reference is made, git sees no tag.
    #expect(try fixture.git("tag", "--list") == "")
    try repository.createTagReference(named: "v1.0.0", to: object, logMessage: "release")
    #expect(try fixture.git("cat-file", "-t", "v1.0.0") == "tag")
    #expect(try fixture.git("rev-parse", "v1.0.0^{commit}") == commit)
    #expect(try fixture.git("for-each-ref", "--format=%(taggername) %(taggeremail) %(taggerdate:raw)", "refs/tags/v1.0.0")
      == "Rel Eng <rel@example.com> 1700000000 +0100")
    #expect(try fixture.git("fsck", "--strict", "--no-progress") == "")
  }

  @Test func aSecondTagOfTheSameNameIsRefused() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first")
    try fixture.tag("v1.0.0")
    let other = try #require(ObjectID(hex: try fixture.commit("feat: second")))
    let repository = try Repository(at: fixture.path)
    #expect {
      try repository.createTagReference(named: "v1.0.0", to: other, logMessage: "release")
    } throws: { error in
      (error as? GitError)?.code == .exists
    }
  }

  @Test func theBufferToSignMatchesWhatGitWrites() throws {
    let fixture = try FixtureRepository()
    let commit = try #require(ObjectID(hex: try fixture.commit("feat: first")))
    let repository = try Repository(at: fixture.path)
    let tagger = Signature(
      name: "Rel Eng", email: "rel@example.com", time: Date(timeIntervalSince1970: 1_700_000_000),
      offsetMinutes: -210)
    let buffer = Repository.annotatedTagBuffer(
      name: "v2.0.0", target: commit, tagger: tagger, message: "Release\n")
    let written = try repository.writeObject(Array(buffer.utf8), type: .tag)
    let viaLibgit2 = try repository.writeAnnotatedTagObject(
      named: "v2.0.0", target: commit, tagger: tagger, message: "Release\n")
    #expect(written == viaLibgit2)
    #expect(try fixture.git("cat-file", "-p", written.hex).contains("tagger Rel Eng <rel@example.com> 1700000000 -0330"))
  }
}
