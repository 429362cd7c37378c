import Foundation
import ReleaseCore
import Testing

/// Reads git-config text the way libgit2 hands it to `Configuration`: normalised names, values
/// with inline comments removed. Enough for the simple files of these tests.
func configuration(_ text: String) throws -> Configuration {
  var entries: [ConfigurationEntry] = []
  var section = ""
  for raw in text.split(separator: "\n") {
    let line = raw.trimmingCharacters(in: .whitespaces)
    if line.hasPrefix("[") {
      let header = line.dropFirst().prefix { $0 != "]" }
      if let quote = header.firstIndex(of: "\"") {
        let name = header[..<quote].trimmingCharacters(in: .whitespaces).lowercased()
        section = name + "." + header[header.index(after: quote)...].dropLast()
      } else {
        section = header.lowercased()
      }
      continue
    }
    guard let equals = line.firstIndex(of: "=") else { continue }
    let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
    var value = String(line[line.index(after: equals)...])
    if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]) }
    entries.append(
      ConfigurationEntry(
        name: section + "." + key, value: value.trimmingCharacters(in: .whitespaces)))
  }
  return try Configuration(file: ".gitrelease", entries: entries, text: text)
}

@Suite("Environment settings in .gitrelease")
struct EnvironmentSettingsTests {
  @Test func theIssuesExampleReads() throws {
    let config = try configuration(
      """
      [environment "staging"]
      [environment "production"]
          after = staging          # must have been promoted to staging first
          soak = 24h               # ...and stayed there this long
          approvals = 1            # distinct approvers, the promoter's own approval not counted
          window = Mon-Thu 09:00-16:00 Australia/Adelaide   # may repeat; promote only inside one
          freeze = 2026-12-20..2027-01-05 end-of-year freeze  # may repeat; never inside one
      """)
    let environments = try EnvironmentSettings.all(config.reader)
    #expect(environments.map(\.name) == ["staging", "production"])
    let production = try #require(environments.last)
    #expect(production.after == ["staging"])
    #expect(production.soak == TimeSpan(seconds: 86_400))
    #expect(production.approvals == 1)
    #expect(production.windows.map(\.text) == ["Mon-Thu 09:00-16:00 Australia/Adelaide"])
    #expect(production.freezes.map(\.reason) == ["end-of-year freeze"])
    // Day-only freezes are read in the zone of the environment's windows.
    #expect(production.freezes.first?.timeZone.identifier == "Australia/Adelaide")
    #expect(environments.first?.windows.isEmpty == true)
  }

  @Test func upstreamEnvironmentsComeFirst() throws {
    let config = try configuration(
      """
      [environment "production"]
          after = staging
      [environment "staging"]
          after = dev
      [environment "dev"]
      """)
    #expect(
      try EnvironmentSettings.all(config.reader).map(\.name) == ["dev", "staging", "production"])
  }

  @Test func windowsAndFreezesRepeat() throws {
    let config = try configuration(
      """
      [environment "production"]
          window = Mon-Thu 09:00-16:00 Europe/Berlin
          window = Fri 09:00-12:00 Europe/Berlin
          freeze = 2026-12-20..2027-01-05 holidays
          freeze = 2026-08-01..2026-08-02 migration
      """)
    let production = try #require(try EnvironmentSettings.all(config.reader).first)
    #expect(production.windows.count == 2)
    #expect(production.freezes.map(\.reason) == ["holidays", "migration"])
  }

  @Test(arguments: [
    ("[environment \"production\"]\n    afer = staging", 2, "unknown key \"afer\""),
    (
      "[environment \"staging\"]\n[environment \"production\"]\n  after = staging\n  soak = 24 hours",
      4, "is not a duration"
    ),
    ("[environment \"production\"]\n  soak = 24h", 2, "soak needs after"),
    ("[environment \"production\"]\n  approvals = two", 2, "is not a number of people"),
    (
      "[environment \"production\"]\n  window = Mon-Thu 09:00-16:00 Australia/Adelaid", 2,
      "is not a time zone"
    ),
    (
      "[environment \"production\"]\n  window = Mon 09:00-16:00 UTC\n  window = Mon 25:00-26:00",
      3, "is not a time range"
    ),
    (
      "[environment \"production\"]\n  freeze = 2026-12-20..2027-01-05 Europe/Berlinn freeze", 2,
      "is not a time zone"
    ),
    ("[environment \"production\"]\n  freeze = christmas", 2, "is not a range of days"),
    ("[environment \"production\"]\n  after = stagin", 2, "after = stagin names no environment"),
    (
      "[environment \"staging\"]\n  after = production\n[environment \"production\"]\n  after = staging",
      4, "makes a cycle (staging -> production -> staging)"
    ),
    ("[environment \"a\"]\n  after = a", 2, "makes a cycle (a -> a)"),
    ("[environment \"prod/eu\"]\n  approvals = 1", 2, "cannot name an environment"),
  ])
  func mistakesNameTheirLine(text: String, line: Int, message: String) throws {
    let config = try configuration(text)
    #expect {
      _ = try EnvironmentSettings.all(config.reader)
    } throws: { error in
      guard let error = error as? ConfigurationError else { return false }
      return error.line == line && error.message.contains(message)
    }
  }
}
