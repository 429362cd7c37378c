import Foundation
import Git
import ReleaseCore

/// Corrected commit messages (`git release amend`), kept as git notes under refs/notes/release.
extension RepositoryContext {
  /// Every correction, by commit, read from the notes tree in one pass; nil when the repository
  /// has no refs/notes/release, which costs one reference lookup.
  package func corrections() throws -> [ObjectID: String]? {
    guard let notes = try repository.notes(in: MessageCorrection.notesReference) else {
      return nil
    }
    return notes.mapValues(MessageCorrection.message(fromNote:))
  }

  /// The same, by full hexadecimal commit id, as `CommitRecord.applying(_:)` takes them.
  package func correctionsByID() throws -> [String: String]? {
    try corrections().map { notes in
      Dictionary(uniqueKeysWithValues: notes.map { ($0.key.hex, $0.value) })
    }
  }

  /// A revision the user named, as a commit; a usage error that says what to check otherwise.
  package func commit(named revision: String) throws -> ObjectID {
    do {
      return try repository.resolveCommit(revision)
    } catch {
      guard [.notFound, .ambiguous, .invalidSpec, .peel].contains(error.code) else { throw error }
      throw ReleaseFailure(
        .usage,
        "\(revision): no such commit in this repository (\(error.message)); name a commit id, "
          + "a branch or a tag")
    }
  }
}
