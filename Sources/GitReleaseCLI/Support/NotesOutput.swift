import Foundation
import ReleaseRendering

/// Where notes and changelogs go, a piece at a time: standard output (made safe for a terminal)
/// or a file, written as a temporary file beside it and renamed into place at the end, so a
/// failure never leaves half a file.
struct NotesOutputStream {
  private let path: String?
  private let temporary: String?
  private let handle: FileHandle
  private var finished = false
  /// Pieces gathered into writes of about 64 KiB: a changelog has thousands of small pieces.
  private var buffer: [UInt8] = []

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

  /// True when what is written goes to standard output, where `write` makes it safe for a
  /// terminal (`Terminal.sanitize`); a file gets the text as it is.
  var sanitizes: Bool { temporary == nil }

  mutating func write(_ text: String) {
    write(sanitized: sanitizes ? Terminal.sanitize(text) : text)
  }

  /// Writes text that `Terminal.sanitize` has already seen, when `sanitizes` says it must.
  mutating func write(sanitized text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  private mutating func flush() {
    guard !buffer.isEmpty else { return }
    handle.write(Data(buffer))
    buffer.removeAll(keepingCapacity: true)
  }

  /// Moves the file into place; without it (an error on the way) the temporary file is removed.
  mutating func finish() throws {
    flush()
    finished = true
    guard let path, let temporary else { return }
    try? handle.close()
    guard rename(temporary, path) == 0 else {
      try? FileManager.default.removeItem(atPath: temporary)
      throw CommandFailure(.failure, "cannot write \(path); check the folder is writable")
    }
  }

  /// Removes the temporary file of an output that was not finished; what standard output was
  /// given before the failure is written, as it was when each piece went out at once.
  mutating func abandon() {
    guard !finished else { return }
    guard let temporary else { return flush() }
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
