/// A piece of HTML that is safe to write as it is. Text from commits, tags and people enters only
/// through `text` and attribute values, which escape it; `trusted` is for the page's own
/// constants (its style sheet), never for anything read from the repository.
package struct HTMLMarkup: Sendable {
  package let html: String

  private init(_ html: String) { self.html = html }

  package static func text(_ text: String) -> HTMLMarkup { HTMLMarkup(escape(text)) }

  package static func trusted(_ html: StaticString) -> HTMLMarkup { HTMLMarkup("\(html)") }

  /// Markup a template rendered with the HTML content type, which escaped every value it wrote.
  package static func rendered(byEscapingTemplate html: String) -> HTMLMarkup { HTMLMarkup(html) }

  package static let empty = HTMLMarkup("")

  /// `<name attributes>children</name>`; attribute values are escaped, names are the caller's.
  package static func element(
    _ name: StaticString, _ attributes: [(StaticString, String)] = [], _ children: [HTMLMarkup] = []
  ) -> HTMLMarkup {
    var html = "<\(name)"
    for (key, value) in attributes { html += " \(key)=\"\(escape(value))\"" }
    html += ">"
    for child in children { html += child.html }
    if !voidElements.contains("\(name)") { html += "</\(name)>" }
    return HTMLMarkup(html)
  }

  package static func element(
    _ name: StaticString, _ attributes: [(StaticString, String)] = [], text: String
  ) -> HTMLMarkup {
    element(name, attributes, [.text(text)])
  }

  package static func joined(_ parts: [HTMLMarkup]) -> HTMLMarkup {
    HTMLMarkup(parts.map(\.html).joined())
  }

  private static let voidElements: Set<String> = ["meta", "br"]

  /// Escapes the five characters that can end text or an attribute value, and replaces the
  /// control characters HTML does not allow in text.
  package static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\n", "\t": result.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) {
          result += "\u{FFFD}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}
