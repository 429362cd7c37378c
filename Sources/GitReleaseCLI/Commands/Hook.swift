import ArgumentParser
import Foundation
import Git
import ReleaseCore
import ReleaseRepository

extension GitRelease {
  struct Hook: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "hook",
      abstract: "Install or remove git-release's git hooks.",
      discussion: """
        Hooks go to the folder git runs them from: core.hooksPath when set, otherwise the \
        hooks folder shared by all work trees. A hook that is already there keeps working: it \
        is moved to <hook>.before-git-release and runs first; uninstall puts it back.
        """,
      subcommands: [Install.self, Uninstall.self])

    struct Install: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Install hooks into this repository.")
      @OptionGroup var repository: RepositoryOptions
      @Argument(
        help: "pre-push, commit-msg or all; with --server, pre-receive or all.",
        completion: .list(["pre-push", "commit-msg", "pre-receive", "all"]))
      var hook: String = "all"
      @Flag(
        help: """
          Install the server's hook (pre-receive) in a bare repository that receives pushes: \
          it refuses audit trails that git release verify would refuse.
          """)
      var server = false

      func run() throws {
        let repo = try repository.open()
        if server && !repo.isBare {
          throw CommandFailure(
            .usage,
            "--server installs the pre-receive hook of a repository that receives pushes, which "
              + "is bare; \(repo.workingDirectory?.path ?? "this") has a work tree. Run it in the "
              + "server's bare repository (git release hook install --server -C /srv/git/app.git)")
        }
        let installer = try HookInstaller(repo)
        let names = try HookInstaller.names(hook, server: server)
        for name in names {
          print(try installer.install(name))
        }
        if names.contains("pre-push") {
          // An invalid .gitrelease is for the hooks to report, not a reason to stop here.
          let remote = (try? RepositoryContext(repo))?.configuration.notes.remote ?? "origin"
          print(try HookInstaller.fetchCorrections(repo, from: remote))
        }
      }
    }

    struct Uninstall: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Remove hooks, restoring what was there.")
      @OptionGroup var repository: RepositoryOptions
      @Argument(
        help: "pre-push, commit-msg, pre-receive or all.",
        completion: .list(["pre-push", "commit-msg", "pre-receive", "all"]))
      var hook: String = "all"

      func run() throws {
        let repo = try repository.open()
        let installer = try HookInstaller(repo)
        for name in try HookInstaller.names(hook, server: repo.isBare) {
          print(try installer.uninstall(name))
        }
      }
    }
  }
}

/// Puts git-release's hooks into a hooks folder and takes them out again, leaving any hook that
/// was there before exactly as it was.
struct HookInstaller {
  let folder: URL
  /// The binary installed hooks fall back on when git-release is not on PATH.
  let binary: String?
  private var files: FileManager { .default }

  init(_ repository: Repository, binary: String? = HookInstaller.currentBinary()) throws {
    folder = try repository.hooksDirectory()
    self.binary = binary
  }

  static func names(_ argument: String, server: Bool = false) throws -> [String] {
    let known = server ? HookScripts.serverNames : HookScripts.names
    if argument == "all" { return known }
    guard known.contains(argument) else {
      throw CommandFailure(
        .usage,
        "unknown hook \"\(argument)\"; use "
          + (server ? "pre-receive or all (with --server)" : "pre-push, commit-msg or all"))
    }
    return [argument]
  }

  /// This process's own executable, symbolic links resolved; nil when it cannot be told.
  static func currentBinary() -> String? {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return path
    }
    return Bundle.main.executableURL?.resolvingSymlinksInPath().path
  }

  /// True when the file at `path` is a hook this tool wrote.
  func isOurs(_ path: String) -> Bool {
    guard let data = files.contents(atPath: path) else { return false }
    return String(decoding: data, as: UTF8.self).contains(HookScripts.marker)
  }

  /// An entry exists at the path, even a symbolic link to nothing.
  func exists(_ path: String) -> Bool {
    (try? files.attributesOfItem(atPath: path)) != nil
  }

  func install(_ name: String) throws -> String {
    guard let script = HookScripts.script(name, fallback: binary) else {
      throw CommandFailure(
        .usage, "unknown hook \"\(name)\"; use pre-push, commit-msg, pre-receive or all")
    }
    let hook = folder.appendingPathComponent(name).path
    let previous = hook + HookScripts.previousSuffix
    let where_ = "in \(folder.path)"
    if exists(hook), isOurs(hook) {
      if files.contents(atPath: hook) == Data(script.utf8) {
        return "\(name): already installed \(where_)"
      }
      try write(script, to: hook)
      return "\(name): updated \(where_)"
    }
    try create(folder)
    var note = ""
    if exists(hook) {
      guard !exists(previous) else {
        throw CommandFailure(
          .failure,
          "cannot install \(name): both \(hook) and \(previous) exist; keep the one you want, "
            + "remove or rename the other, then install again")
      }
      try move(hook, to: previous)
      note = " (the hook that was there runs first, kept as \(name)\(HookScripts.previousSuffix))"
    } else if exists(previous) {
      note = " (\(name)\(HookScripts.previousSuffix), left from before, runs first)"
    }
    do {
      try write(script, to: hook)
    } catch {
      if !note.isEmpty, !exists(hook) { try? move(previous, to: hook) }
      throw error
    }
    return "\(name): installed \(where_)\(note)"
  }

  /// Makes `git fetch REMOTE` bring corrected messages (refs/notes/release) too: the refspec
  /// `refs/notes/release:refs/notes/release`, not forced, so a fetch never drops corrections
  /// made here and not pushed yet.
  static func fetchCorrections(_ repository: Repository, from remote: String) throws -> String {
    let reference = MessageCorrection.notesReference
    guard try Config(of: repository).string("remote.\(remote).url") != nil else {
      return "corrections: no remote \(remote); share them with git push REMOTE \(reference) "
        + "and git fetch REMOTE \(reference):\(reference)"
    }
    let added = try repository.addConfigValue(
      "\(reference):\(reference)", to: "remote.\(remote).fetch")
    return "corrections: git fetch \(remote) "
      + (added ? "now brings" : "already brings") + " \(reference); share yours with "
      + "git push \(remote) \(reference)"
  }

  func uninstall(_ name: String) throws -> String {
    let hook = folder.appendingPathComponent(name).path
    let previous = hook + HookScripts.previousSuffix
    guard exists(hook), isOurs(hook) else {
      let left = exists(previous) ? "; \(name)\(HookScripts.previousSuffix) is left too" : ""
      return exists(hook)
        ? "\(name): not git-release's hook, left as it is in \(folder.path)\(left)"
        : "\(name): not installed in \(folder.path)\(left)"
    }
    do {
      try files.removeItem(atPath: hook)
    } catch {
      throw CommandFailure(.failure, "cannot remove \(hook): \(error.localizedDescription)")
    }
    guard exists(previous) else { return "\(name): removed from \(folder.path)" }
    try move(previous, to: hook)
    return "\(name): removed from \(folder.path); the hook that was there before is back"
  }

  private func create(_ folder: URL) throws {
    do {
      try files.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw CommandFailure(
        .failure, "cannot create the hooks folder \(folder.path): \(error.localizedDescription)")
    }
  }

  /// Renames within the folder: the entry itself moves (a symbolic link stays a link), mode and all.
  private func move(_ source: String, to destination: String) throws {
    guard rename(source, destination) == 0 else {
      throw CommandFailure(
        .failure,
        "cannot rename \(source) to \(destination): \(String(cString: strerror(errno)))")
    }
  }

  /// Writes an executable file beside the target, then renames it over: never half a hook.
  private func write(_ text: String, to path: String) throws {
    let temporary = path + ".git-release-\(UUID().uuidString)"
    guard
      files.createFile(
        atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o755])
    else {
      throw CommandFailure(.failure, "cannot write \(temporary): check the folder's permissions")
    }
    do {
      try move(temporary, to: path)
    } catch {
      try? files.removeItem(atPath: temporary)
      throw error
    }
  }
}
