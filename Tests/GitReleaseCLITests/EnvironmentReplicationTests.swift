import Foundation
import TestSupport
import Testing

/// The trail travels as git refs: pushed and fetched like branches, and a push from a clone whose
/// view of the trail is stale is rejected instead of overwriting what others recorded.
@Suite("Environments: the trail replicates with fetch and push")
struct EnvironmentReplicationTests {
  static func clone(_ origin: FixtureRepository) throws -> FixtureRepository {
    let folder = try FixtureRepository.makeTemporaryFolder()
    try origin.git("clone", "-q", origin.path, folder.path)
    return FixtureRepository(existing: folder)
  }

  @Test func pushedTrailsArriveWholeAndStalePushesAreRejected() throws {
    let origin = try FixtureRepository()
    try origin.write(".gitrelease", "[environment \"production\"]\n")
    try origin.git("add", ".gitrelease")
    try origin.commit("feat: first feature")
    try origin.tag("v1.0.0", message: "v1.0.0")
    try origin.commit("fix: a fix")
    try origin.tag("v1.1.0", message: "v1.1.0")
    let alice = try Self.clone(origin)
    let bob = try Self.clone(origin)

    let first = try alice.runGitRelease(
      "promote", "v1.0.0", "--to", "production", "--no-rollback-target")
    #expect(first.status == 0, "\(first.stderr)")
    try alice.git("push", "-q", "origin", "refs/environments/*")

    try bob.git("fetch", "-q", "origin", "+refs/environments/*:refs/environments/*")
    let second = try bob.runGitRelease("promote", "v1.1.0", "--to", "production")
    #expect(second.status == 0, "\(second.stderr)")
    try bob.git("push", "-q", "origin", "refs/environments/*")

    // Alice has not fetched: her view says v1.0.0 runs, so her promotion passes locally...
    try alice.git("tag", "v1.0.1", "v1.0.0^{}")
    let local = try alice.runGitRelease("promote", "v1.0.1", "--to", "production")
    #expect(local.status == 0, "\(local.stderr)")
    // ...but the push cannot replace Bob's event: it is not a fast-forward.
    #expect(throws: FixtureError.self) {
      try alice.git("push", "-q", "origin", "refs/environments/*")
    }
    let history = try origin.runGitRelease("history", "production", "--json")
    let events =
      try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]]
    #expect(events?.map { $0["tag"] as? String } == ["v1.1.0", "v1.0.0"])
    #expect(
      events?.first?["previous"] as? [String: String] == [
        "tag": "v1.0.0", "commit": try origin.revParse("v1.0.0"),
      ])
  }
}
