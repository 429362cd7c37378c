import Mustache

/// How a template's `{{name}}` writes a value. Values come from commit messages, written by
/// anyone: in Markdown they must stay text and never become structure (a heading, a list, a
/// quote, raw HTML that hides what follows, a link to somewhere else).
package enum TemplateMarkup: String, Sendable {
  case markdown = "GIT_RELEASE_MARKDOWN"
  case text = "GIT_RELEASE_TEXT"
  case html = "HTML"

  /// The markup a template file's name suggests: `.txt` is text, `.html` is HTML, else Markdown.
  package init(fileName: String) {
    let name = fileName.lowercased()
    if name.contains(".txt") || name.contains(".text") {
      self = .text
    } else if name.contains(".html") || name.contains(".htm") {
      self = .html
    } else {
      self = .markdown
    }
  }

  /// The pragma that selects this markup, on a line of its own before the template's first line.
  package var pragma: String { "{{% CONTENT_TYPE: \(rawValue) }}\n" }

  /// Registers the content types with the Mustache library once.
  package static let registered: Bool = {
    MustacheContentTypes.register(MarkdownContent(), named: TemplateMarkup.markdown.rawValue)
    MustacheContentTypes.register(PlainTextContent(), named: TemplateMarkup.text.rawValue)
    return true
  }()
}

/// Markdown: every line of a value stays inside the block the template put it in.
package struct MarkdownContent: MustacheContentType {
  package func escapeText(_ text: String) -> String { MarkdownEscaping.escape(text) }
}

/// Plain text: values as they are; continuation lines of a multi-line value indented to stay
/// under the line that starts it.
package struct PlainTextContent: MustacheContentType {
  package func escapeText(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { String($0) }.joined(separator: "\n  ").replacingOccurrences(of: "\n  \n", with: "\n\n")
  }
}
