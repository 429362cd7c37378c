import Foundation
import Processes
import Testing

/// The package's one process runner, with real programs.
@Suite("Process runner")
struct ProcessRunnerTests {
  /// More than a pipe holds, on both streams at once, while the input is still being written:
  /// a runner that read the streams only after the program ended would never return.
  @Test func largeOutputOnBothStreamsWhileInputIsWritten() throws {
    let input = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
    let result = try ProcessRunner.run(
      "/bin/sh", ["-c", "cat; head -c 300000 /dev/zero >&2"], input: input, lookUp: false)
    #expect(result.status == 0)
    #expect(result.stdout == input)
    #expect(result.stderr.count == 300_000)
  }

  @Test func environmentDirectoryAndStatus() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let added = try ProcessRunner.run(
      "sh", ["-c", "printf '%s %s' \"$RUNNER_TEST\" \"$(pwd -P)\"; exit 3"],
      environment: ["RUNNER_TEST": "added"], in: folder)
    #expect(added.status == 3)
    let path = folder.resolvingSymlinksInPath().path
    #expect(String(decoding: added.stdout, as: UTF8.self) == "added \(path)")
    // With only the environment given, nothing of this process's environment is passed on.
    let only = try ProcessRunner.run(
      "/usr/bin/env", [], environment: ["ONLY": "1"], inheritingEnvironment: false)
    #expect(String(decoding: only.stdout, as: UTF8.self) == "ONLY=1\n")
  }

  @Test func noInputReadsAsEmpty() throws {
    let result = try ProcessRunner.run("/bin/cat", [], lookUp: false)
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
  }

  @Test func programsThatCannotRun() {
    #expect(throws: ProcessRunner.Failure(program: "no-such-program-here", reason: .notOnPath)) {
      try ProcessRunner.run("no-such-program-here", [])
    }
    do {
      _ = try ProcessRunner.run("/no/such/program", [])
      Issue.record("a missing program ran")
    } catch {
      guard case .cannotStart(let why) = error.reason else {
        Issue.record("expected cannotStart, got \(error.reason)")
        return
      }
      #expect(error.program == "/no/such/program")
      #expect(!why.isEmpty)
    }
  }
}
