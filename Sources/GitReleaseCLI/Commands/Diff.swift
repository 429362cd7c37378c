import ArgumentParser

extension GitRelease {
  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "diff",
      abstract: "Show the release notes of what differs between two environments.")

  @OptionGroup var repository: RepositoryOptions
  @Argument(help: "The environment to compare from.") var from: String
  @Argument(help: "The environment to compare to.") var to: String
  @OptionGroup var output: OutputOptions

    func run() throws {
      throw CommandFailure(.failure, "git release diff is not implemented yet (environments)")
    }
  }
}
