import Foundation
import Git
import TestSupport
import Testing

@Suite("Configuration files and identity")
struct ConfigTests {
  @Test func readsAGitConfigFormatFile() throws {
    let fixture = try FixtureRepository()
    try fixture.write(".gitrelease", """
      [release]
          tagPrefix = v
      [package "api"]
          path = services/api
      [environment "production"]
          window = Mon-Thu 09:00-16:00 UTC
          window = Fri 09:00-12:00 UTC
      """)
    let config = try Config(fileAt: fixture.path + "/.gitrelease")
    #expect(try config.string("release.tagprefix") == "v")
    #expect(try config.string("package.api.path") == "services/api")
    let windows = try config.entries(matching: "^environment\\.production\\.window$")
    #expect(windows.map(\.value) == ["Mon-Thu 09:00-16:00 UTC", "Fri 09:00-12:00 UTC"])
    #expect(try config.entries().count == 4)
  }

  @Test func aMalformedFileNamesTheLine() throws {
    let fixture = try FixtureRepository()
    try fixture.write(".gitrelease", "[release]\n  tagPrefix = v\n[broken\n")
    #expect {
      try Config(fileAt: fixture.path + "/.gitrelease")
    } throws: { error in
      let message = (error as? GitError)?.message ?? ""
      return message.contains(".gitrelease") && message.contains("3")
    }
  }

  @Test func aMissingFileIsEmpty() throws {
    let fixture = try FixtureRepository()
    let config = try Config(fileAt: fixture.path + "/.gitrelease")
    #expect(try config.entries().isEmpty)
  }

  @Test func identityComesFromConfigAndTheEnvironmentOverridesIt() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first")
    try fixture.git("config", "user.name", "Config Name")
    try fixture.git("config", "user.email", "config@example.com")
    let repository = try Repository(at: fixture.path)
    let fromConfig = try #require(try repository.committerIdentity(environment: [:]))
    #expect(fromConfig.name == "Config Name")
    #expect(fromConfig.email == "config@example.com")
    let fromEnvironment = try #require(try repository.committerIdentity(environment: [
      "GIT_COMMITTER_NAME": "Env Name", "GIT_COMMITTER_EMAIL": "env@example.com",
      "GIT_COMMITTER_DATE": "1700000000 +0200",
    ]))
    #expect(fromEnvironment.name == "Env Name")
    #expect(fromEnvironment.time == Date(timeIntervalSince1970: 1_700_000_000))
    #expect(fromEnvironment.offsetMinutes == 120)
  }

  @Test func noIdentityIsNil() throws {
    let fixture = try FixtureRepository()
    let repository = try Repository(at: fixture.path)
    #expect(try repository.committerIdentity(environment: [:]) == nil)
  }

  @Test(arguments: [
    ("1700000000 +0200", 1_700_000_000.0, 120),
    ("@1700000000 -0130", 1_700_000_000.0, -90),
    ("2023-11-14T22:13:20+00:00", 1_700_000_000.0, 0),
    ("2023-11-15T00:13:20+02:00", 1_700_000_000.0, 120),
  ])
  func gitDates(text: String, seconds: Double, offset: Int) throws {
    let parsed = try #require(GitDate.parse(text))
    #expect(parsed.time == Date(timeIntervalSince1970: seconds))
    #expect(parsed.offsetMinutes == offset)
  }
}
