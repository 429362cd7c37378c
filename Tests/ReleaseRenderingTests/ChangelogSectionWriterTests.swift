import Foundation
import ReleaseCore
import Testing

@testable import ReleaseRendering

/// The direct writer of a changelog release block must say exactly what the built-in template
/// says: every optional present and absent, and text that Markdown escaping changes.
@Suite("A changelog release written directly, against the built-in template")
struct ChangelogSectionWriterTests {
  static let forge = "https://github.com/acme/rocket"

  static func entry(
    _ hash: String, scope: String?, _ description: String, references: [ReleaseNotes.Reference],
    linked: Bool
  ) -> ReleaseNotes.Entry {
    ReleaseNotes.Entry(
      hash: hash, type: "feat", scope: scope, description: description, breaking: false,
      author: "Ada <b>", authorEmail: "ada@example.com", references: references,
      url: linked ? "\(forge)/commit/\(hash)" : nil)
  }

  static func release(linked: Bool, empty: Bool = false) -> ReleaseNotes {
    let references = [
      ReleaseNotes.Reference(
        number: 12, repository: nil, kind: .closes, url: linked ? "\(forge)/issues/12" : nil),
      ReleaseNotes.Reference(number: 7, repository: "other/repo", kind: .mention, url: nil),
    ]
    let sections = [
      ReleaseNotes.Section(
        type: "feat", title: "Features",
        entries: [
          entry(
            "5c8a5ec7f00f27bc5402297eaf7b7dc24d51a4c1", scope: "api",
            "replace *all* the `v1` <endpoints> [now]", references: references, linked: linked),
          entry(
            "2eb27e51b1a4a692fe6248625474372697cd3dac", scope: nil, "# not a heading_",
            references: [], linked: linked),
        ]),
      ReleaseNotes.Section(
        type: "other", title: "Other *Changes*",
        entries: [
          entry(
            "f5df878e8bf9a6b64807727b7a9184302b38c523", scope: "ui|x", "1. first & last",
            references: [references[1]], linked: linked)
        ]),
    ]
    let breaking = [
      ReleaseNotes.BreakingChange(
        hash: "5c8a5ec7f00f27bc5402297eaf7b7dc24d51a4c1", type: "feat", scope: "api",
        description: "/v1/launch is gone.\n\n- call /v2/launch\n> quoted", summary: "replace",
        url: linked ? "\(forge)/commit/5c8a5ec7f00f27bc5402297eaf7b7dc24d51a4c1" : nil),
      ReleaseNotes.BreakingChange(
        hash: "6cfc5b82dd518f514cb67e17f7cc2a7df9b603b5", type: "fix", scope: nil,
        description: "plain", summary: "plain", url: nil),
    ]
    return ReleaseNotes(
      version: "1.1.0-rc.1+b_2", tag: "v1.1.0-rc.1+b_2", previous: linked ? "1.0.0" : nil,
      previousTag: linked ? "v1.0.0" : nil, date: "2023-11-14", unreleased: false,
      compareURL: linked ? "\(forge)/compare/v1.0.0...v1.1.0-rc.1+b_2" : nil,
      repositoryURL: linked ? forge : nil, sections: empty ? [] : sections,
      breaking: empty ? [] : breaking, contributors: [], commitCount: 3)
  }

  @Test(arguments: [(true, false), (false, false), (true, true), (false, true)])
  func writesWhatTheTemplateRenders(linked: Bool, empty: Bool) throws {
    let release = Self.release(linked: linked, empty: empty)
    let template = try NotesTemplate(.changelog)
    let rendered = try template.render(
      ChangelogModel(
        header: false, repositoryURL: release.repositoryURL, releases: [release]))
    #expect(ChangelogSectionWriter.section(release) == rendered)
  }
}
