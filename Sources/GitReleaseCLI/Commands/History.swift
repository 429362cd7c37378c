import ArgumentParser

extension GitRelease {
  struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "history",
      abstract: "Show the audit trail of promotions, approvals and rollbacks.")

  @OptionGroup var repository: RepositoryOptions
  @Argument(help: "Only this environment.") var environment: String?
  @OptionGroup var output: OutputOptions

    func run() throws {
      throw CommandFailure(.failure, "git release history is not implemented yet (environments)")
    }
  }
}
