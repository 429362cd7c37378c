/// Text from commits and tags is written by others: before it reaches a terminal, control
/// characters (escape sequences above all) are made visible instead of obeyed.
package enum Terminal {
  package static func sanitize(_ text: String) -> String {
    // Most text has nothing to show differently: tell from its bytes. C1 controls start with
    // 0xC2, the invisible and bidirectional ones below with 0xE2 (U+2000-U+2FFF) or 0xEF (U+FEFF).
    func isPlain(_ byte: UInt8) -> Bool {
      byte >= 0x20
        ? byte != 0x7F && byte != 0xC2 && byte != 0xE2 && byte != 0xEF
        : byte == 0x0A || byte == 0x09
    }
    // Contiguous bytes when the text has them: a whole changelog goes through here.
    let clean =
      text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isPlain) }
      ?? text.utf8.allSatisfy(isPlain)
    if clean { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x0A, 0x09:
        result.append(scalar)
      case 0x00..<0x20, 0x7F, 0x80..<0xA0:
        // Shown as the Control Pictures block does: ␛ for ESC, and so on.
        let picture =
          scalar.value == 0x7F ? 0x2421 : (scalar.value < 0x20 ? 0x2400 + scalar.value : 0xFFFD)
        result.append(Unicode.Scalar(picture) ?? "?")
      case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF:
        // Invisible and bidirectional controls can make a line read other than it is (a tag
        // name that looks like another, text that runs backwards): shown by code point.
        result.append(
          contentsOf: "<U+\(String(scalar.value, radix: 16, uppercase: true))>".unicodeScalars)
      default:
        result.append(scalar)
      }
    }
    return String(result)
  }
}
