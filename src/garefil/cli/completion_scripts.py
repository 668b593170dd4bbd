"""The completion script of each shell, and where each shell looks for it in a coach's HOME.

Each script only hands the words typed to `garefil` itself (cli/completion.py answers) and puts
the answer on the line, so that it never needs changing when commands or notes change: a new
command completes as soon as garefil knows it.
"""

from __future__ import annotations

BASH = r"""# garefil : complétion pour bash (écrite par `garefil completion install bash`)
_garefil() {
    local -a answer
    mapfile -t answer < <(_GAREFIL_COMPLETE=bash _GAREFIL_LINE="${COMP_LINE:0:COMP_POINT}" \
        _GAREFIL_WORD="${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[0]}" 2>/dev/null)
    if [[ ${answer[0]} == files ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "${COMP_WORDS[COMP_CWORD]}")
        return 0
    fi
    COMPREPLY=("${answer[@]:1}")
    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *[/=-] ]]; then
        compopt -o nospace 2>/dev/null  # a group of notes (2024-, cr/2024/), a KEY=: go on
    fi
    return 0
}
complete -F _garefil garefil
"""

ZSH = r"""#compdef garefil
# garefil : complétion pour zsh (écrite par `garefil completion install zsh`)
_garefil() {
    local -a answer values shown groups
    local line value
    answer=("${(@f)$(_GAREFIL_COMPLETE=zsh ${words[1]} "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    if [[ ${answer[1]} == files ]]; then
        _files
        return
    fi
    for line in "${(@)answer[2,-1]}"; do
        [[ -n $line ]] || continue
        value=${line%%$'\t'*}
        if [[ $value == *[/=-] ]]; then
            groups+=("$value")  # a group of notes (2024-, cr/2024/), a KEY=: no space after it
        else
            values+=("$value")
            [[ $line == *$'\t'* ]] && shown+=("$value  -- ${line#*$'\t'}") || shown+=("$value")
        fi
    done
    (( ${#groups} )) && compadd -U -S '' -a groups
    (( ${#values} )) && compadd -U -l -d shown -a values
}
if [[ ${funcstack[1]} == _garefil ]]; then
    _garefil "$@"
else
    compdef _garefil garefil
fi
"""

FISH = r"""# garefil : complétion pour fish (écrite par `garefil completion install fish`)
function __garefil_complete
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    set -l answer (env _GAREFIL_COMPLETE=fish $words "$current" 2>/dev/null)
    if test "$answer[1]" = files
        __fish_complete_path "$current"
        return
    end
    printf '%s\n' $answer[2..-1]
end
complete -c garefil -f -a '(__garefil_complete)'
"""

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}
