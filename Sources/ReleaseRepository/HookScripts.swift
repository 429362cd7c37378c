import Foundation

/// The hook scripts of `hooks/`, embedded so that `git release hook install` needs no files
/// beside the binary. A test keeps these copies equal to the files.
package enum HookScripts {
  /// The hooks git-release installs in a clone.
  package static let names = ["pre-push", "commit-msg"]
  /// The hooks `hook install --server` installs in a bare repository that receives pushes.
  package static let serverNames = ["pre-receive"]

  /// A line every installed hook carries, so that install and uninstall know their own.
  package static let marker = "# Installed by `git release hook install`"

  /// Where a hook that was there before is kept, and from where ours runs it first.
  package static let previousSuffix = ".before-git-release"

  /// The script of a hook, with the binary to fall back on when git-release is not on PATH.
  package static func script(_ name: String, fallback: String?) -> String? {
    let text: String
    switch name {
    case "pre-push": text = prePush
    case "commit-msg": text = commitMessage
    case "pre-receive": text = preReceive
    default: return nil
    }
    guard let fallback else { return text }
    return text.replacingOccurrences(
      of: "\nfallback=''\n", with: "\nfallback=\(shellQuoted(fallback))\n")
  }

  /// A word for sh in single quotes, with any single quote in it closed, escaped and reopened.
  package static func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
  }

  package static let prePush = #"""
    #!/bin/sh
    # git-release pre-push hook: refuses a push whose new commits, release tags or environment refs
    # break the rules of .gitrelease [check]; `git release check pre-push --help` says which.
    # Skip it once with: git push --no-verify
    # Installed by `git release hook install`; `git release hook uninstall` puts back what was here.
    fallback=''
    input=$(cat)
    feed() { [ -z "$input" ] || printf '%s\n' "$input"; }
    if [ -x "$0.before-git-release" ]; then
      feed | "$0.before-git-release" "$@" || exit $?
    fi
    if command -v git-release >/dev/null 2>&1; then
      feed | git release check pre-push "$@"
    elif [ -x "$fallback" ]; then
      feed | "$fallback" check pre-push "$@"
    else
      echo "pre-push: git-release is not on PATH; install it, or skip once: git push --no-verify" >&2
      exit 1
    fi

    """#

  package static let commitMessage = #"""
    #!/bin/sh
    # git-release commit-msg hook: refuses a message that is not a Conventional Commit, as
    # .gitrelease [check] sets it; `git release check commit-msg --help` says more.
    # Skip it once with: git commit --no-verify
    # Installed by `git release hook install`; `git release hook uninstall` puts back what was here.
    fallback=''
    if [ -x "$0.before-git-release" ]; then
      "$0.before-git-release" "$@" || exit $?
    fi
    if command -v git-release >/dev/null 2>&1; then
      exec git release check commit-msg "$@"
    elif [ -x "$fallback" ]; then
      exec "$fallback" check commit-msg "$@"
    else
      echo "commit-msg: git-release is not on PATH; install it, or skip once: git commit --no-verify" >&2
      exit 1
    fi

    """#

  package static let preReceive = #"""
    #!/bin/sh
    # git-release pre-receive hook, for the server: refuses an update of refs/environments/* that
    # `git release verify` would refuse (signatures, signers, recorded gates) or whose events' times
    # stray from this server's clock; `git release check pre-receive --help` says more.
    # Installed by `git release hook install`; `git release hook uninstall` puts back what was here.
    fallback=''
    input=$(cat)
    feed() { [ -z "$input" ] || printf '%s\n' "$input"; }
    if [ -x "$0.before-git-release" ]; then
      feed | "$0.before-git-release" "$@" || exit $?
    fi
    if command -v git-release >/dev/null 2>&1; then
      feed | git release check pre-receive
    elif [ -x "$fallback" ]; then
      feed | "$fallback" check pre-receive
    else
      echo "pre-receive: git-release is not on PATH of the server; install it there" >&2
      exit 1
    fi

    """#
}
