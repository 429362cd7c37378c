import Foundation
import TestSupport
import Testing

/// The release steps of docs/ci.md, run as a CI runner runs them: a full clone, a detached HEAD,
/// `git release` found on PATH, the tag pushed with plain git.
@Suite("The CI recipe")
struct CIRecipeTests {
  static let script = """
    set -e
    status=0; TAG=$(git release next) || status=$?
    if [ "$status" -eq 3 ]; then echo "nothing to release"; exit 0; fi
    if [ "$status" -ne 0 ]; then exit "$status"; fi
    git release notes --output release-notes.md
    git release tag --push origin
    echo "released $TAG"
    """

  @Test func aDetachedCloneComputesTagsAndPushesARelease() throws {
    let fixture = try PushFixture()
    let work = fixture.work
    try work.commit("feat: first")
    try work.tag("v0.1.0", message: "Release 0.1.0")
    try work.commit("feat(api): add the widget endpoint")
    try work.commit("fix: handle an empty widget")
    #expect(try fixture.push("main", "v0.1.0").status == 0)

    let runner = FixtureRepository(existing: try FixtureRepository.makeTemporaryFolder())
    try runner.git("clone", "-q", fixture.remote.path, ".")
    try runner.git("checkout", "-q", "--detach", "origin/main")
    let binary = FixtureRepository.gitReleaseBinary.deletingLastPathComponent().path
    let path = binary + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    func run() throws -> FixtureRepository.ProcessResult {
      try FixtureRepository.run(
        "/bin/sh", ["-c", Self.script], in: runner.url,
        environment: runner.environment.merging(["PATH": path]) { $1 })
    }

    let first = try run()
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.hasSuffix("released v0.2.0\n"))
    #expect(try fixture.remote.git("cat-file", "-t", "v0.2.0") == "tag")
    #expect(try fixture.remote.revParse("v0.2.0") == (try work.revParse("main")))
    let notes = try String(
      contentsOf: runner.url.appendingPathComponent("release-notes.md"), encoding: .utf8)
    #expect(notes.contains("add the widget endpoint"))
    #expect(notes.contains("handle an empty widget"))

    let again = try run()
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout == "nothing to release\n")
  }
}
