import ArgumentParser
import Foundation
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Stamp: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "stamp",
      abstract: "Write the version into the files of .gitrelease's [file] sections.",
      discussion: """
        Writes the next version (or --version) into every [file "PATH"] of .gitrelease in the \
        work tree. Only the bytes of the version change: comments, order, quoting, indentation, \
        line endings and a byte-order mark stay. A second run changes nothing. A missing key, a \
        file that does not parse or a pattern that matches nothing exits 5 naming the file, and \
        no file is written.

        With --check, writes nothing: compares every file with the current release (git \
        release current), or with --version. Exit 0 when all agree, 1 naming each file that \
        does not.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Option(
      help: ArgumentHelp(
        "Write (or check) this version instead of the next (1.4.0 or v1.4.0).",
        valueName: "version"))
    var version: String?
    @Flag(help: "Compare the files with the current release; write nothing.") var check = false
    @OptionGroup var output: OutputOptions

    func run() throws {
      let context = try RepositoryContext(repository.open())
      if check {
        try runCheck(context)
        return
      }
      let target: String
      if let version {
        target = try context.requestedVersion(version, option: "--version").description
      } else {
        let plan = try context.plan(preRelease: nil, build: nil, package: nil)
        guard let next = plan.next else {
          throw CommandFailure(
            .nothingToRelease, "nothing to release: \(plan.reason ?? "no version to write")")
        }
        target = next.description
      }
      let files = try context.stampVersionFiles(target)
      if output.json {
        print(try JSONOutput.encode(StampReport(version: target, files: files)))
        return
      }
      for file in files {
        let place = "\(file.path):\(file.line)"
        print(
          Terminal.sanitize(
            file.changed ? "\(place): \(file.from) -> \(file.to)" : "\(place): already \(file.to)"))
      }
    }

    private func runCheck(_ context: RepositoryContext) throws {
      let expected: String
      let tag: String?
      if let version {
        let parsed = try context.requestedVersion(version, option: "--version")
        expected = parsed.description
        tag = nil
      } else {
        guard let current = try context.currentRelease(package: nil) else {
          throw CommandFailure(
            .nothingToRelease,
            "no release tag is reachable from HEAD, so there is no version to compare the files "
              + "with; name one with --version")
        }
        expected = current.version.description
        tag = current.name
      }
      let files = try context.versionFiles().map {
        StampCheckReport.File(
          path: $0.settings.path, place: $0.settings.place, line: $0.location.line,
          holds: $0.value, matches: $0.value == expected)
      }
      let passed = files.allSatisfy(\.matches)
      if output.json {
        print(
          try JSONOutput.encode(
            StampCheckReport(version: expected, tag: tag, passed: passed, files: files)))
      }
      let wrong = files.filter { !$0.matches }
      guard wrong.isEmpty else {
        let against = tag.map { "\(expected) (\($0))" } ?? expected
        let lines = wrong.map { "\($0.path):\($0.line): holds \($0.holds), not \(against)" }
        throw CommandFailure(
          .failure,
          lines.joined(separator: "\n") + "\n"
            + "\(wrong.count) of \(files.count) version files do not hold \(against); "
            + "write it with: git release stamp --version \(expected)")
      }
      if !output.json {
        print(Terminal.sanitize("\(files.count) version files hold \(expected)"))
      }
    }
  }
}

/// What `stamp --json` prints.
struct StampReport: Encodable {
  let version: String
  let files: [StampedFile]
}

/// What `stamp --check --json` prints.
struct StampCheckReport: Encodable {
  struct File: Encodable {
    let path: String
    let place: String
    let line: Int
    let holds: String
    let matches: Bool
  }
  let version: String
  /// The release tag compared with; null with --version.
  let tag: String?
  let passed: Bool
  let files: [File]

  enum CodingKeys: String, CodingKey { case version, tag, passed, files }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(version, forKey: .version)
    try container.encode(tag, forKey: .tag)
    try container.encode(passed, forKey: .passed)
    try container.encode(files, forKey: .files)
  }
}
