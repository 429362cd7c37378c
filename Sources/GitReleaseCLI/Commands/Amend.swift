import ArgumentParser
import Foundation
import Git
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Amend: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "amend",
      abstract: "Correct a commit's message for releases, without rewriting history.",
      discussion: """
        Stores MESSAGE as a git note on the commit under refs/notes/release; next, notes, \
        changelog, where and check read it instead of the commit's own message. MESSAGE must be \
        a Conventional Commit (exit 1, nothing written, otherwise). --remove takes the \
        correction back. Share corrections with git push origin refs/notes/release; \
        `git release hook install` makes git fetch bring them.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Argument(help: "The commit to correct (an id, a branch, a tag).") var revision: String
    @Option(
      name: .customLong("as"),
      help: ArgumentHelp("The corrected message, a Conventional Commit.", valueName: "message"))
    var message: String?
    @Flag(help: "Remove the commit's correction.") var remove = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if (message == nil) == (remove == false) {
        throw ValidationError(
          "give either --as \"type(scope): description\" to correct the message, or --remove")
      }
    }

    /// What `amend --json` prints.
    struct Report: Encodable {
      let commit: String
      /// The message now read for the commit.
      let message: String
      /// The commit's own message.
      let original: String
      let corrected: Bool
      /// With --remove: whether there was a correction to remove.
      let removed: Bool?
      let reference: String
    }

    func run() throws {
      let repository = try self.repository.open()
      let context = try RepositoryContext(repository)
      // Checked before anything is read or written.
      var corrected: String?
      if let message {
        do {
          corrected = try MessageCorrection.validate(message)
        } catch {
          throw CommandFailure(.failure, error.description + "; nothing was written")
        }
      }
      let id = try context.commit(named: revision)
      let original = try repository.commit(id).message
      let signature = try Tag.tagger(of: repository)
      let reference = MessageCorrection.notesReference
      let report: Report
      if let corrected {
        try repository.writeNote(
          MessageCorrection.noteText(corrected), on: id, in: reference, author: signature,
          committer: signature)
        report = Report(
          commit: id.hex, message: corrected, original: original, corrected: true, removed: nil,
          reference: reference)
      } else {
        let removed = try repository.removeNote(
          on: id, in: reference, author: signature, committer: signature)
        report = Report(
          commit: id.hex, message: original, original: original, corrected: false,
          removed: removed, reference: reference)
      }
      if output.json {
        print(try JSONOutput.encode(report))
        return
      }
      let short = id.hex.prefix(12)
      func subject(_ text: String) -> String { String(text.prefix { $0 != "\n" }) }
      if corrected != nil {
        print(
          Terminal.sanitize(
            "Corrected \(short): \"\(subject(original))\" is read as \"\(subject(report.message))\""
          ))
        FileHandle.standardError.write(
          Data("Share it with: git push origin \(reference)\n".utf8))
      } else if report.removed == true {
        print(Terminal.sanitize("Removed the correction of \(short): \"\(subject(original))\" again"))
      } else {
        print("\(short) has no correction: nothing to remove")
      }
    }
  }
}
