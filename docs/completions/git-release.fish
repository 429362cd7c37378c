function __git-release_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __git-release_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __git-release_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __git-release_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __git-release_parse_tokens -S
    set -l unparsed_tokens (__git-release_tokens -pc)
    switch $unparsed_tokens[1]
    case 'git-release'
        __git-release_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'current'
            __git-release_parse_subcommand 0 'C=' 'package=' 'json' 'version' 'h/help'
        case 'next'
            __git-release_parse_subcommand 0 'C=' 'pre=' 'build=' 'package=' 'as=' 'json' 'dotenv=' 'version' 'h/help'
        case 'notes'
            __git-release_parse_subcommand 1 'C=' 'package=' 'format=' 'template=' 'output=' 'include-hidden' 'json' 'dotenv=' 'version' 'h/help'
        case 'changelog'
            __git-release_parse_subcommand 0 'C=' 'output=' 'prepend' 'template=' 'format=' 'include-hidden' 'version' 'h/help'
        case 'tag'
            __git-release_parse_subcommand 0 'C=' 'pre=' 'build=' 'package=' 'as=' 'message-template=' 'sign' 'commit' 'push=' 'dry-run' 'json' 'dotenv=' 'version' 'h/help'
        case 'stamp'
            __git-release_parse_subcommand 0 'C=' 'version=' 'check' 'json' 'version' 'h/help'
        case 'promote'
            __git-release_parse_subcommand 1 'C=' 'to=' 'dry-run' 'at=' 'no-rollback-target' 'override' 'reason=' 'sign' 'json' 'version' 'h/help'
        case 'rollback'
            __git-release_parse_subcommand 1 'C=' 'to=' 'reason=' 'sign' 'json' 'version' 'h/help'
        case 'approve'
            __git-release_parse_subcommand 1 'C=' 'for=' 'note=' 'sign' 'json' 'version' 'h/help'
        case 'status'
            __git-release_parse_subcommand 0 'C=' 'json' 'version' 'h/help'
        case 'history'
            __git-release_parse_subcommand 1 'C=' 'limit=' 'since=' 'json' 'version' 'h/help'
        case 'windows'
            __git-release_parse_subcommand 1 'C=' 'at=' 'count=' 'json' 'version' 'h/help'
        case 'hold'
            __git-release_parse_subcommand 1 'C=' 'reason=' 'sign' 'json' 'version' 'h/help'
        case 'unhold'
            __git-release_parse_subcommand 1 'C=' 'reason=' 'sign' 'json' 'version' 'h/help'
        case 'block'
            __git-release_parse_subcommand 1 'C=' 'reason=' 'sign' 'json' 'version' 'h/help'
        case 'unblock'
            __git-release_parse_subcommand 1 'C=' 'reason=' 'sign' 'json' 'version' 'h/help'
        case 'diff'
            __git-release_parse_subcommand 2 'C=' 'json' 'version' 'h/help'
        case 'metrics'
            __git-release_parse_subcommand 0 'C=' 'env=' 'since=' 'until=' 'json' 'version' 'h/help'
        case 'dashboard'
            __git-release_parse_subcommand 0 'C=' 'output=' 'since=' 'until=' 'json' 'version' 'h/help'
        case 'verify'
            __git-release_parse_subcommand -r 1 'C=' 'json' 'version' 'h/help'
        case 'check'
            __git-release_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'pre-push'
                __git-release_parse_subcommand 2 'C=' 'json' 'version' 'h/help'
            case 'pre-receive'
                __git-release_parse_subcommand 0 'C=' 'json' 'version' 'h/help'
            case 'commit-msg'
                __git-release_parse_subcommand 1 'C=' 'json' 'version' 'h/help'
            case 'commits'
                __git-release_parse_subcommand 1 'C=' 'json' 'dotenv=' 'version' 'h/help'
            end
        case 'hook'
            __git-release_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'install'
                __git-release_parse_subcommand 1 'C=' 'server' 'version' 'h/help'
            case 'uninstall'
                __git-release_parse_subcommand 1 'C=' 'version' 'h/help'
            end
        case 'where'
            __git-release_parse_subcommand 1 'C=' 'json' 'version' 'h/help'
        case 'amend'
            __git-release_parse_subcommand 1 'C=' 'as=' 'remove' 'json' 'version' 'h/help'
        case 'publish'
            __git-release_parse_subcommand 1 'C=' 'package=' 'forge=' 'asset=+' 'draft' 'dry-run' 'timeout=' 'json' 'version' 'h/help'
        case 'notify'
            __git-release_parse_subcommand 0 'C=' 'test=' 'json' 'version' 'h/help'
        case 'help'
            __git-release_parse_subcommand -r 1 'version'
        end
    end
end

function __git-release_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __git-release_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __git-release_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __git-release_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__git-release_tokens -p)
    if test -z "$(__git-release_tokens -t)"
        set -l index (count (__git-release_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'git-release' -f
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'current' -d 'Print the current release tag reachable from HEAD.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'next' -d 'Print the tag the next release will carry.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'notes' -d 'Print release notes for unreleased commits or for a range.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'changelog' -d 'Write the changelog of the whole history, one section per release.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'tag' -d 'Create the annotated release tag for the next version on HEAD.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'stamp' -d 'Write the version into the files of .gitrelease\'s [file] sections.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'promote' -d 'Promote a release to an environment, behind its gates.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'rollback' -d 'Roll an environment back to the release that ran before.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'approve' -d 'Approve a release for an environment.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'status' -d 'Show what runs in each environment and what waits.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'history' -d 'Show the audit trail of promotions, approvals, rollbacks, holds and blocks.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'windows' -d 'Show the next release windows and freezes of an environment.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'hold' -d 'Stop every promotion to an environment until it is unheld.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'unhold' -d 'Lift the hold on an environment.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'block' -d 'Stop a release from being promoted anywhere until it is unblocked.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'unblock' -d 'Let a blocked release be promoted again.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'diff' -d 'Show the release notes of what differs between two environments.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'metrics' -d 'Measure deployments, lead time, change failure rate and time to restore.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'dashboard' -d 'Write a static HTML page of environments, promotions, metrics and windows.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'verify' -d 'Verify environments\' audit trails: signatures, signers and recorded gates.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'check' -d 'Check commits, tags and environment refs (for hooks and CI).'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'hook' -d 'Install or remove git-release\'s git hooks.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'where' -d 'Show which releases carry a change, and where it runs.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'amend' -d 'Correct a commit\'s message for releases, without rewriting history.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'publish' -d 'Create or update the forge\'s release for a tag (GitHub, GitLab, Gitea).'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'notify' -d 'Send a sample notification to a [notify "NAME"] webhook.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release current" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release current" package' -l 'package' -d 'The monorepo package (a [package "NAME"] section of .gitrelease).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release current" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release current" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release current" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release next" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release next" pre' -l 'pre' -d 'Pre-release channel, e.g. rc for v1.4.0-rc.1.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release next" build' -l 'build' -d 'Build metadata to append, e.g. a build number.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release next" package' -l 'package' -d 'The monorepo package (a [package "NAME"] section of .gitrelease).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release next" as' -l 'as' -d 'Check this version instead of the computed one (1.4.0 or v1.4.0), as tag --as would.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release next" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release next" dotenv' -l 'dotenv' -d 'Also append outputs to this dotenv file (GitLab CI reports); or set GIT_RELEASE_DOTENV.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release next" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release next" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release notes" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release notes" package' -l 'package' -d 'The monorepo package.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release notes" format' -l 'format' -d 'markdown, text (as in a tag message) or json.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release notes" template' -l 'template' -d 'A Mustache template file to render instead of the default.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release notes" output' -l 'output' -d 'Write to this file instead of standard output.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release notes" include-hidden' -l 'include-hidden' -d 'Also list hidden types (docs, chore, ...) and commits that are not Conventional Commits.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release notes" json' -l 'json' -d 'Print JSON for machines (the same as --format json).'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release notes" dotenv' -l 'dotenv' -d 'Also append outputs to this dotenv file (GitLab CI reports); or set GIT_RELEASE_DOTENV.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release notes" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release notes" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release changelog" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release changelog" output' -l 'output' -d 'Write to this file instead of standard output.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release changelog" prepend' -l 'prepend' -d 'Add only the releases the output file does not have yet.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release changelog" template' -l 'template' -d 'A Mustache template file to render instead of the default.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release changelog" format' -l 'format' -d 'markdown or json.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release changelog" include-hidden' -l 'include-hidden' -d 'Also list hidden types and commits that are not Conventional Commits.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release changelog" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release changelog" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release tag" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release tag" pre' -l 'pre' -d 'Pre-release channel, e.g. rc.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release tag" build' -l 'build' -d 'Build metadata to append.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release tag" package' -l 'package' -d 'The monorepo package.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release tag" as' -l 'as' -d 'Release this version instead of the computed one (1.4.0 or v1.4.0).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release tag" message-template' -l 'message-template' -d 'A Mustache template for the tag message.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release tag" sign' -l 'sign' -d 'Sign the tag as `git tag -s` would.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release tag" commit' -l 'commit' -d 'Stamp the version files and commit them (and the changelog) before tagging.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release tag" push' -l 'push' -d 'Push the tag to a remote with git push (origin when no remote is named).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release tag" dry-run' -l 'dry-run' -d 'Show what would be written; write nothing.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release tag" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release tag" dotenv' -l 'dotenv' -d 'Also append outputs to this dotenv file (GitLab CI reports); or set GIT_RELEASE_DOTENV.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release tag" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release tag" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release stamp" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release stamp" version' -l 'version' -d 'Write (or check) this version instead of the next (1.4.0 or v1.4.0).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release stamp" check' -l 'check' -d 'Compare the files with the current release; write nothing.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release stamp" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release stamp" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release stamp" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release promote" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release promote" to' -l 'to' -d 'The environment to promote to.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release promote" dry-run' -l 'dry-run' -d 'Evaluate the gates; record nothing.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release promote" at' -l 'at' -d 'With --dry-run: evaluate the gates as at this time (ISO 8601, or a local time and a zone: "2026-12-01 09:30 Australia/Adelaide").' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release promote" no-rollback-target' -l 'no-rollback-target' -d 'Acknowledge that this first promotion to the environment has no rollback target.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release promote" override' -l 'override' -d 'Promote through a closed window or a freeze (needs --reason).'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release promote" reason' -l 'reason' -d 'Why: recorded with the promotion (required with --override).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release promote" sign' -l 'sign' -d 'Sign the event with your git signing key (always done where signed = true).'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release promote" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release promote" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release promote" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release rollback" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release rollback" to' -l 'to' -d 'An earlier release that ran there.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release rollback" reason' -l 'reason' -d 'Why: recorded with the rollback.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release rollback" sign' -l 'sign' -d 'Sign the event with your git signing key (always done where signed = true).'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release rollback" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release rollback" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release rollback" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release approve" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release approve" for' -l 'for' -d 'The environment.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release approve" note' -l 'note' -d 'A note kept with the approval.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release approve" sign' -l 'sign' -d 'Sign the event with your git signing key (always done where signed = true).'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release approve" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release approve" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release approve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release status" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release status" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release status" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release history" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release history" limit' -l 'limit' -d 'Show at most this many events (the newest).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release history" since' -l 'since' -d 'Only events from this time on (a date, 2026-11-01, read as UTC; or a time as promote --at takes it).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release history" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release history" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release history" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release windows" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release windows" at' -l 'at' -d 'Look from this time instead of now (as promote --at takes it).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release windows" count' -l 'count' -d 'How many allowed periods to list.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release windows" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release windows" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release windows" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release hold" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release hold" reason' -l 'reason' -d 'Why: recorded with the hold, and shown by every promotion it refuses.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release hold" sign' -l 'sign' -d 'Sign the event with your git signing key (always done where signed = true).'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release hold" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release hold" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release hold" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release unhold" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release unhold" reason' -l 'reason' -d 'Why: recorded with the event.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release unhold" sign' -l 'sign' -d 'Sign the event with your git signing key (always done where signed = true).'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release unhold" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release unhold" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release unhold" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release block" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release block" reason' -l 'reason' -d 'Why: recorded with the block, and shown by every promotion it refuses.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release block" sign' -l 'sign' -d 'Sign the event with your git signing key.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release block" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release block" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release block" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release unblock" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release unblock" reason' -l 'reason' -d 'Why: recorded with the event.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release unblock" sign' -l 'sign' -d 'Sign the event with your git signing key.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release unblock" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release unblock" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release unblock" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release diff" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release diff" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release diff" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release metrics" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release metrics" env' -l 'env' -d 'Only this environment.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release metrics" since' -l 'since' -d 'Start of the period: a duration before --until (30d, 12w, 36h) or a date (2026-11-01).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release metrics" until' -l 'until' -d 'End of the period (default: now).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release metrics" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release metrics" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release metrics" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release dashboard" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release dashboard" output' -l 'output' -d 'The folder to write index.html in.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release dashboard" since' -l 'since' -d 'Start of the period: a duration before --until (30d, 12w) or a date (2026-11-01).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release dashboard" until' -l 'until' -d 'End of the period (default: now).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release dashboard" json' -l 'json' -d 'Also print, as JSON, what the page was built from.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release dashboard" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release dashboard" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release verify" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release verify" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release verify" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release check" -eq 1' -fa 'pre-push' -d 'Check what a push sends (the pre-push hook).'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release check" -eq 1' -fa 'pre-receive' -d 'Refuse pushed audit trails that verify would refuse (the server\'s hook).'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release check" -eq 1' -fa 'commit-msg' -d 'Check a commit message file (the commit-msg hook).'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release check" -eq 1' -fa 'commits' -d 'Check the commit messages of a range (default: the unreleased commits).'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check pre-push" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check pre-push" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check pre-push" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check pre-push" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check pre-receive" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check pre-receive" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check pre-receive" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check pre-receive" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check commit-msg" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check commit-msg" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check commit-msg" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check commit-msg" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check commits" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check commits" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check commits" dotenv' -l 'dotenv' -d 'Also append outputs to this dotenv file (GitLab CI reports); or set GIT_RELEASE_DOTENV.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check commits" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release check commits" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release hook" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release hook" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release hook" -eq 1' -fa 'install' -d 'Install hooks into this repository.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release hook" -eq 1' -fa 'uninstall' -d 'Remove hooks, restoring what was there.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release hook install" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release hook install" -eq 1' -fka 'pre-push commit-msg pre-receive all'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release hook install" server' -l 'server' -d 'Install the server\'s hook (pre-receive) in a bare repository that receives pushes: it refuses audit trails that git-release verify would refuse.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release hook install" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release hook install" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release hook uninstall" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_positional "git-release hook uninstall" -eq 1' -fka 'pre-push commit-msg pre-receive all'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release hook uninstall" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release hook uninstall" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release where" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release where" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release where" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release where" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release amend" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release amend" as' -l 'as' -d 'The corrected message, a Conventional Commit.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release amend" remove' -l 'remove' -d 'Remove the commit\'s correction.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release amend" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release amend" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release amend" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release publish" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release publish" package' -l 'package' -d 'The monorepo package (a [package "NAME"] section of .gitrelease).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release publish" forge' -l 'forge' -d 'github, gitlab or gitea (forgejo, codeberg): overrides detection.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release publish"' -l 'asset' -d 'A file to attach to the release (repeatable).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release publish" draft' -l 'draft' -d 'Create the release as a draft (GitHub, Gitea).'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release publish" dry-run' -l 'dry-run' -d 'Print each request that writes, with its body; send none of them.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release publish" timeout' -l 'timeout' -d 'Seconds to wait for each answer (default 30, or GIT_RELEASE_HTTP_TIMEOUT).' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release publish" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release publish" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release publish" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release notify" C' -s 'C' -d 'Run as if started in <path>, as `git -C` does.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release notify" test' -l 'test' -d 'The [notify "NAME"] target to send a sample to.' -rfka ''
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release notify" json' -l 'json' -d 'Print JSON for machines instead of text.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release notify" version' -l 'version' -d 'Show the version.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release notify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'git-release' -n '__git-release_should_offer_completions_for_flags_or_options "git-release help" version' -l 'version' -d 'Show the version.'
