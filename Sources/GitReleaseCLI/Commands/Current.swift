import ArgumentParser

extension GitRelease {
  struct Current: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "current",
      abstract: "Print the current release tag reachable from HEAD.")

  @OptionGroup var repository: RepositoryOptions
  @Option(help: "The monorepo package (a [package \"NAME\"] section of .gitrelease).") var package: String?
  @OptionGroup var output: OutputOptions

    func run() throws {
      throw CommandFailure(.failure, "git release current is not implemented yet (versions)")
    }
  }
}
