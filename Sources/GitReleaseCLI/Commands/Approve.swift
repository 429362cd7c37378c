import ArgumentParser

extension GitRelease {
  struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "approve",
      abstract: "Approve a release for an environment.")

  @OptionGroup var repository: RepositoryOptions
  @Argument(help: "The release tag.") var tag: String
  @Option(name: .customLong("for"), help: "The environment.") var environment: String
  @Option(help: "A note kept with the approval.") var note: String?
  @OptionGroup var output: OutputOptions

    func run() throws {
      throw CommandFailure(.failure, "git release approve is not implemented yet (environments)")
    }
  }
}
