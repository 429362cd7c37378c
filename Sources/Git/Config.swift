import Clibgit2

/// A read-only snapshot of git configuration: a repository's (all levels merged, as git reads them)
/// or a single file in git-config syntax, such as `.gitmodules` or `.gitrelease`.
public final class Config {
  private let handle: OpaquePointer

  /// One variable as it stands in the configuration, names normalised by libgit2
  /// (`section.subsection.key`, section and key lowercased, subsection kept as written).
  public struct Entry: Equatable, Sendable {
    public let name: String
    public let value: String
    /// True for a key written without `=` (`[core] bare`): git reads it as true.
    public var isBare = false
  }

  private init(handle: OpaquePointer) { self.handle = handle }

  deinit { git_config_free(handle) }

  /// Reads one file in git-config syntax. A missing file reads as empty; a malformed one throws an
  /// error that names the file and the line.
  public convenience init(fileAt path: String) throws(GitError) {
    Library.ensureInitialized()
    var config: OpaquePointer?
    try check(git_config_new(&config), "git_config_new")
    guard let config else {
      throw GitError(code: .other(-1), message: "no config", function: "git_config_new")
    }
    let added = git_config_add_file_ondisk(config, path, GIT_CONFIG_LEVEL_APP, nil, 0)
    if added < 0 {
      let error = GitError(
        lastErrorOf: added, function: "git_config_add_file_ondisk", orElse: "cannot read \(path)")
      git_config_free(config)
      throw error
    }
    self.init(handle: config)
  }

  /// The configuration a repository sees: system, global, its own, and the work tree's.
  public convenience init(of repository: Repository) throws(GitError) {
    if let global = Library.globalConfigurationOverride {
      let live = try repository.makeHandle("git_repository_config") {
        git_repository_config(&$0, repository.handle)
      }
      defer { git_config_free(live) }
      let code = git_config_add_file_ondisk(live, global, GIT_CONFIG_LEVEL_GLOBAL, repository.handle, 0)
      // Already added by an earlier read through this repository: nothing more to do.
      if code != GIT_EEXISTS.rawValue { try check(code, "git_config_add_file_ondisk") }
    }
    let snapshot = try repository.makeHandle("git_repository_config_snapshot") {
      git_repository_config_snapshot(&$0, repository.handle)
    }
    self.init(handle: snapshot)
  }

  /// The last value of a variable; nil when it is not set.
  public func string(_ name: String) throws(GitError) -> String? {
    var entry: UnsafeMutablePointer<git_config_entry>?
    let code = git_config_get_entry(&entry, handle, name)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try check(code, "git_config_get_entry")
    guard let entry else { return nil }
    defer { git_config_entry_free(entry) }
    return entry.pointee.value.map { String(cString: $0) }
  }

  /// A variable read as git reads booleans (`true`, `yes`, `on`, `1`, a bare key...); nil when unset.
  public func bool(_ name: String) throws(GitError) -> Bool? {
    guard try string(name) != nil else { return nil }
    var value: Int32 = 0
    try check(git_config_get_bool(&value, handle, name), "git_config_get_bool")
    return value != 0
  }

  /// Every variable, in the order of the files and of the lines within them; repeated keys repeat.
  public func entries() throws(GitError) -> [Entry] {
    let iterator = try makeIterator { git_config_iterator_new(&$0, handle) }
    return try collect(iterator)
  }

  /// The variables whose normalised names match a regular expression.
  public func entries(matching pattern: String) throws(GitError) -> [Entry] {
    let iterator = try makeIterator { git_config_iterator_glob_new(&$0, handle, pattern) }
    return try collect(iterator)
  }

  private func makeIterator(_ body: (inout OpaquePointer?) -> Int32) throws(GitError) -> OpaquePointer {
    var pointer: OpaquePointer?
    try check(body(&pointer), "git_config_iterator_new")
    return try Repository.unwrap(pointer, "git_config_iterator_new")
  }

  private func collect(_ iterator: OpaquePointer) throws(GitError) -> [Entry] {
    defer { git_config_iterator_free(iterator) }
    var result: [Entry] = []
    while true {
      var entry: UnsafeMutablePointer<git_config_entry>?
      let code = git_config_next(&entry, iterator)
      if code == GIT_ITEROVER.rawValue { break }
      try check(code, "git_config_next")
      guard let entry, let name = entry.pointee.name else { continue }
      // A bare key (`[core] bare`) has no value; git reads it as true.
      let value = entry.pointee.value.map { String(cString: $0) } ?? "true"
      result.append(
        Entry(name: String(cString: name), value: value, isBare: entry.pointee.value == nil))
    }
    return result
  }
}

extension Repository {
  /// The identity git would record for a new commit or tag, from `user.name` and `user.email`;
  /// `GIT_COMMITTER_NAME`, `GIT_COMMITTER_EMAIL` and `GIT_COMMITTER_DATE` override it as in git.
  /// Nil when no name or no email is configured anywhere.
  public func committerIdentity(environment: [String: String]) throws(GitError) -> Signature? {
    let config = try Config(of: self)
    let configuredName = try config.string("user.name")
    let configuredEmail = try config.string("user.email")
    let name = environment["GIT_COMMITTER_NAME"] ?? configuredName
    let email = environment["GIT_COMMITTER_EMAIL"] ?? configuredEmail
    guard let name, !name.isEmpty, let email, !email.isEmpty else { return nil }
    var signature = Signature(name: name, email: email)
    if let date = environment["GIT_COMMITTER_DATE"], !date.isEmpty {
      guard let parsed = GitDate.parse(date) else {
        throw GitError(
          code: .invalidSpec,
          message: "GIT_COMMITTER_DATE \"\(date)\" is not a date git release can read; "
            + "use the raw form \"1700000000 +0100\" or ISO 8601 \"2026-01-31T12:00:00+01:00\"",
          function: "committerIdentity")
      }
      signature.time = parsed.time
      signature.offsetMinutes = parsed.offsetMinutes
    } else {
      signature.offsetMinutes = TimeZoneOffset.localMinutes(at: signature.time)
    }
    return signature
  }
}
