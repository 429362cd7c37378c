// libFuzzer target: the Conventional Commits parser and the revert scanner. They must never crash
// or hang, and a parsed header must be consistent with the message it came from.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConventionalCommit(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let message = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  if let commit = ConventionalCommit.parse(message) {
    precondition(!commit.type.isEmpty && !commit.description.isEmpty, "empty type or description")
    precondition(commit.type == commit.type.lowercased(), "type not normalised")
    precondition(commit.isBreaking == (commit.hasBreakingMarker || commit.footers.contains(where: \.isBreakingChange)))
    _ = commit.breakingDescriptions
  }
  let record = CommitRecord(
    id: String(repeating: "a", count: 40), parents: [],
    author: .init(name: "fuzz", email: "fuzz@example.com"), authorDate: .init(timeIntervalSince1970: 0),
    message: message)
  _ = record.revertedIDs
  _ = record.summary
  return 0
}
