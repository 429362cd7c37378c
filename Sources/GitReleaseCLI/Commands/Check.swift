import ArgumentParser
import Foundation
import Git
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Check commits, tags and environment refs (for hooks and CI).",
      discussion: """
        The pre-push and commit-msg hooks call the first two; CI calls `check commits` on a \
        range. What is checked and how strictly is set in the [check] section of .gitrelease: \
        commits, fixups, tags, environments = error | warn | off; types = known | any.
        Exit status 1 when a check at level error fails.
        """,
      subcommands: [PrePush.self, PreReceive.self, CommitMessage.self, Commits.self],
      defaultSubcommand: Commits.self)

    /// `git release check pre-push REMOTE [URL]`, with git's ref lines on standard input.
    struct PrePush: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "pre-push",
        abstract: "Check what a push sends (the pre-push hook).",
        discussion: """
          Reads git's "<local ref> <local sha> <remote ref> <remote sha>" lines from standard \
          input. Checks the messages of the commits new to the remote, that pushed release \
          tags are SemVer in their namespace, annotated, never moved or deleted, and greater \
          than the release before them, and that refs/environments/* only move forward, by \
          events that passed their gates as recorded.
          """)

      @OptionGroup var repository: RepositoryOptions
      @OptionGroup var output: OutputOptions
      @Argument(help: "The remote's name, as git gives it to the hook.") var remote: String
      @Argument(help: "The remote's URL.") var url: String?

      func run() throws {
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let updates: [PushUpdate]
        do {
          updates = try PushUpdate.parse(input)
        } catch {
          throw CommandFailure(.usage, error.description)
        }
        let checks = try RepositoryChecks(RepositoryContext(repository.open()))
        var counts = RepositoryChecks.Counts()
        let findings = try checks.checkPush(updates, remote: remote, counts: &counts)
        try Check.report(
          findings, counts: counts, json: output.json,
          what: "what is pushed to \(remote)", skip: "git push --no-verify")
      }
    }

    /// `git release check pre-receive`, with git's `<old> <new> <ref>` lines on standard input:
    /// the server's enforcement of the trust policy.
    struct PreReceive: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "pre-receive",
        abstract: "Refuse pushed audit trails that verify would refuse (the server's hook).",
        discussion: """
          Reads git's "<old sha> <new sha> <ref>" lines from standard input. Refuses an update \
          of refs/environments/* that deletes or rewrites a trail, or adds an event that \
          `git release verify` would refuse (the policy is read from the repository's HEAD), \
          or an event whose time is more than [trust] maxClockSkew (default 5m) from this \
          server's clock. Other refs pass.
          """)

      @OptionGroup var repository: RepositoryOptions
      @OptionGroup var output: OutputOptions

      func run() throws {
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let updates: [PushUpdate]
        do {
          updates = try PushUpdate.parseReceive(input)
        } catch {
          throw CommandFailure(.usage, error.description)
        }
        // A hook sees the pushed objects, still in quarantine, through git's environment.
        let repo = try Repository(
          fromEnvironmentOr: repository.directory ?? FileManager.default.currentDirectoryPath)
        let policy = try TrustPolicy.load(repo, server: true)
        let verifier = TrailVerifier(repo, policy: policy)
        let trails = updates.filter { $0.remoteRef.hasPrefix(EnvironmentRefRules.prefix) }
        var tips: [String: ObjectID] = [:]
        for update in trails where !update.isDeletion {
          tips[String(update.remoteRef.dropFirst(EnvironmentRefRules.prefix.count))] =
            ObjectID(hex: update.localID)
        }
        var findings: [CheckFinding] = []
        let now = Date()
        for update in trails {
          let environment = String(update.remoteRef.dropFirst(EnvironmentRefRules.prefix.count))
          func refuse(_ subject: String, _ reason: String) {
            findings.append(CheckFinding(subject: subject, reason: reason, severity: .error))
          }
          guard !update.isDeletion else {
            refuse(update.remoteRef, "deletes an environment's audit trail; trails are append-only")
            continue
          }
          guard let new = ObjectID(hex: update.localID) else { continue }
          let old = update.isCreation ? nil : ObjectID(hex: update.remoteID)
          // A line that moves nothing adds nothing to judge.
          if old == new { continue }
          if let old, try !repo.isDescendant(new, of: old) {
            refuse(
              update.remoteRef,
              "rewrites an environment's audit trail (the new value does not contain the old); "
                + "trails are append-only: fetch and record the event again")
            continue
          }
          let report = try verifier.verify(environment, tip: new, tips: tips, since: old)
          for problem in report.problems {
            refuse("\(update.remoteRef) event \(problem.id)", problem.reason)
          }
          let skew = TimeInterval(policy.trust.maxClockSkew.seconds)
          for event in report.events where abs(event.time.timeIntervalSince(now)) > skew {
            refuse(
              "\(update.remoteRef) event \(event.id)",
              "its time \(EnvironmentEvent.formatTime(event.time)) is more than "
                + "\(policy.trust.maxClockSkew) from this server's clock "
                + "(\(EnvironmentEvent.formatTime(now))); record it again with a correct clock")
          }
        }
        try Check.report(
          findings, counts: .init(environments: trails.count), json: output.json,
          what: "what is pushed", skip: nil)
      }
    }

    /// `git release check commit-msg FILE`, the message file git gives the commit-msg hook.
    struct CommitMessage: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "commit-msg",
        abstract: "Check a commit message file (the commit-msg hook).",
        discussion: """
          Comment lines (core.commentChar, # by default) and everything below the scissors \
          line are left out, as git leaves them out. Merges, git's revert messages and \
          fixup!/squash!/amend! commits pass.
          """)

      @OptionGroup var repository: RepositoryOptions
      @OptionGroup var output: OutputOptions
      @Argument(help: "The message file, as git gives it to the hook.") var file: String

      func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
          throw CommandFailure(.usage, "cannot read the message file \(file): check the path")
        }
        let repo = try repository.open()
        let checks = try RepositoryChecks(RepositoryContext(repo))
        let config = try Config(of: repo)
        let comment =
          try config.string("core.commentstring") ?? config.string("core.commentchar") ?? "#"
        let message = CommitMessageFile.message(
          from: String(decoding: data, as: UTF8.self), commentString: comment)
        // While a merge is concluded, git writes MERGE_HEAD; the message is git's or the user's.
        let merging = FileManager.default.fileExists(
          atPath: repo.gitDirectory.appendingPathComponent("MERGE_HEAD").path)
        var findings: [CheckFinding] = []
        // An empty message aborts the commit in git itself.
        if !message.isEmpty, !merging,
          case .violates(let reason) = checks.rules.verdict(message: message),
          let finding = CheckFinding(
            subject: "message \"\(message.prefix { $0 != "\n" })\"", reason: reason,
            level: checks.settings.commits)
        {
          findings.append(finding)
        }
        try Check.report(
          findings, counts: .init(commits: 1), json: output.json, what: "the commit message",
          skip: "git commit --no-verify")
      }
    }

    /// `git release check [commits] [RANGE]`: the messages of a range, for CI.
    struct Commits: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "commits",
        abstract: "Check the commit messages of a range (default: the unreleased commits).",
        discussion: """
          RANGE is as git log takes it: A..B, or a revision for its whole history. Without it, \
          the commits of HEAD not in any release tag. Works on a detached HEAD, as CI checks out. \
          On GitHub Actions, publishes the outputs passed (true/false), errors and warnings.
          """)

      @OptionGroup var repository: RepositoryOptions
      @OptionGroup var output: OutputOptions
      @OptionGroup var ci: CIOptions
      @Argument(help: "The commits to check, e.g. origin/main..HEAD.") var range: String?

      func run() throws {
        let context = try RepositoryContext(repository.open())
        let checks = try RepositoryChecks(context)
        var counts = RepositoryChecks.Counts()
        let findings: [CheckFinding]
        if let range {
          findings = try checks.checkCommits(tips: [], hidden: [], range: range, counts: &counts)
        } else {
          findings = try checks.checkCommits(
            tips: [context.headCommit()], hidden: checks.releasedCommits(), counts: &counts)
        }
        let errors = findings.filter { $0.severity == .error }.count
        try ci.publish([
          "passed": errors == 0 ? "true" : "false", "errors": String(errors),
          "warnings": String(findings.count - errors),
        ])
        try Check.report(
          findings, counts: counts, json: output.json, what: range ?? "the unreleased commits",
          skip: nil)
      }
    }

    /// What `--json` prints.
    struct Report: Encodable {
      let passed: Bool
      let checked: RepositoryChecks.Counts
      let findings: [CheckFinding]
    }

    /// How many findings text output lists.
    static let listLimit = 50

    /// Prints the findings (stderr, or JSON on stdout) and fails with status 1 on any error.
    static func report(
      _ findings: [CheckFinding], counts: RepositoryChecks.Counts, json: Bool, what: String,
      skip: String?
    ) throws {
      let passed = !findings.hasErrors
      if json {
        print(try JSONOutput.encode(Report(passed: passed, checked: counts, findings: findings)))
      } else if !findings.isEmpty {
        // A first push of a long history can find thousands; the first ones show the pattern.
        var lines = findings.prefix(listLimit).map { "  " + $0.line }
        if findings.count > listLimit {
          lines.append("  ... and \(findings.count - listLimit) more (--json lists them all)")
        }
        FileHandle.standardError.write(
          Data(Terminal.sanitize(lines.joined(separator: "\n") + "\n").utf8))
      }
      guard !passed else { return }
      let errors = findings.filter { $0.severity == .error }.count
      var message = "\(errors) \(errors == 1 ? "problem" : "problems") in \(what)"
      message += json ? "" : " (listed above)"
      message += "; fix \(errors == 1 ? "it" : "them")"
      if let skip { message += ", or skip this check once with: \(skip)" }
      throw CommandFailure(.failure, message)
    }
  }
}
