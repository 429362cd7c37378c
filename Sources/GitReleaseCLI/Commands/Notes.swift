import ArgumentParser
import Foundation
import Git
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

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
    @Flag(help: "Print JSON for machines (the same as --format json).") var json = false
    @OptionGroup var ci: CIOptions

    func run() throws {
      Repository.readEachObjectOnce()  // a walk over the history reads each object about once
      let context = try RepositoryContext(repository.open())
      let notes = try context.releaseNotes(
        range: range, package: package, includeHidden: includeHidden)
      let text: String
      let chosen: OutputFormat? = json ? .json : OutputFormat(name: format)
      switch chosen {
      case .json?:
        text = try JSONOutput.encode(notes) + "\n"
      case .markdown?, .text?:
        text = try context.renderedNotes(notes, asText: chosen == .text, template: template)
      case nil:
        throw CommandFailure(.usage, "--format \(format): use markdown, text or json")
      }
      try NotesOutput.write(text, to: output)
      // GitHub Actions takes the text whole; a dotenv file holds one line a value, so GitLab jobs
      // read the notes from notes_file.
      try ci.publish([
        "version": notes.version, "tag": notes.tag ?? "", "notes": text,
        "notes_file": output.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? "",
      ])
    }
  }
}
