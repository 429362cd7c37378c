import Foundation
import TestSupport
import Testing

/// A run that ended as the tool means runs to end: with a documented status, and no crash report
/// (a Swift trap prints "Fatal error" and a stack dump; a signal ends the process instead).
func expectClean(
  _ result: FixtureRepository.ProcessResult, status allowed: Set<Int32>, _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    allowed.contains(result.status), "\(what): exit \(result.status)\n\(result.stderr)",
    sourceLocation: sourceLocation)
  for crash in ["Fatal error", "Stack dump", "Current stack trace", "signal"] {
    #expect(
      !result.stderr.contains(crash), "\(what): \(result.stderr)", sourceLocation: sourceLocation)
  }
}

/// The commands a release pipeline runs, each with the statuses it may end with on odd input.
let pipelineCommands: [([String], Set<Int32>)] = [
  (["current"], [0, 3]),
  (["next"], [0, 3]),
  (["notes"], [0]),
  (["notes", "--format", "json"], [0]),
  (["changelog"], [0]),
  (["tag", "--dry-run"], [0, 3]),
  (["check"], [0, 1]),
]

/// Odd repositories and odd text, each run through the commands that read them: every run ends
/// with a clear message and a documented status, or with correct output; none crashes.
@Suite("Bad and odd input")
struct BadInputTests {
  private func released() throws -> FixtureRepository {
    let repo = try FixtureRepository()
    try repo.commit("feat: first")
    try repo.tag("v1.0.0", message: "Release 1.0.0")
    return repo
  }

  private func runPipeline(_ repo: FixtureRepository, _ what: String) throws {
    for (arguments, statuses) in pipelineCommands {
      let result = try repo.runGitRelease(arguments)
      expectClean(result, status: statuses, "\(what): \(arguments.joined(separator: " "))")
    }
  }

  /// Writes a commit object as given, bypassing git's own clean-up of names and messages, and
  /// moves main to it: what a hostile or broken client can push.
  @discardableResult
  static func writeRawCommit(_ repo: FixtureRepository, author: String, message: String) throws
    -> String
  {
    let tree = try repo.git("rev-parse", "HEAD^{tree}")
    let parent = try repo.git("rev-parse", "HEAD")
    let object =
      "tree \(tree)\nparent \(parent)\nauthor \(author) <odd@example.com> 1700000000 +0000\n"
      + "committer \(author) <odd@example.com> 1700000000 +0000\n\n\(message)"
    let id = try repo.git(
      ["hash-object", "-t", "commit", "-w", "--literally", "--stdin"], input: object)
    try repo.git("update-ref", "refs/heads/main", id)
    return id
  }

  // MARK: Commit messages

  @Test func commitMessagesThatAreNotUTF8() throws {
    let repo = try released()
    try repo.write("a.txt", "a\n")
    try repo.git("add", "a.txt")
    // Latin-1 "café" and two bytes that are never UTF-8.
    try repo.commitStaged(
      rawMessage: Data("feat: caf".utf8) + Data([0xE9, 0x0A, 0x0A, 0xFF, 0xFE]))
    try runPipeline(repo, "non-UTF-8 message")
    let notes = try repo.runGitRelease("notes", "--format", "json")
    let object = try JSONSerialization.jsonObject(with: Data(notes.stdout.utf8))
    #expect(object is [String: Any], "the JSON stays valid: \(notes.stdout)")
    #expect(notes.stdout.contains("caf"))
    #expect(try repo.runGitRelease("tag").status == 0)
  }

  @Test func anEmptyCommitMessage() throws {
    let repo = try released()
    try repo.git("commit", "-q", "--allow-empty", "--allow-empty-message", "-m", "")
    try runPipeline(repo, "empty message")
    let check = try repo.runGitRelease("check")
    #expect(check.status == 1)
    #expect(check.stderr.contains("the message is empty"), "\(check.stderr)")
    // An empty message is not a Conventional Commit: it bumps nothing.
    #expect(try repo.runGitRelease("next").status == 3)
  }

  @Test func aOneMebibyteCommitMessage() throws {
    let repo = try released()
    let body = String(repeating: "All work and no play makes a long body. ", count: 26_000)
    try repo.emptyCommit("feat: a feature with a very long body\n\n\(body)\n")
    try runPipeline(repo, "1 MiB message")
    let notes = try repo.runGitRelease("notes")
    #expect(notes.stdout.contains("a feature with a very long body"))
    // Notes carry the subject, not the body: the output stays the size of a note.
    #expect(notes.stdout.utf8.count < 4_096, "\(notes.stdout.utf8.count) bytes")
    let tag = try repo.runGitRelease("tag")
    #expect(tag.status == 0, "\(tag.stderr)")
  }

  @Test func terminalEscapeSequencesInMessagesAndNames() throws {
    let repo = try released()
    try repo.write(".gitrelease", "[environment \"staging\"]\n")
    try repo.git("add", ".gitrelease")
    try repo.commitStaged("chore: configure staging")
    let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{202E}txt.exe\u{9B}31m"
    try Self.writeRawCommit(
      repo, author: "Eve \(hostile)",
      message: "feat: clear the screen \(hostile)\n\nbody \(hostile)\n")
    try repo.tag("v1.1.0", message: "Release \(hostile)")
    try repo.emptyCommit("fix: after \(hostile)")
    var outputs: [String] = []
    for arguments in [
      ["notes"], ["notes", "v1.1.0"], ["changelog"], ["tag", "--dry-run"], ["check"],
      ["check", "v1.0.0..HEAD"], ["current"], ["next"],
      ["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"],
      ["promote", "v1.1.0", "--to", "staging"], ["status"], ["history"],
      ["diff", "staging", "staging"], ["rollback", "staging"],
    ] {
      let result = try repo.runGitRelease(arguments)
      expectClean(result, status: [0, 1, 2, 3, 4], arguments.joined(separator: " "))
      outputs.append(result.stdout + result.stderr)
    }
    for output in outputs {
      #expect(!output.contains("\u{1B}"), "an escape reached the terminal: \(output)")
      #expect(!output.contains("\u{07}"))
      #expect(!output.contains("\u{9B}"))
      #expect(!output.contains("\u{202E}"), "a bidirectional override reached the terminal")
    }
    #expect(outputs.joined().contains("clear the screen"))
  }

  // MARK: History shapes

  @Test func anOctopusMerge() throws {
    let repo = try released()
    for (branch, message) in [("a", "feat: on a"), ("b", "fix: on b"), ("c", "perf: on c")] {
      try repo.git("checkout", "-q", "-b", branch, "main")
      try repo.commit(message, file: "\(branch).txt")
    }
    try repo.git("checkout", "-q", "main")
    try repo.git("merge", "-q", "--no-edit", "a", "b", "c", "-m", "Merge a, b and c")
    #expect(
      try repo.git("rev-list", "--parents", "-n", "1", "HEAD").split(separator: " ").count == 4)
    try runPipeline(repo, "octopus merge")
    #expect(try repo.runGitRelease("next").stdout == "v1.1.0\n")
    let notes = try repo.runGitRelease("notes").stdout
    for subject in ["on a", "on b", "on c"] { #expect(notes.contains(subject), "\(notes)") }
    #expect(!notes.contains("Merge a, b"), "merges are left out of notes")
    #expect(try repo.runGitRelease("tag").status == 0)
  }

  @Test func tagsOfTreesAndBlobs() throws {
    let repo = try released()
    try repo.commit("feat: second")
    try repo.tag("v2.0.0", target: "HEAD^{tree}")
    try repo.tag("v3.0.0", message: "a file", target: "HEAD:file.txt")
    try runPipeline(repo, "tags of a tree and a blob")
    // Neither is a release: the current release and the next version ignore them.
    #expect(try repo.runGitRelease("current").stdout == "v1.0.0\n")
    #expect(try repo.runGitRelease("next").stdout == "v1.1.0\n")
    for (arguments, kind) in [
      (["notes", "v2.0.0"], "a tree"), (["notes", "v1.0.0..v3.0.0"], "a blob"),
      (["check", "v3.0.0"], "a blob"),
    ] {
      let result = try repo.runGitRelease(arguments)
      expectClean(result, status: [2], arguments.joined(separator: " "))
      #expect(result.stderr.contains("points at \(kind)"), "\(result.stderr)")
    }
    let taken = try repo.runGitRelease("tag", "--as", "2.0.0")
    #expect(taken.status == 1)
    #expect(taken.stderr.contains("already exists"))
  }

  @Test func chainsOfTagsOfTags() throws {
    let repo = try released()
    try repo.commit("fix: second")
    try repo.tag("v1.0.1", message: "inner")
    try repo.git("tag", "-a", "v1.0.2", "-m", "outer", "v1.0.1")
    try repo.git("tag", "-a", "v1.0.3", "-m", "outermost", "v1.0.2")
    try repo.emptyCommit("feat: third")
    try runPipeline(repo, "chain of tags")
    // The chain leads to the commit of v1.0.1: v1.0.3 is the highest release reachable.
    #expect(try repo.runGitRelease("current").stdout == "v1.0.3\n")
    #expect(try repo.runGitRelease("next").stdout == "v1.1.0\n")
    let notes = try repo.runGitRelease("notes", "v1.0.3")
    expectClean(notes, status: [0], "notes v1.0.3")
    try repo.write(".gitrelease", "[environment \"staging\"]\n")
    let promote = try repo.runGitRelease(
      "promote", "v1.0.3", "--to", "staging", "--no-rollback-target")
    expectClean(promote, status: [0], "promote a tag of a tag")
    #expect(promote.stdout.contains("promoted v1.0.3"), "\(promote.stdout)")
  }

  @Test func tagNamesInOtherScripts() throws {
    let repo = try released()
    try repo.tag("выпуск-1")
    try repo.tag("v1.0.1-ünï")  // not SemVer: identifiers are ASCII
    try repo.tag("v1.0.2-beta.日本")
    try repo.tag("版本/2.0.0")
    try repo.commit("feat: second")
    try runPipeline(repo, "tags in other scripts")
    #expect(try repo.runGitRelease("current").stdout == "v1.0.0\n")
    // A prefix in another script is as good as v.
    try repo.write(".gitrelease", "[release]\n\ttagPrefix = версия-\n")
    try repo.tag("версия-1.0.0", target: "HEAD~1")
    #expect(try repo.runGitRelease("current").stdout == "версия-1.0.0\n")
    let tag = try repo.runGitRelease("tag")
    #expect(tag.status == 0, "\(tag.stderr)")
    #expect(try repo.git("tag", "-l", "версия-1.1.0") == "версия-1.1.0")
  }

  // MARK: Damaged repositories

  @Test func aReleaseTagWhoseCommitIsMissing() throws {
    let repo = try released()
    let lost = try repo.commit("feat: second")
    try repo.tag("v1.1.0")
    try repo.git("reset", "-q", "--hard", "HEAD~1")
    try repo.commit("fix: elsewhere")
    try FileManager.default.removeItem(
      at: repo.url.appendingPathComponent(".git/objects/\(lost.prefix(2))/\(lost.dropFirst(2))"))
    // `check` read release tags with a reader of its own, which skipped this tag.
    for arguments in [["current"], ["next"], ["check"], ["check", "commits", "--json"]] {
      let result = try repo.runGitRelease(arguments)
      expectClean(result, status: [6], "missing tagged commit: \(arguments.joined(separator: " "))")
      #expect(result.stderr.contains("v1.1.0"), "names the tag: \(result.stderr)")
      #expect(result.stderr.contains("git fsck"), "says what to do: \(result.stderr)")
      #expect(result.stdout.isEmpty)
    }
  }

  @Test func aMissingObject() throws {
    let repo = try released()
    let lost = try repo.commit("feat: second")
    try repo.commit("fix: third")
    let object = repo.url.appendingPathComponent(
      ".git/objects/\(lost.prefix(2))/\(lost.dropFirst(2))")
    try FileManager.default.removeItem(at: object)
    for arguments in [["next"], ["notes"], ["tag"], ["check"]] {
      let result = try repo.runGitRelease(arguments)
      expectClean(result, status: [6], "missing object: \(arguments.joined(separator: " "))")
      #expect(result.stderr.contains(lost), "names the object: \(result.stderr)")
      #expect(result.stderr.contains("git fsck"), "says what to do: \(result.stderr)")
    }
    #expect(try repo.git("tag", "-l") == "v1.0.0", "nothing was tagged")
  }

  @Test func aDamagedPack() throws {
    let repo = try released()
    for number in 2...6 { try repo.commit("feat: change \(number)") }
    try repo.git("gc", "-q")
    let folder = repo.url.appendingPathComponent(".git/objects/pack")
    let pack = try #require(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).first {
        $0.hasSuffix(".pack")
      })
    // A bit flipped inside the first commit's compressed data, which follows the 12-byte header
    // and the entry's own header: zlib's check catches it.
    let file = folder.appendingPathComponent(pack)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
    var bytes = try Data(contentsOf: file)
    bytes[40] ^= 0x10
    try bytes.write(to: file)
    for arguments in [["changelog"], ["notes"], ["next"]] {
      let result = try repo.runGitRelease(arguments)
      expectClean(result, status: [6], "damaged pack: \(arguments.joined(separator: " "))")
      #expect(result.stderr.contains("git fsck"), "says what to do: \(result.stderr)")
    }
  }

  @Test func aLockedTagReference() throws {
    let repo = try released()
    try repo.commit("feat: second")
    let lock = repo.url.appendingPathComponent(".git/refs/tags/v1.1.0.lock")
    try Data().write(to: lock)
    let result = try repo.runGitRelease("tag")
    expectClean(result, status: [1], "tag with a stale lock")
    #expect(result.stderr.contains("refs/tags/v1.1.0 is locked"), "\(result.stderr)")
    #expect(result.stderr.contains(lock.path), "names the lock file: \(result.stderr)")
    #expect(!result.stderr.contains("created by another run"), "\(result.stderr)")
    #expect(try repo.git("tag", "-l") == "v1.0.0")
    try FileManager.default.removeItem(at: lock)
    #expect(try repo.runGitRelease("tag").status == 0, "works once the lock is gone")
  }

  @Test(arguments: [
    ["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"],
    ["approve", "v1.0.0", "--for", "staging"],
  ])
  func aLockedEnvironmentReference(arguments: [String]) throws {
    let repo = try released()
    try repo.write(".gitrelease", "[environment \"staging\"]\n")
    let folder = repo.url.appendingPathComponent(".git/refs/environments")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data().write(to: folder.appendingPathComponent("staging.lock"))
    let result = try repo.runGitRelease(arguments)
    expectClean(result, status: [1], arguments.joined(separator: " "))
    #expect(result.stderr.contains("refs/environments/staging is locked"), "\(result.stderr)")
    #expect(result.stderr.contains("staging.lock"))
    #expect(try repo.git("for-each-ref", "refs/environments") == "", "nothing recorded")
  }

  /// Tests run as root, whom file modes do not stop: the repository is made read-only by a
  /// read-only bind mount in a private mount namespace, as a read-only volume in CI is.
  static let canMountReadOnly: Bool = {
    guard getuid() == 0,
      let folder = try? FixtureRepository.makeTemporaryFolder(),
      let result = try? FixtureRepository.run(
        "/usr/bin/env", ["unshare", "-m", "sh", "-c", readOnlyScript, "true"], in: folder,
        environment: ProcessInfo.processInfo.environment)
    else { return false }
    try? FileManager.default.removeItem(at: folder)
    return result.status == 0
  }()

  /// Binds the current folder read-only over itself, then runs the command given.
  static let readOnlyScript =
    "mount --bind \"$PWD\" \"$PWD\" && mount -o remount,ro,bind \"$PWD\" && cd \"$PWD\" "
    + "&& touch .probe 2>/dev/null && exit 9; exec \"$@\""

  private func runReadOnly(_ repo: FixtureRepository, _ arguments: [String]) throws
    -> FixtureRepository.ProcessResult
  {
    try FixtureRepository.run(
      "/usr/bin/env",
      [
        "unshare", "-m", "sh", "-c", Self.readOnlyScript, "sh",
        FixtureRepository.gitReleaseBinary.path,
      ] + arguments,
      in: repo.url, environment: repo.environment)
  }

  @Test(.enabled(if: canMountReadOnly, "needs root and mount namespaces"))
  func aReadOnlyRepository() throws {
    let repo = try released()
    try repo.write(".gitrelease", "[environment \"staging\"]\n")
    try repo.commit("feat: second")
    for (arguments, status) in [
      (["current"], Int32(0)), (["next"], 0), (["notes"], 0), (["changelog"], 0),
      (["tag", "--dry-run"], 0), (["check"], 0), (["status"], 0),
    ] {
      let result = try runReadOnly(repo, arguments)
      expectClean(result, status: [status], "read-only: \(arguments.joined(separator: " "))")
    }
    for arguments in [
      ["tag"], ["promote", "v1.0.0", "--to", "staging", "--no-rollback-target"],
      ["approve", "v1.0.0", "--for", "staging"],
    ] {
      let result = try runReadOnly(repo, arguments)
      expectClean(result, status: [6], "read-only: \(arguments.joined(separator: " "))")
      #expect(result.stderr.contains("Read-only file system"), "\(result.stderr)")
      #expect(result.stderr.contains("writable"), "says what to do: \(result.stderr)")
    }
    let output = try runReadOnly(repo, ["notes", "--output", "NOTES.md"])
    expectClean(output, status: [1], "notes --output")
    #expect(output.stderr.contains("cannot write NOTES.md"))
    #expect(try repo.git("tag", "-l") == "v1.0.0")
    #expect(try repo.git("for-each-ref", "refs/environments") == "")
  }

  static let canRunAsAnotherUser =
    getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

  @Test(.enabled(if: canRunAsAnotherUser, "needs root to run as the nobody user"))
  func aRepositoryOwnedByAnotherUser() throws {
    let repo = try released()
    let home = try FixtureRepository.makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: home) }
    try Data("[safe]\n\tdirectory = \(repo.path)\n".utf8)
      .write(to: home.appendingPathComponent(".gitconfig"))
    _ = try FixtureRepository.run(
      "/bin/chmod", ["-R", "a+rX", repo.path, home.path], in: repo.url,
      environment: repo.environment)
    func runAsNobody(_ environment: [String: String]) throws -> FixtureRepository.ProcessResult {
      try FixtureRepository.run(
        "/usr/bin/setpriv",
        [
          "--reuid", "65534", "--regid", "65534", "--clear-groups",
          FixtureRepository.gitReleaseBinary.path, "current",
        ],
        in: repo.url, environment: environment)
    }
    let refused = try runAsNobody(repo.environment)
    expectClean(refused, status: [6], "a repository owned by root, read by nobody")
    #expect(refused.stderr.contains("owned by another user"), "\(refused.stderr)")
    #expect(refused.stderr.contains("safe.directory \(repo.path)"), "\(refused.stderr)")
    // Trusted in the user's own configuration, it is read as usual.
    var trusting = repo.environment
    trusting.removeValue(forKey: "GIT_CONFIG_GLOBAL")
    trusting["HOME"] = home.path
    let trusted = try runAsNobody(trusting)
    expectClean(trusted, status: [0], "the same repository, trusted")
    #expect(trusted.stdout == "v1.0.0\n")
  }

  // MARK: Repository layouts

  @Test func aBareRepository() throws {
    let source = try released()
    try source.write(".gitrelease", "[environment \"staging\"]\n[notes]\n\ttemplate = n.mustache\n")
    try source.write("n.mustache", "from HEAD: {{version}}\n")
    try source.git("add", ".")
    try source.commitStaged("feat: configure")
    let folder = try FixtureRepository.makeTemporaryFolder()
    try source.git(
      "clone", "-q", "--bare", source.path, folder.appendingPathComponent("b.git").path)
    let bare = FixtureRepository(existing: folder)
    let path = "b.git"
    for (arguments, status) in pipelineCommands {
      let result = try bare.runGitRelease(arguments, in: path)
      expectClean(result, status: status, "bare: \(arguments.joined(separator: " "))")
    }
    // .gitrelease and the template it names come from HEAD's tree.
    #expect(try bare.runGitRelease(["notes"], in: path).stdout == "from HEAD: 1.1.0\n")
    #expect(try bare.runGitRelease(["tag"], in: path).status == 0)
    let promote = try bare.runGitRelease(
      ["promote", "v1.1.0", "--to", "staging", "--no-rollback-target"], in: path)
    expectClean(promote, status: [0], "bare: promote")
    let tags = try bare.git(["-C", path, "tag", "-l"])
    #expect(tags.contains("v1.1.0"))
  }

  @Test func aLinkedWorktree() throws {
    let repo = try released()
    try repo.write(".gitrelease", "[environment \"staging\"]\n")
    try repo.git("add", ".gitrelease")
    try repo.commitStaged("chore: configure")
    let folder = try FixtureRepository.makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let worktree = folder.appendingPathComponent("wt").path
    try repo.git("worktree", "add", "-q", "-b", "feature", worktree)
    let linked = FixtureRepository(existing: URL(fileURLWithPath: worktree))
    linked.clock = repo.clock
    try linked.commit("feat: in the worktree")
    for (arguments, status) in pipelineCommands {
      expectClean(try linked.runGitRelease(arguments), status: status, "worktree: \(arguments)")
    }
    #expect(try linked.runGitRelease("tag").status == 0)
    let promote = try linked.runGitRelease(
      "promote", "v1.1.0", "--to", "staging", "--no-rollback-target")
    expectClean(promote, status: [0], "worktree: promote")
    // Tags and trails live in the common folder: the main work tree sees both.
    #expect(try repo.git("tag", "-l").contains("v1.1.0"))
    #expect(
      try repo.git("for-each-ref", "--format=%(refname)", "refs/environments")
        == "refs/environments/staging")
  }

  @Test func aSubmodule() throws {
    let inner = try released()
    try inner.commit("fix: inner fix")
    let outer = try FixtureRepository()
    try outer.commit("feat: outer")
    try outer.tag("v5.0.0")
    try outer.git(["-c", "protocol.file.allow=always", "submodule", "add", "-q", inner.path, "sub"])
    try outer.commitStaged("feat: add the submodule")
    // Inside the submodule, its own history and tags; outside, the superproject's.
    #expect(try outer.runGitRelease(["current"], in: "sub").stdout == "v1.0.0\n")
    #expect(try outer.runGitRelease(["next"], in: "sub").stdout == "v1.0.1\n")
    #expect(try outer.runGitRelease(["current"]).stdout == "v5.0.0\n")
    #expect(try outer.runGitRelease(["next"]).stdout == "v5.1.0\n")
    for (arguments, status) in pipelineCommands {
      let result = try outer.runGitRelease(arguments, in: "sub")
      expectClean(result, status: status, "submodule: \(arguments)")
    }
  }

  // MARK: Configuration and templates

  @Test(arguments: [
    ("[release", "missing ']'"),
    ("[release]\n\ttagPrefix\n", "has no value"),
    ("[release]\n\tinitialVersion = banana\n", "not a SemVer version"),
    ("[nope]\n\tx = 1\n", "unknown section [nope]"),
    ("[release]\n\tbogus = 1\n", "unknown key \"bogus\""),
    ("\u{FF}\u{FE}[release]\n", "invalid configuration key"),
    ("[release]\n\ttagPrefix = ../../x\n", "cannot start a tag name"),
    ("[release]\n\ttagPrefix = \u{1B}[31m\n", "cannot start a tag name"),
    ("[type \"feat\"]\n\tbump = huge\n", "is not one of major, minor, patch, none"),
    ("[include]\n\tpath = /etc/passwd\n", "include sections are not allowed"),
  ])
  func aMalformedConfiguration(text: String, expected: String) throws {
    let repo = try released()
    try repo.commit("feat: second")
    try repo.write(".gitrelease", text)
    for arguments in [
      ["next"], ["notes"], ["tag", "--dry-run"], ["tag"], ["changelog"], ["check"],
    ] {
      let result = try repo.runGitRelease(arguments)
      expectClean(result, status: [5], "\(text.debugDescription): \(arguments)")
      #expect(result.stderr.contains(".gitrelease"), "names the file: \(result.stderr)")
      #expect(result.stderr.contains(expected), "\(result.stderr)")
      #expect(!result.stderr.contains("\u{1B}"))
    }
    #expect(try repo.git("tag", "-l") == "v1.0.0")
  }

  @Test(arguments: [
    ("[environment \"prod\"]\n\tapprovals = -3\n", "not a number of people"),
    ("[environment \"prod\"]\n\twindow = Mon 25:00-99:00\n", "not a time range"),
    ("[environment \"prod\"]\n\tafter = prod\n", "makes a cycle"),
    ("[environment \"prod\"]\n\tsoak = 99999999999999999999d\n", "not a duration"),
    ("[environment \"../prod\"]\n", "cannot name an environment"),
  ])
  func aMalformedEnvironment(text: String, expected: String) throws {
    let repo = try released()
    try repo.write(".gitrelease", text)
    for arguments in [
      ["promote", "v1.0.0", "--to", "prod", "--dry-run"], ["status"], ["history"],
      ["windows", "prod"],
    ] {
      let result = try repo.runGitRelease(arguments)
      expectClean(result, status: [5], "\(text.debugDescription): \(arguments)")
      #expect(result.stderr.contains(expected), "\(result.stderr)")
    }
  }

  @Test func aTemplateWhoseSectionsExplode() throws {
    let repo = try released()
    try repo.emptyCommits((1...60).map { "feat: change \($0)" })
    let nested =
      String(repeating: "{{#sections}}{{#entries}}", count: 5) + "{{description}}"
      + String(repeating: "{{/entries}}{{/sections}}", count: 5)
    try repo.write("boom.mustache", nested)
    try repo.write(".gitrelease", "[notes]\n\ttemplate = boom.mustache\n")
    // 60^5 passes: without a bound this runs for hours and fills memory.
    let result = try repo.runGitRelease("notes")
    expectClean(result, status: [5], "exploding template")
    #expect(result.stderr.contains("boom.mustache"), "\(result.stderr)")
    #expect(result.stderr.contains("multiplies"), "\(result.stderr)")
    #expect(result.stdout.isEmpty, "nothing written")
    // The same template from the command line is a usage error; tag writes no tag with it.
    let option = try repo.runGitRelease("notes", "--template", "boom.mustache")
    expectClean(option, status: [2], "--template")
    try repo.write(".gitrelease", "[notes]\n\ttagTemplate = boom.mustache\n")
    let tag = try repo.runGitRelease("tag")
    expectClean(tag, status: [5], "tag with an exploding tagTemplate")
    #expect(try repo.git("tag", "-l") == "v1.0.0")
  }

  @Test func aTemplateThatIncludesItselfRendersNoPartial() throws {
    let repo = try released()
    try repo.commit("feat: second")
    // Partials would recurse for ever; templates are rendered with no partials at all.
    try repo.write("self.mustache", "before {{> self.mustache}}{{> self}} after\n")
    try repo.write(".gitrelease", "[notes]\n\ttemplate = self.mustache\n")
    let result = try repo.runGitRelease("notes")
    expectClean(result, status: [0], "self-including template")
    #expect(result.stdout == "before  after\n")
  }

  @Test func aHugeTemplateIsRefusedBeforeItIsParsed() throws {
    let repo = try released()
    try repo.commit("feat: second")
    try repo.write("huge.mustache", String(repeating: "{{version}}", count: 20_000))
    try repo.write(".gitrelease", "[notes]\n\ttemplate = huge.mustache\n")
    let result = try repo.runGitRelease("notes")
    expectClean(result, status: [5], "a 220 KB template")
    #expect(result.stderr.contains("larger than 64 KiB"), "\(result.stderr)")
  }

  @Test func manyValuesStayWithinTheBudget() throws {
    // The bound must not refuse honest templates: the default changelog of a long history.
    let repo = try released()
    for release in 1...10 {
      try repo.emptyCommits(
        (release * 30 - 29...release * 30).map { $0 % 3 == 0 ? "fix: repair \($0)" : "feat: change \($0)" })
      try repo.tag("v1.\(release).0")
    }
    let changelog = try repo.runGitRelease("changelog")
    expectClean(changelog, status: [0], "changelog")
    #expect(changelog.stdout.contains("change 299"))
    let each =
      "{{#releases}}{{#sections}}{{#entries}}{{description}}\n{{/entries}}{{/sections}}"
      + "{{/releases}}"
    try repo.write("each.mustache", each + each + each)
    let listed = try repo.runGitRelease("changelog", "--template", "each.mustache")
    expectClean(listed, status: [0], "a template that lists every entry three times")
    #expect(listed.stdout.components(separatedBy: "change 299\n").count == 4, "\(listed.stdout)")
  }
}
