import Foundation
import Git
import ReleaseCore
import ReleaseRendering

/// Files that a repository's own configuration names (`.gitrelease` itself, the templates of its
/// `[notes]` section). The repository may be a stranger's: what it names is read only from inside
/// it, only if it is a regular file, and only up to a size no honest file reaches.
package enum RepositoryFiles {
  /// Larger than any real configuration file; smaller than what exhausts memory.
  package static let sizeLimit = 1 << 20
  /// Larger than any real template: the Mustache parser takes time that grows with the square of
  /// the number of tags (20,000 tags take 10 s), so a template is held to what parses in a moment.
  package static let templateSizeLimit = 64 << 10

  /// Why a path named by the repository is refused; nil when it is a plain relative path.
  package static func problem(withPath path: String) -> String? {
    if path.isEmpty { return "the path is empty" }
    if path.hasPrefix("/") || path.hasPrefix("~") {
      return "the path is absolute; name a file inside the repository, relative to its root"
    }
    if path.split(separator: "/").contains("..") {
      return "the path leaves the repository through ..; name a file inside it"
    }
    if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      return "the path holds control characters"
    }
    return nil
  }

  /// The bytes of `path`, relative to the repository root: from the work tree, or from HEAD's
  /// tree in a bare repository. `what` names the setting in errors (e.g. `[notes] template`).
  package static func read(
    _ path: String, in repository: Repository, what: String, status: ReleaseFailure.Kind,
    limit: Int = sizeLimit
  ) throws -> Data {
    if let reason = problem(withPath: path) {
      throw ReleaseFailure(status, "\(what) \"\(Terminal.sanitize(path))\": \(reason)")
    }
    guard let root = repository.workingDirectory else {
      guard let head = try? repository.head().commit,
        let bytes = try repository.fileContents(at: path, inCommit: head)
      else {
        throw ReleaseFailure(
          status,
          "\(what) \"\(Terminal.sanitize(path))\": no such file in HEAD of this bare repository")
      }
      guard bytes.count <= limit else {
        throw tooLarge(path, what: what, status: status, limit: limit)
      }
      return Data(bytes)
    }
    return try read(
      root.appendingPathComponent(path).path, under: root, what: what, status: status,
      limit: limit)
  }

  /// The bytes of a file in the work tree, after checking that it, and any symbolic link on the
  /// way, stays under `root`, and that it is a regular file of reasonable size.
  package static func read(
    _ file: String, under root: URL, what: String, status: ReleaseFailure.Kind, limit: Int = sizeLimit
  ) throws -> Data {
    let shown = Terminal.sanitize(file)
    let resolvedRoot = root.resolvingSymlinksInPath().standardizedFileURL.path
    let resolved = URL(fileURLWithPath: file).resolvingSymlinksInPath().standardizedFileURL.path
    guard resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot + "/") else {
      throw ReleaseFailure(
        status,
        "\(what): \(shown) is a symbolic link to \(Terminal.sanitize(resolved)), outside the "
          + "repository; git release reads only files inside it. Replace the link with the file")
    }
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved) else {
      throw ReleaseFailure(status, "\(what): \(shown): no such file; check the path")
    }
    guard attributes[.type] as? FileAttributeType == .typeRegular else {
      throw ReleaseFailure(
        status, "\(what): \(shown) is not a regular file (a folder, a device or a pipe)")
    }
    if let size = attributes[.size] as? Int, size > limit {
      throw tooLarge(file, what: what, status: status, limit: limit)
    }
    guard let handle = FileHandle(forReadingAtPath: resolved) else {
      throw ReleaseFailure(status, "\(what): \(shown): cannot be read; check its permissions")
    }
    // The size can change between the look and the read: read at most one byte past the limit.
    let data = handle.readData(ofLength: limit + 1)
    try? handle.close()
    guard data.count <= limit else {
      throw tooLarge(file, what: what, status: status, limit: limit)
    }
    return data
  }

  private static func tooLarge(_ path: String, what: String, status: ReleaseFailure.Kind, limit: Int)
    -> ReleaseFailure
  {
    ReleaseFailure(
      status,
      "\(what): \(Terminal.sanitize(path)) is larger than \(limit >> 10) KiB, more than any "
        + "configuration or template needs; check that it names the right file")
  }
}
