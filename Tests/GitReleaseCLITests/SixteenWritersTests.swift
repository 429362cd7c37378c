import Foundation
import TestSupport
import Testing

/// Sixteen `git release` processes at once on one environment, eight promoting and eight
/// approving, round after round: every run that says it recorded an event has its event in the
/// trail, no run that said it recorded nothing has one, and the trail stays one straight line in
/// which each promotion names the release that really ran before it. GIT_RELEASE_RACE_ROUNDS
/// sets the rounds (2 unless set); reliability/kill-campaign runs more.
@Suite("Races: sixteen writers on one environment")
struct SixteenWritersTests {
  static let rounds =
    ProcessInfo.processInfo.environment["GIT_RELEASE_RACE_ROUNDS"].flatMap { Int($0) } ?? 2
  static let tags = ["v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0"]

  struct Writer {
    let name: String
    let arguments: [String]
    var status: Int32 = -1
    var stdout = ""
    var stderr = ""
    var isPromoter: Bool { arguments[0] == "promote" }
  }

  struct Event: Decodable {
    struct Release: Decodable { let tag: String }
    struct Person: Decodable { let name: String }
    let kind: String
    let tag: String
    let actor: Person
    let previous: Release?
    let id: String
  }

  @Test func promotersAndApproversAtOnce() throws {
    let repo = try FixtureRepository()
    try repo.write(".gitrelease", "[environment \"production\"]\n")
    try repo.git("add", ".gitrelease")
    for (index, tag) in Self.tags.enumerated() {
      try repo.commit("feat: feature \(index)")
      try repo.tag(tag, message: tag)
    }
    try repo.runGitRelease("promote", "v1.0.0", "--to", "production", "--no-rollback-target")
    var all: [Writer] = []
    var summary: [String] = []
    for round in 1...Self.rounds {
      let writers = (1...16).map { index in
        let tag = Self.tags[(round + index) % Self.tags.count]
        return Writer(
          name: "Writer \(round)-\(index)",
          arguments: index % 2 == 0
            ? ["promote", tag, "--to", "production", "--json"]
            : ["approve", tag, "--for", "production", "--json"])
      }
      let done = try Self.runAtOnce(writers, in: repo)
      all += done
      try Self.check(repo, writers: all)
      let promoted = done.filter { $0.isPromoter && $0.status == 0 }.count
      let raced = done.filter { $0.isPromoter && $0.status == 1 }.count
      let refused = done.filter { $0.isPromoter && $0.status == 4 }.count
      let approved = done.filter { !$0.isPromoter && $0.status == 0 }.count
      summary.append(
        "round \(round): \(promoted) promoted, \(raced) lost the race, \(refused) refused by a "
          + "gate; \(approved) of 8 approvals recorded")
    }
    let events = try repo.git("rev-list", "--count", "refs/environments/production")
    print(
      (["16 writers at once, \(Self.rounds) rounds: \(events) events in the trail, 0 lost"]
        + summary).joined(separator: "\n"))
  }

  /// Starts every writer before waiting for any, so they overlap as much as the machine allows.
  static func runAtOnce(_ writers: [Writer], in repo: FixtureRepository) throws -> [Writer] {
    var running: [(Writer, Process, Pipe, Pipe)] = []
    for writer in writers {
      let process = Process()
      process.executableURL = FixtureRepository.gitReleaseBinary
      process.arguments = writer.arguments
      process.currentDirectoryURL = repo.url
      var environment = repo.environment
      environment["GIT_COMMITTER_NAME"] = writer.name
      environment["GIT_COMMITTER_EMAIL"] = writer.name.replacingOccurrences(of: " ", with: ".")
        + "@example.com"
      process.environment = environment
      let out = Pipe()
      let err = Pipe()
      process.standardOutput = out
      process.standardError = err
      running.append((writer, process, out, err))
    }
    for (_, process, _, _) in running { try process.run() }
    return running.map { writer, process, out, err in
      // Each process writes a few kilobytes at most, well inside a pipe's buffer.
      let stdout = out.fileHandleForReading.readDataToEndOfFile()
      let stderr = err.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      var done = writer
      done.status = process.terminationStatus
      done.stdout = String(decoding: stdout, as: UTF8.self)
      done.stderr = String(decoding: stderr, as: UTF8.self)
      return done
    }
  }

  /// Checks the trail against what every writer so far said it did.
  static func check(_ repo: FixtureRepository, writers: [Writer]) throws {
    try repo.git("fsck", "--strict", "--no-dangling")
    let ref = "refs/environments/production"
    #expect(try repo.git("rev-list", "--min-parents=2", ref).isEmpty, "a merge in the trail")
    #expect(try repo.git("rev-list", "--max-parents=0", ref).split(separator: "\n").count == 1)
    let history = try repo.runGitRelease("history", "production", "--json")
    #expect(history.status == 0, "\(history.stderr)")
    let events = try JSONDecoder().decode([Event].self, from: Data(history.stdout.utf8))
    #expect(events.count == Int(try repo.git("rev-list", "--count", ref)))
    for writer in writers {
      let own = events.filter { $0.actor.name == writer.name }
      switch writer.status {
      case 0:
        // What the writer printed as recorded is exactly what the trail holds for it.
        #expect(own.count == 1, "\(writer.name) succeeded but has \(own.count) events")
        let printed = try JSONSerialization.jsonObject(with: Data(writer.stdout.utf8))
        let id = ((printed as? [String: Any])?["event"] as? [String: Any])?["id"]
          ?? (printed as? [String: Any])?["id"]
        #expect(own.first?.id == id as? String)
      case 1 where writer.isPromoter:
        #expect(own.isEmpty)
        #expect(writer.stderr.contains("Nothing was recorded for this command"), "\(writer.stderr)")
      case 4 where writer.isPromoter:
        #expect(own.isEmpty)
      default:
        Issue.record("\(writer.name) exited \(writer.status): \(writer.stderr)")
      }
    }
    // Each promotion was decided against the release that really ran before it.
    var running: String?
    for event in events.reversed() where event.kind == "promotion" {
      #expect(event.previous?.tag == running, "\(event.id) names the wrong previous release")
      running = event.tag
    }
  }
}
