#!/bin/sh
# Regenerates the man page and the shell completions from the commands' own definitions
# (swift-argument-parser), so they never drift from `git release --help`. Run it after changing
# a command, from anywhere in the repository: docs/generate-reference.sh
set -eu
cd "$(dirname "$0")/.."
swift build --product git-release >/dev/null
bin="$(swift build --show-bin-path)"

# The manual: argument-parser's generate-manual plugin writes "git release.1" (the root command's
# name); git looks for git-release(1).
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swift package --allow-writing-to-package-directory generate-manual --configuration debug \
  --date "$(date -u +%Y-%m-%d)" --output-directory "$work" >/dev/null
sed 's/^\.Dt "GIT RELEASE" 1$/.Dt "GIT-RELEASE" 1/' "$work/git release.1" > docs/man/git-release.1

# Completions: the root command is named "git release", which is not a word a shell can name a
# function after, so the scripts are made for the git-release binary ...
for shell in bash zsh fish; do
  "$bin/git-release" --generate-completion-script "$shell" | sed 's/git release/git-release/g' \
    > "docs/completions/git-release.$shell"
done
# ... and bash also gets `git release <TAB>` through git's own completion, which calls _git_release.
cat >> docs/completions/git-release.bash <<'ADAPTER'

# `git release <TAB>`: git's completion (git-completion.bash) calls _git_release; hand the words
# after `release` to the git-release completion above as if git-release had been typed.
_git_release() {
    local index="${__git_cmd_idx:-1}"
    local rest="${COMP_LINE#*release }"
    local point=$((COMP_POINT - ${#COMP_LINE} + ${#rest} + 12))
    local COMP_LINE="git-release $rest"
    local COMP_POINT="$point"
    local -a COMP_WORDS=(git-release "${COMP_WORDS[@]:$((index + 1))}")
    local COMP_CWORD=$((COMP_CWORD - index))
    COMPREPLY=()
    _git-release git-release "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
}
ADAPTER
echo "wrote docs/man/git-release.1 and docs/completions/git-release.{bash,zsh,fish}"
