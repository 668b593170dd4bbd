"""The notes a command has saved so far, so that Ctrl-C is told truthfully.

Ctrl-C may come just after a note is written (while git records it, or while the index is
brought up to date): "nothing was changed" would then make the coach write it a second time.
Each command that writes a note says so here the moment the file is in place; the one error
translator (app.py) names those notes when an interruption comes.
"""

from __future__ import annotations

from garefil.i18n import _, ngettext

_saved: list[str] = []
NAMED = 3  # notes named in the message; the others counted


def forget() -> None:
    """A new command starts: nothing saved yet (tests run many commands in one process)."""
    _saved.clear()


def saved(path: str) -> None:
    """The note at `path` (relative to the notebook) is written, whatever happens next."""
    _saved.append(path)


def write_new(notebook, path: str, text: str) -> None:
    """Create the note at `path` (as notebook.write_new does) and remember it is saved, even
    when Ctrl-C comes as the file is being put in place."""
    try:
        notebook.write_new(path, text)
    except KeyboardInterrupt:
        if notebook.absolute(path).exists():  # linked just before the signal: it is written
            saved(path)
        raise
    saved(path)


def when_interrupted(default: str) -> str:
    """What to say when Ctrl-C stops the command: the notes saved already, else `default`."""
    if not _saved:
        return _(default)
    return ngettext(
        "Interrupted after {paths} was saved: it is in the notebook, do not write it again.",
        "Interrupted after {paths} were saved: they are in the notebook, do not write them again.",
        len(_saved),
    ).format(paths=_first_few(list(dict.fromkeys(_saved))))


def _first_few(paths: list[str]) -> str:
    """The first NAMED of `paths`, then how many more: one line, however many (an import)."""
    if len(paths) <= NAMED:
        return ", ".join(paths)
    more = ngettext("{n} other", "{n} others", len(paths) - NAMED).format(n=len(paths) - NAMED)
    return ", ".join(paths[:NAMED]) + _(" and ") + more
