import Foundation
import Git
import GitHistory
import TestSupport
import Testing

@Suite("Commit graph")
struct CommitGraphTests {
  /// The ids of a graph's commits in its order.
  func ordered<T>(_ graph: CommitGraph<T>) -> [String] { graph.order.map { graph.ids[$0].hex } }

  @Test func readsEveryCommitOnceAndOrdersChildrenBeforeParentsNewestFirst() throws {
    let fixture = try FixtureRepository()
    let a = try fixture.commit("feat: a")
    try fixture.git("checkout", "-q", "-b", "side")
    let c = try fixture.commit("feat: c", file: "side.txt")
    try fixture.git("checkout", "-q", "main")
    let b = try fixture.commit("feat: b")
    let e = try fixture.commit("feat: e")
    try fixture.git("merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side")
    let m = try fixture.revParse("HEAD")
    let d = try fixture.commit("fix: d")
    let repository = try Repository(at: fixture.path)
    let graph = try CommitGraph(repository, from: repository.resolveCommit("HEAD")) {
      commit -> (id: String, summary: String) in (commit.id.hex, commit.summary.description)
    }
    // Each commit read once, its payload at its position.
    #expect(graph.payloads.map(\.id).sorted() == [a, b, c, d, e, m].sorted())
    #expect(graph.ids.indices.allSatisfy { graph.payloads[$0].id == graph.ids[$0].hex })
    // c is older than b and e, so it waits until they are out.
    #expect(ordered(graph) == [d, m, e, b, c, a])
    let byID = Dictionary(uniqueKeysWithValues: graph.ids.indices.map { (graph.ids[$0].hex, $0) })
    let merge = try #require(byID[m])
    #expect(graph.parents(of: merge).map { graph.ids[Int($0)].hex } == [e, c])
    #expect(graph.payloads[try #require(byID[d])].summary == "fix: d")
  }

  @Test func commitsOfTheSameTimeComeOutSmallestIDFirst() throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: root")
    let tree = try fixture.git("rev-parse", "HEAD^{tree}")
    let root = try fixture.revParse("HEAD")
    let same = ["GIT_COMMITTER_DATE": "1700000000 +0000", "GIT_AUTHOR_DATE": "1700000000 +0000"]
    var tips: [String] = []
    for name in ["one", "two", "three", "four"] {
      tips.append(
        try fixture.git(
          ["commit-tree", tree, "-p", root, "-m", "feat: \(name)"], environment: same))
    }
    let merge = try fixture.git(
      ["commit-tree", tree] + tips.flatMap { ["-p", $0] } + ["-m", "Merge"], environment: same)
    let repository = try Repository(at: fixture.path)
    let graph = try CommitGraph(repository, from: try #require(ObjectID(hex: merge))) { _ in () }
    #expect(ordered(graph) == [merge] + tips.sorted() + [root])
  }

  @Test func stopsWhenAskedBetweenBatches() throws {
    let fixture = try FixtureRepository()
    // 1,100 commits in one go: more than one batch of 1,024.
    var script = ""
    for number in 1...1_100 {
      let message = "feat: change \(number)"
      script += "commit refs/heads/main\ncommitter A <a@b> \(1_700_000_000 + number) +0000\n"
      script += "data \(message.utf8.count)\n\(message)\n"
      script += "M 644 inline file.txt\ndata \(String(number).utf8.count)\n\(number)\n\n"
    }
    try fixture.git(["fast-import", "--quiet"], input: script)
    let repository = try Repository(at: fixture.path)
    let head = try repository.resolveCommit("main")
    let whole = try CommitGraph(repository, from: head) { _ in () }
    #expect(whole.isComplete && whole.order.count == 1_100)
    let stopped = try CommitGraph(repository, from: head, stoppingWhen: { true }) { _ in () }
    #expect(!stopped.isComplete)
    #expect(stopped.payloads.count == 1_024 && stopped.order.isEmpty)
  }

  /// Loose, the commits are read through libgit2; packed, straight from the pack.
  @Test(arguments: [false, true]) func parsesEachCommitAsLibgit2Does(packed: Bool) throws {
    let fixture = try FixtureRepository()
    try fixture.commit("feat: first\n\nwith a body\n")
    let tree = try fixture.git("rev-parse", "HEAD^{tree}")
    let parent = try fixture.revParse("HEAD")
    let raw = [
      "tree \(tree)", "parent \(parent)",
      "author   Spaced  Name\t <  odd@example.com > 1700000123 -0130",
      "committer No Zone <nz@example.com> 1700000456", "encoding ISO-8859-1",
      "gpgsig -----BEGIN PGP SIGNATURE-----", " ", " abc", " -----END PGP SIGNATURE-----", "",
      "fix: odd header", "", "body\u{0}after a NUL",
    ].joined(separator: "\n")
    let odd = try fixture.git(
      ["hash-object", "-t", "commit", "-w", "--stdin", "--literally"], input: raw)
    let noMessage = try fixture.git(
      ["hash-object", "-t", "commit", "-w", "--stdin", "--literally"],
      input: "tree \(tree)\nparent \(odd)\nauthor A <a@b> 1 +1400\ncommitter C <c@d> 2 +9999\n")
    if packed {
      try fixture.git("update-ref", "refs/heads/odd", noMessage)
      try fixture.git("gc", "-q")
      #expect(try fixture.git("count-objects", "-v").hasPrefix("count: 0\n"))  // none loose
    }
    let repository = try Repository(at: fixture.path)
    let parsed = Array(
      try CommitGraph(repository, from: try #require(ObjectID(hex: noMessage))) { $0 }.payloads)
    #expect(parsed.count == 3)
    for commit in parsed {
      let expected = try repository.commit(commit.id)
      #expect(commit.parentIDs == expected.parentIDs)
      #expect(commit.treeID == expected.treeID)
      #expect(commit.author == expected.author)
      #expect(commit.committer == expected.committer)
      #expect(commit.rawMessage == expected.rawMessage)
      #expect(commit.encoding == expected.encoding)
    }
    #expect(parsed.contains { $0.author.name == "Spaced  Name" && $0.author.offsetMinutes == -90 })
  }
}
