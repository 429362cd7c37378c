import ArgumentParser
import Foundation
import Git
import ReleaseRendering
import ReleaseRepository

#if canImport(Glibc)
  import Cmalloc
#endif

/// `git release`: release management that lives inside git.
public struct GitRelease: ParsableCommand {
  /// The tool's own version, printed by `git release --version`.
  public static let version = ToolVersion.version

  public static let configuration = CommandConfiguration(
    commandName: "git release",
    abstract: "Release management that lives inside git.",
    discussion: """
      Versions from release tags and Conventional Commits, release notes and changelogs, \
      annotated release tags, and promotion through environments with an audit trail kept in \
      git itself. Once git-release is on PATH, git runs it as `git release`.

      Exit codes: 0 success; 1 failure (a check failed, a write was refused); 2 usage error; \
      3 nothing to release (or, for current, no release yet); 4 a promotion gate refused; 5 configuration error (.gitrelease); \
      6 repository error (not a repository, history cut by a shallow clone, missing objects).
      """,
    version: version,
    subcommands: [
      Current.self, Next.self, Notes.self, Changelog.self, Tag.self, Stamp.self,
      Promote.self, Rollback.self, Approve.self, Status.self, History.self, Windows.self,
      Hold.self, Unhold.self, Block.self, Unblock.self, Diff.self, Metrics.self, Dashboard.self,
      Verify.self, Check.self, Hook.self, Where.self, Amend.self,
      Publish.self, Notify.self,
    ]
  )

  public init() {}

  /// Runs the command line and exits with the documented status.
  public static func main() {
    main(CommandLine.arguments.dropFirst().map { $0 })
  }

  public static func main(_ arguments: [String]) -> Never {
    #if canImport(Glibc)
      // One malloc arena for every thread: a long changelog's threads (the walk, its reader, the
      // tag reader, the renderers) would otherwise each keep an arena of what they freed.
      _ = git_release_shim_set_malloc_arenas(1)
    #endif
    // libgit2 is set up by the first repository opened, on this thread: a set-up still running
    // on another thread when `--version` or a usage error exits crashed in libcrypto's clean-up.
    do {
      var command = try parseAsRoot(RepositoryOptions.movingLeadingDirectory(in: arguments))
      try command.run()
      Foundation.exit(ExitStatus.success.rawValue)
    } catch {
      exit(reporting: error)
    }
  }

  /// Prints an error as a user should read it and exits with its documented status.
  static func exit(reporting error: any Error) -> Never {
    if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
    if let (status, message) = ErrorReport.ownDescription(error) {
      FileHandle.standardError.write(Data(Terminal.sanitize("git release: \(message)\n").utf8))
      Foundation.exit(status.rawValue)
    }
    // The parser's own errors: help and --version exit 0, usage errors get our usage status.
    switch exitCode(for: error) {
    case .success:
      exit(withError: error)
    case .validationFailure:
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(ExitStatus.usage.rawValue)
    default:
      FileHandle.standardError.write(
        Data(Terminal.sanitize("git release: \(message(for: error))\n").utf8))
      Foundation.exit(ExitStatus.failure.rawValue)
    }
  }
}
