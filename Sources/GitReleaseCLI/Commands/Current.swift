import ArgumentParser
import Foundation
import Git
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Current: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "current",
      abstract: "Print the current release tag reachable from HEAD.",
      discussion: """
        The current release is the release tag of highest SemVer precedence reachable from HEAD \
        (not the newest, not the nearest). Exits with 3 when no release tag is reachable yet.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Option(help: "The monorepo package (a [package \"NAME\"] section of .gitrelease).")
    var package: String?
    @OptionGroup var output: OutputOptions

    /// `current --json`: the tag and its version, both null before the first release.
    struct Report: Encodable {
      @NullEncoded var current: SemanticVersion?
      @NullEncoded var tag: String?
      @NullEncoded var commit: String?
      @NullEncoded var package: String?
    }

    func run() throws {
      Repository.readEachObjectOnce()  // a walk over the history reads each object about once
      let context = try RepositoryContext(repository.open())
      let package = try context.package(named: package)
      let current = try context.currentRelease(package: package)
      if output.json {
        print(
          try JSONOutput.encode(
            Report(
              current: current?.version, tag: current?.name, commit: current?.commit,
              package: package?.name)))
      } else if let current {
        print(Terminal.sanitize(current.name))
      }
      guard current == nil else { return }
      let prefix = context.namespace(for: package).prefix
      throw CommandFailure(
        .nothingToRelease,
        "no release tag (\(prefix)<version>, such as \(prefix)1.0.0) is reachable from HEAD; "
          + "the first release will be \(context.configuration.release.initialVersion) "
          + "(see git release next)")
    }
  }
}
