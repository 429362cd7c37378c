// libFuzzer target: the SemVer parser. Properties checked on every input:
// it never crashes, and whatever it accepts prints back to a string that parses to the same version.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSemanticVersion(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  guard let version = SemanticVersion(text) else { return 0 }
  guard let again = SemanticVersion(version.description), again == version else {
    fatalError("\(text.debugDescription) parsed as \(version) but does not round-trip")
  }
  precondition(version.comparePrecedence(to: again) == 0, "precedence is not reflexive")
  for bump in Bump.allCases {
    let next = version.bumped(bump)
    precondition(bump == .none || next.comparePrecedence(to: version) > 0, "\(bump) of \(version) is not higher")
  }
  return 0
}
