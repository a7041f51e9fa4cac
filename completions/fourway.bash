# bash completion for fourway(1)                             -*- shell-script -*-
#
# The subcommands and their options are asked from the program itself
# (`fourway --help`, `fourway help COMMAND`), so the completion follows the
# binary it completes for.  Uses bash-completion's _filedir when loaded,
# plain compgen otherwise.

# The subcommands listed under "Commands:" in `fourway --help`.
_fourway_commands()
{
    "$1" --help 2>/dev/null |
        sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p'
}

# The options of one subcommand: the option lines of its usage text (those
# that start with a dash), not options of other programs named in the prose.
_fourway_options()
{
    "$1" help "$2" 2>/dev/null |
        grep -E '^ +-' | cut -c1-24 |
        grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z0-9-]*(\[?=)?' |
        sed -e 's/^[ ,]//' -e 's/\[=$/=/' | sort -u
}

_fourway_files()
{
    if declare -F _filedir >/dev/null; then
        _filedir "$@"
    else
        local IFS=$'\n'
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}

_fourway()
{
    local cur prev prog cmd i
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    prog=${COMP_WORDS[0]}
    command -v "$prog" >/dev/null 2>&1 || prog=fourway

    # the subcommand: the first word after the program that is not an option
    cmd=
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -*) ;;
        *) cmd=${COMP_WORDS[i]}; break ;;
        esac
    done

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W '--help --version' -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_fourway_commands "$prog")" -- "$cur"))
        fi
        return
    fi

    case $cmd in
    help)
        [[ $COMP_CWORD -eq $((i + 1)) ]] &&
            COMPREPLY=($(compgen -W "$(_fourway_commands "$prog" | grep -vxE 'help')" -- "$cur"))
        return
        ;;
    codes)
        COMPREPLY=($(compgen -W '--implemented --help' -- "$cur"))
        return
        ;;
    esac

    # the value of the option before the cursor
    case $prev in
    --key-file | --keylog | --log | -r | -w | -o | --output | --policy | --baseline)
        _fourway_files
        return
        ;;
    --pmk | --msk | --passphrase | --ssid | --bssid | --sta | --channel | --freq)
        return
        ;;
    esac
    if [[ $cur == --color=* || $cur == --colour=* ]]; then
        COMPREPLY=($(compgen -P "${cur%%=*}=" -W 'auto always never' -- "${cur#*=}"))
        return
    fi

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_fourway_options "$prog" "$cmd")" -- "$cur"))
        [[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
        return
    fi
    _fourway_files
} &&
    complete -F _fourway fourway

# ex: filetype=sh
