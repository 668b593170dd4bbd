"""The agenda of a meeting whose note is written, brought up to date until the meeting.

A meeting note is prepared days ahead, or on the day itself; requests are taken, actions done
and subjects proposed meanwhile. `reunion preparer` run again refreshes the agenda's gathered
points (core/agenda_refresh.py), taking in the subjects queued meanwhile.
"""

from __future__ import annotations

from datetime import datetime

from garefil.core import agenda as agenda_core
from garefil.core import agenda_refresh
from garefil.core import notes as notes_core
from garefil.core.errors import GarefilError
from garefil.core.model import Listing, Note
from garefil.core.notebook import Notebook
from garefil.i18n import _, ngettext, recorded

from . import render
from .context import Services
from .shown_dates import long_date


def gathered(
    services: Services,
    notebook: Notebook,
    listing: Listing,
    subjects: list[agenda_core.Subject],
    start: datetime,
) -> agenda_core.Agenda:
    """What the meeting of `start` has to look at now, requests in the order they came."""
    from garefil.core.requests import undecided

    waiting = undecided(agenda_core.unassigned(listing.notes, notebook.config))
    recorded_times = services.recorded_times(notebook, waiting)
    return agenda_core.gather(
        listing.notes, subjects, start.date(), notebook.config, recorded_times
    )


def refresh(
    services: Services, notebook: Notebook, listing: Listing, note: Note, start: datetime
) -> None:
    """Bring the agenda of the meeting note `note` up to date; the queued subjects go into it."""
    subjects = agenda_core.queued(notebook)
    agenda = gathered(services, notebook, listing, subjects, start)
    text = notebook.read_exact(note.path)
    done = agenda_refresh.refresh(text, agenda, agenda_refresh.known_lines(listing.notes))
    day = long_date(start.date())
    if done.text == text and not subjects:
        render.success(
            _("The agenda of the meeting of {day} is up to date: {path}").format(
                day=day, path=note.path
            )
        )
        return
    _write(services, notebook, note, done.text, subjects, recorded("agenda brought up to date"))
    render.success(
        _("Agenda of the meeting of {day} brought up to date ({changes}): {path}").format(
            day=day, changes=_changes(done), path=note.path
        )
    )


def _changes(done: agenda_refresh.Refreshed) -> str:
    added = ngettext("{n} item added", "{n} items added", done.added).format(n=done.added)
    removed = ngettext("{n} removed", "{n} removed", done.removed).format(n=done.removed)
    return f"{added}, {removed}"


def subjects_of(notebook: Notebook, note: Note) -> list[str]:
    """The subjects the agenda of the meeting note `note` lists."""
    try:
        return agenda_refresh.subjects_in(notebook.read_exact(note.path))
    except (OSError, GarefilError):
        return []


def _write(services, notebook, note, text, subjects, what: str) -> None:
    """Replace the note's text (atomically), take the queued subjects out of the queue, and
    record both in one commit."""
    notebook.replace(note.path, text)
    for subject in subjects:
        notebook.remove(subject.path)
    paths = [notebook.absolute(note.path)] + [notebook.absolute(s.path) for s in subjects]
    services.repository(notebook.root).commit(paths, notes_core.commit_message(note, f" — {what}"))
