import Testing

@testable import ReleaseCore

/// The release commit `tag --commit` writes never asks for a release of its own.
@Suite("Release commits")
struct ReleaseCommitTests {
  static let choresPatch: ReleasePlanner = {
    let types = TypeSettings.defaults.map { type in
      var type = type
      if type.name == "chore" { type.bump = .patch }
      return type
    }
    return ReleasePlanner(namespace: TagNamespace(prefix: "v"), types: types)
  }()

  @Test(arguments: [
    ("chore(release): v1.3.0", Bump.none), ("chore(Release): 2026.11.0", .none),
    ("chore(release)!: v2.0.0", .none), ("chore: tidy", .patch), ("chore(deps): bump", .patch),
    ("feat(release): a release dashboard", .minor),
  ])
  func bump(_ message: String, expected: Bump) {
    let commit = ReleasePlannerTests.commits([message])[0]
    #expect(Self.choresPatch.bump(for: commit, belowOne: false) == expected)
  }

  @Test func theMessage() {
    #expect(ReleaseCommitMessage.message(tag: "v1.3.0") == "chore(release): v1.3.0\n")
    #expect(ConventionalCommit.parse("chore(release): v1.3.0")?.isReleaseCommit == true)
  }
}
