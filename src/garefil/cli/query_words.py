"""Which words of a query command's line are options, and which are words to find.

Kept apart from the command declarations (localized.py), which import Typer: the quick path of
the read commands (quick.py) splits the same way without it.
"""

from __future__ import annotations

# garefil's own -C, written after the command: an option (which Click then refuses, saying
# where it goes), not « c » to leave out and a folder to search for.
_MISPLACED = {"-C": True}


def split_words(args: list[str], arity: dict[str, bool]) -> tuple[list[str], list[str]]:
    """(options with their values, free words), in the order given. An option that takes a
    value and has none left ends the options (and the words are dropped: Click then says the
    value is missing, rather than take the words for it)."""
    arity = {**_MISPLACED, **arity}
    options: list[str] = []
    words: list[str] = []
    pending = iter(args)
    for arg in pending:
        name = arg.split("=", 1)[0] if arg.startswith("-") else arg
        if arg == "--":
            words.extend(pending)
        elif name in arity or (arg.startswith("--") and len(arg) > 2):
            options.append(arg)  # an unknown --long option stays one, so Click names the typo
            value = next(pending, None) if arity.get(arg) else None
            if value is None and arity.get(arg):
                return options, []  # `search acre -t`: the value is missing, said by Click
            if value is not None:  # the value may itself start with '-': it is the option's
                options.append(value)
        elif arity.get(arg[:2]) and arg[2:].isdigit():
            options.append(arg)  # -n5; but -entreprise is a word, not -e with "ntreprise"
        else:
            words.append(arg)
    return options, words
