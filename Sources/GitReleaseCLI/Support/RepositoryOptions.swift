import ArgumentParser
import Foundation
import Git

/// Where the repository is: `-C PATH` as git takes it, otherwise the current folder.
struct RepositoryOptions: ParsableArguments {
  @Option(
    name: .customShort("C"),
    help: ArgumentHelp("Run as if started in <path>, as `git -C` does.", valueName: "path"))
  var directory: String?

  /// Opens the repository, searching upwards from the folder as git does.
  func open() throws -> Repository {
    let start = directory ?? FileManager.default.currentDirectoryPath
    guard FileManager.default.fileExists(atPath: start) else {
      throw CommandFailure(.usage, "cannot change to '\(start)': no such folder")
    }
    do {
      return try Repository(discoveringFrom: start)
    } catch {
      guard error.code == .notFound else { throw error }
      throw CommandFailure(
        .repository,
        "not a git repository (or any parent up to the root): \(start)\n"
          + "Run git release inside a repository, or name one with -C <path>.")
    }
  }
}

/// Output format flags shared by commands a script calls.
struct OutputOptions: ParsableArguments {
  @Flag(help: "Print JSON for machines instead of text.")
  var json = false
}
