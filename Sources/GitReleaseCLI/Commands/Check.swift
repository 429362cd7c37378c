import ArgumentParser

extension GitRelease {
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Check commits, tags and environment refs (for hooks and CI).")

  @OptionGroup var repository: RepositoryOptions
  @Argument(help: "What git passes the hook.") var arguments: [String] = []

    func run() throws {
      throw CommandFailure(.failure, "git release check is not implemented yet (hooks)")
    }
  }
}
