import Foundation
import Git
import ReleaseCore

/// An annotated release tag with every byte of its object known before anything is written, so a
/// dry run shows exactly what a real run writes (the signature aside, which only signing makes).
package struct TagDraft {
  /// The short name, e.g. `v1.3.0`.
  package let name: String
  package let target: ObjectID
  package let tagger: Signature
  /// The message as git stores it: cleaned, ending in a newline.
  package let message: String

  package init(name: String, target: ObjectID, tagger: Signature, message: String) {
    self.name = name
    self.target = target
    self.tagger = tagger
    self.message = message
  }

  /// The tag object as git writes it; what a signature signs.
  package var object: String {
    Repository.annotatedTagBuffer(name: name, target: target, tagger: tagger, message: message)
  }
}

/// Writes release tags so that a run leaves either no tag or a complete one: the (signed) tag
/// object first, then the reference, created only if no tag of that name exists, under git's lock.
package enum ReleaseTagWriter {
  /// Writes the tag and returns the tag object's id.
  package static func write(_ draft: TagDraft, signing: SigningMethod?, to repository: Repository) throws
    -> ObjectID
  {
    var bytes = Array(draft.object.utf8)
    if let signing {
      do {
        bytes += try signing.sign(bytes)
      } catch {
        throw ReleaseFailure(
          .failure,
          "cannot sign tag \(draft.name): \(error.message). Nothing was written; fix the signing "
            + "setup (gpg.format, user.signingKey) or run without --sign")
      }
    }
    let id = try repository.writeObject(bytes, type: .tag)
    // An object no reference names is not a tag; git gc removes it in time.
    // A racing writer holds the reference's lock for milliseconds: a lock that stays for a
    // second, with no tag behind it, was left by a killed git.
    var attempts = lockPatience
    while true {
      do {
        try repository.createTagReference(
          named: draft.name, to: id, logMessage: "git release tag: \(draft.name)")
        return id
      } catch {
        guard error.code == .locked,
          (try? repository.reference(named: "refs/tags/" + draft.name)) == .some(nil)
        else { throw refusal(error, draft) }
        attempts -= 1
        guard attempts > 0 else {
          throw lockedReference("refs/tags/" + draft.name, in: repository, wrote: "no tag")
        }
        usleep(lockPause)
      }
    }
  }

  /// How long a lock is waited for before it is taken as left behind: 20 × 50 ms.
  package static let lockPatience = 20
  package static let lockPause: UInt32 = 50_000

  private static func refusal(_ error: GitError, _ draft: TagDraft) -> any Error {
    switch error.code {
    case .exists, .locked, .modified:
      return ReleaseFailure(
        .failure,
        "tag \(draft.name) was created by another run while this one was writing it; this run "
          + "wrote no tag. See the one that was made with: git show \(draft.name)")
    default:
      return error
    }
  }

  /// The failure for a reference whose `.lock` file is in the way: another git is writing it, or
  /// one was killed while it did. git itself never removes such a file on its own, nor does this.
  package static func lockedReference(_ name: String, in repository: Repository, wrote nothing: String)
    -> ReleaseFailure
  {
    let lock = repository.commonDirectory.appendingPathComponent(name + ".lock").path
    return ReleaseFailure(
      .failure,
      "\(name) is locked: \(lock) exists, so another git process is writing it, or one was "
        + "killed while it did. This run wrote \(nothing). If no git or git release is running, "
        + "remove the lock file (rm '\(lock)') and run the command again")
  }

  /// The refusal for a tag name already taken, whatever the tag points at.
  package static func refuseExisting(_ name: String, in repository: Repository) throws {
    let found = try repository.reference(named: "refs/tags/" + name)
    guard let existing = found else { return }
    var target = ""
    if let id = existing.objectID { target = " (it points at \(id.hex.prefix(12)))" }
    throw ReleaseFailure(
      .failure,
      "tag \(name) already exists\(target); git release never moves or replaces a tag. "
        + "Release another version with --as, or delete the tag first if it was a mistake: "
        + "git tag -d \(name)")
  }
}
