import Foundation
import Git
import ReleaseCore
import TestSupport
import Testing

@testable import GitReleaseCLI
@testable import ReleaseRepository

@Suite("Writing a release tag: object first, reference create-only")
struct ReleaseTagWriterTests {
  private func draft(_ repo: FixtureRepository, name: String = "v1.0.0") throws -> TagDraft {
    let head = try #require(ObjectID(hex: try repo.revParse("HEAD")))
    let tagger = Signature(
      name: "Cy Committer", email: "cy@example.com",
      time: Date(timeIntervalSince1970: 1_700_000_000))
    return TagDraft(name: name, target: head, tagger: tagger, message: "Release 1.0.0\n")
  }

  @Test func writesTheObjectGitWouldWrite() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: first")
    let draft = try draft(repo)
    let id = try ReleaseTagWriter.write(draft, signing: nil, to: Repository(at: repo.path))
    #expect(try repo.git("rev-parse", "v1.0.0") == id.hex)
    #expect(try repo.git("cat-file", "tag", "v1.0.0") + "\n" == draft.object)
    #expect(try repo.git("fsck", "--strict", "--no-dangling").isEmpty)
  }

  /// The loser of a race reaches the reference after the winner made it: it must not replace it.
  @Test func theLoserOfARaceIsRefusedAndTheWinnersTagStays() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: first")
    let winner = try draft(repo)
    let repository = try Repository(at: repo.path)
    let winnerID = try ReleaseTagWriter.write(winner, signing: nil, to: repository)
    let loser = TagDraft(
      name: winner.name, target: winner.target, tagger: winner.tagger, message: "Other notes\n")
    #expect {
      try ReleaseTagWriter.write(loser, signing: nil, to: Repository(at: repo.path))
    } throws: { error in
      (error as? ReleaseFailure).map { $0.kind == .failure && $0.message.contains("another run") }
        ?? false
    }
    #expect(try repo.git("rev-parse", "v1.0.0") == winnerID.hex)
  }

  @Test func aTagOfThatNameIsRefusedWhateverItPointsAt() throws {
    let repo = try FixtureRepository()
    try repo.commit("feat: first")
    let blob = try repo.git(["hash-object", "-w", "--stdin"], input: "data\n")
    try repo.git("tag", "v1.0.0", blob)
    #expect {
      try ReleaseTagWriter.refuseExisting("v1.0.0", in: Repository(at: repo.path))
    } throws: { error in
      (error as? ReleaseFailure)?.message.contains(
        "already exists (it points at \(blob.prefix(12)))")
        == true
    }
    try ReleaseTagWriter.refuseExisting("v2.0.0", in: Repository(at: repo.path))
  }
}
