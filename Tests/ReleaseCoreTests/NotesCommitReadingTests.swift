import Foundation
import Testing

@testable import ReleaseCore

/// The reading of ASCII messages on their bytes (`ParsedCommit(ascii:)`) against the reading of
/// any message as text (`ParsedCommit(_:)`, on `ConventionalCommit.parse`): the same notes.
@Suite("Reading commits for notes on their bytes")
struct NotesCommitReadingTests {
  static let tricky: [String] = [
    "", " ", "\n", "\n\n  \n\t\n", "\t", "feat: x", "feat: x\n", "feat: x \n\n", "fix:  spaced  ",
    "feat(api)!: drop v1\n", "feat(api) : no", "feat(): empty", "feat( ): blank", "feat(a(b)): x",
    "feat(a)b: x", "feat!:x", "feat!: ", "9feat: digit", "fe_at-x: ok", "FEAT(Api): upper",
    "fix: crlf\r\n\r\nbody\r\n\r\nRefs: #1\r\n", "fix: lone\rreturn\n\nRefs: #2",
    "fix: cr in footer\n\nCloses #3\r", "fix: x\n\nBREAKING CHANGE:\ntext on the next line",
    "fix: x\n\nBREAKING CHANGE: \n  text after\n\nmore", "fix: x\n\nBREAKING-CHANGE #x",
    "fix: x\n\nBREAKING CHANGE #12", "fix: x\n\n  BREAKING CHANGE:  \nindented",
    "fix: x\n\n\tBREAKING-CHANGE:\t\nnext", "fix: x\n\nBREAKING CHANGE:",
    "fix: x\n\nBREAKING CHANGES: no",
    "fix: x\n\nbreaking change: lower", "fix: x\n\nbreaking-change: lower",
    "feat: x\n\nbody\n\nBREAKING CHANGE: early\n\nmore body\n\nRefs: #4",
    "feat: x\n\nRefs: #5\n\nbody after footers", "feat: x\n\nbody\nRefs: #6",
    "feat: x\n\nRefs: #7\nCloses #8, #9\nSee: owner/repo#10 and #11\nFixes: #12",
    "feat: x\n\nRefs: #13\n  continued #14\n\n  \n", "feat: x\n\nRefs:\n#15",
    "feat: x\n\nRefs: \u{0B}\n#16",
    "feat: x\n\nRefs: \u{0B}", "feat: x\n\nCloses # 17", "feat: x\n\nCloses  #18",
    "feat: x\n\nResolves: a/b#19 c/d/e#20 x/#21 /y#22 #0 #1234567890",
    "feat: x\n\nPart-of: #23\nRelated-To: #24\nSEE-ALSO: #25\nIssue: #26\nReferences: #27",
    "feat: add thing (#123)", "feat: add thing  (#124)", "feat: (#125)", "feat: a (#12a)",
    "feat: a (#1234567890)", "feat: a (#1) (#2)", "feat: see #3 and #4 (#5)", "Fix thing (#6)",
    "feat: C#1 page#3 (#5) [#6] ,#7 ;#8 :#9", "feat: tab\there", "feat: a\u{01}b", "feat: a\u{7F}b",
    "revert: feat: x\n\nRefs: 0123456789abcdef, fedcba9876543210 abc",
    "revert: feat: x\n\nrefs: 0123456789ABCDEF\nREFS #abcdef01", "Revert: x\n\nRefs: abcdef0123",
    "Revert \"feat(api): x\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.",
    "Revert \"not conventional\"\n\nThis reverts commit ABCDEF0123.", "Revert \"\"", "Revert \"x",
    "Revert \"feat: x\" (#9)", "chore: x\n\nthis reverts commit 0123456789", "Revertx: y",
    "fix: x\n\nThis reverts commit 0123456789abcdef. This reverts commit fedcba9876543210",
    "fix: x\n\nSee This reverts commit 01234\u{0}This reverts commit 0123456",
    "feat: x\n\nCo-authored-by: Ann Lee <ann@x.org>\nco-AUTHORED-by:Bo<bo@x>\nCo-authored-by: <c@x>",
    "feat: x\n\nCo-authored-by: A <a@x> <b@y>\nCo-authored-by: B >b@x<\nCo-authored-by: \tC\t <>",
    "Co-authored-by: Top <top@x>", "feat: x\n\nCo-authored-by\u{1A} Di <di@x>",
    "feat: x\n\nCo-authored-by: Ed Ü <ed@x>", "feat(café): non-ASCII scope\n\nCloses owner/repo#7",
    "fix(e\u{301}): combining scope", "fix: e\u{301}\n\nRefs:\u{301} #1", "feat: 日本語 (#42)",
    "feat: x\n\nCo-authored-by:\u{301} Ed <ed@x>", "feat: \u{200B}zero\u{202E}width",
    "feat: x\n\nBREAKING CHANGE: é\nsecond\u{0}line", "feat: x\u{85}y\u{A0}z",
    "feat: " + String(repeating: "long words ", count: 40),
    "feat: " + String(repeating: "x", count: 301),
    "feat(" + String(repeating: "s", count: 70) + "): y",
    "feat(" + String(repeating: "s ", count: 40) + "): y",
    "feat: x\n\n" + String(repeating: "body line\n", count: 50) + "\nRefs: #99",
    "feat!: x\n\nBREAKING CHANGE: " + String(repeating: "gone ", count: 700),
    "not conventional\n\nRefs: #1\nBREAKING CHANGE: ignored", "Merge branch 'x'\n\nCloses #1",
    "feat: x\n\nReviewed-by: A <a@x>\nSigned-off-by: B <b@x>\nCloses #2",
    "feat: x\n\nToken-with-a-very-long-name: #3\nclose: #4\nCLOSED #5\nfix: #6",
  ]

  @Test(arguments: tricky)
  func trickyMessagesReadAlike(_ message: String) {
    Self.expectSameReading(message)
  }

  @Test func fuzzCorpusReadsAlike() throws {
    let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Fuzz/corpus/ConventionalCommit").standardizedFileURL
    let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
    #expect(!files.isEmpty)
    for file in files {
      let data = try Data(contentsOf: corpus.appendingPathComponent(file))
      Self.expectSameReading(String(decoding: data, as: UTF8.self))
    }
  }

  /// Messages put together at random from pieces that each test a rule, many thousands of them.
  @Test func randomMessagesReadAlike() {
    let headers = [
      "feat", "fix(api)", "Fix(Api)!", "revert", "chore(deps) ", "feat()", "docs(a b)", "perf!",
      "Revert \"feat: x\"", "Revert \"y\"", "not conventional", "", " feat", "feat(x",
    ]
    let descriptions = [
      ": add x", ": add x (#12)", ":  spaced  out ", ": a\tb", ": x #3 and o/r#4", ":", ": ",
      ":x", ": (#5)", ": a  (#6)", ": \u{7F}", " x", ": done.",
    ]
    let lines = [
      "", "", " ", "\t", "\u{0B}", "body text", "  indented text  ", "Refs: #1", "Refs #2",
      "Closes #3, o/r#4", "closes: a/b#5 #6", "Fixes:   #7  ", "See-also: #8", "Refs:", "Refs: ",
      "BREAKING CHANGE: gone", "BREAKING CHANGE:", "BREAKING CHANGE:  ", "  BREAKING CHANGE:",
      "BREAKING-CHANGE #9", "BREAKING CHANGE #10", "BREAKING CHANGES: no", "breaking change: x",
      "Reviewed-by: A <a@x>", "Co-authored-by: Ann <ann@x>", "CO-AUTHORED-BY:  Bo\t<bo@y> ",
      "Co-authored-by: <c@x>", "This reverts commit 0123456789abcdef.", "this reverts commit abc",
      "Refs: 0123456789, fedcba9876", "x: y", "9x: y", "a_b-c: d", "Token #", "Token # ",
      "text (#11)", "#12 at the start", "end #13", "continued #14",
    ]
    var random = SplitMix(seed: 0x5EED)
    for _ in 0..<20_000 {
      var message = random.pick(headers) + random.pick(descriptions)
      for _ in 0..<random.below(8) {
        message += random.pick(["\n", "\n", "\n", "\n\n"]) + random.pick(lines)
      }
      if random.below(3) == 0 { message += "\n" }
      Self.expectSameReading(message)
    }
  }

  /// Every footer found on bytes is the footer `parse` finds.
  @Test(arguments: tricky)
  func footersReadAsParseFindsThem(_ message: String) {
    var copy = message
    copy.withUTF8 { bytes in
      guard ConventionalCommit.ASCIIReading.accepts(bytes),
        let parsed = ConventionalCommit.parse(message)
      else { return }
      var footers: [ConventionalCommit.Footer] = []
      let headerEnd = ConventionalCommit.ASCIIReading.lineEnd(bytes, from: 0)
      ConventionalCommit.ASCIIReading.footers(bytes, headerEnd: headerEnd) { footer in
        footers.append(
          ConventionalCommit.Footer(
            token: String(decoding: bytes[footer.shape.token], as: UTF8.self),
            separator: footer.shape.hashSeparator ? " #" : ": ", value: footer.value(in: bytes)))
      }
      #expect(footers == parsed.footers)
    }
  }

  @Test(arguments: [
    "", " ", "a", "a b", "a  b", " a", "a ", "exactly eight", "abcdefgh ", "abcdefgh  i",
    "abcdefg  hij", "abcdefghijklmnop", "abcdefghijklmno\u{7F}", "abcdefghijklmn\u{1F}x",
    "abcdefghijklmnéo", String(repeating: "word ", count: 20) + "end", "x\ty",
  ])
  func plainLinesAreFoundAlikeOnBytes(_ text: String) {
    for limit in [0, 5, 60, 300] {
      var copy = text
      let fast = copy.withUTF8 { NotesText.isPlainLine($0, limit: limit) }
      #expect(fast == NotesText.isPlainLine(Array(text.utf8), limit: limit))
    }
  }

  @Test(arguments: [
    "revert: x", "REVERT", "Rever", "fix: x\n\nthis REVERTS commit 1", "this reverts commi",
    "x this reverts commit ", "thisrevertscommit", "fix: \u{0}his reverts commit", "rEvErT\u{0}",
    "fix: v vv this  reverts commit", "tHIS REVERTS COMMIT t",
  ])
  func revertsAreSpottedAsBefore(_ message: String) {
    // The byte-by-byte test it replaced: "revert" at the start, or the line anywhere, any case.
    let bytes = Array(message.utf8)
    let needle = Array("this reverts commit ".utf8)
    let startsWithRevert = bytes.prefix(6).map { $0 | 0x20 }.elementsEqual("revert".utf8)
    let holdsLine =
      bytes.count >= needle.count
      && (0...(bytes.count - needle.count)).contains { offset in
        needle.indices.allSatisfy { bytes[offset + $0] | 0x20 == needle[$0] | 0x20 }
      }
    #expect(ReleaseNotes.mayRevert(message) == (startsWithRevert || holdsLine))
  }

  static func expectSameReading(
    _ message: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let commit = CommitRecord(
      id: "0123456789abcdef0123456789abcdef01234567", parents: ["fedcba9876543210"],
      author: .init(name: "Ann  Lee", email: "ann@example.com"),
      authorDate: Date(timeIntervalSince1970: 0), message: message)
    var copy = message
    let ascii = copy.withUTF8(ParsedCommit.init(ascii:))
    let isASCII = message.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
    #expect((ascii != nil) == isASCII, sourceLocation: sourceLocation)
    let expected = NotesCommit(commit, ParsedCommit(commit)).summary
    #expect(NotesCommit(commit)?.summary == expected, sourceLocation: sourceLocation)
    if let ascii {
      #expect(NotesCommit(commit, ascii).summary == expected, sourceLocation: sourceLocation)
    }
  }
}

extension NotesCommit {
  /// Every field, in a form that compares.
  fileprivate var summary: [String] {
    [
      id, type, scope ?? "<nil>", description, "\(isBreaking)", breakingTexts.description,
      references.map { "\($0.number) \($0.repository ?? "-") \($0.kind.rawValue)" }.description,
      revertedType ?? "<nil>", revertedIDs.description, author.name, author.email,
      coAuthors.map { "\($0.name) <\($0.email)>" }.description,
    ]
  }
}

/// A small seeded generator: the same messages on every run.
private struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
