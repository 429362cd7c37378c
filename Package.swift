// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "git-release",
  products: [
    .executable(name: "git-release", targets: ["git-release"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    // Forge releases and webhooks: HTTP over SwiftNIO (no libcurl), HMAC for webhook signatures.
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    // The test suite's loopback forge and webhook server.
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    // Version files: the parsers only check a manifest and find its version; edits are in place.
    .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
  ],
  targets: [
    // libgit2 from the system (Debian: libgit2-dev), found through pkg-config.
    .systemLibrary(
      name: "Clibgit2",
      pkgConfig: "libgit2",
      providers: [.apt(["libgit2-dev"])]
    ),
    // libdeflate (Debian: libdeflate-dev): inflates the commits a walk reads from pack files.
    .systemLibrary(
      name: "Clibdeflate",
      pkgConfig: "libdeflate",
      providers: [.apt(["libdeflate-dev"])]
    ),
    // glibc's malloc settings, which Swift cannot reach directly. Linux only, and imported only
    // where glibc is (`#if canImport(Glibc)`): macOS and musl builds do without it.
    .systemLibrary(name: "Cmalloc"),
    // A general Swift wrapper of libgit2. Knows nothing of releases.
    .target(name: "Git", dependencies: ["Clibgit2"]),
    // The fast history paths: pack files read directly, raw commits parsed, the commit walks.
    .target(name: "GitHistory", dependencies: ["Git", "Clibgit2", "Clibdeflate"]),
    // The release domain in pure Swift: versions, commits, notes, environments, configuration.
    .target(name: "ReleaseCore"),
    // Templates, escaping, JSON and text output over the domain's values. Knows nothing of git.
    .target(
      name: "ReleaseRendering",
      dependencies: ["ReleaseCore", .product(name: "Mustache", package: "swift-mustache")],
      resources: [.embedInCode("Templates")]
    ),
    // The repository's services: release tags, the environment trail, tag writing and pushing,
    // hooks, trust, version files, forges and webhooks. Throws typed errors; no exit codes.
    .target(
      name: "ReleaseRepository",
      dependencies: [
        "Git",
        "GitHistory",
        "ReleaseCore",
        "ReleaseRendering",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "TOMLKit", package: "TOMLKit"),
        .product(name: "Yams", package: "Yams"),
      ]
    ),
    // The commands, and the one map from typed errors to exit codes.
    .target(
      name: "GitReleaseCLI",
      dependencies: [
        .target(name: "Cmalloc", condition: .when(platforms: [.linux])),
        "Git",
        "GitHistory",
        "ReleaseCore",
        "ReleaseRendering",
        "ReleaseRepository",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "git-release", dependencies: ["GitReleaseCLI"]),

    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "GitTests", dependencies: ["Git", "TestSupport"]),
    .testTarget(name: "GitHistoryTests", dependencies: ["GitHistory", "Git", "TestSupport"]),
    .testTarget(name: "ReleaseCoreTests", dependencies: ["ReleaseCore"]),
    .testTarget(name: "ReleaseRenderingTests", dependencies: ["ReleaseRendering", "ReleaseCore"]),
    .testTarget(
      name: "GitReleaseCLITests",
      dependencies: [
        "GitReleaseCLI", "ReleaseRendering", "ReleaseRepository", "git-release", "TestSupport",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      // Expected outputs, read by path beside the tests.
      exclude: ["Golden"]
    ),
  ]
)
