import Testing

@testable import ReleaseCore

/// Semantic Versioning 2.0.0, checked against the examples in the specification's own text.
@Suite("SemVer 2.0.0")
struct SemanticVersionTests {
  /// §2, §9 and §10 give these as valid versions.
  @Test(arguments: [
    "1.9.0", "1.10.0", "1.11.0", "0.0.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7",
    "1.0.0-x.7.z.92", "1.0.0-x-y-z.--", "1.0.0-alpha+001", "1.0.0+20130313144700",
    "1.0.0-beta+exp.sha.5114f85", "1.0.0+21AF26D3----117B344092BD", "1.0.0+0.build.01",
  ])
  func validVersionsParseAndPrintBack(_ text: String) throws {
    let version = try #require(SemanticVersion(text))
    #expect(version.description == text)
  }

  /// §2: no leading zeroes; §9 and §10: identifiers non-empty, `[0-9A-Za-z-]` only, numeric
  /// pre-release identifiers without leading zeroes; the version has exactly three numbers.
  @Test(arguments: [
    "01.0.0", "1.01.0", "1.0.01", "1.0", "1", "1.0.0.0", "v1.0.0", "1.0.0-", "1.0.0+",
    "1.0.0-01", "1.0.0-alpha..1", "1.0.0-al_pha", "1.0.0+build..1", "1.0.0-alpha+", " 1.0.0",
    "1.0.0 ", "-1.0.0", "1.0.0-alpha+b+c", "18446744073709551616.0.0", "",
  ])
  func invalidVersionsAreRejected(_ text: String) {
    #expect(SemanticVersion(text) == nil)
  }

  /// §10: build metadata may have leading zeroes (only pre-release numbers may not).
  @Test func buildMetadataKeepsLeadingZeroes() throws {
    let version = try #require(SemanticVersion("1.0.0-alpha+001"))
    #expect(version.build == ["001"])
    #expect(version.preRelease == [.alphanumeric("alpha")])
  }

  /// §11: each chain as the specification writes it, strictly increasing.
  @Test(arguments: [
    ["1.0.0", "2.0.0", "2.1.0", "2.1.1"],
    ["1.0.0-alpha", "1.0.0"],
    [
      "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
      "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
    ],
    ["1.9.0", "1.10.0", "1.11.0"],
    ["0.9.0", "0.10.0", "0.10.1"],
  ])
  func precedenceFollowsTheSpecificationExamples(_ chain: [String]) throws {
    let versions = try chain.map { try #require(SemanticVersion($0)) }
    for (lower, higher) in zip(versions, versions.dropFirst()) {
      #expect(lower.comparePrecedence(to: higher) == -1, "\(lower) < \(higher)")
      #expect(higher.comparePrecedence(to: lower) == 1, "\(higher) > \(lower)")
      #expect(lower < higher)
    }
    #expect(versions.shuffled().sorted() == versions)
  }

  /// §10: "two versions that differ only in the build metadata, have the same precedence".
  @Test(arguments: [
    ("1.0.0+001", "1.0.0+20130313144700"), ("1.0.0-beta+exp.sha.5114f85", "1.0.0-beta"),
  ])
  func buildMetadataDoesNotFigureInPrecedence(_ one: String, _ other: String) throws {
    let a = try #require(SemanticVersion(one))
    let b = try #require(SemanticVersion(other))
    #expect(a.hasSamePrecedence(as: b))
    #expect(a != b)
  }

  /// §11.4.1 and §11.4.3: numeric identifiers compare as numbers and sort before alphanumerics.
  @Test(arguments: [
    ("1.0.0-2", "1.0.0-10"), ("1.0.0-999", "1.0.0-a"), ("1.0.0-rc.9", "1.0.0-rc.10"),
    ("1.0.0-RC.1", "1.0.0-rc.1"), ("1.0.0-alpha10", "1.0.0-alpha2"),
  ])
  func identifiersCompareAsTheSpecificationSays(_ lower: String, _ higher: String) throws {
    let a = try #require(SemanticVersion(lower))
    let b = try #require(SemanticVersion(higher))
    #expect(a < b)
  }

  @Test(arguments: [
    ("1.2.3", Bump.patch, "1.2.4"), ("1.2.3", .minor, "1.3.0"), ("1.2.3", .major, "2.0.0"),
    ("1.2.3", .none, "1.2.3"), ("1.3.0-rc.2", .minor, "1.3.0"), ("1.3.0-rc.2", .patch, "1.3.0"),
    ("1.3.0-rc.2", .major, "2.0.0"), ("2.0.0-rc.1", .major, "2.0.0"),
    ("1.2.4-rc.1", .minor, "1.3.0"),
    ("1.2.3+build.5", .patch, "1.2.4"), ("0.9.0", .minor, "0.10.0"),
  ])
  func bumping(_ from: String, _ bump: Bump, _ expected: String) throws {
    #expect(try #require(SemanticVersion(from)).bumped(bump).description == expected)
  }

  @Test(arguments: [
    ("v", "v1.2.0", "1.2.0"), ("v", "v2.0.0-rc.1", "2.0.0-rc.1"), ("", "1.2.0", "1.2.0"),
    ("api/v", "api/v0.3.0", "0.3.0"),
  ])
  func releaseTagsAreThePrefixAndAVersion(_ prefix: String, _ tag: String, _ version: String) {
    #expect(TagNamespace(prefix: prefix).version(ofTag: tag)?.description == version)
    #expect(TagNamespace(prefix: prefix).tagName(for: SemanticVersion(version)!) == tag)
  }

  @Test(arguments: [
    ("v", "1.2.0"), ("v", "v1.2"), ("v", "rollback/v1.2.0"), ("v", "experiment"), ("v", "V1.2.0"),
    ("v", "api/v1.2.0"), ("", "v1.2.0"), ("api/v", "v1.2.0"), ("v", "v01.2.0"),
  ])
  func otherTagsAreNotReleaseTags(_ prefix: String, _ tag: String) {
    #expect(TagNamespace(prefix: prefix).version(ofTag: tag) == nil)
  }
}
