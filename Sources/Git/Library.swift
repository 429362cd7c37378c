import Clibgit2

/// libgit2's global state: initialised once, on first use, and never shut down.
enum Library {
  private static let initialized: Bool = {
    git_libgit2_init()
    _ = git_release_shim_set_strict_hash_verification(0)
    return true
  }()

  static func ensureInitialized() {
    _ = initialized
  }
}
