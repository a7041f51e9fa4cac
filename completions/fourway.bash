# bash completion for fourway(1)                             -*- shell-script -*-
#
# The candidates come from the program itself (`fourway __complete N
# WORDS...`), which reads the option tables its parser uses: only the
# options each command takes, and values (scenario names, link types,
# interface names).  A line "@files" asks for file names as well; they are
# completed with bash-completion's _filedir when it is loaded, plain compgen
# otherwise.

_fourway_files()
{
    if declare -F _filedir >/dev/null; then
        _filedir
    else
        local IFS=$'\n'
        COMPREPLY+=($(compgen -f -- "$cur"))
    fi
}

_fourway()
{
    local cur prog line files=
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prog=${COMP_WORDS[0]}
    command -v "$prog" >/dev/null 2>&1 || prog=fourway

    while IFS= read -r line; do
        case $line in
        @files) files=1 ;;
        '') ;;
        *) COMPREPLY+=("$line") ;;
        esac
    done < <("$prog" __complete "$COMP_CWORD" "${COMP_WORDS[@]}" 2>/dev/null)

    [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
    [[ -n $files ]] && _fourway_files
    return 0
} &&
    complete -F _fourway fourway

# ex: filetype=sh
