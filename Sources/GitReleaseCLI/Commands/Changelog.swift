import ArgumentParser

extension GitRelease {
  struct Changelog: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "changelog",
      abstract: "Write the changelog of the whole history, one section per release.")

  @OptionGroup var repository: RepositoryOptions
  @Option(help: "Write to this file instead of standard output.") var output: String?
  @Flag(help: "Add only the releases the output file does not have yet.") var prepend = false

    func run() throws {
      throw CommandFailure(.failure, "git release changelog is not implemented yet (notes)")
    }
  }
}
