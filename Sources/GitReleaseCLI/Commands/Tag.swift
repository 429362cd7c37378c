import ArgumentParser
import Foundation
import Git
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Tag: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "tag",
      abstract: "Create the annotated release tag for the next version on HEAD.",
      discussion: """
        Computes the next version (or takes --as), renders the release notes as the tag \
        message, and writes an annotated tag on HEAD with the tagger from git config \
        (user.name, user.email; GIT_COMMITTER_NAME, _EMAIL and _DATE as git honours them). \
        The tag object is written first and the reference last, created only if no tag of \
        that name exists: a run leaves no tag or a complete one.

        Refuses, writing nothing: nothing to release (exit 3); a tag of that name already \
        exists; a version a release line (release/1.2.x, 1.x, [line]) does not take, or a \
        computed version whose tag exists on another branch (exit 1); --as not greater than the \
        current release; HEAD with no commits; staged or conflicted changes in the index; no \
        identity configured.

        With --commit, first stamps the version files ([file] sections), commits them (and \
        the changelog of [changelog] file, with the release's section added) as \
        `chore(release): <tag>`, and tags that commit; --push then pushes the branch and the \
        tag in one `git push --atomic`. --commit refuses a work tree with changes of its own.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Option(help: "Pre-release channel, e.g. rc.") var pre: String?
    @Option(help: "Build metadata to append.") var build: String?
    @Option(help: "The monorepo package.") var package: String?
    @Option(
      name: .customLong("as"),
      help: ArgumentHelp(
        "Release this version instead of the computed one (1.4.0 or v1.4.0).",
        valueName: "version"))
    var version: String?
    @Option(help: "A Mustache template for the tag message.") var messageTemplate: String?
    @Flag(help: "Sign the tag as `git tag -s` would.") var sign = false
    @Flag(
      help: "Stamp the version files and commit them (and the changelog) before tagging.")
    var commit = false
    @Option(
      name: .customLong("push"), defaultAsFlag: "origin", parsing: .next,
      help: ArgumentHelp(
        "Push the tag to a remote with git push (origin when no remote is named).",
        valueName: "remote"))
    var push: String? = nil
    @Flag(help: "Show what would be written; write nothing.") var dryRun = false
    @OptionGroup var output: OutputOptions
    @OptionGroup var ci: CIOptions

    func validate() throws {
      if version != nil && (pre != nil || build != nil) {
        throw ValidationError(
          "--as takes the whole version: write --as 1.4.0-rc.1+42 instead of adding --pre "
            + "or --build"
        )
      }
    }

    func run() throws {
      let repository = try self.repository.open()
      let context = try RepositoryContext(repository)
      var head = try context.headCommit()
      let tagger = try Self.tagger(of: repository)
      try Self.refuseUnclean(repository.indexStatus())
      if commit { try ReleaseCommit.refuseChanges(in: repository) }
      let packageSettings = try context.package(named: package)
      let plan = try context.plan(
        preRelease: pre, build: build, package: packageSettings,
        vetting: version.map { .requested($0) } ?? .computed)
      let release: (version: SemanticVersion, tag: String)
      do {
        release = try Self.release(
          of: plan, as: version, namespace: context.namespace(for: packageSettings))
      } catch let failure as CommandFailure {
        if failure.status == .nothingToRelease {
          try ci.publish(["version": "", "tag": "", "commit": head.hex, "released": "false"])
        }
        throw failure
      }
      try ReleaseTagWriter.refuseExisting(release.tag, in: repository)
      guard Repository.isValidReferenceName("refs/tags/" + release.tag) else {
        throw CommandFailure(
          .configuration,
          "\(release.tag) is not a valid tag name; check the tag prefix in .gitrelease")
      }
      let message = try context.tagMessage(
        plan: plan, version: release.version, tag: release.tag, date: tagger.time,
        templatePath: messageTemplate)
      var draft = TagDraft(
        name: release.tag, target: head, tagger: tagger,
        message: try Repository.cleanedMessage(message.text))
      let signing = sign ? try Self.signingMethod(repository, tagger) : nil
      if let push { try TagPusher.checkRemote(push, in: repository) }
      let releaseCommit =
        commit
        ? try ReleaseCommit.prepare(
          context, plan: plan, version: release.version, tag: release.tag, date: tagger.time)
        : nil
      let branch = try commit && push != nil ? Self.branchToPush(repository) : nil

      var result = TagResult(
        tag: release.tag, version: release.version.description, commit: head.hex,
        message: draft.message, notes: message.notes, object: nil, signed: sign, dryRun: dryRun,
        remote: push, pushed: nil, releaseCommit: releaseCommit == nil ? nil : .some(nil),
        files: releaseCommit?.stamped)
      func publish(released: Bool) throws {
        try ci.publish([
          "version": release.version.description, "tag": release.tag, "commit": head.hex,
          "released": released ? "true" : "false",
        ])
      }
      if dryRun {
        try report(result, draft: draft, signing: signing)
        try publish(released: false)
        return
      }
      if let releaseCommit {
        head = try releaseCommit.write(to: repository)
        draft = TagDraft(name: draft.name, target: head, tagger: tagger, message: draft.message)
        result.commit = head.hex
        result.releaseCommit = head.hex
      }
      result.object = try ReleaseTagWriter.write(draft, signing: signing, to: repository).hex
      // The tag exists from here on, whatever the push does.
      try publish(released: true)
      guard let remote = push else {
        try report(result, draft: draft, signing: signing)
        notify(result, tagger: tagger, configuration: context.configuration)
        return
      }
      if !output.json { try report(result, draft: draft, signing: signing) }
      let status = try TagPusher.push(
        tag: release.tag, branch: branch, to: remote, from: repository)
      result.pushed = status == 0
      if output.json {
        try report(result, draft: draft, signing: signing)
      } else if status == 0 {
        print("Pushed \(branch.map { "\($0) and " } ?? "")\(release.tag) to \(remote)")
      }
      if status != 0, let branch {
        throw CommandFailure(
          .failure,
          "the release commit and tag \(release.tag) were made here, but git push --atomic to "
            + "\(remote) failed (exit \(status); git's message is above), so neither \(branch) "
            + "nor the tag was pushed. Push both once the remote accepts them (git push --atomic "
            + "\(remote) refs/heads/\(branch) refs/tags/\(release.tag)), for instance after "
            + "pulling and tagging again")
      }
      if status != 0 { throw TagPusher.rejected(tag: release.tag, remote: remote, status: status) }
      notify(result, tagger: tagger, configuration: context.configuration)
    }

    /// Tells the `[notify]` targets that ask for `tag` events of the release tag just written.
    private func notify(_ result: TagResult, tagger: Signature, configuration: Configuration) {
      let text =
        "\(tagger.name) tagged \(result.tag)"
        + (result.pushed == true ? " and pushed it to \(result.remote ?? "origin")" : "")
      let notes = result.message
      Notifier.deliver(
        .tag, text: text,
        document: ReleaseAnnouncement(
          text: text,
          event: .init(
            kind: NotificationEvent.tag.rawValue, tag: result.tag, version: result.version,
            commit: result.commit, url: nil, forge: nil, time: tagger.time),
          notes: notes),
        notes: notes, configuration: configuration)
    }

    // MARK: Refusals

    static func tagger(of repository: Repository) throws -> Signature {
      let environment = ProcessInfo.processInfo.environment
      let identity: Signature?
      do {
        identity = try repository.committerIdentity(environment: environment)
      } catch {
        // Mostly an unreadable GIT_COMMITTER_DATE; the message names the forms that are read.
        throw CommandFailure(.failure, error.message)
      }
      guard let tagger = identity else {
        throw CommandFailure(
          .failure,
          "no identity to tag with: user.name and user.email are not both set in git config. "
            + "Set them (git config --global user.name \"Your Name\"; git config --global "
            + "user.email you@example.com) or set GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL")
      }
      return tagger
    }

    /// Staged or conflicted changes mean the user is between commits: tagging HEAD would release
    /// something other than what they are looking at. Work-tree edits and untracked files are fine.
    static func refuseUnclean(_ status: IndexStatus) throws {
      func list(_ paths: [String]) -> String {
        paths.prefix(5).joined(separator: ", ") + (paths.count > 5 ? ", …" : "")
      }
      if !status.conflictedPaths.isEmpty {
        throw CommandFailure(
          .failure,
          "the index has unresolved conflicts (\(list(status.conflictedPaths))); finish or abort "
            + "the merge, rebase or cherry-pick before tagging a release")
      }
      if !status.stagedPaths.isEmpty {
        throw CommandFailure(
          .failure,
          "the index has staged changes that HEAD does not have (\(list(status.stagedPaths))); "
            + "the tag would release HEAD without them. Commit them (git commit) or unstage "
            + "them (git restore --staged .), then tag")
      }
    }

    /// The version and tag name to write: the plan's, or `--as` checked against the current one.
    static func release(of plan: ReleasePlan, as requested: String?, namespace: TagNamespace)
      throws -> (version: SemanticVersion, tag: String)
    {
      guard let requested else {
        guard let next = plan.next, let tag = plan.tag else {
          throw CommandFailure(
            .nothingToRelease,
            "nothing to release: "
              + (plan.reason ?? "no commit since the last release bumps the version"))
        }
        return (next, tag)
      }
      let text =
        requested.hasPrefix(namespace.prefix) && !namespace.prefix.isEmpty
        ? String(requested.dropFirst(namespace.prefix.count)) : requested
      guard let version = namespace.version(text) else {
        throw CommandFailure(
          .usage,
          namespace.calendar.map {
            "--as \(requested): not a version of the calendar format \($0) ([release] calver)"
          }
            ?? "--as \(requested): not a SemVer version; write MAJOR.MINOR.PATCH, e.g. 1.4.0 or "
            + "2.0.0-rc.1")
      }
      if let current = plan.current, version.comparePrecedence(to: current) <= 0 {
        let currentName = plan.currentTag ?? current.description
        throw CommandFailure(
          .failure,
          "--as \(version) is not greater than the current release \(currentName) on this line; "
            + "name a later version")
      }
      return (version, namespace.tagName(for: version))
    }

    /// The branch HEAD is on, which `--commit --push` pushes with the tag.
    static func branchToPush(_ repository: Repository) throws -> String {
      guard case .branch(let name, _) = try repository.head() else {
        throw CommandFailure(
          .usage,
          "--commit --push needs HEAD on a branch to push the release commit to; HEAD is "
            + "detached. Check out the branch (git switch main), or leave out --push")
      }
      return name.hasPrefix("refs/heads/") ? String(name.dropFirst(11)) : name
    }

    static func signingMethod(_ repository: Repository, _ tagger: Signature) throws
      -> SigningMethod
    {
      do {
        return try repository.signingMethod(for: tagger)
      } catch {
        throw CommandFailure(.failure, "cannot sign: \(error.message); nothing was written")
      }
    }

    // MARK: Output

    private func report(_ result: TagResult, draft: TagDraft, signing: SigningMethod?) throws {
      if output.json {
        print(try JSONOutput.encode(result))
        return
      }
      if result.dryRun, let files = result.files {
        print("Would commit \(ReleaseCommitMessage.message(tag: result.tag))", terminator: "")
        for file in files where file.changed {
          print(Terminal.sanitize("  \(file.path):\(file.line): \(file.from) -> \(file.to)"))
        }
        print("and tag that commit.")
      }
      if result.dryRun {
        print("Would write tag \(result.tag) on \(result.commit) (dry run: nothing written):")
        print("")
        print(Terminal.sanitize(draft.object), terminator: "")
        if let signing { print("\nWould sign it with \(signing).") }
        if let remote = result.remote { print("Would push it to \(remote).") }
        return
      }
      let signed = signing.map { ", signed with \($0)" } ?? ""
      if let commit = result.releaseCommit ?? nil {
        print("Committed \(commit.prefix(12)) \(ReleaseCommitMessage.message(tag: result.tag))", terminator: "")
      }
      print("Tagged \(result.commit.prefix(12)) as \(result.tag)\(signed)")
    }
  }
}

/// What `git release tag --json` prints.
struct TagResult: Encodable {
  let tag: String
  let version: String
  /// The commit tagged.
  var commit: String
  /// The tag message: the release notes as plain text.
  let message: String
  /// The release notes, as `git release notes --format json` prints them.
  let notes: ReleaseNotes
  /// The tag object's id; nil in a dry run.
  var object: String?
  let signed: Bool
  let dryRun: Bool
  /// The remote pushed to; nil without --push.
  let remote: String?
  /// Whether the push succeeded; nil when there was none.
  var pushed: Bool?
  /// With --commit: the release commit's id (nil in a dry run); absent without --commit.
  var releaseCommit: String??
  /// With --commit: the version files stamped; absent without --commit.
  var files: [StampedFile]?

  enum CodingKeys: String, CodingKey {
    case tag, version, commit, message, notes, object, signed, dryRun, remote, pushed
    case releaseCommit, files
  }

  /// Nulls are written out, so a script reads `"object": null` rather than a missing key.
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(tag, forKey: .tag)
    try container.encode(version, forKey: .version)
    try container.encode(commit, forKey: .commit)
    try container.encode(message, forKey: .message)
    try container.encode(notes, forKey: .notes)
    try container.encode(object, forKey: .object)
    try container.encode(signed, forKey: .signed)
    try container.encode(dryRun, forKey: .dryRun)
    try container.encode(remote, forKey: .remote)
    try container.encode(pushed, forKey: .pushed)
    if let releaseCommit { try container.encode(releaseCommit, forKey: .releaseCommit) }
    if let files { try container.encode(files, forKey: .files) }
  }
}
