import Foundation
import ReleaseCore
import ReleaseRendering

extension RepositoryContext {
  /// The template to render with: `--template` first (any file: the user's own choice), then the
  /// `.gitrelease` setting (a file inside the repository, relative to its root: the repository
  /// may be a stranger's), then the built-in default.
  package func notesTemplate(option: String?, configured: String?, default builtIn: BuiltInTemplate)
    throws -> NotesTemplate
  {
    if let option { return try NotesTemplate(file: option, status: .usage) }
    if let configured {
      let data = try RepositoryFiles.read(
        configured, in: repository, what: "the template named in \(Self.configurationFile)",
        status: .configuration, limit: RepositoryFiles.templateSizeLimit)
      return try NotesTemplate(
        text: String(decoding: data, as: UTF8.self), name: configured, status: .configuration)
    }
    return try NotesTemplate(builtIn)
  }
}
