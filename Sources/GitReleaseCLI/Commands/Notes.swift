import ArgumentParser
import Foundation
import ReleaseCore

extension GitRelease {
  struct Notes: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "notes",
      abstract: "Print release notes for unreleased commits or for a range.",
      discussion: """
        Without a range: the commits since the last release tag reachable from HEAD. A range \
        v1.2.0..v1.3.0 takes the commits of v1.3.0 that v1.2.0 lacks; one release tag v1.3.0 \
        takes that release, from the release before it. Merge commits are left out, and a commit \
        reverted within the range shows nowhere. --format json prints the model templates see.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Argument(
      help: "A range (v1.2.0..v1.3.0) or a release tag (v1.3.0); default: the unreleased commits.")
    var range: String?
    @Option(help: "The monorepo package.") var package: String?
    @Option(help: "markdown, text (as in a tag message) or json.") var format: String = "markdown"
    @Option(help: "A Mustache template file to render instead of the default.") var template:
      String?
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Flag(
      help:
        "Also list hidden types (docs, chore, ...) and commits that are not Conventional Commits.")
    var includeHidden = false

    func run() throws {
      let context = try RepositoryContext(repository.open())
      let notes = try context.releaseNotes(
        range: range, package: package, includeHidden: includeHidden)
      let text: String
      switch format {
      case "json":
        text = try JSONOutput.encode(notes) + "\n"
      case "markdown", "md", "text":
        let builtIn: BuiltInTemplate = format == "text" ? .tagMessage : .notes
        text = try context.notesTemplate(
          option: template, configured: context.configuration.notes.template, default: builtIn
        ).render(notes)
      default:
        throw CommandFailure(.usage, "--format \(format): use markdown, text or json")
      }
      try NotesOutput.write(text, to: output)
    }
  }
}

/// Where notes and changelogs go, a piece at a time: standard output (made safe for a terminal)
/// or a file, written as a temporary file beside it and renamed into place at the end, so a
/// failure never leaves half a file.
struct NotesOutputStream {
  private let path: String?
  private let temporary: String?
  private let handle: FileHandle
  private var finished = false

  init(to path: String?) throws {
    self.path = path
    guard let path else {
      temporary = nil
      handle = FileHandle.standardOutput
      return
    }
    let temporary = path + ".git-release-\(ProcessInfo.processInfo.processIdentifier).tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: nil),
      let handle = FileHandle(forWritingAtPath: temporary)
    else {
      throw CommandFailure(
        .failure, "cannot write \(path); check the folder exists and is writable")
    }
    self.temporary = temporary
    self.handle = handle
  }

  func write(_ text: String) {
    handle.write(Data((temporary == nil ? Terminal.sanitize(text) : text).utf8))
  }

  /// Moves the file into place; without it (an error on the way) the temporary file is removed.
  mutating func finish() throws {
    finished = true
    guard let path, let temporary else { return }
    try? handle.close()
    guard rename(temporary, path) == 0 else {
      try? FileManager.default.removeItem(atPath: temporary)
      throw CommandFailure(.failure, "cannot write \(path); check the folder is writable")
    }
  }

  /// Removes the temporary file of an output that was not finished.
  func abandon() {
    guard !finished, let temporary else { return }
    try? handle.close()
    try? FileManager.default.removeItem(atPath: temporary)
  }
}

/// Where notes and changelogs go: standard output (made safe for a terminal) or a file (as is).
enum NotesOutput {
  static func write(_ text: String, to path: String?) throws {
    guard let path else {
      FileHandle.standardOutput.write(Data(Terminal.sanitize(text).utf8))
      return
    }
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: [.atomic])
    } catch {
      throw CommandFailure(
        .failure, "cannot write \(path): \(error.localizedDescription); check the folder exists")
    }
  }
}

extension RepositoryContext {
  /// The template to render with: `--template` first, then the `.gitrelease` setting (relative to
  /// the repository root), then the built-in default.
  func notesTemplate(option: String?, configured: String?, default builtIn: BuiltInTemplate)
    throws -> NotesTemplate
  {
    if let option { return try NotesTemplate(file: option, status: .usage) }
    if let configured {
      let root = repository.workingDirectory ?? repository.commonDirectory
      let path =
        configured.hasPrefix("/") ? configured : root.appendingPathComponent(configured).path
      return try NotesTemplate(file: path, status: .configuration)
    }
    return try NotesTemplate(builtIn)
  }
}
