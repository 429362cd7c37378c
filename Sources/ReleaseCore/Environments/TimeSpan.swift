/// A length of time as configuration writes it: `24h`, `90m`, `1h30m`, `2d`, `1w`, `45s`.
public struct TimeSpan: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let seconds: Int

  public init(seconds: Int) { self.seconds = seconds }

  private static let units: [(Character, Int)] = [
    ("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1),
  ]

  /// Parses one or more `<number><unit>` parts (units w, d, h, m, s); `0` alone is zero.
  /// Nil for anything else: a number without a unit is ambiguous, so it is refused.
  public init?(_ text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    if trimmed == "0" {
      seconds = 0
      return
    }
    var total = 0
    var digits = ""
    var sawPart = false
    for character in trimmed {
      if character.isASCII, character.isNumber {
        digits.append(character)
      } else if let unit = Self.units.first(where: { $0.0 == character }) {
        guard let value = Int(digits), value <= 1_000_000 else { return nil }
        total += value * unit.1
        digits = ""
        sawPart = true
      } else {
        return nil
      }
    }
    guard sawPart, digits.isEmpty else { return nil }
    seconds = total
  }

  /// The two largest units, as people read a duration: `2d 6h`, `24h`, `45m 10s`; days only
  /// from two days on, as "24h" is how people write a day of soak.
  public var description: String {
    if seconds == 0 { return "0s" }
    var rest = seconds
    var parts: [String] = []
    for (unit, size) in Self.units
    where unit != "w" && rest >= size && parts.count < 2
      && (unit != "d" || rest >= 2 * size)
    {
      parts.append("\(rest / size)\(unit)")
      rest %= size
    }
    return parts.joined(separator: " ")
  }

  public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.seconds < rhs.seconds }
}
