import ArgumentParser
import Foundation
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
      let current: SemanticVersion?
      let tag: String?
      let commit: String?
      let package: String?

      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(current, forKey: .current)
        try container.encode(tag, forKey: .tag)
        try container.encode(commit, forKey: .commit)
        try container.encode(package, forKey: .package)
      }

      enum CodingKeys: String, CodingKey { case current, tag, commit, package }
    }

    func run() throws {
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
