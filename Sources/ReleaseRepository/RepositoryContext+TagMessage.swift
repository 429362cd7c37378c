import Foundation
import ReleaseCore

extension RepositoryContext {
  /// The release notes of a planned release and the tag message they render to:
  /// `--message-template` first, then `[notes] tagTemplate`, then the built-in plain-text template. `date` is the
  /// tagger's, so a pinned `GIT_COMMITTER_DATE` pins the message too.
  package func tagMessage(
    plan: ReleasePlan, version: SemanticVersion, tag: String, date: Date, templatePath: String?
  ) throws -> (notes: ReleaseNotes, text: String) {
    let release = ReleaseNotes.Release(
      version: version.description, tag: tag, previous: plan.current?.description,
      previousTag: plan.currentTag, date: date)
    let notes = ReleaseNotes(
      release: release, commits: plan.commitRecords, configuration: configuration,
      forge: try forge())
    let template = try notesTemplate(
      option: templatePath, configured: configuration.notes.tagTemplate, default: .tagMessage)
    return (notes, try template.render(notes))
  }
}
