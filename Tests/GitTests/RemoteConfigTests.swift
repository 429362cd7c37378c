import Foundation
import Git
import TestSupport
import Testing

@Suite("Reading a repository's remote from its configuration")
struct RemoteConfigTests {
  @Test func remoteURLIsReadFromTheRepositoryConfiguration() throws {
    let fixture = try FixtureRepository()
    try fixture.git("remote", "add", "origin", "git@github.com:acme/rocket.git")
    let config = try Config(of: try Repository(at: fixture.path))
    #expect(try config.string("remote.origin.url") == "git@github.com:acme/rocket.git")
    #expect(try config.string("remote.upstream.url") == nil)
  }
}
