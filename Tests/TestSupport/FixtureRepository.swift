import Foundation
import Processes

/// A git repository made in a temporary folder with the real `git`, for tests. Identity and dates
/// are pinned and the user's own git configuration is kept out, so every run writes the same ids.
public final class FixtureRepository {
  /// The work tree (or the repository itself when bare).
  public let url: URL
  public var path: String { url.path }
  /// Seconds since 1970 of the next commit; each commit moves it on by a minute.
  public var clock: Int = 1_700_000_000

  /// Tests that read repositories in-process must not see the user's git configuration either:
  /// git-release honours these variables as git does. Set once, before any test opens a repository.
  private static let isolation: Void = {
    setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1)
    setenv("GIT_CONFIG_NOSYSTEM", "1", 1)
  }()

  /// Makes an empty repository on branch `main`.
  public init(bare: Bool = false) throws {
    Self.isolation
    url = try Self.makeTemporaryFolder()
    try git(["init", "-q", "-b", "main"] + (bare ? ["--bare"] : []))
  }

  /// Wraps an existing folder (a clone made by another fixture, say); removed with the fixture.
  public init(existing url: URL) {
    self.url = url
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  public static func makeTemporaryFolder() throws -> URL {
    isolation
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("git-release-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    // Resolve symbolic links (/tmp may be one) so paths compare equal to what git reports.
    return url.resolvingSymlinksInPath()
  }

  /// The environment every git call gets: no user or system config, fixed identity and dates.
  public var environment: [String: String] {
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
    env["GIT_CONFIG_GLOBAL"] = "/dev/null"
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_AUTHOR_NAME"] = "Ada Author"
    env["GIT_AUTHOR_EMAIL"] = "ada@example.com"
    env["GIT_COMMITTER_NAME"] = "Cy Committer"
    env["GIT_COMMITTER_EMAIL"] = "cy@example.com"
    env["GIT_AUTHOR_DATE"] = "\(clock) +0000"
    env["GIT_COMMITTER_DATE"] = "\(clock) +0000"
    env["HOME"] = url.path
    env["TZ"] = "UTC"
    env["LC_ALL"] = "C"
    return env
  }

  /// Runs git in the repository and returns its standard output, trimmed of the final newline.
  @discardableResult
  public func git(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:])
    throws -> String
  {
    let result = try Self.run(
      "/usr/bin/env", ["git"] + arguments, in: url, environment: environment.merging(extra) { $1 },
      input: input.map { Data($0.utf8) })
    guard result.status == 0 else {
      throw FixtureError.commandFailed(
        "git \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
    }
    return result.stdout.hasSuffix("\n") ? String(result.stdout.dropLast()) : result.stdout
  }

  @discardableResult
  public func git(_ arguments: String...) throws -> String { try git(arguments) }

  /// Writes a file (folders made as needed).
  public func write(_ path: String, _ contents: String) throws {
    try write(path, Data(contents.utf8))
  }

  public func write(_ path: String, _ contents: Data) throws {
    let file = url.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try contents.write(to: file)
  }

  /// Commits with this message, changing `file` (a new line each time) so the commit is never empty.
  /// Returns the new commit's full id.
  @discardableResult
  public func commit(_ message: String, file: String = "file.txt") throws -> String {
    let target = url.appendingPathComponent(file)
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    let line = "\(clock) \(message.prefix(40))\n"
    if let handle = try? FileHandle(forWritingTo: target) {
      handle.seekToEndOfFile()
      handle.write(Data(line.utf8))
      try handle.close()
    } else {
      try Data(line.utf8).write(to: target)
    }
    try git("add", "--", file)
    return try commitStaged(message)
  }

  /// Commits what is staged, with a message given as raw bytes (any encoding).
  @discardableResult
  public func commitStaged(_ message: String, allowEmpty: Bool = false) throws -> String {
    try commitStaged(rawMessage: Data(message.utf8), allowEmpty: allowEmpty)
  }

  @discardableResult
  public func commitStaged(rawMessage: Data, allowEmpty: Bool = false) throws -> String {
    let messageFile = url.appendingPathComponent(".git-release-test-message")
    try rawMessage.write(to: messageFile)
    defer { try? FileManager.default.removeItem(at: messageFile) }
    var arguments = ["commit", "-q", "--cleanup=verbatim", "-F", messageFile.path]
    if allowEmpty { arguments.append("--allow-empty") }
    try git(arguments)
    clock += 60
    return try git("rev-parse", "HEAD")
  }

  /// An empty commit with this message.
  @discardableResult
  public func emptyCommit(_ message: String) throws -> String {
    try commitStaged(message, allowEmpty: true)
  }

  /// Empty commits with these messages on the current branch: the commits `emptyCommit` makes one
  /// at a time (the same ids, loose objects as theirs), written by one `git fast-import` rather
  /// than two processes each. Returns their full ids, oldest first.
  @discardableResult
  public func emptyCommits(_ messages: [String]) throws -> [String] {
    guard !messages.isEmpty else { return [] }
    let branch = try git("symbolic-ref", "HEAD")
    let parent = try git("rev-parse", "--verify", "HEAD")
    let environment = self.environment
    func person(_ role: String) -> String {
      "\(environment["GIT_\(role)_NAME"] ?? "") <\(environment["GIT_\(role)_EMAIL"] ?? "")>"
    }
    var script = ""
    for (index, message) in messages.enumerated() {
      script += "commit \(branch)\n"
      script += "author \(person("AUTHOR")) \(clock) +0000\n"
      script += "committer \(person("COMMITTER")) \(clock) +0000\n"
      script += "data \(message.utf8.count)\n\(message)\n"
      if index == 0 { script += "from \(parent)\n" }
      script += "\n"
      clock += 60
    }
    // Below fastimport.unpackLimit objects, fast-import leaves them loose, as `git commit` does.
    try git(["-c", "fastimport.unpackLimit=\(messages.count + 1)", "fast-import", "--quiet"], input: script)
    return try git("rev-list", "--reverse", "--max-count=\(messages.count)", "HEAD")
      .split(separator: "\n").map(String.init)
  }

  /// Tags HEAD (or `target`): lightweight, or annotated when a message is given.
  public func tag(_ name: String, message: String? = nil, target: String = "HEAD") throws {
    if let message {
      try git("tag", "-a", name, "-m", message, target)
    } else {
      try git("tag", name, target)
    }
    clock += 1
  }

  /// The full id of a revision.
  public func revParse(_ revision: String) throws -> String {
    try git("rev-parse", "--verify", "--quiet", revision + "^{}")
  }

  // MARK: Processes

  public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
  }

  /// Runs a program with exactly `environment` and collects its output, with the package's
  /// process runner: output is read while the program runs, so a large output never blocks it.
  public static func run(
    _ executable: String, _ arguments: [String], in directory: URL, environment: [String: String],
    input: Data? = nil
  ) throws -> ProcessResult {
    // Standard input is a pipe, closed once the input is written (at once without input).
    let result = try ProcessRunner.run(
      executable, arguments, input: Array(input ?? Data()), environment: environment,
      inheritingEnvironment: false, in: directory, lookUp: false)
    return ProcessResult(
      status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self),
      stderr: String(decoding: result.stderr, as: UTF8.self))
  }

  // MARK: The tool itself

  /// The `git-release` binary built alongside the tests.
  public static var gitReleaseBinary: URL {
    let bundle = Bundle.main.bundleURL
    let candidates = [
      bundle.deletingLastPathComponent().appendingPathComponent("git-release"),
      bundle.appendingPathComponent("git-release"),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("git-release"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates[0]
  }

  /// Runs `git-release` in this repository as a user would, with the fixture's environment.
  public func runGitRelease(
    _ arguments: [String], in folder: String? = nil, environment extra: [String: String] = [:],
    input: String? = nil
  ) throws -> ProcessResult {
    let directory = folder.map { url.appendingPathComponent($0) } ?? url
    return try Self.run(
      Self.gitReleaseBinary.path, arguments, in: directory,
      environment: environment.merging(extra) { $1 }, input: input.map { Data($0.utf8) })
  }

  @discardableResult
  public func runGitRelease(_ arguments: String...) throws -> ProcessResult {
    try runGitRelease(arguments)
  }
}

public enum FixtureError: Error, CustomStringConvertible {
  case commandFailed(String)

  public var description: String {
    switch self {
    case .commandFailed(let text): text
    }
  }
}

extension FixtureRepository {
  /// A small history with a merge, for the walks' tests, and each commit's id by its letter:
  /// main: a - b - m(merge of side c) - d ; side: c
  public static func mergedHistory() throws -> (FixtureRepository, [String: String]) {
    let fixture = try FixtureRepository()
    var ids: [String: String] = [:]
    ids["a"] = try fixture.commit("feat: a")
    ids["b"] = try fixture.commit("feat: b")
    try fixture.git("checkout", "-q", "-b", "side")
    ids["c"] = try fixture.commit("feat: c", file: "side.txt")
    try fixture.git("checkout", "-q", "main")
    try fixture.git("merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side")
    ids["m"] = try fixture.revParse("HEAD")
    ids["d"] = try fixture.commit("fix: d")
    return (fixture, ids)
  }
}
