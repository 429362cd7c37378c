import ArgumentParser
import Foundation

/// Hands a command's results to the CI system running it, so later steps can use them.
///
/// - GitHub Actions: when `GITHUB_OUTPUT` names a file, each output is appended as
///   `name<<DELIMITER`, the value, `DELIMITER`, with a fresh random delimiter that the value does
///   not contain, so values with newlines (release notes) arrive whole.
/// - GitLab CI (or anything that reads dotenv): with `--dotenv FILE` or `GIT_RELEASE_DOTENV=FILE`,
///   each output is appended as `GIT_RELEASE_<NAME>=value` (upper case, `-` as `_`). GitLab's dotenv
///   reports take one line per value, so a value with a newline is left out with a warning: use
///   the file output (`notes_file`) for those.
///
/// Both files are appended to, as several commands of one job add their outputs.
enum CIOutputs {
  /// Publishes outputs in order, to each destination the environment and `dotenv` ask for.
  /// Without either, does nothing.
  static func publish(
    _ outputs: KeyValuePairs<String, String>, dotenv: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws {
    let pairs = outputs.map { ($0.key, $0.value) }
    if let path = environment["GITHUB_OUTPUT"], !path.isEmpty {
      try append(try githubText(pairs), to: path, what: "GitHub Actions outputs (GITHUB_OUTPUT)")
    }
    let dotenvPath = dotenv ?? environment["GIT_RELEASE_DOTENV"].flatMap { $0.isEmpty ? nil : $0 }
    if let dotenvPath {
      let (text, skipped) = try dotenvText(pairs)
      for name in skipped {
        FileHandle.standardError.write(
          Data(
            ("git release: warning: \(name) has several lines, which a dotenv file cannot "
              + "hold; it is left out of \(dotenvPath)\n").utf8))
      }
      try append(text, to: dotenvPath, what: "the dotenv file")
    }
  }

  /// GitHub's output names: a letter or `_`, then letters, digits, `_` and `-`.
  static func isValidName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first.isASCII,
      first.properties.isAlphabetic || first == "_"
    else { return false }
    return name.unicodeScalars.allSatisfy {
      $0.isASCII
        && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-")
    }
  }

  /// The `name<<DELIMITER` blocks, one per output.
  static func githubText(
    _ outputs: [(String, String)],
    makeDelimiter: () -> String = { "ghadelimiter_\(UUID().uuidString)" }
  ) throws -> String {
    var text = ""
    for (name, value) in outputs {
      try validate(name)
      var delimiter = makeDelimiter()
      // A fresh delimiter until the value cannot end the block early; a UUID all but never repeats.
      while value.contains(delimiter) { delimiter = makeDelimiter() + "_" + UUID().uuidString }
      text += "\(name)<<\(delimiter)\n\(value)\n\(delimiter)\n"
    }
    return text
  }

  /// The `GIT_RELEASE_NAME=value` lines, and the names left out for having several lines.
  static func dotenvText(_ outputs: [(String, String)]) throws -> (String, [String]) {
    var text = ""
    var skipped: [String] = []
    for (name, value) in outputs {
      try validate(name)
      guard !value.contains("\n"), !value.contains("\r") else {
        skipped.append(name)
        continue
      }
      text += "\(dotenvName(name))=\(value)\n"
    }
    return (text, skipped)
  }

  /// `notes_file` becomes `GIT_RELEASE_NOTES_FILE`.
  static func dotenvName(_ name: String) -> String {
    "GIT_RELEASE_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
  }

  private static func validate(_ name: String) throws {
    guard isValidName(name) else {
      throw CommandFailure(
        .failure, "\"\(name)\" cannot be a CI output name; use letters, digits, _ and -")
    }
  }

  private static func append(_ text: String, to path: String, what: String) throws {
    guard !text.isEmpty else { return }
    let files = FileManager.default
    if !files.fileExists(atPath: path), !files.createFile(atPath: path, contents: nil) {
      throw CommandFailure(.failure, "cannot create \(path) for \(what): check the folder")
    }
    do {
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      try handle.seekToEnd()
      try handle.write(contentsOf: Data(text.utf8))
    } catch {
      throw CommandFailure(
        .failure, "cannot write \(what) to \(path): \(error.localizedDescription)")
    }
  }
}

/// `--dotenv FILE`, for commands that publish CI outputs.
struct CIOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Also append outputs to this dotenv file (GitLab CI reports); or set GIT_RELEASE_DOTENV.",
      valueName: "file"))
  var dotenv: String?

  /// Publishes to GitHub Actions when it runs this, and to the dotenv file when asked.
  func publish(_ outputs: KeyValuePairs<String, String>) throws {
    try CIOutputs.publish(outputs, dotenv: dotenv)
  }
}
