import ReleaseCore

/// One release's block of the built-in changelog template, written directly: what Mustache makes
/// of `{{#releases}}...{{/releases}}` in `changelog.md.mustache` for one release, byte for byte.
///
/// A long history has thousands of releases, and the generic path (model encoded to a tree of
/// `Any`, each name looked up by dynamic casts) cost more than reading the history. A test keeps
/// this equal to the template's rendering; a changed template must change this too.
package enum ChangelogSectionWriter {
  /// The block of one release, starting with its blank line.
  package static func section(_ release: ReleaseNotes) -> String {
    // Bytes, not a String: appending to a String checks more per piece than copying the piece.
    var out = Output()
    out.reserveCapacity(256 + release.sections.count * 1024)
    out += "\n## "
    if let compare = release.compareURL {
      out += "["
      out += escape(release.version)
      out += "]("
      out += escape(compare)
      out += ")"
    } else {
      out += "["
      out += escape(release.version)
      out += "]"
    }
    out += " - "
    out += escape(release.date)
    out += "\n"
    if release.isEmpty { out += "\nNo notable changes.\n" }
    if !release.breaking.isEmpty {
      out += "\n### ⚠ BREAKING CHANGES\n\n"
      for change in release.breaking {
        out += "- "
        scoped(change.scope, into: &out)
        out += escape(change.description)
        out += " ("
        link(change.shortHash, change.url, into: &out)
        out += ")\n"
      }
    }
    for section in release.sections {
      out += "\n### "
      out += escape(section.title)
      out += "\n\n"
      for entry in section.entries {
        out += "- "
        scoped(entry.scope, into: &out)
        out += escape(entry.description)
        for reference in entry.references {
          out += " ("
          link(reference.id, reference.url, into: &out)
          out += ")"
        }
        out += " ("
        link(entry.shortHash, entry.url, into: &out)
        out += ")\n"
      }
    }
    return String(decoding: out.bytes, as: UTF8.self)
  }

  /// A byte buffer that `+=` appends text to.
  package struct Output {
    package var bytes: [UInt8] = []

    package mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

    package static func += (output: inout Output, text: String) {
      output.bytes.append(contentsOf: text.utf8)
    }
  }

  /// `{{#url}}[{{text}}]({{url}}){{/url}}{{^url}}{{text}}{{/url}}`
  private static func link(_ text: String, _ url: String?, into out: inout Output) {
    if let url {
      out += "["
      out += escape(text)
      out += "]("
      out += escape(url)
      out += ")"
    } else {
      out += escape(text)
    }
  }

  /// `{{#scope}}**{{scope}}:** {{/scope}}`; appended piece by piece, as everything here, so no
  /// intermediate String is built for each entry.
  private static func scoped(_ scope: String?, into out: inout Output) {
    guard let scope else { return }
    out += "**"
    out += escape(scope)
    out += ":** "
  }

  /// What `{{name}}` writes in the Markdown content type.
  private static func escape(_ text: String) -> String { MarkdownEscaping.escape(text) }
}
