"""The completion script of each shell, and where each shell looks for it in a coach's HOME.

Each script only hands the words typed to `garefil` itself (cli/completion.py answers) and puts
the answer on the line, so that it never needs changing when commands or notes change: a new
command completes as soon as garefil knows it.
"""

from __future__ import annotations

BASH = r"""# garefil : complétion pour bash (écrite par `garefil completion install bash`)
_garefil() {
    local -a answer
    local word=${COMP_WORDS[COMP_CWORD]}
    # Right after '=' or ':' (--statut=, tag:), bash's word is that sign, but readline
    # completes the empty text after it: what is proposed must not repeat the sign.
    [[ $word == [=:] ]] && word=
    mapfile -t answer < <(_GAREFIL_COMPLETE=bash _GAREFIL_LINE="${COMP_LINE:0:COMP_POINT}" \
        _GAREFIL_WORD="$word" "${COMP_WORDS[0]}" 2>/dev/null)
    if [[ ${answer[0]} == files ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$word")
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

# fish keeps the proposals that match the word as typed, accents included: « jer » drops
# « Jérôme ». This Tab, for garefil's lines only, first puts in the word the part all of
# garefil's proposals share (garefil ignores accents), then lets fish complete as usual. It is
# read at start-up (conf.d), so it serves from the first Tab; bindings a coach sets in
# fish_user_key_bindings come after it and win.
FISH_KEYS = r"""# garefil : Tab sans accents pour fish (écrit par `garefil completion install fish`)
function __garefil_tab
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    if test "$words[1]" = garefil; and test -n "$current"
        set -l answer (env _GAREFIL_COMPLETE=fish $words "$current" 2>/dev/null)
        set -l values
        for line in $answer[2..-1]
            set -a values (string split -m 1 \t -- $line)[1]
        end
        if test (count $values) -gt 0; and not __garefil_any_has $current $values
            __garefil_put (__garefil_shared $values) $current
        end
    end
    commandline -f complete
end
function __garefil_any_has --description 'whether a value holds the word (case aside)'
    for value in $argv[2..-1]
        test (string replace -i -- $argv[1] "" $value) != "$value"; and return 0
    end
    return 1
end
function __garefil_shared --description 'the start all the values share'
    set -l shared $argv[1]
    for value in $argv[2..-1]
        while test -n "$shared"
            and test (string sub -l (string length -- $shared) -- $value) != "$shared"
            set shared (string sub -e -1 -- $shared)
        end
    end
    echo $shared
end
function __garefil_put --description 'the word replaced by its accented start'
    test -n "$argv[1]"; or return
    set -l start (math (commandline -C) - (string length -- "$argv[2]"))
    set -l typed (string escape --no-quoted -- $argv[1])
    commandline -rt -- $typed
    commandline -C (math $start + (string length -- $typed))
end
if status is-interactive
    bind \t __garefil_tab
    bind -M insert \t __garefil_tab 2>/dev/null
end
"""

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}
KEYS = {"fish": FISH_KEYS}  # a second file, read at start-up
