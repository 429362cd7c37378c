import Foundation
import TestSupport
import Testing

/// A repository someone else wrote (its `.gitrelease`, templates, commits and tags) must not make
/// git release run a command, read a file outside the repository, or write outside it; and its
/// text reaches a terminal only as text.
@Suite("Security: a stranger's repository")
struct SecurityTests {
  private func released() throws -> FixtureRepository {
    let repo = try FixtureRepository()
    try repo.commit("feat: first")
    try repo.tag("v1.0.0", message: "Release 1.0.0")
    try repo.commit("feat: second")
    return repo
  }

  /// A file outside every fixture, with text that would show if it were ever read.
  private func outsideFile(_ contents: String = "[release]\n\ttagPrefix = stolen-\n") throws
    -> (FixtureRepository, URL)
  {
    let holder = FixtureRepository(existing: try FixtureRepository.makeTemporaryFolder())
    let file = holder.url.appendingPathComponent("secret.txt")
    try Data(contents.utf8).write(to: file)
    return (holder, file)
  }

  // MARK: No command runs, nothing outside is read

  @Test(arguments: [
    "[include]\n\tpath = %@\n",
    "[release]\n\u{0C}[include]\n\tpath = %@\n",
    "\u{FEFF}[InClUdE]\n\tpath = %@\n",
    "[release][include]\n\tpath = %@\n",
    "[release]\r[include]\r\tpath = %@\n",
    "[includeIf \"gitdir:/\"]\n\tpath = %@\n",
  ])
  func includesAreRefusedInEveryDisguise(template: String) throws {
    let repo = try released()
    let (holder, secret) = try outsideFile()
    _ = holder
    try repo.write(".gitrelease", template.replacingOccurrences(of: "%@", with: secret.path))
    let result = try repo.runGitRelease("next")
    expectClean(result, status: [5], "include \(template.debugDescription)")
    #expect(result.stderr.contains("include sections are not allowed"), "\(result.stderr)")
    #expect(!result.stdout.contains("stolen"), "the included file was read: \(result.stdout)")
    #expect(!result.stderr.contains(secret.path), "libgit2 opened the included file")
  }

  @Test func settingsThatWouldRunCommandsAreNotConfiguration() throws {
    let repo = try released()
    let marker = repo.url.appendingPathComponent("pwned")
    // git's own keys that run programs: in .gitrelease they are unknown sections, never used.
    for section in [
      "[gpg]\n\tprogram = touch \(marker.path)\n",
      "[gpg \"ssh\"]\n\tdefaultKeyCommand = touch \(marker.path)\n",
      "[core]\n\thooksPath = /tmp\n\tsshCommand = touch \(marker.path)\n",
      "[credential]\n\thelper = !touch \(marker.path)\n",
    ] {
      try repo.write(".gitrelease", section)
      for arguments in [["tag", "--sign"], ["tag", "--push"], ["notes"]] {
        let result = try repo.runGitRelease(arguments)
        expectClean(result, status: [5], "\(section.debugDescription) \(arguments)")
        #expect(result.stderr.contains("unknown section"), "\(result.stderr)")
      }
    }
    #expect(!FileManager.default.fileExists(atPath: marker.path), "a command ran")
    #expect(try repo.git("tag", "-l") == "v1.0.0")
  }

  @Test func theNotesRemoteNamesAConfiguredRemoteOnly() throws {
    let repo = try released()
    let marker = repo.url.appendingPathComponent("pwned")
    try repo.write(".gitrelease", "[notes]\n\tremote = \"$(touch \(marker.path))\"\n")
    let result = try repo.runGitRelease("notes")
    expectClean(result, status: [0, 5], "a remote name with a shell command")
    #expect(!FileManager.default.fileExists(atPath: marker.path))
  }

  @Test(arguments: ["template", "changelogTemplate", "tagTemplate"])
  func templatePathsStayInsideTheRepository(key: String) throws {
    let repo = try released()
    let (holder, secret) = try outsideFile("SECRET {{version}}\n")
    _ = holder
    try FileManager.default.createSymbolicLink(
      atPath: repo.url.appendingPathComponent("link.mustache").path,
      withDestinationPath: secret.path)
    try FileManager.default.createDirectory(
      at: repo.url.appendingPathComponent("folder.mustache"), withIntermediateDirectories: true)
    let command =
      key == "changelogTemplate"
      ? ["changelog"]
      : key == "tagTemplate"
        ? ["tag", "--dry-run"] : ["notes"]
    for (path, reason) in [
      (secret.path, "the path is absolute"),
      ("~/secret.txt", "the path is absolute"),
      ("../" + secret.deletingLastPathComponent().lastPathComponent + "/secret.txt", "through .."),
      ("docs/../../secret.txt", "through .."),
      ("link.mustache", "outside the repository"),
      ("/dev/zero", "the path is absolute"),
      ("folder.mustache", "not a regular file"),
    ] {
      try repo.write(".gitrelease", "[notes]\n\t\(key) = \(path)\n")
      let result = try repo.runGitRelease(command)
      expectClean(result, status: [5], "\(key) = \(path)")
      #expect(result.stderr.contains(reason), "\(key) = \(path): \(result.stderr)")
      #expect(!result.stdout.contains("SECRET"), "read outside the repository")
    }
    // Inside the repository, links included, templates work as before.
    try repo.write("docs/t.mustache", "INSIDE {{version}}\n")
    try FileManager.default.createSymbolicLink(
      atPath: repo.url.appendingPathComponent("inner.mustache").path,
      withDestinationPath: "docs/t.mustache")
    for path in ["docs/t.mustache", "inner.mustache", "./docs/t.mustache"] {
      try repo.write(".gitrelease", "[notes]\n\t\(key) = \(path)\n")
      let result = try repo.runGitRelease(command)
      expectClean(result, status: [0], "\(key) = \(path)")
      #expect(result.stdout.contains("INSIDE"), "\(result.stdout)")
    }
  }

  @Test func aGitreleaseThatLinksOutOfTheRepositoryIsRefused() throws {
    let repo = try released()
    let (holder, secret) = try outsideFile()
    _ = holder
    let link = repo.url.appendingPathComponent(".gitrelease").path
    for target in [secret.path, "/dev/zero"] {
      try? FileManager.default.removeItem(atPath: link)
      try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
      let result = try repo.runGitRelease("next")
      expectClean(result, status: [5], ".gitrelease -> \(target)")
      #expect(result.stderr.contains("outside the repository"), "\(result.stderr)")
      #expect(!result.stdout.contains("stolen"))
    }
  }

  @Test func theCommandLineMayNameAnyTemplateAndOutput() throws {
    // --template and --output are the user's own choice, not the repository's.
    let repo = try released()
    let (holder, template) = try outsideFile("MINE {{version}}\n")
    let output = holder.url.appendingPathComponent("notes.md")
    let result = try repo.runGitRelease(
      "notes", "--template", template.path, "--output", output.path)
    expectClean(result, status: [0], "notes with an outside template and output")
    #expect(try String(contentsOf: output, encoding: .utf8) == "MINE 1.1.0\n")
  }

  @Test(arguments: [
    "{{> /etc/passwd}}", "{{>../../../../etc/passwd}}", "{{<secret}}{{/secret}}",
    "{{>*name}}", "{{$block}}default{{/block}}",
  ])
  func partialsNeverLoadFiles(partial: String) throws {
    let repo = try released()
    try repo.write("etc/passwd", "root:x:0:0")
    try repo.write("t.mustache", "[\(partial)]\n")
    try repo.write(".gitrelease", "[notes]\n\ttemplate = t.mustache\n")
    let result = try repo.runGitRelease("notes")
    expectClean(result, status: [0], partial)
    #expect(!result.stdout.contains("root:"), "\(result.stdout)")
    #expect(result.stdout.hasPrefix("["), "\(result.stdout)")
  }

  // MARK: Text from commits and tags

  @Test func commitTextIsEscapedInHTMLMarkdownAndJSON() throws {
    let repo = try FixtureRepository()
    try repo.git("remote", "add", "origin", "https://github.com/owner/name.git")
    try repo.commit("feat: first")
    try repo.tag("v1.0.0")
    try repo.commit(
      "feat: <script>alert(1)</script> [click](javascript:alert(1)) \u{1B}[31m\n\n"
        + "Closes evil/../../x#5\nRefs #6\n")
    try repo.write(
      "page.html.mustache",
      "{{#sections}}{{#entries}}<li>{{description}}</li>"
        + "{{#references}}<a href=\"{{url}}\">{{id}}</a>{{/references}}{{/entries}}{{/sections}}")
    let html = try repo.runGitRelease("notes", "--template", "page.html.mustache").stdout
    #expect(!html.contains("<script>"), "\(html)")
    #expect(html.contains("&lt;script&gt;"), "\(html)")
    // Links are built from the remote and numbers, never from the commit's text.
    for link in html.components(separatedBy: "href=\"").dropFirst() {
      #expect(link.hasPrefix("https://github.com/"), "\(link)")
    }
    let markdown = try repo.runGitRelease("notes").stdout
    #expect(!markdown.contains("[click](javascript"), "\(markdown)")
    #expect(markdown.contains("\\[click\\]"), "\(markdown)")
    #expect(!markdown.contains("<script>"), "\(markdown)")
    let json = try repo.runGitRelease("notes", "--format", "json").stdout
    #expect(!json.contains("\u{1B}"))
    #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
  }

  @Test func invisibleAndBidirectionalCharactersAreShownOnTheTerminal() throws {
    let repo = try released()
    // A subject that would print reversed: "fix: ...exe.txt" read backwards.
    try repo.emptyCommit("oops \u{202E}txt.exe\u{200B} \u{1B}[8mhidden")
    let check = try repo.runGitRelease("check")
    expectClean(check, status: [1], "check")
    #expect(check.stderr.contains("<U+202E>txt.exe<U+200B>"), "\(check.stderr)")
    #expect(check.stderr.contains("␛[8mhidden"), "\(check.stderr)")
    #expect(!check.stderr.contains("\u{202E}"))
  }

  // MARK: Who acted

  @Test func eventsRecordTheIdentityGitWasGivenNothingMore() throws {
    let repo = try released()
    try repo.write(".gitrelease", "[environment \"staging\"]\n")
    // Anyone can claim any name: the event records what git was told, and git signs nothing.
    let claimed = ["GIT_COMMITTER_NAME": "The CEO", "GIT_COMMITTER_EMAIL": "ceo@example.com"]
    let result = try repo.runGitRelease(
      ["approve", "v1.0.0", "--for", "staging"], environment: claimed)
    expectClean(result, status: [0], "approve as anyone")
    let recorded = try repo.git("log", "-1", "--format=%cn <%ce>|%G?", "refs/environments/staging")
    #expect(recorded == "The CEO <ceo@example.com>|N", "unsigned, as claimed: \(recorded)")
  }
}
