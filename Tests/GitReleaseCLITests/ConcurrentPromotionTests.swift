import Foundation
import TestSupport
import Testing

/// Eight `git release` processes writing to one environment at once, as eight CI jobs might.
@Suite("Environments: concurrent writers")
struct ConcurrentPromotionTests {
  struct Outcome {
    let person: String
    let status: Int32
    let stdout: String
    let stderr: String
  }

  /// Starts every process before waiting for any, so they overlap as much as the machine allows.
  static func runAtOnce(_ repo: FixtureRepository, _ arguments: [String], people: Int) throws
    -> [Outcome]
  {
    var running: [(String, Process, Pipe, Pipe)] = []
    for index in 1...people {
      let process = Process()
      process.executableURL = FixtureRepository.gitReleaseBinary
      process.arguments = arguments
      process.currentDirectoryURL = repo.url
      var environment = repo.environment
      environment["GIT_COMMITTER_NAME"] = "Promoter \(index)"
      environment["GIT_COMMITTER_EMAIL"] = "promoter\(index)@example.com"
      process.environment = environment
      let out = Pipe()
      let err = Pipe()
      process.standardOutput = out
      process.standardError = err
      running.append(("Promoter \(index)", process, out, err))
    }
    for (_, process, _, _) in running { try process.run() }
    return running.map { person, process, out, err in
      // Each process writes a few kilobytes at most, well inside a pipe's buffer.
      let stdout = out.fileHandleForReading.readDataToEndOfFile()
      let stderr = err.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return Outcome(
        person: person, status: process.terminationStatus,
        stdout: String(decoding: stdout, as: UTF8.self),
        stderr: String(decoding: stderr, as: UTF8.self))
    }
  }

  static func repository() throws -> FixtureRepository {
    let repo = try FixtureRepository()
    try repo.write(".gitrelease", "[environment \"production\"]\n")
    try repo.git("add", ".gitrelease")
    try repo.commit("feat: first feature")
    try repo.tag("v1.0.0", message: "v1.0.0")
    try repo.commit("feat: second feature")
    try repo.tag("v1.1.0", message: "v1.1.0")
    return repo
  }

  /// The trail is one straight line of readable events, and git finds nothing wrong with it.
  static func checkTrail(_ repo: FixtureRepository, events: Int) throws {
    try repo.git("fsck", "--strict", "--no-dangling")
    let ref = "refs/environments/production"
    #expect(try repo.git("rev-list", "--count", ref) == "\(events)")
    #expect(try repo.git("rev-list", "--min-parents=2", ref).isEmpty)
    let parents = try repo.git("rev-list", "--parents", ref).split(separator: "\n")
    #expect(parents.filter { $0.split(separator: " ").count == 1 }.count == 1, "one root")
    let history = try repo.runGitRelease("history", "production", "--json")
    #expect(history.status == 0, "\(history.stderr)")
    let list = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [Any]
    #expect(list?.count == events)
  }

  @Test func eightFirstPromotionsOneWinner() throws {
    let repo = try Self.repository()
    let outcomes = try Self.runAtOnce(
      repo, ["promote", "v1.0.0", "--to", "production", "--no-rollback-target"], people: 8)
    let winners = outcomes.filter { $0.status == 0 }
    #expect(winners.count == 1, "\(outcomes.map { "\($0.status) \($0.stderr)" })")
    for loser in outcomes where loser.status != 0 {
      // Either it lost the compare-and-swap, or it read the winner's event and its gates refused.
      let raced =
        loser.status == 1 && loser.stderr.contains("production changed while promoting")
        && loser.stderr.contains("Nothing was recorded for this command")
      let refused =
        loser.status == 4 && loser.stderr.contains("refused by: release, rollback-target")
      #expect(raced || refused, "\(loser.status): \(loser.stderr)")
    }
    try Self.checkTrail(repo, events: 1)
    let winner = try #require(winners.first)
    #expect(
      try repo.git("log", "-1", "--format=%an", "refs/environments/production") == winner.person)
  }

  @Test func eightPromotionsOverARunningReleaseOneWinner() throws {
    let repo = try Self.repository()
    try repo.runGitRelease("promote", "v1.0.0", "--to", "production", "--no-rollback-target")
    let outcomes = try Self.runAtOnce(repo, ["promote", "v1.1.0", "--to", "production"], people: 8)
    #expect(outcomes.filter { $0.status == 0 }.count == 1)
    for loser in outcomes where loser.status != 0 {
      let raced =
        loser.status == 1
        && loser.stderr.contains("production changed while promoting v1.1.0")
      let refused = loser.status == 4 && loser.stdout.contains("production already runs v1.1.0")
      #expect(raced || refused, "\(loser.status): \(loser.stderr)")
    }
    try Self.checkTrail(repo, events: 2)
    #expect(
      try repo.git("log", "-1", "--format=%s", "refs/environments/production")
        == "promote v1.1.0 to production (was v1.0.0)")
  }

  @Test func eightApprovalsAtOnceAreAllKept() throws {
    let repo = try Self.repository()
    let outcomes = try Self.runAtOnce(
      repo, ["approve", "v1.1.0", "--for", "production"], people: 8)
    #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes.map(\.stderr))")
    try Self.checkTrail(repo, events: 8)
    let approvers = try repo.git("log", "--format=%an", "refs/environments/production")
      .split(separator: "\n").map(String.init)
    #expect(Set(approvers) == Set((1...8).map { "Promoter \($0)" }))
  }
}
