import ArgumentParser

extension GitRelease {
  struct Windows: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "windows",
      abstract: "Show the next release windows and freezes of an environment.")

  @OptionGroup var repository: RepositoryOptions
  @Argument(help: "The environment.") var environment: String
  @OptionGroup var output: OutputOptions

    func run() throws {
      throw CommandFailure(.failure, "git release windows is not implemented yet (environments)")
    }
  }
}
