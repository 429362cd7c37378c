import ReleaseRendering
import ReleaseRepository

extension EnvironmentContext {
  /// The release notes of the commits `to` has and `from` lacks, rendered with the project's
  /// notes template (as `git release notes` renders them); with no `from`, the notes of the
  /// release `tag` itself. Nil, with a warning, when they cannot be made (a shallow clone, say):
  /// the list of changes still says what changed.
  func releaseNotes(from: String?, to: String, tag: String) -> String? {
    do {
      let notes = try context.releaseNotes(range: from.map { "\($0)..\(to)" } ?? tag)
      return try context.notesTemplate(
        option: nil, configured: context.configuration.notes.template, default: .notes
      ).render(notes)
    } catch {
      let message = ErrorReport.ownDescription(error)?.1 ?? "\(error)"
      EnvironmentOutput.printError("git release: warning: no release notes: \(message)")
      return nil
    }
  }
}
