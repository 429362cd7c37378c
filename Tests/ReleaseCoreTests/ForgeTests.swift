import ReleaseCore
import Testing

@Suite("Forge links from remote URLs")
struct ForgeTests {
  @Test(arguments: [
    ("https://github.com/acme/rocket.git", Forge.Kind.github, "https://github.com/acme/rocket"),
    ("git@github.com:acme/rocket.git", .github, "https://github.com/acme/rocket"),
    ("ssh://git@github.com:22/acme/rocket", .github, "https://github.com/acme/rocket"),
    ("https://user:s3cret@github.com/acme/rocket", .github, "https://github.com/acme/rocket"),
    ("git://github.com/acme/rocket.git", .github, "https://github.com/acme/rocket"),
    ("https://gitlab.com/group/sub/rocket.git", .gitlab, "https://gitlab.com/group/sub/rocket"),
    ("git@gitlab.example.org:group/rocket.git", .gitlab, "https://gitlab.example.org/group/rocket"),
    ("https://bitbucket.org/acme/rocket", .bitbucket, "https://bitbucket.org/acme/rocket"),
    ("git@bitbucket.org:acme/rocket.git", .bitbucket, "https://bitbucket.org/acme/rocket"),
    ("https://codeberg.org/acme/rocket.git", .gitea, "https://codeberg.org/acme/rocket"),
    ("ssh://git@codeberg.org/acme/rocket.git", .gitea, "https://codeberg.org/acme/rocket"),
    (
      "https://gitea.example.com:3000/acme/rocket", .gitea,
      "https://gitea.example.com:3000/acme/rocket"
    ),
  ])
  func recognisesRemote(_ remote: String, kind: Forge.Kind, url: String) {
    let forge = Forge(remoteURL: remote)
    #expect(forge?.kind == kind)
    #expect(forge?.url == url)
  }

  @Test(arguments: [
    "/srv/git/rocket.git", "../rocket", "file:///srv/git/rocket.git", "C:/repos/rocket",
    "https://example.com/acme/rocket.git", "git@github.com:rocket", "", "https://github.com/",
  ])
  func noForgeForLocalOrUnknownRemotes(_ remote: String) {
    #expect(Forge(remoteURL: remote) == nil)
  }

  @Test func forcedKindForNeutralHost() {
    let forge = Forge(remoteURL: "git@git.example.com:team/app.git", kind: .gitlab)
    #expect(forge?.commitURL("abc") == "https://git.example.com/team/app/-/commit/abc")
  }

  @Test(arguments: [
    (
      Forge.Kind.github, "https://h/o/r/commit/c1", "https://h/o/r/compare/v1.0.0...v1.1.0",
      "https://h/o/r/issues/7"
    ),
    (
      .gitlab, "https://h/o/r/-/commit/c1", "https://h/o/r/-/compare/v1.0.0...v1.1.0",
      "https://h/o/r/-/issues/7"
    ),
    (
      .bitbucket, "https://h/o/r/commits/c1", "https://h/o/r/branches/compare/v1.1.0%0Dv1.0.0",
      "https://h/o/r/issues/7"
    ),
    (
      .gitea, "https://h/o/r/commit/c1", "https://h/o/r/compare/v1.0.0...v1.1.0",
      "https://h/o/r/issues/7"
    ),
  ])
  func links(kind: Forge.Kind, commit: String, compare: String, issue: String) {
    let forge = Forge(kind: kind, url: "https://h/o/r/")
    #expect(forge.commitURL("c1") == commit)
    #expect(forge.compareURL(from: "v1.0.0", to: "v1.1.0") == compare)
    #expect(forge.issueURL(7) == issue)
  }

  @Test func otherRepositoryIssuesStayOnTheSameHost() {
    let forge = Forge(kind: .github, url: "https://github.com/acme/rocket")
    #expect(forge.issueURL(3, repository: "acme/fuel") == "https://github.com/acme/fuel/issues/3")
  }

  @Test func tagNamesAreEscapedInLinks() {
    let forge = Forge(kind: .github, url: "https://github.com/acme/rocket")
    #expect(
      forge.compareURL(from: "api/v1.0.0", to: "api/v1.1.0+build.5")
        == "https://github.com/acme/rocket/compare/api/v1.0.0...api/v1.1.0%2Bbuild.5")
  }
}
