import ArgumentParser

extension GitRelease {
  struct Notes: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "notes",
      abstract: "Print release notes for unreleased commits or for a range.")

  @OptionGroup var repository: RepositoryOptions
  @Argument(help: "A range (v1.2.0..v1.3.0) or a release tag (v1.3.0); default: the unreleased commits.") var range: String?
  @Option(help: "The monorepo package.") var package: String?
  @Option(help: "markdown or json.") var format: String = "markdown"
  @Option(help: "A Mustache template file to render instead of the default.") var template: String?
  @Option(help: "Write to this file instead of standard output.") var output: String?

    func run() throws {
      throw CommandFailure(.failure, "git release notes is not implemented yet (notes)")
    }
  }
}
