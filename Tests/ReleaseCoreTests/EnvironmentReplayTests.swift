import Foundation
import ReleaseCore
import Testing

/// A replay in memory keeps the whole stack, however deep, and reads what runs, the rollback
/// target and any entry as a plain list of what ran would.
@Suite("Environments: replaying a trail")
struct EnvironmentReplayTests {
  static let ada = CommitRecord.Person(name: "Ada Author", email: "ada@example.com")

  /// A deterministic random source, so a failing sequence can be run again.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Promotions and rollbacks to any depth (past the hundred entries a replay keeps on top),
  /// checked after each event against a list: a promotion pushes, a rollback drops what is above
  /// the release it names.
  @Test(arguments: [1, 2, 3] as [UInt64])
  func deepStacksReadAsAList(seed: UInt64) {
    var random = SplitMix(state: seed)
    var state = EnvironmentState(name: "production")
    var list: [ReleaseRef] = []  // bottom first
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    for index in 0..<1_500 {
      let rollback = list.count > 1 && Int.random(in: 0..<10, using: &random) == 0
      let release: ReleaseRef
      if rollback {
        // Mostly near the top, sometimes far down.
        let deep = Int.random(in: 0..<4, using: &random) == 0
        let level = Int.random(in: 1...(deep ? list.count - 1 : min(3, list.count - 1)), using: &random)
        release = list[list.count - 1 - level]
        list.removeLast(level + 1)
      } else {
        release = ReleaseRef(
          tag: "v1.\(index).0", commit: String(repeating: "\(index % 10)", count: 40))
      }
      list.append(release)
      let event = EnvironmentEvent(
        kind: rollback ? .rollback : .promotion, environment: "production", tag: release.tag,
        commit: release.commit, actor: Self.ada, time: start.addingTimeInterval(Double(index)),
        id: "e\(index)")
      state.apply(event, parent: nil) { _ in nil }
      #expect(state.heldEntries == list.count)
      #expect(state.current?.release == list.last)
      #expect(state.rollbackTarget?.release == list.dropLast().last)
      #expect(state.stack.map(\.release) == list, "after event \(index)")
      let probe = Int.random(in: 0..<list.count, using: &random)
      #expect(state.entry(probe)?.release == list[list.count - 1 - probe])
      #expect(state.entry(list.count) == nil)
    }
    // The state the first event written on a trail of earlier versions stores keeps 50 entries
    // and links to the event that made the 51st run.
    let stored = state.bootstrapped()
    if list.count > EnvironmentState.bootstrapEntries {
      #expect(stored.heldEntries == EnvironmentState.bootstrapEntries)
      #expect(stored.rest == StackLink(event: state.entry(50)?.event ?? "", skip: 0))
    }
  }
}
