import ArgumentParser

extension GitRelease {
  struct Promote: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "promote",
      abstract: "Promote a release to an environment, behind its gates.")

  @OptionGroup var repository: RepositoryOptions
  @Argument(help: "The release tag to promote.") var tag: String
  @Option(help: "The environment to promote to.") var to: String
  @Flag(help: "Evaluate the gates; record nothing.") var dryRun = false
  @Option(help: "Evaluate the gates as at this time (ISO 8601).") var at: String?
  @OptionGroup var output: OutputOptions

    func run() throws {
      throw CommandFailure(.failure, "git release promote is not implemented yet (environments)")
    }
  }
}
