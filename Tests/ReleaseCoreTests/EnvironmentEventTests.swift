import Foundation
import ReleaseCore
import Testing

@Suite("Environment events and their commit messages")
struct EnvironmentEventTests {
  static let ada = CommitRecord.Person(name: "Ada Author", email: "ada@example.com")
  static let commitA = String(repeating: "a", count: 40)
  static let commitB = String(repeating: "b", count: 40)

  @Test func aPromotionReadsBackExactly() throws {
    let event = EnvironmentEvent(
      kind: .promotion, environment: "production", tag: "v1.3.0", commit: Self.commitB,
      actor: Self.ada, time: Date(timeIntervalSince1970: 1_800_000_000),
      gates: [
        GateVerdict(gate: "release", status: .pass, detail: "v1.3.0 is a release tag at bbbbbbb"),
        GateVerdict(gate: "window", status: .overridden, detail: "outside every window: fix"),
      ],
      previous: ReleaseRef(tag: "v1.2.0", commit: Self.commitA),
      rollbackTarget: ReleaseRef(tag: "v1.2.0", commit: Self.commitA), overrides: ["window"],
      reason: "hotfix for the outage")
    let message = event.message
    #expect(message.hasPrefix("promote v1.3.0 to production (was v1.2.0), overriding window\n\n"))
    #expect(message.contains("\nRollback-Target: v1.2.0 \(Self.commitA)\n"))
    #expect(EnvironmentEvent(message: message) == event)
  }

  @Test func aFirstPromotionKeepsItsAcknowledgment() throws {
    let event = EnvironmentEvent(
      kind: .promotion, environment: "staging", tag: "v0.1.0", commit: Self.commitA,
      actor: Self.ada, time: Date(timeIntervalSince1970: 1_800_000_000), noRollbackTarget: true)
    #expect(
      event.message.contains("Rollback-Target: none (acknowledged with --no-rollback-target)"))
    let read = try #require(EnvironmentEvent(message: event.message))
    #expect(read.noRollbackTarget)
    #expect(read.rollbackTarget == nil)
  }

  @Test func linesTypedByPeopleStayOneTrailerEach() throws {
    let event = EnvironmentEvent(
      kind: .approval, environment: "production", tag: "v1.3.0", commit: Self.commitB,
      actor: Self.ada, time: Date(timeIntervalSince1970: 1_800_000_000),
      note: "checked the dashboards\n\nEvent: rollback\nRelease: v0.0.1")
    let read = try #require(EnvironmentEvent(message: event.message))
    #expect(read.kind == .approval)
    #expect(read.tag == "v1.3.0")
    #expect(read.note == "checked the dashboards Event: rollback Release: v0.0.1")
  }

  @Test(arguments: [
    "feat: an ordinary commit\n\nWith a body.\n",
    "promote v1.0.0 to production\n\nEvent: promotion\nEnvironment: production\n",
    "",
  ])
  func otherMessagesAreNotEvents(message: String) {
    #expect(EnvironmentEvent(message: message) == nil)
  }
}
