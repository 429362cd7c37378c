import ArgumentParser
import Foundation
import Git
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Next: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "next",
      abstract: "Print the tag the next release will carry.",
      discussion: """
        The version comes from the current release and the Conventional Commits since: breaking \
        changes bump major (minor below 1.0.0), features minor, fixes and performance patch. \
        When there is nothing to release, nothing is printed on standard output, the reason goes \
        to standard error and the exit code is 3. On a release line (a branch named 1.x, 1.2.x, \
        release/1.x or release/1.2.x, or a [line] of .gitrelease), a version outside the line is \
        refused with exit 1, as is, anywhere, a version whose tag exists on another branch.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Option(help: "Pre-release channel, e.g. rc for v1.4.0-rc.1.") var pre: String?
    @Option(help: "Build metadata to append, e.g. a build number.") var build: String?
    @Option(help: "The monorepo package (a [package \"NAME\"] section of .gitrelease).")
    var package: String?
    @Option(
      name: .customLong("as"),
      help: ArgumentHelp(
        "Check this version instead of the computed one (1.4.0 or v1.4.0), as tag --as would.",
        valueName: "version"))
    var version: String?
    @OptionGroup var output: OutputOptions
    @OptionGroup var ci: CIOptions

    func validate() throws {
      if version != nil && (pre != nil || build != nil) {
        throw ValidationError(
          "--as takes the whole version: write --as 1.4.0-rc.1+42 instead of adding --pre "
            + "or --build")
      }
    }

    func run() throws {
      Repository.readEachObjectOnce()  // a walk over the history reads each object about once
      let repository = try self.repository.open()
      let context = try RepositoryContext(repository)
      let packageSettings = try context.package(named: package)
      var plan = try context.plan(
        preRelease: pre, build: build, package: packageSettings,
        vetting: version.map { .requested($0) } ?? .computed)
      if let version {
        // The checks `tag --as` makes, so a script can ask before it tags.
        let release = try Tag.release(
          of: plan, as: version, namespace: context.namespace(for: packageSettings))
        try ReleaseTagWriter.refuseExisting(release.tag, in: repository)
        plan.bump = ReleasePlanner.change(
          from: plan.current ?? SemanticVersion(0, 0, 0), to: release.version)
        (plan.next, plan.tag, plan.reason) = (release.version, release.tag, nil)
      }
      for warning in plan.warnings {
        FileHandle.standardError.write(Data(Terminal.sanitize("warning: \(warning)\n").utf8))
      }
      if output.json {
        print(try JSONOutput.encode(plan))
      } else if let tag = plan.tag {
        print(Terminal.sanitize(tag))
      }
      // Published on exit 3 too, so a pipeline step can branch on `bump` being none.
      try ci.publish([
        "version": plan.next?.description ?? "", "tag": plan.tag ?? "",
        "current": plan.current?.description ?? "", "bump": plan.bump.rawValue,
        "released": "false",
      ])
      guard plan.hasRelease else {
        throw CommandFailure(.nothingToRelease, plan.reason ?? "nothing to release")
      }
    }
  }
}
