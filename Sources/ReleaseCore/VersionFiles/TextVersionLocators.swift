import Foundation

/// A regular expression whose one group is the version: the first match is the version.
public enum PatternVersionLocator {
  /// Why a pattern cannot locate a version; nil when it can.
  public static func problem(with pattern: String) -> String? {
    let expression: NSRegularExpression
    do {
      expression = try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
    } catch {
      return "pattern = \"\(pattern)\" is not a regular expression"
    }
    guard expression.numberOfCaptureGroups == 1 else {
      return "pattern = \"\(pattern)\" has \(expression.numberOfCaptureGroups) groups; it needs "
        + "exactly one, around the version, such as version = \"(.*)\" (write (?:...) for others)"
    }
    return nil
  }

  public static func locate(_ bytes: [UInt8], pattern: String, file: String)
    throws(VersionFileError) -> VersionLocation
  {
    let start = VersionFileText.start(of: bytes)
    guard let text = String(validating: bytes[start...], as: UTF8.self) else {
      throw .unparsable(file: file, line: nil, detail: "it is not UTF-8 text")
    }
    guard
      let expression = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]),
      expression.numberOfCaptureGroups == 1
    else {
      throw .unparsable(file: file, line: nil, detail: PatternVersionLocator.problem(with: pattern) ?? pattern)
    }
    let whole = NSRange(text.startIndex..<text.endIndex, in: text)
    guard let match = expression.firstMatch(in: text, range: whole),
      let group = Range(match.range(at: 1), in: text)
    else { throw .noMatch(file: file, pattern: pattern) }
    let lower = start + text.utf8.distance(from: text.startIndex, to: group.lowerBound)
    let upper = start + text.utf8.distance(from: text.startIndex, to: group.upperBound)
    return VersionLocation(range: lower..<upper, in: bytes)
  }
}

/// A file that is the version and nothing else (`VERSION`): white space around it stays.
public enum WholeFileVersionLocator {
  public static func locate(_ bytes: [UInt8], file: String) throws(VersionFileError)
    -> VersionLocation
  {
    var lower = VersionFileText.start(of: bytes)
    var upper = bytes.count
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    while lower < upper, isSpace(bytes[lower]) { lower += 1 }
    while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
    guard String(validating: bytes[lower..<upper], as: UTF8.self) != nil else {
      throw .unparsable(file: file, line: nil, detail: "it is not UTF-8 text")
    }
    if bytes[lower..<upper].contains(0x0A) {
      throw .unparsable(
        file: file, line: nil,
        detail: "it has several lines, so it is not a version alone; give its section a "
          + "pattern = <regular expression with one group>")
    }
    return VersionLocation(range: lower..<upper, in: bytes)
  }
}
