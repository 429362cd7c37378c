import Foundation
import TestSupport
import Testing

/// A work repository with a local bare repository as its `origin`.
struct PushFixture {
  let remote: FixtureRepository
  let work: FixtureRepository

  init() throws {
    remote = try FixtureRepository(bare: true)
    work = try FixtureRepository()
    try work.git("remote", "add", "origin", remote.path)
  }

  /// Runs git in the work repository without throwing on failure, as a user sees it.
  func git(_ arguments: [String], path: String? = nil) throws -> FixtureRepository.ProcessResult {
    var environment = work.environment
    if let path { environment["PATH"] = path }
    return try FixtureRepository.run(
      "/usr/bin/env", ["git"] + arguments, in: work.url, environment: environment)
  }

  func push(_ refspecs: String...) throws -> FixtureRepository.ProcessResult {
    try git(["push", "origin"] + refspecs)
  }

  /// What the remote's ref points at; nil when it has none.
  func remoteID(_ ref: String) -> String? {
    try? remote.git("rev-parse", "--verify", "--quiet", ref)
  }

  func install(_ hook: String = "all") throws {
    let result = try work.runGitRelease("hook", "install", hook)
    #expect(result.status == 0, "\(result.stderr)")
  }
}

@Suite("The installed hooks, end to end")
struct HookTests {
  @Test func prePushRefusesANonConventionalCommitAndNamesIt() throws {
    let fixture = try PushFixture()
    try fixture.install("pre-push")
    let good = try fixture.work.commit("feat: start")
    #expect(try fixture.push("main").status == 0)
    #expect(fixture.remoteID("main") == good)

    let bad = try fixture.work.commit("Update stuff")
    try fixture.work.commit("fix: after the bad one")
    let refused = try fixture.push("main")
    #expect(refused.status != 0)
    #expect(
      refused.stderr.contains("commit \(bad.prefix(7)) \"Update stuff\": the subject has no type"))
    #expect(refused.stderr.contains("git push --no-verify"))
    #expect(!refused.stderr.contains("after the bad one"), "good commits are not listed")
    #expect(fixture.remoteID("main") == good, "the remote did not move")

    #expect(try fixture.git(["push", "--no-verify", "origin", "main"]).status == 0)
  }

  @Test func prePushRefusesInvalidTagsAndAcceptsAGoodRelease() throws {
    let fixture = try PushFixture()
    try fixture.install()
    try fixture.work.commit("feat: first")
    try fixture.work.tag("v1.2")
    try fixture.work.tag("v1.0.0")
    let refused = try fixture.push("main", "v1.2", "v1.0.0")
    #expect(refused.status != 0)
    #expect(
      refused.stderr.contains("tag v1.2: \"1.2\" after the prefix \"v\" is not a SemVer version"))
    #expect(refused.stderr.contains("tag v1.0.0: is a lightweight tag"))
    #expect(fixture.remoteID("refs/tags/v1.0.0") == nil)

    try fixture.work.git("tag", "-d", "v1.2", "v1.0.0")
    try fixture.work.tag("v1.0.0", message: "Release 1.0.0")
    let accepted = try fixture.push("main", "v1.0.0")
    #expect(accepted.status == 0, "\(accepted.stderr)")
    #expect(fixture.remoteID("refs/tags/v1.0.0") != nil)

    try fixture.work.commit("fix: later")
    try fixture.work.tag("v0.9.0", message: "Release 0.9.0")
    let lower = try fixture.push("main", "v0.9.0")
    #expect(lower.status != 0)
    #expect(lower.stderr.contains("tag v0.9.0: 0.9.0 is lower than v1.0.0"))
  }

  @Test func prePushFindsGitReleaseOnPath() throws {
    let fixture = try PushFixture()
    try fixture.install("pre-push")
    // Without the recorded fallback, PATH alone must lead the hook to `git release`.
    let hook = fixture.work.url.appendingPathComponent(".git/hooks/pre-push")
    let script = try String(contentsOf: hook, encoding: .utf8)
    try script.replacingOccurrences(
      of: #"fallback='[^']*'"#, with: "fallback=''", options: .regularExpression
    )
    .write(to: hook, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
    try fixture.work.commit("not conventional")
    let binary = FixtureRepository.gitReleaseBinary.deletingLastPathComponent().path
    let path = binary + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    let refused = try fixture.git(["push", "origin", "main"], path: path)
    #expect(refused.stderr.contains("\"not conventional\": the subject has no type"))
    let unreachable = try fixture.git(["push", "origin", "main"], path: "/usr/bin:/bin")
    #expect(unreachable.status != 0)
    #expect(unreachable.stderr.contains("git-release is not on PATH"))
  }

  @Test func environmentRefsOnlyMoveForwardThroughPassedGates() throws {
    let fixture = try PushFixture()
    try fixture.install("pre-push")
    let work = fixture.work
    try work.write(".gitrelease", "[environment \"staging\"]\n")
    try work.git("add", ".gitrelease")
    try work.commitStaged("feat: first")
    try work.tag("v1.0.0", message: "Release 1.0.0")
    let promoted = try work.runGitRelease(
      "promote", "v1.0.0", "--to", "staging", "--no-rollback-target")
    #expect(promoted.status == 0, "\(promoted.stderr)")
    let first = try work.git("rev-parse", "refs/environments/staging")
    #expect(try fixture.push("main", "v1.0.0", "refs/environments/staging").status == 0)

    try work.commit("fix: second")
    try work.tag("v1.0.1", message: "Release 1.0.1")
    #expect(try work.runGitRelease("promote", "v1.0.1", "--to", "staging").status == 0)
    let second = try work.git("rev-parse", "refs/environments/staging")
    #expect(second != first)
    #expect(try fixture.push("main", "v1.0.1", "refs/environments/staging").status == 0)

    // An event written by hand, claiming a promotion that a closed window refused.
    let tree = try work.git(["hash-object", "-t", "tree", "-w", "--stdin"], input: "")
    let message = try work.git("log", "-1", "--format=%B", second)
      .replacingOccurrences(
        of: "Gate: window pass no windows: any time", with: "Gate: window fail closed until Monday")
    let forged = try work.git(["commit-tree", tree, "-p", second, "-F", "-"], input: message)
    try work.git("update-ref", "refs/environments/staging", forged)
    let refusedForged = try fixture.push("refs/environments/staging")
    #expect(refusedForged.status != 0)
    #expect(
      refusedForged.stderr.contains(
        "refs/environments/staging event \(forged.prefix(7)): records promote v1.0.1 to staging "
          + "(was v1.0.0) although gates failed: window (closed until Monday)"))

    let stranger = try work.git("commit-tree", tree, "-p", second, "-m", "deploy by hand")
    try work.git("update-ref", "refs/environments/staging", stranger)
    let refusedStranger = try fixture.push("refs/environments/staging")
    #expect(refusedStranger.stderr.contains("is not an event recorded by git release"))

    let rewritten = try work.git("commit-tree", tree, "-p", first, "-m", "a different history")
    try work.git("update-ref", "refs/environments/staging", rewritten)
    let forced = try fixture.push("+refs/environments/staging:refs/environments/staging")
    #expect(forced.status != 0)
    #expect(
      forced.stderr.contains("refs/environments/staging: rewrites an environment's audit trail"))

    let deleted = try fixture.push(":refs/environments/staging")
    #expect(deleted.status != 0)
    #expect(
      deleted.stderr.contains("refs/environments/staging: deletes an environment's audit trail"))
    #expect(fixture.remoteID("refs/environments/staging") == second)
  }

  @Test func commitMessageHookRefusesABadMessage() throws {
    let fixture = try PushFixture()
    try fixture.install("commit-msg")
    try fixture.work.write("a.txt", "a\n")
    try fixture.work.git("add", "a.txt")
    let refused = try fixture.git(["commit", "-q", "-m", "Add a"])
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("message \"Add a\": the subject has no type"))
    #expect(refused.stderr.contains("git commit --no-verify"))
    #expect(try fixture.git(["commit", "-q", "-m", "feat: add a"]).status == 0)
    try fixture.work.write("a.txt", "b\n")
    #expect(try fixture.git(["commit", "-q", "-a", "--fixup", "HEAD"]).status == 0)
  }

  @Test func anExistingHookKeepsRunningAndUninstallPutsItBack() throws {
    let fixture = try PushFixture()
    let hooks = fixture.work.url.appendingPathComponent(".git/hooks")
    let own = "#!/bin/sh\necho \"own hook saw $1\" >&2\ncat >&2\n"
    try fixture.work.write(".git/hooks/pre-push", own)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o750], ofItemAtPath: hooks.appendingPathComponent("pre-push").path)

    try fixture.install()
    let again = try fixture.work.runGitRelease("hook", "install")
    #expect(again.stdout.contains("pre-push: already installed"))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: hooks.path).sorted().filter {
        !$0.hasSuffix(".sample")
      } == ["commit-msg", "pre-push", "pre-push.before-git-release"])

    try fixture.work.commit("feat: one")
    let pushed = try fixture.push("main")
    #expect(pushed.status == 0)
    #expect(pushed.stderr.contains("own hook saw origin"))
    #expect(pushed.stderr.contains("refs/heads/main "), "the old hook got git's input")

    // Past our own commit-msg hook, so that the pre-push one has something to refuse.
    _ = try fixture.git(["commit", "-q", "--no-verify", "--allow-empty", "-m", "not conventional"])
    #expect(try fixture.push("main").status != 0, "and ours still runs after it")

    let removed = try fixture.work.runGitRelease("hook", "uninstall")
    #expect(removed.status == 0)
    let restored = hooks.appendingPathComponent("pre-push").path
    #expect(FileManager.default.contents(atPath: restored) == Data(own.utf8))
    let mode = try FileManager.default.attributesOfItem(atPath: restored)[.posixPermissions] as? Int
    #expect(mode == 0o750)
    #expect(
      !FileManager.default.fileExists(atPath: hooks.appendingPathComponent("commit-msg").path))
    #expect(!FileManager.default.fileExists(atPath: restored + ".before-git-release"))
  }

  @Test func hooksGoWhereGitRunsThem() throws {
    let fixture = try PushFixture()
    try fixture.work.commit("feat: one")
    let linked = try FixtureRepository.makeTemporaryFolder().appendingPathComponent("linked")
    defer { try? FileManager.default.removeItem(at: linked.deletingLastPathComponent()) }
    try fixture.work.git("worktree", "add", "-q", "--detach", linked.path)
    let fromLinked = try FixtureRepository.run(
      FixtureRepository.gitReleaseBinary.path, ["hook", "install", "pre-push"], in: linked,
      environment: fixture.work.environment)
    #expect(fromLinked.status == 0)
    let shared = fixture.work.url.appendingPathComponent(".git/hooks/pre-push").path
    #expect(FileManager.default.isExecutableFile(atPath: shared))

    try fixture.work.git("config", "core.hooksPath", "ci/hooks")
    #expect(try fixture.work.runGitRelease(["hook", "install", "commit-msg"], in: ".").status == 0)
    let configured = fixture.work.url.appendingPathComponent("ci/hooks/commit-msg").path
    #expect(FileManager.default.isExecutableFile(atPath: configured))
    #expect(try fixture.git(["commit", "-q", "--allow-empty", "-m", "nope"]).status != 0)
  }

  @Test func unknownHookIsAUsageError() throws {
    let repo = try FixtureRepository()
    let result = try repo.runGitRelease("hook", "install", "pre-commit")
    #expect(result.status == 2)
    #expect(result.stderr.contains("unknown hook \"pre-commit\"; use pre-push, commit-msg or all"))
  }

  @Test(arguments: ["pre-push", "commit-msg"])
  func shippedScriptsAreTheInstalledOnes(_ name: String) throws {
    let repo = try FixtureRepository()
    #expect(try repo.runGitRelease("hook", "install", name).status == 0)
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let shipped = try String(
      contentsOf: root.appendingPathComponent("hooks/\(name)"), encoding: .utf8)
    let installed = try String(
      contentsOf: repo.url.appendingPathComponent(".git/hooks/\(name)"), encoding: .utf8)
    // Only the recorded binary differs.
    let normalised = installed.replacingOccurrences(
      of: #"fallback='[^']*'"#, with: "fallback=''", options: .regularExpression)
    #expect(normalised == shipped)
    #expect(installed.contains("fallback='/"))
  }
}

@Suite("The man page and completions")
struct ManualAndCompletionTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let commands = [
    "current", "next", "notes", "changelog", "tag", "promote", "rollback", "approve", "status",
    "history", "windows", "diff", "check", "hook", "publish", "notify", "stamp", "hold",
    "unhold", "block", "unblock", "metrics", "dashboard", "verify", "where", "amend",
  ]

  @Test func gitOpensTheManPageForHelp() throws {
    let repo = try FixtureRepository()
    let binary = FixtureRepository.gitReleaseBinary.deletingLastPathComponent().path
    let path = binary + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    // A man viewer that only says which page git asked for.
    let result = try FixtureRepository.run(
      "/usr/bin/env",
      ["git", "-c", "man.viewer=name", "-c", "man.name.cmd=echo", "release", "--help"],
      in: repo.url, environment: repo.environment.merging(["PATH": path]) { $1 })
    #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "git-release")
    let page = try String(
      contentsOf: Self.root.appendingPathComponent("docs/man/git-release.1"), encoding: .utf8)
    #expect(page.contains(".Dt \"GIT-RELEASE\" 1"))
    for command in Self.commands { #expect(page.contains(".It Em \(command)\n"), "\(command)") }
  }

  @Test func bashCompletesGitReleaseAndGitsOwnCompletion() throws {
    let script = Self.root.appendingPathComponent("docs/completions/git-release.bash").path
    let gitCompletion = "/usr/share/bash-completion/completions/git"
    var program = "source \(script)\n"
    let throughGit = FileManager.default.fileExists(atPath: gitCompletion)
    if throughGit { program = "source \(gitCompletion)\n" + program }
    program += #"""
      complete_line() {
        COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<<"$1"
        [[ "$1" == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
        "$2" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        echo "${COMPREPLY[*]}"
      }
      complete_line "git-release hoo" _git-release
      complete_line "git-release hook install " _git-release
      """#
    if throughGit { program += "\ncomplete_line \"git release hook i\" __git_wrap__git_main\n" }
    let repo = try FixtureRepository()
    let result = try FixtureRepository.run(
      "/bin/bash", ["-c", program], in: repo.url, environment: repo.environment)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "hook", "\(result.stderr)")
    #expect(lines.dropFirst().first == "pre-push commit-msg pre-receive all")
    if throughGit { #expect(lines.last == "install") }
  }

  @Test(arguments: ["bash", "zsh", "fish"])
  func completionsKnowEveryCommand(_ shell: String) throws {
    let script = try String(
      contentsOf: Self.root.appendingPathComponent("docs/completions/git-release.\(shell)"),
      encoding: .utf8)
    #expect(!script.contains("git release_"), "function names carry no space")
    for command in Self.commands { #expect(script.contains(command), "\(command)") }
  }
}
