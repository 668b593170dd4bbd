"""What `garefil index` does once its command line is read (declared in index_cmd.py): bring
the index up to date and say what changed. Without Typer, so that the quick path of the read
commands (quick.py) runs it as it is.
"""

from __future__ import annotations

from garefil.core.index_model import Tally
from garefil.core.indexing import MAX_INDEXED_CHARS
from garefil.core.text import megabytes
from garefil.i18n import _, ngettext

from . import render
from .common import fresh_index
from .context import Services


def index(services: Services, rebuild: bool = False, as_json: bool = False) -> None:
    """Bring the index of the notebook up to date (from scratch with `rebuild`), then say
    what it holds and what changed, in words or as JSON."""
    report = fresh_index(services, services.notebook(), rebuild=rebuild)
    problems, cut = report.problems(), report.cut()
    render.problems(problems)
    searched_in_part(report.cut_sizes() if cut else [])
    tally = report.tally()
    summary = {
        "notes": tally.notes,
        "added": report.added,
        "updated": report.updated,
        "removed": report.removed,
        "unchanged_content": report.unchanged_content,
        "unreadable": tally.unreadable,
        "rebuilt": report.rebuilt_because is not None,
        "cut": list(cut),
        "links_skipped": tally.links,
        "conflict_copies": tally.conflict_copies,
        "files": report.files,
    }
    if as_json:
        render.emit_json(summary)
        return
    render.info(
        ngettext("{n} note in the index", "{n} notes in the index", tally.notes).format(
            n=tally.notes
        )
    )
    other_files(tally)
    render.info(_("added {added}, updated {updated}, removed {removed}").format(**summary))


def searched_in_part(cut: list[tuple[str, int]]) -> None:
    """One line for each note too long to be searched whole, with its size: a word past its
    beginning is found nowhere, and the coach must know where else to look."""
    said = _(
        "{path} ({size} MB): only its first {limit} characters are searched; "
        "look further in the note itself"
    )
    limit = f"{MAX_INDEXED_CHARS:,}".replace(",", " ")
    for path, size in cut:
        render.problem_line(said.format(path=path, size=megabytes(size), limit=limit))


def other_files(tally: Tally) -> None:
    """The indexed files that are not notes, each kind on its line (none when there are none)."""
    kinds = (
        (
            tally.unreadable,
            ngettext("{n} unreadable file", "{n} unreadable files", tally.unreadable),
        ),
        (
            tally.links,
            ngettext("{n} symbolic link skipped", "{n} symbolic links skipped", tally.links),
        ),
        (
            tally.conflict_copies,
            ngettext(
                "{n} conflict copy waiting: see `garefil status`",
                "{n} conflict copies waiting: see `garefil status`",
                tally.conflict_copies,
            ),
        ),
        (tally.cut, ngettext("{n} note cut", "{n} notes cut", tally.cut)),
    )
    for count, message in kinds:
        if count:
            render.info(message.format(n=count))
