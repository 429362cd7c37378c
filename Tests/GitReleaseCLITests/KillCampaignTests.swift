import Foundation
import TestSupport
import Testing

/// Kills `git release` with SIGKILL at random moments while it writes a tag, a promotion or an
/// approval, and checks after every kill what a user would: git finds nothing wrong, no partial
/// tag or event is visible, a lock file left behind is named by the next run, and everything
/// recorded before is still there (BadInputTests holds the message for a lock made by hand).
/// GIT_RELEASE_KILLS sets the kills per operation and mode (20 unless set);
/// reliability/kill-campaign runs hundreds and prints where they landed.
@Suite("Faults: killed while writing", .serialized)
struct KillCampaignTests {
  static let kills =
    ProcessInfo.processInfo.environment["GIT_RELEASE_KILLS"].flatMap { Int($0) } ?? 20

  /// The writes last tens of microseconds in a run of tens of milliseconds. To land kills inside
  /// them too, the widened mode runs the tool under strace, which holds each link, rename and
  /// unlink (how objects and refs are published) this long before letting it happen.
  static let widening: UInt32 = 2_000
  static let strace = "/usr/bin/strace"
  static var canWiden: Bool { FileManager.default.isExecutableFile(atPath: strace) }

  /// Where a kill landed, as the repository shows it afterwards.
  enum Landing: String, CaseIterable {
    case beforeWrites = "killed before anything was written"
    case duringObject = "killed while writing an object (temporary file left)"
    case afterObject = "killed after the object, before the ref"
    case duringRef = "killed while writing the ref (lock file left)"
    case refLinked = "killed after the ref was linked into place, before its lock was removed"
    case afterRef = "killed after the ref moved"
    case finished = "finished before the kill"
  }

  /// One write under test: what each run needs, and what is recorded so far.
  struct Operation: Sendable {
    let name: String
    /// The arguments and environment of the next run; may change the repository first.
    let prepare: @Sendable (FixtureRepository, Int) throws -> ([String], [String: String])
    /// What is recorded, one line per tag or event; events oldest first.
    let recorded: @Sendable (FixtureRepository) throws -> [String]
    /// Events form a chain: what was recorded stays a prefix of what is recorded.
    let ordered: Bool
  }

  struct Tally: CustomStringConvertible {
    let title: String
    var landings: [Landing: Int] = [:]
    var lockMessagesChecked = 0
    var recordedBySuccess = 0
    var recordedByKilled = 0
    var temporaryFilesLeft = 0
    var lost = 0

    var description: String {
      let kills = landings.filter { $0.key != .finished }.values.reduce(0, +)
      var lines = ["\(title): \(kills) kills, \(landings[.finished, default: 0]) runs ended first"]
      for landing in Landing.allCases {
        lines.append("  \(landing.rawValue): \(landings[landing, default: 0])")
      }
      lines.append("  recorded by runs that finished: \(recordedBySuccess)")
      lines.append("  recorded by runs that were killed: \(recordedByKilled)")
      lines.append("  lock files left, each named by the next run: \(lockMessagesChecked)")
      lines.append("  temporary object files left at the end: \(temporaryFilesLeft)")
      lines.append("  records lost: \(lost)")
      return lines.joined(separator: "\n")
    }
  }

  /// Releases v1.0.0 and v1.1.0, and an environment production with no gates.
  static func repository() throws -> FixtureRepository {
    try ConcurrentPromotionTests.repository()
  }

  static func events(_ repo: FixtureRepository) throws -> [String] {
    let ref = "refs/environments/production"
    guard (try? repo.git("rev-parse", "--verify", "--quiet", ref)) != nil else { return [] }
    return try repo.git("rev-list", "--reverse", ref).split(separator: "\n").map(String.init)
  }

  static let tag = Operation(
    name: "git release tag",
    prepare: { repo, run in
      try repo.commit("fix: change \(run)")
      return (["tag"], [:])
    },
    recorded: { repo in
      try repo.git("for-each-ref", "--format=%(refname) %(objectname) %(*objectname)", "refs/tags")
        .split(separator: "\n").map(String.init)
    },
    ordered: false)

  static let promote = Operation(
    name: "git release promote",
    prepare: { repo, _ in
      let last = try repo.git("log", "-1", "--format=%s", "refs/environments/production")
      let next = last.hasPrefix("promote v1.0.0 ") ? "v1.1.0" : "v1.0.0"
      return (["promote", next, "--to", "production"], [:])
    },
    recorded: events, ordered: true)

  static let approve = Operation(
    name: "git release approve",
    prepare: { _, run in
      (
        ["approve", "v1.1.0", "--for", "production"],
        ["GIT_COMMITTER_NAME": "Approver \(run)", "GIT_COMMITTER_EMAIL": "approver\(run)@example.com"]
      )
    },
    recorded: events, ordered: true)

  /// Holds and unholds in turn: each run writes the one the trail's tip calls for.
  static let hold = Operation(
    name: "git release hold / unhold",
    prepare: { repo, run in
      let last = try? repo.git("log", "-1", "--format=%s", "refs/environments/production")
      return last == "hold production"
        ? (["unhold", "production"], [:])
        : (["hold", "production", "--reason", "incident \(run)"], [:])
    },
    recorded: events, ordered: true)

  /// Blocks and unblocks a release in turn, on refs/environments/_blocks.
  static let block = Operation(
    name: "git release block / unblock",
    prepare: { repo, run in
      let last = try? repo.git("log", "-1", "--format=%s", "refs/environments/_blocks")
      return last == "block v1.1.0"
        ? (["unblock", "v1.1.0"], [:])
        : (["block", "v1.1.0", "--reason", "bad release \(run)"], [:])
    },
    recorded: { repo in
      let ref = "refs/environments/_blocks"
      guard (try? repo.git("rev-parse", "--verify", "--quiet", ref)) != nil else { return [] }
      return try repo.git("rev-list", "--reverse", ref).split(separator: "\n").map(String.init)
    },
    ordered: true)

  @Test func killedWhileHolding() throws {
    let repo = try Self.repository()
    print(try Self.campaign(Self.hold, widened: false, in: repo))
    try Self.checkReadable(repo, "production")
  }
  @Test(.enabled(if: canWiden)) func killedInsideHoldWrites() throws {
    let repo = try Self.repository()
    print(try Self.campaign(Self.hold, widened: true, in: repo))
    try Self.checkReadable(repo, "production")
  }
  @Test func killedWhileBlocking() throws {
    let repo = try Self.repository()
    print(try Self.campaign(Self.block, widened: false, in: repo))
    try Self.checkReadable(repo, "_blocks")
  }

  /// Whatever the kills left, the trail reads, and the state its tip stores is its events'.
  static func checkReadable(_ repo: FixtureRepository, _ trail: String) throws {
    #expect(try repo.runGitRelease("history", "--limit", "5").status == 0, "\(trail) reads")
    #expect(try repo.runGitRelease("status").status == 0)
    let result = try repo.runGitRelease("verify", "--json")
    #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
  }

  @Test func killedWhileTagging() throws { try Self.tagCampaign(widened: false) }
  @Test(.enabled(if: canWiden)) func killedInsideTagWrites() throws {
    try Self.tagCampaign(widened: true)
  }
  @Test func killedWhilePromoting() throws { try Self.promoteCampaign(widened: false) }
  @Test(.enabled(if: canWiden)) func killedInsidePromotionWrites() throws {
    try Self.promoteCampaign(widened: true)
  }
  @Test func killedWhileApproving() throws { try Self.approveCampaign(widened: false) }
  @Test(.enabled(if: canWiden)) func killedInsideApprovalWrites() throws {
    try Self.approveCampaign(widened: true)
  }

  static func tagCampaign(widened: Bool) throws {
    let repo = try repository()
    print(try campaign(tag, widened: widened, in: repo))
    // Every tag that landed is whole: an annotated tag of the commit it was made on.
    for line in try tag.recorded(repo) {
      let name = String(line.split(separator: " ")[0])
      #expect(try repo.git("cat-file", "-t", name) == "tag")
      let subject = try repo.git("log", "-1", "--format=%s", name + "^{commit}")
      #expect(subject.hasPrefix("fix: change") || subject.hasSuffix("feature"))
    }
  }

  static func promoteCampaign(widened: Bool) throws {
    let repo = try repository()
    try repo.runGitRelease("promote", "v1.0.0", "--to", "production", "--no-rollback-target")
    print(try campaign(promote, widened: widened, in: repo))
  }

  static func approveCampaign(widened: Bool) throws {
    let repo = try repository()
    print(try campaign(approve, widened: widened, in: repo))
  }

  /// Runs the operation to completion a few times to learn how long it takes, then kills it
  /// `kills` times, checking the repository after each.
  static func campaign(_ operation: Operation, widened: Bool, in repo: FixtureRepository) throws
    -> Tally
  {
    var tally = Tally(
      title: operation.name + (widened ? " (writes widened by strace)" : ""))
    var run = 0
    var durations: [UInt32] = []
    for _ in 1...3 {
      run += 1
      let (arguments, environment) = try operation.prepare(repo, run)
      let start = DispatchTime.now().uptimeNanoseconds
      let result = try runAndKill(repo, arguments, environment, widened: widened, after: nil)
      durations.append(UInt32((DispatchTime.now().uptimeNanoseconds - start) / 1_000))
      try #require(result?.0 == 0, "\(result?.1 ?? "killed")")
    }
    var aim = Aim(duration: durations.sorted()[1], reach: widened ? 4 * widening : nil)
    var everRecorded = Set(try operation.recorded(repo))
    var expected = everRecorded.count
    for _ in 1...kills {
      run += 1
      let (arguments, environment) = try operation.prepare(repo, run)
      let before = try operation.recorded(repo)
      let objectsBefore = try looseObjects(repo)
      let temporaryBefore = try temporaryObjectFiles(repo)
      let outcome = try runAndKill(
        repo, arguments, environment, widened: widened, after: aim.next())
      try repo.git("fsck", "--strict", "--no-dangling")
      let after = try operation.recorded(repo)
      let added = after.count - before.count
      #expect(Set(before).isSubset(of: Set(after)), "something recorded before the kill is gone")
      if operation.ordered { #expect(Array(after.prefix(before.count)) == before) }
      #expect(added == 0 || added == 1, "\(added) records from one run")
      let locks = try lockFiles(repo)
      let landing: Landing
      if let status = outcome {
        #expect(status.0 == 0 && added == 1, "exit \(status.0): \(status.1)")
        landing = .finished
        tally.recordedBySuccess += added
      } else if added > 0 {
        landing = locks.isEmpty ? .afterRef : .refLinked
        tally.recordedByKilled += 1
      } else if !locks.isEmpty {
        landing = .duringRef
      } else if try looseObjects(repo) > objectsBefore {
        landing = .afterObject
      } else if try temporaryObjectFiles(repo) > temporaryBefore {
        landing = .duringObject
      } else {
        landing = .beforeWrites
      }
      tally.landings[landing, default: 0] += 1
      aim.learn(early: landing == .beforeWrites)
      expected += added
      everRecorded.formUnion(after)
      if !locks.isEmpty {
        // A tag made leaves its lock in the way of that tag only; the next run makes the next.
        let blocks = added == 0 || operation.ordered
        let made = try checkLock(locks, blocks: blocks, operation: operation, run: &run, in: repo)
        if blocks { tally.lockMessagesChecked += 1 }
        tally.recordedBySuccess += made.count
        expected += made.count
        everRecorded.formUnion(made)
      }
    }
    let final = try operation.recorded(repo)
    tally.lost = everRecorded.subtracting(final).count
    #expect(tally.lost == 0)
    #expect(final.count == expected)
    if operation.ordered {
      // Each campaign writes one trail: history of every trail lists its events.
      let history = try repo.runGitRelease("history", "--json")
      let events = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [Any]
      #expect(events?.count == final.count, "\(history.stderr)")
    }
    tally.temporaryFilesLeft = try temporaryObjectFiles(repo)
    return tally
  }

  /// A lock file a kill left blocks the next run that writes that ref, which must fail saying
  /// which file and how to remove it, and record nothing; a run writing another ref goes through.
  /// The lock is then removed, as the message says. Returns what the next run recorded.
  static func checkLock(
    _ locks: [String], blocks: Bool, operation: Operation, run: inout Int,
    in repo: FixtureRepository
  ) throws -> [String] {
    run += 1
    let (arguments, environment) = try operation.prepare(repo, run)
    let before = try operation.recorded(repo)
    let next = try repo.runGitRelease(arguments, environment: environment)
    if blocks {
      #expect(next.status == 1, "\(next.stderr)")
      for lock in locks { #expect(next.stderr.contains("rm '\(lock)'"), "\(next.stderr)") }
    } else {
      #expect(next.status == 0, "\(next.stderr)")
    }
    for lock in locks { try FileManager.default.removeItem(atPath: lock) }
    try repo.git("fsck", "--strict", "--no-dangling")
    let after = try operation.recorded(repo)
    #expect(Set(before).isSubset(of: Set(after)))
    #expect(after.count == before.count + (blocks ? 0 : 1))
    return Array(Set(after).subtracting(before))
  }

  /// Runs the tool and kills it with SIGKILL `after` microseconds (never, when nil). Nil when it
  /// was killed; its exit status and standard error when it ended first.
  static func runAndKill(
    _ repo: FixtureRepository, _ arguments: [String], _ environment: [String: String],
    widened: Bool, after delay: UInt32?
  ) throws -> (Int32, String)? {
    let process = Process()
    let tool = FixtureRepository.gitReleaseBinary.path
    if widened {
      process.executableURL = URL(fileURLWithPath: strace)
      let calls = "link,rename,unlink"
      process.arguments =
        [
          "-f", "-qq", "--seccomp-bpf", "-o", "/dev/null", "-e", "trace=\(calls)",
          "-e", "inject=\(calls):delay_enter=\(widening)", tool,
        ] + arguments
    } else {
      process.executableURL = URL(fileURLWithPath: tool)
      process.arguments = arguments
    }
    process.currentDirectoryURL = repo.url
    // A temporary folder of its own, removed once it has ended: what a killed run leaves there
    // (the private copy of a commit's .gitrelease that trust reads, say) goes with it, not to /tmp.
    let temporary = try FixtureRepository.makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: temporary) }
    process.environment = repo.environment.merging(environment) { $1 }
      .merging(["TMPDIR": temporary.path]) { $1 }
    let errors = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    try process.run()
    if let delay {
      // Under strace the tool is strace's child: that is the process to kill.
      let target =
        widened ? child(of: process.processIdentifier, running: tool) : process.processIdentifier
      usleep(delay)
      if process.isRunning, let target { kill(target, SIGKILL) }
    }
    // A failing run writes a line or two to stderr, well inside a pipe's buffer.
    let stderr = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationReason == .exit else { return nil }
    return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
  }

  /// The child of a process that runs `tool`, once there is one (within a second). strace forks
  /// short-lived helpers of its own first (to try out ptrace and seccomp): those are skipped.
  static func child(of pid: Int32, running tool: String) -> Int32? {
    let path = "/proc/\(pid)/task/\(pid)/children"
    let tool = URL(fileURLWithPath: tool).resolvingSymlinksInPath().path
    for _ in 1...1_000 {
      let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
      for child in text.split(separator: " ").compactMap({ Int32($0) }) {
        let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(child)/exe")
        if exe == tool { return child }
      }
      usleep(200)
    }
    return nil
  }

  /// Chooses when to kill. Most kills aim at the moment the writes start, learnt as the campaign
  /// goes (the aim moves later after a kill that landed before anything was written, earlier
  /// after one that did not), and spread over the writes; the rest land in the first
  /// millisecond, while the process starts, or anywhere in a run and a little past its end.
  struct Aim {
    let duration: UInt32
    /// How far past their start the writes reach; nil: a fifteenth of a run either side.
    let reach: UInt32?
    var edge: Double

    init(duration: UInt32, reach: UInt32?) {
      self.duration = duration
      self.reach = reach
      edge = Double(duration) * 0.8
    }

    func next() -> UInt32 {
      switch Int.random(in: 0..<20) {
      case 0..<3: return .random(in: 0...1_000)
      case 3..<6: return .random(in: 0...(duration + duration / 4))
      default:
        let before = Double(duration) / 15
        let after = reach.map(Double.init) ?? before
        return UInt32(max(0, edge + .random(in: -before...after)))
      }
    }

    mutating func learn(early: Bool) {
      let step = max(50, Double(duration) / 50)
      edge = max(0, edge + (early ? step : -step))
    }
  }

  static func looseObjects(_ repo: FixtureRepository) throws -> Int {
    try repo.git("count-objects", "-v").split(separator: "\n")
      .first { $0.hasPrefix("count: ") }.flatMap { Int($0.dropFirst(7)) } ?? 0
  }

  static func lockFiles(_ repo: FixtureRepository) throws -> [String] {
    try files(under: repo.url.appendingPathComponent(".git")) { $0.hasSuffix(".lock") }
  }

  /// libgit2 writes each object to a temporary file and links it into place.
  static func temporaryObjectFiles(_ repo: FixtureRepository) throws -> Int {
    try files(under: repo.url.appendingPathComponent(".git/objects")) { $0.hasPrefix("tmp_") }
      .count
  }

  static func files(under folder: URL, where matches: (String) -> Bool) throws -> [String] {
    guard let walk = FileManager.default.enumerator(atPath: folder.path) else { return [] }
    return walk.compactMap { $0 as? String }
      .filter { matches(URL(fileURLWithPath: $0).lastPathComponent) }
      .map { folder.appendingPathComponent($0).path }.sorted()
  }
}
