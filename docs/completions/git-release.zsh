#compdef git-release

__git-release_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__git-release_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __git-release_complete "${completions[@]:0:-1}"
    fi
}

__git-release_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_git-release() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'current:Print the current release tag reachable from HEAD.'
            'next:Print the tag the next release will carry.'
            'notes:Print release notes for unreleased commits or for a range.'
            'changelog:Write the changelog of the whole history, one section per release.'
            'tag:Create the annotated release tag for the next version on HEAD.'
            'stamp:Write the version into the files of .gitrelease'\''s [file] sections.'
            'promote:Promote a release to an environment, behind its gates.'
            'rollback:Roll an environment back to the release that ran before.'
            'approve:Approve a release for an environment.'
            'status:Show what runs in each environment and what waits.'
            'history:Show the audit trail of promotions, approvals, rollbacks, holds and blocks.'
            'windows:Show the next release windows and freezes of an environment.'
            'hold:Stop every promotion to an environment until it is unheld.'
            'unhold:Lift the hold on an environment.'
            'block:Stop a release from being promoted anywhere until it is unblocked.'
            'unblock:Let a blocked release be promoted again.'
            'diff:Show the release notes of what differs between two environments.'
            'metrics:Measure deployments, lead time, change failure rate and time to restore.'
            'dashboard:Write a static HTML page of environments, promotions, metrics and windows.'
            'verify:Verify environments'\'' audit trails: signatures, signers and recorded gates.'
            'check:Check commits, tags and environment refs (for hooks and CI).'
            'hook:Install or remove git-release'\''s git hooks.'
            'where:Show which releases carry a change, and where it runs.'
            'amend:Correct a commit'\''s message for releases, without rewriting history.'
            'publish:Create or update the forge'\''s release for a tag (GitHub, GitLab, Gitea).'
            'notify:Send a sample notification to a [notify "NAME"] webhook.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        current|next|notes|changelog|tag|stamp|promote|rollback|approve|status|history|windows|hold|unhold|block|unblock|diff|metrics|dashboard|verify|check|hook|where|amend|publish|notify|help)
            "_git-release_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_git-release_current() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        '--package[The monorepo package (a \[package "NAME"\] section of .gitrelease).]:package:'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_next() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        '--pre[Pre-release channel, e.g. rc for v1.4.0-rc.1.]:pre:'
        '--build[Build metadata to append, e.g. a build number.]:build:'
        '--package[The monorepo package (a \[package "NAME"\] section of .gitrelease).]:package:'
        '--as[Check this version instead of the computed one (1.4.0 or v1.4.0), as tag --as would.]:version:'
        '--json[Print JSON for machines instead of text.]'
        '--dotenv[Also append outputs to this dotenv file (GitLab CI reports); or set GIT_RELEASE_DOTENV.]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_notes() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':range:'
        '--package[The monorepo package.]:package:'
        '--format[markdown, text (as in a tag message) or json.]:format:'
        '--template[A Mustache template file to render instead of the default.]:template:'
        '--output[Write to this file instead of standard output.]:output:'
        '--include-hidden[Also list hidden types (docs, chore, ...) and commits that are not Conventional Commits.]'
        '--json[Print JSON for machines (the same as --format json).]'
        '--dotenv[Also append outputs to this dotenv file (GitLab CI reports); or set GIT_RELEASE_DOTENV.]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_changelog() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        '--output[Write to this file instead of standard output.]:output:'
        '--prepend[Add only the releases the output file does not have yet.]'
        '--template[A Mustache template file to render instead of the default.]:template:'
        '--format[markdown or json.]:format:'
        '--include-hidden[Also list hidden types and commits that are not Conventional Commits.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_tag() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        '--pre[Pre-release channel, e.g. rc.]:pre:'
        '--build[Build metadata to append.]:build:'
        '--package[The monorepo package.]:package:'
        '--as[Release this version instead of the computed one (1.4.0 or v1.4.0).]:version:'
        '--message-template[A Mustache template for the tag message.]:message-template:'
        '--sign[Sign the tag as `git tag -s` would.]'
        '--commit[Stamp the version files and commit them (and the changelog) before tagging.]'
        '--push[Push the tag to a remote with git push (origin when no remote is named).]:remote:'
        '--dry-run[Show what would be written; write nothing.]'
        '--json[Print JSON for machines instead of text.]'
        '--dotenv[Also append outputs to this dotenv file (GitLab CI reports); or set GIT_RELEASE_DOTENV.]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_stamp() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        '--version[Write (or check) this version instead of the next (1.4.0 or v1.4.0).]:version:'
        '--check[Compare the files with the current release; write nothing.]'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_promote() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':tag:'
        '--to[The environment to promote to.]:to:'
        '--dry-run[Evaluate the gates; record nothing.]'
        '--at[With --dry-run\: evaluate the gates as at this time (ISO 8601, or a local time and a zone\: "2026-12-01 09\:30 Australia/Adelaide").]:at:'
        '--no-rollback-target[Acknowledge that this first promotion to the environment has no rollback target.]'
        '--override[Promote through a closed window or a freeze (needs --reason).]'
        '--reason[Why\: recorded with the promotion (required with --override).]:reason:'
        '--sign[Sign the event with your git signing key (always done where signed = true).]'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_rollback() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':environment:'
        '--to[An earlier release that ran there.]:to:'
        '--reason[Why\: recorded with the rollback.]:reason:'
        '--sign[Sign the event with your git signing key (always done where signed = true).]'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_approve() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':tag:'
        '--for[The environment.]:for:'
        '--note[A note kept with the approval.]:note:'
        '--sign[Sign the event with your git signing key (always done where signed = true).]'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_status() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_history() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':environment:'
        '--limit[Show at most this many events (the newest).]:limit:'
        '--since[Only events from this time on (a date, 2026-11-01, read as UTC; or a time as promote --at takes it).]:since:'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_windows() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':environment:'
        '--at[Look from this time instead of now (as promote --at takes it).]:at:'
        '--count[How many allowed periods to list.]:count:'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_hold() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':environment:'
        '--reason[Why\: recorded with the hold, and shown by every promotion it refuses.]:reason:'
        '--sign[Sign the event with your git signing key (always done where signed = true).]'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_unhold() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':environment:'
        '--reason[Why\: recorded with the event.]:reason:'
        '--sign[Sign the event with your git signing key (always done where signed = true).]'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_block() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':tag:'
        '--reason[Why\: recorded with the block, and shown by every promotion it refuses.]:reason:'
        '--sign[Sign the event with your git signing key.]'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_unblock() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':tag:'
        '--reason[Why\: recorded with the event.]:reason:'
        '--sign[Sign the event with your git signing key.]'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_diff() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':from:'
        ':to:'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_metrics() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        '--env[Only this environment.]:env:'
        '--since[Start of the period\: a duration before --until (30d, 12w, 36h) or a date (2026-11-01).]:date|duration:'
        '--until[End of the period (default\: now).]:date:'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_dashboard() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        '--output[The folder to write index.html in.]:dir:'
        '--since[Start of the period\: a duration before --until (30d, 12w) or a date (2026-11-01).]:date|duration:'
        '--until[End of the period (default\: now).]:date:'
        '--json[Also print, as JSON, what the page was built from.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_verify() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        '*:environments:'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_check() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'pre-push:Check what a push sends (the pre-push hook).'
            'pre-receive:Refuse pushed audit trails that verify would refuse (the server'\''s hook).'
            'commit-msg:Check a commit message file (the commit-msg hook).'
            'commits:Check the commit messages of a range (default: the unreleased commits).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        pre-push|pre-receive|commit-msg|commits)
            "_git-release_check_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_git-release_check_pre-push() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        '--json[Print JSON for machines instead of text.]'
        ':remote:'
        ':url:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_check_pre-receive() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_check_commit-msg() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        '--json[Print JSON for machines instead of text.]'
        ':file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_check_commits() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        '--json[Print JSON for machines instead of text.]'
        '--dotenv[Also append outputs to this dotenv file (GitLab CI reports); or set GIT_RELEASE_DOTENV.]:file:'
        ':range:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_hook() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'install:Install hooks into this repository.'
            'uninstall:Remove hooks, restoring what was there.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        install|uninstall)
            "_git-release_hook_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_git-release_hook_install() {
    local -i ret=1
    local -ar _hook=('pre-push' 'commit-msg' 'pre-receive' 'all')
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':hook:{__git-release_complete "${_hook[@]}"}'
        '--server[Install the server'\''s hook (pre-receive) in a bare repository that receives pushes\: it refuses audit trails that git-release verify would refuse.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_hook_uninstall() {
    local -i ret=1
    local -ar _hook=('pre-push' 'commit-msg' 'pre-receive' 'all')
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':hook:{__git-release_complete "${_hook[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_where() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':revision:'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_amend() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':revision:'
        '--as[The corrected message, a Conventional Commit.]:message:'
        '--remove[Remove the commit'\''s correction.]'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_publish() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        ':tag:'
        '--package[The monorepo package (a \[package "NAME"\] section of .gitrelease).]:package:'
        '--forge[github, gitlab or gitea (forgejo, codeberg)\: overrides detection.]:forge:'
        '*--asset[A file to attach to the release (repeatable).]:file:'
        '--draft[Create the release as a draft (GitHub, Gitea).]'
        '--dry-run[Print each request that writes, with its body; send none of them.]'
        '--timeout[Seconds to wait for each answer (default 30, or GIT_RELEASE_HTTP_TIMEOUT).]:timeout:'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_notify() {
    local -i ret=1
    local -ar arg_specs=(
        '-C[Run as if started in <path>, as `git -C` does.]:path:'
        '--test[The \[notify "NAME"\] target to send a sample to.]:name:'
        '--json[Print JSON for machines instead of text.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_git-release_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _git-release ]]; then
    _git-release "${@}"
else
    compdef _git-release git-release
fi
