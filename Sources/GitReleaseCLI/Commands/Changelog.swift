import ArgumentParser
import Foundation
import Git
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Changelog: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "changelog",
      abstract: "Write the changelog of the whole history, one section per release.",
      discussion: """
        One section per release tag reachable from HEAD, newest first; each commit is listed in \
        the first release that contains it. With --output FILE --prepend, only the releases FILE \
        has no heading for are added, each in its place; nothing already in FILE is changed.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Flag(help: "Add only the releases the output file does not have yet.") var prepend = false
    @Option(help: "A Mustache template file to render instead of the default.") var template:
      String?
    @Option(help: "markdown or json.") var format: String = "markdown"
    @Flag(help: "Also list hidden types and commits that are not Conventional Commits.")
    var includeHidden = false

    func validate() throws {
      if prepend, output == nil {
        throw ValidationError("--prepend needs --output FILE: the changelog file to add to")
      }
      if prepend, OutputFormat(name: format) == .json {
        throw ValidationError(
          "--prepend adds Markdown sections; it cannot be used with --format json")
      }
    }

    func run() throws {
      Repository.readEachObjectOnce()  // a walk over the history reads each object about once
      let context = try RepositoryContext(repository.open())
      try context.requireWholeHistory()
      let forge = try context.forge()
      guard let chosen = OutputFormat(name: format), chosen != .text else {
        throw CommandFailure(.usage, "--format \(format): use markdown or json")
      }
      let template = try context.notesTemplate(
        option: template, configured: context.configuration.notes.changelogTemplate,
        default: .changelog)
      let whole = prepend && output.map(FileManager.default.fileExists) == true
      if chosen != .json, !whole, template.builtIn == .changelog {
        // The default template is a header, then one block per release: write the blocks one at
        // a time, so a long history's changelog is never held whole, each written directly.
        var stream = try NotesOutputStream(to: output)
        defer { stream.abandon() }
        stream.write(
          try template.render(ChangelogModel(header: true, repositoryURL: forge?.url, releases: []))
        )
        var count = 0
        // Made safe for a terminal as they are rendered, on every core, not as they are written.
        let sanitizes = stream.sanitizes
        try context.changelog(
          includeHidden: includeHidden,
          rendering: { release in
            let section = ChangelogSectionWriter.section(release)
            return sanitizes ? Terminal.sanitize(section) : section
          }
        ) { section in
          count += 1
          stream.write(sanitized: section)
        }
        try stream.finish()
        if count == 0 { Self.warnNoRelease() }
        return
      }
      var releases = try context.changelog(includeHidden: includeHidden)
      if releases.isEmpty { Self.warnNoRelease() }
      if chosen == .json {
        let model = ChangelogModel(header: true, repositoryURL: forge?.url, releases: releases)
        try NotesOutput.write(try JSONOutput.encode(model) + "\n", to: output)
        return
      }
      guard whole, let output else {
        let model = ChangelogModel(header: true, repositoryURL: forge?.url, releases: releases)
        try NotesOutput.write(try template.render(model), to: output)
        return
      }
      guard let data = FileManager.default.contents(atPath: output) else {
        throw CommandFailure(.failure, "cannot read \(output); check its permissions")
      }
      let namespace = context.configuration.release.namespace
      var document = ChangelogDocument(
        text: String(decoding: data, as: UTF8.self), namespace: namespace)
      let present = document.versions
      releases.removeAll { namespace.version($0.version).map(present.contains) ?? true }
      guard !releases.isEmpty else {
        FileHandle.standardError.write(Data("\(output) already has every release\n".utf8))
        return
      }
      for release in releases {
        let model = ChangelogModel(header: false, repositoryURL: forge?.url, releases: [release])
        var section = try template.render(model)
        while section.hasPrefix("\n") { section.removeFirst() }
        if let version = namespace.version(release.version) {
          document.insert(section, version: version)
        }
      }
      try NotesOutput.write(document.text, to: output)
      let names = releases.map { $0.tag ?? $0.version }.joined(separator: ", ")
      FileHandle.standardError.write(Data(Terminal.sanitize("added to \(output): \(names)\n").utf8))
    }

    static func warnNoRelease() {
      FileHandle.standardError.write(
        Data(
          ("no release tag is reachable from HEAD, so the changelog has no release yet; "
            + "`git release notes` shows the unreleased commits\n").utf8))
    }
  }
}
