import ArgumentParser

extension GitRelease {
  struct Next: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "next",
      abstract: "Print the tag the next release will carry.")

  @OptionGroup var repository: RepositoryOptions
  @Option(help: "Pre-release channel, e.g. rc for v1.4.0-rc.1.") var pre: String?
  @Option(help: "Build metadata to append, e.g. a build number.") var build: String?
  @Option(help: "The monorepo package (a [package \"NAME\"] section of .gitrelease).") var package: String?
  @OptionGroup var output: OutputOptions

    func run() throws {
      throw CommandFailure(.failure, "git release next is not implemented yet (versions)")
    }
  }
}
