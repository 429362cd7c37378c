#!/bin/bash

__git-release_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__git-release_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__git-release_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__git-release_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_git-release() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __git-release_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    current|next|notes|changelog|tag|stamp|promote|rollback|approve|status|history|windows|hold|unhold|block|unblock|diff|metrics|dashboard|verify|check|hook|where|amend|publish|notify|help)
        # Offer subcommand argument completions
        "_git-release_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'current next notes changelog tag stamp promote rollback approve status history windows hold unhold block unblock diff metrics dashboard verify check hook where amend publish notify help' -- "${cur}"))
        ;;
    esac
}

_git-release_current() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --package)
    __git-release_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--package')
        return
        ;;
    esac
}

_git-release_next() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --pre --build --package --as --dotenv)
    __git-release_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--pre')
        return
        ;;
    '--build')
        return
        ;;
    '--package')
        return
        ;;
    '--as')
        return
        ;;
    '--dotenv')
        return
        ;;
    esac
}

_git-release_notes() {
    repeating_flags=()
    non_repeating_flags=(--include-hidden --json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --package --format --template --output --dotenv)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--package')
        return
        ;;
    '--format')
        return
        ;;
    '--template')
        return
        ;;
    '--output')
        return
        ;;
    '--dotenv')
        return
        ;;
    esac
}

_git-release_changelog() {
    repeating_flags=()
    non_repeating_flags=(--prepend --include-hidden --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --output --template --format)
    __git-release_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--output')
        return
        ;;
    '--template')
        return
        ;;
    '--format')
        return
        ;;
    esac
}

_git-release_tag() {
    repeating_flags=()
    non_repeating_flags=(--sign --commit --dry-run --json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --pre --build --package --as --message-template --push --dotenv)
    __git-release_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--pre')
        return
        ;;
    '--build')
        return
        ;;
    '--package')
        return
        ;;
    '--as')
        return
        ;;
    '--message-template')
        return
        ;;
    '--push')
        return
        ;;
    '--dotenv')
        return
        ;;
    esac
}

_git-release_stamp() {
    repeating_flags=()
    non_repeating_flags=(--check --json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --version)
    __git-release_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--version')
        return
        ;;
    esac
}

_git-release_promote() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --no-rollback-target --override --sign --json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --to --at --reason)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--to')
        return
        ;;
    '--at')
        return
        ;;
    '--reason')
        return
        ;;
    esac
}

_git-release_rollback() {
    repeating_flags=()
    non_repeating_flags=(--sign --json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --to --reason)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--to')
        return
        ;;
    '--reason')
        return
        ;;
    esac
}

_git-release_approve() {
    repeating_flags=()
    non_repeating_flags=(--sign --json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --for --note)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--for')
        return
        ;;
    '--note')
        return
        ;;
    esac
}

_git-release_status() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C)
    __git-release_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    esac
}

_git-release_history() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --limit --since)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--limit')
        return
        ;;
    '--since')
        return
        ;;
    esac
}

_git-release_windows() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --at --count)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--at')
        return
        ;;
    '--count')
        return
        ;;
    esac
}

_git-release_hold() {
    repeating_flags=()
    non_repeating_flags=(--sign --json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --reason)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--reason')
        return
        ;;
    esac
}

_git-release_unhold() {
    repeating_flags=()
    non_repeating_flags=(--sign --json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --reason)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--reason')
        return
        ;;
    esac
}

_git-release_block() {
    repeating_flags=()
    non_repeating_flags=(--sign --json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --reason)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--reason')
        return
        ;;
    esac
}

_git-release_unblock() {
    repeating_flags=()
    non_repeating_flags=(--sign --json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --reason)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--reason')
        return
        ;;
    esac
}

_git-release_diff() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C)
    __git-release_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    esac
}

_git-release_metrics() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --env --since --until)
    __git-release_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--env')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    esac
}

_git-release_dashboard() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --output --since --until)
    __git-release_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--output')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    esac
}

_git-release_verify() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C)
    __git-release_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    esac
}

_git-release_check() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __git-release_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    pre-push|pre-receive|commit-msg|commits)
        # Offer subcommand argument completions
        "_git-release_check_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'pre-push pre-receive commit-msg commits' -- "${cur}"))
        ;;
    esac
}

_git-release_check_pre-push() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C)
    __git-release_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    esac
}

_git-release_check_pre-receive() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C)
    __git-release_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    esac
}

_git-release_check_commit-msg() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    esac
}

_git-release_check_commits() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --dotenv)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--dotenv')
        return
        ;;
    esac
}

_git-release_hook() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __git-release_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    install|uninstall)
        # Offer subcommand argument completions
        "_git-release_hook_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'install uninstall' -- "${cur}"))
        ;;
    esac
}

_git-release_hook_install() {
    repeating_flags=()
    non_repeating_flags=(--server --version -h --help)
    repeating_options=()
    non_repeating_options=(-C)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __git-release_add_completions -W 'pre-push'$'\n''commit-msg'$'\n''pre-receive'$'\n''all'
        return
        ;;
    esac
}

_git-release_hook_uninstall() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(-C)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __git-release_add_completions -W 'pre-push'$'\n''commit-msg'$'\n''pre-receive'$'\n''all'
        return
        ;;
    esac
}

_git-release_where() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    esac
}

_git-release_amend() {
    repeating_flags=()
    non_repeating_flags=(--remove --json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --as)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--as')
        return
        ;;
    esac
}

_git-release_publish() {
    repeating_flags=()
    non_repeating_flags=(--draft --dry-run --json --version -h --help)
    repeating_options=(--asset)
    non_repeating_options=(-C --package --forge --timeout)
    __git-release_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--package')
        return
        ;;
    '--forge')
        return
        ;;
    '--asset')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_git-release_notify() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --test)
    __git-release_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--test')
        return
        ;;
    esac
}

_git-release_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __git-release_offer_flags_options -1
}

complete -o filenames -F _git-release git-release

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
