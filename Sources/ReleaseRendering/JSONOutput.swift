import Foundation

/// JSON as every command prints it: keys sorted, indented, `/` not escaped, dates in ISO 8601.
package enum JSONOutput {
  package static func encode<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return escapingInvisibles(String(decoding: try encoder.encode(value), as: UTF8.self))
  }

  /// JSONEncoder escapes C0 controls only. C1 controls (U+009B is an escape sequence's start on
  /// some terminals) and invisible or bidirectional characters are escaped too, so JSON printed
  /// to a terminal shows them as `\u202e`: the same JSON to a parser, inert to a person.
  package static func escapingInvisibles(_ json: String) -> String {
    guard json.unicodeScalars.contains(where: isInvisible) else { return json }
    var result = String.UnicodeScalarView()
    for scalar in json.unicodeScalars {
      guard isInvisible(scalar) else {
        result.append(scalar)
        continue
      }
      let hex = String(scalar.value, radix: 16)
      result.append(
        contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
          .unicodeScalars)
    }
    return String(result)
  }

  private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x7F..<0xA0, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF: true
    default: false
    }
  }
}
