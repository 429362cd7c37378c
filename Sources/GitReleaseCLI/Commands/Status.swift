import ArgumentParser

extension GitRelease {
  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "status",
      abstract: "Show what runs in each environment and what waits.")

  @OptionGroup var repository: RepositoryOptions
  @OptionGroup var output: OutputOptions

    func run() throws {
      throw CommandFailure(.failure, "git release status is not implemented yet (environments)")
    }
  }
}
