import Clibgit2
import Foundation

/// libgit2's global state: initialised once, on first use, and never shut down.
enum Library {
  /// A folder that never exists: pointing a configuration search path at it turns that level off.
  private static let nowhere = "/nonexistent/git-release/no-configuration"

  private static let initialized: Bool = {
    git_libgit2_init()
    // libgit2 1.5 does not read git's variables for configuration files; honour them as git does.
    let environment = ProcessInfo.processInfo.environment
    if let value = environment["GIT_CONFIG_NOSYSTEM"],
      !["", "0", "false", "no", "off"].contains(value.lowercased())
    {
      _ = git_release_shim_set_config_search_path(GIT_CONFIG_LEVEL_SYSTEM, nowhere)
      _ = git_release_shim_set_config_search_path(GIT_CONFIG_LEVEL_PROGRAMDATA, nowhere)
    }
    if environment["GIT_CONFIG_GLOBAL"] != nil {
      _ = git_release_shim_set_config_search_path(GIT_CONFIG_LEVEL_GLOBAL, nowhere)
      _ = git_release_shim_set_config_search_path(GIT_CONFIG_LEVEL_XDG, nowhere)
    }
    return true
  }()

  /// The file `GIT_CONFIG_GLOBAL` names in place of `~/.gitconfig`; nil when unset or /dev/null.
  static let globalConfigurationOverride: String? = {
    guard let path = ProcessInfo.processInfo.environment["GIT_CONFIG_GLOBAL"], !path.isEmpty,
      path != "/dev/null", FileManager.default.fileExists(atPath: path)
    else { return nil }
    return path
  }()

  static func ensureInitialized() {
    _ = initialized
  }
}

extension Repository {
  /// libgit2 settings for a program that reads each object about once, as a walk over a whole
  /// history does. They are process-wide in libgit2: a caller chooses them, before it opens the
  /// repositories they are for; until one does, every user of this module has libgit2's defaults.
  public static func readEachObjectOnce() {
    Library.ensureInitialized()
    // Re-hashing every object read costs time on large histories; git does not do it on read.
    _ = git_release_shim_set_strict_hash_verification(0)
    // The cache would only hold every commit a walk read (half the peak memory of a long
    // changelog) and cost the time of filling it.
    _ = git_release_shim_set_caching(0)
    // Pack files are read through mapped windows, by default up to 8 GiB of them: on a long
    // history every page a walk touched stayed resident. Small windows cost no measurable time.
    _ = git_release_shim_set_pack_windows(1 << 20, 8 << 20)
  }
}
