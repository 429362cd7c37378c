import ArgumentParser

extension GitRelease {
  struct Hook: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "hook",
      abstract: "Install or remove git-release's git hooks.",
      subcommands: [Install.self, Uninstall.self])

    struct Install: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Install hooks into this repository.")
      @OptionGroup var repository: RepositoryOptions
      @Argument(help: "pre-push, commit-msg or all.") var hook: String = "all"

      func run() throws {
        throw CommandFailure(.failure, "git release hook install is not implemented yet (hooks)")
      }
    }

    struct Uninstall: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Remove hooks, restoring what was there.")
      @OptionGroup var repository: RepositoryOptions
      @Argument(help: "pre-push, commit-msg or all.") var hook: String = "all"

      func run() throws {
        throw CommandFailure(.failure, "git release hook uninstall is not implemented yet (hooks)")
      }
    }
  }
}
