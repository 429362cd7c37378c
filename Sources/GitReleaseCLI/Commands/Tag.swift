import ArgumentParser

extension GitRelease {
  struct Tag: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "tag",
      abstract: "Create the annotated release tag for the next version on HEAD.")

  @OptionGroup var repository: RepositoryOptions
  @Option(help: "Pre-release channel, e.g. rc.") var pre: String?
  @Option(help: "Build metadata to append.") var build: String?
  @Option(help: "The monorepo package.") var package: String?
  @Option(name: .customLong("as"), help: "Release this version instead of the computed one.") var version: String?
  @Option(help: "A Mustache template for the tag message.") var messageTemplate: String?
  @Flag(help: "Sign the tag as `git tag -s` would.") var sign = false
  @Flag(help: "Show what would be written; write nothing.") var dryRun = false
  @OptionGroup var output: OutputOptions

    func run() throws {
      throw CommandFailure(.failure, "git release tag is not implemented yet (tags)")
    }
  }
}
