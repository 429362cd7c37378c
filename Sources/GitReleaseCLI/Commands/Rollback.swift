import ArgumentParser

extension GitRelease {
  struct Rollback: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "rollback",
      abstract: "Roll an environment back to the release that ran before.")

  @OptionGroup var repository: RepositoryOptions
  @Argument(help: "The environment to roll back.") var environment: String
  @Option(help: "An earlier release that ran there.") var to: String?
  @OptionGroup var output: OutputOptions

    func run() throws {
      throw CommandFailure(.failure, "git release rollback is not implemented yet (environments)")
    }
  }
}
