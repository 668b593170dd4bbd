"""When nothing is found, a tag asked for that no note carries is said, with the close ones:
a typo (`--tag urssf`) otherwise reads as « no note matches », as if the notes were missing."""

from __future__ import annotations

from collections.abc import Iterable

from garefil.i18n import _

from . import render


def say_unknown(asked: Iterable[str], carried: Iterable[tuple[str, int]], query=False) -> None:
    """One hint per tag of `asked` that no note carries (`carried`: each tag, its count); in a
    `query`, a tag that starts a longer one (« tag:Pôle Emploi ») is shown written in quotes."""
    from difflib import get_close_matches  # only when nothing was found

    known = sorted(tag for tag, count in carried if count)
    for tag in dict.fromkeys(asked):
        if tag in known:
            continue
        longer = [k for k in known if k.startswith(f"{tag}-")]
        if query and longer:
            example = _pasted_search('tag:"' + longer[0].replace("-", " ") + '"')
            render.hint(
                _("a tag of several words is written in quotes: {example}").format(example=example)
            )
            continue
        close = longer[:3] or get_close_matches(tag, known, n=3, cutoff=0.6)
        if close:
            said = _("no note has the tag {tag}: did you mean {close}? `garefil tags` lists them")
        else:
            said = _("no note has the tag {tag}: `garefil tags` lists them")
        render.hint(said.format(tag=f"« {tag} »", close=", ".join(close)))


def _pasted_search(query: str) -> str:
    """The command that searches `query` when pasted into a shell: the shell takes off the
    quotes of `search tag:"pole emploi"`, and garefil would read « tag:pole emploi » again."""
    from shlex import quote

    return f"garefil search {quote(query)}"
