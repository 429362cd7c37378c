import ArgumentParser
import Foundation
import Git

extension GitRelease {
  struct Next: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "next",
      abstract: "Print the tag the next release will carry.",
      discussion: """
        The version comes from the current release and the Conventional Commits since: breaking \
        changes bump major (minor below 1.0.0), features minor, fixes and performance patch. \
        When there is nothing to release, nothing is printed on standard output, the reason goes \
        to standard error and the exit code is 3.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Option(help: "Pre-release channel, e.g. rc for v1.4.0-rc.1.") var pre: String?
    @Option(help: "Build metadata to append, e.g. a build number.") var build: String?
    @Option(help: "The monorepo package (a [package \"NAME\"] section of .gitrelease).")
    var package: String?
    @OptionGroup var output: OutputOptions
    @OptionGroup var ci: CIOptions

    func run() throws {
      Repository.readEachObjectOnce()  // a walk over the history reads each object about once
      let context = try RepositoryContext(repository.open())
      let plan = try context.plan(
        preRelease: pre, build: build, package: context.package(named: package))
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
