import ArgumentParser
import Foundation
import Git
import ReleaseRepository

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
      if let foreign = Self.repositoryOwnedByAnother(above: start) {
        throw CommandFailure(
          .repository,
          "\(foreign) is a git repository owned by another user; git release, as git does, "
            + "reads only repositories that the user running it owns or trusts. If you trust "
            + "it: git config --global --add safe.directory \(foreign)")
      }
      throw CommandFailure(
        .repository,
        "not a git repository (or any parent up to the root): \(start)\n"
          + "Run git release inside a repository, or name one with -C <path>.")
    }
  }
}

extension RepositoryOptions {
  /// git puts `-C PATH` before the subcommand (`git -C repo log`), where the parser knows no
  /// options: moves leading `-C PATH` pairs to just after the subcommand's name, so that
  /// `git release -C repo next` reads as `git release next -C repo`. Several leading ones compose
  /// as git's do, each relative one taken from the one before. Before no subcommand (`--version`,
  /// `help`, an unknown name) they are dropped, as that command reads no repository.
  static func movingLeadingDirectory(in arguments: [String]) -> [String] {
    var rest = arguments[...]
    var directory: String?
    while rest.first == "-C", rest.count >= 2 {
      let path = rest[rest.startIndex + 1]
      if let before = directory, !path.hasPrefix("/") {
        directory = before.hasSuffix("/") ? before + path : before + "/" + path
      } else {
        directory = path
      }
      rest = rest.dropFirst(2)
    }
    guard let directory else { return arguments }
    var command: any ParsableCommand.Type = GitRelease.self
    var names: [String] = []
    while let name = rest.first,
      let subcommand = command.configuration.subcommands.first(where: {
        $0._commandName == name || $0.configuration.aliases.contains(name)
      })
    {
      names.append(name)
      command = subcommand
      rest = rest.dropFirst()
    }
    guard !names.isEmpty else { return Array(rest) }
    return names + ["-C", directory] + rest
  }

  /// The nearest folder at or above `start` that holds a `.git` owned by another user: libgit2
  /// skips such repositories while searching (git's safe.directory rule) and reports none.
  static func repositoryOwnedByAnother(above start: String) -> String? {
    var folder = URL(fileURLWithPath: start).standardizedFileURL
    while true {
      let marker = folder.appendingPathComponent(".git").path
      if let owner = try? FileManager.default.attributesOfItem(atPath: marker)[.ownerAccountID]
        as? NSNumber
      {
        return owner.uint32Value == getuid() ? nil : folder.path
      }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { return nil }
      folder = parent
    }
  }
}

/// Output format flags shared by commands a script calls.
struct OutputOptions: ParsableArguments {
  @Flag(help: "Print JSON for machines instead of text.")
  var json = false
}

extension EnvironmentContext {
  /// The environments of the repository the options name.
  init(_ options: RepositoryOptions) throws { try self.init(options.open()) }
}
