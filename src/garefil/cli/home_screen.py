"""`garefil` alone: the home screen, what matters now for the coach (core/home.py).

Outside a notebook there is nothing to show but the help, as before.
"""

from __future__ import annotations

import sys
import threading
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

import typer

from garefil.core import clock
from garefil.core import home as core
from garefil.core.addresses import another_notebook_there
from garefil.core.followup import Due
from garefil.core.model import Note
from garefil.i18n import _, ngettext

from . import labels, render
from .common import refreshed_with_copies
from .context import Services
from .followup_cmd import _kind
from .shown_dates import long_date

T = TypeVar("T")


def show_home(ctx: typer.Context, team: bool) -> None:
    """Draw the home screen of the notebook here; outside any notebook, the three ways on."""
    services: Services = ctx.obj
    # Outside a notebook, the refusal every command gives (its hint, the ways on), not the
    # commands' help, which would bury the one step to take.
    notebook = services.notebook()
    # git answers the glance's questions on the other core while the notes are read here.
    glancing = _in_background(lambda: services.glance(notebook))
    services.reports_conflicts = True  # the screen has its own line
    report, listing, copies = refreshed_with_copies(services, notebook)
    conflicts = len(report.conflicts())
    glance = glancing()
    named = services.settings(notebook, keys=("nom",))["nom"].value
    me = core.who_am_i(str(named) if named else None, glance.user_name, notebook.config)
    now = clock.now()
    recorded = partial(services.recorded_times, notebook)  # asked only of same-day requests
    written = partial(services.written_times, notebook)  # asked only of old drafts
    found = core.home(
        listing.notes,
        notebook.config,
        glance,
        me,
        now.date(),
        team,
        now,
        conflicts,
        recorded,
        written,
        copies,
    )
    lines = [_greeting(found, notebook.config.name), *_unsigned(found), ""]
    lines += _conflicts(found) + _due(found) + _meeting(found) + _waiting(found, notebook.root)
    lines += _incoming(found)
    lines += _to_share(found, notebook.root)
    lines += ["", _("Next, perhaps:"), *(f"  {_(command)}" for command in found.next_commands)]
    sys.stdout.write("\n".join(render.visible(line) for line in lines) + "\n")


def _in_background(work: Callable[[], T]) -> Callable[[], T]:
    """Start `work` in a thread; the function returned waits for its result (or its error).
    Only for work that waits on other processes (git), which lets the GIL go meanwhile.
    Not concurrent.futures: it imports logging, 15 ms of the 300 the home screen may take."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append((work(), None))
        except BaseException as error:  # said in the main thread, where errors are translated
            outcome.append((None, error))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()

    def result() -> T:
        thread.join()
        value, error = outcome[0]
        if error is not None:
            raise error
        return value

    return result


def _greeting(found: core.Home, notebook_name: str) -> str:
    if found.me is None and not found.signs:  # the line below says what to do first
        return _("Hello — {notebook}").format(notebook=notebook_name)
    if found.me is None:
        return _('Hello — {notebook}. Who are you? `garefil config set nom "First Last"`').format(
            notebook=notebook_name
        )
    return _("Hello {name} — {notebook}").format(name=found.me, notebook=notebook_name)


def _unsigned(found: core.Home) -> list[str]:
    """Without git's identity every change is refused (sync too): the one command that helps."""
    from .render_sharing import unsigned_line

    return [] if found.signs else [unsigned_line()]


def _conflicts(found: core.Home) -> list[str]:
    if not found.conflicts:
        return []
    waiting = ngettext(
        "{n} conflict to resolve: `garefil status` shows both versions.",
        "{n} conflicts to resolve: `garefil status` shows both versions.",
        found.conflicts,
    )
    return [waiting.format(n=found.conflicts)]


def _due(found: core.Home) -> list[str]:
    if not found.due_count:
        return [_("Nothing is due: you are all caught up.")]
    title = _("Due for the team ({n}):") if found.team or not found.me else _("Due for you ({n}):")
    items = [due for group in found.due for due in group.items]
    lines = [title.format(n=len(items))]
    lines += [f"  · {_item(due, found.team)}" for due in items[: core.SHOWN_ITEMS]]
    rest = len(items) - core.SHOWN_ITEMS
    if rest > 0:
        lines.append("  " + ngettext("and {n} more", "and {n} more", rest).format(n=rest))
    return lines


def _item(due: Due, team: bool) -> str:
    who = f" — {due.referent or _('(no référent)')}" if team else ""
    person = f", {due.note.entrepreneur}" if due.note.entrepreneur else ""
    note = "" if due.about else f" ({due.note.id})"  # an action says its own id
    return f"{_kind(due)}{person}{note}{who}"


def _meeting(found: core.Home) -> list[str]:
    if found.meeting is None:
        return [_("Next team meeting: none planned yet.")]
    if found.meeting.note is None:
        return [_slot_line(found.meeting)]
    line = _("Next team meeting: {day} ({id})").format(
        day=long_date(found.meeting.note.date), id=found.meeting.note.id
    )
    if found.meeting.roles:
        mine = ngettext("your role: {role}", "your roles: {role}", len(found.meeting.roles))
        line += " — " + mine.format(role=labels.roles(found.meeting.roles))
    return [line]


def _waiting(found: core.Home, root) -> list[str]:
    """Subjects proposed since the coming meeting's note was written: they reach its agenda
    when it is refreshed (a note written by two coaches at once would be a conflict)."""
    from garefil.core.meetings import waiting_subjects

    if found.meeting is None or found.meeting.note is None:
        return []  # preparing the note will take them in
    count = waiting_subjects(root)
    if not count:
        return []
    said = ngettext(
        "{n} subject proposed since: `garefil reunion preparer` adds it to its agenda.",
        "{n} subjects proposed since: `garefil reunion preparer` adds them to its agenda.",
        count,
    )
    return [said.format(n=count)]


def _slot_line(meeting: core.Meeting) -> str:
    line = _("Next team meeting: {day} (its note is not written yet)").format(
        day=long_date(meeting.start)
    )
    if meeting.roles:
        mine = ngettext(
            "your proposed role: {role}", "your proposed roles: {role}", len(meeting.roles)
        )
        line += " — " + mine.format(role=labels.roles(meeting.roles))
    return line


def _changed_and_deleted(found: core.Home) -> str:
    """« 2 notes changed and 1 note deleted »: a deletion is news too."""
    brought = found.incoming
    deleted = len(brought.deleted_notes)
    others = set(brought.paths) - set(brought.deleted)
    changed = len(found.incoming_notes) or len(others)
    parts = [ngettext("{n} note changed", "{n} notes changed", changed).format(n=changed)]
    if deleted:
        parts = parts if changed else []
        parts.append(ngettext("{n} note deleted", "{n} notes deleted", deleted).format(n=deleted))
    return _(" and ").join(parts)


def _incoming(found: core.Home) -> list[str]:
    brought = found.incoming
    day = long_date(brought.when) if brought.when else "—"
    if not brought.paths:
        if not found.has_remote:
            return []
        if found.never_synced:  # `init --remote` or `remote`: no sync has happened to speak of
            return [_("Nothing synced yet with {address}.").format(address=found.never_synced)]
        if brought.when:
            return [_("Last sync ({day}): nothing new from the team.").format(day=day)]
        return [_("Nothing new from the team at the last sync.")]
    what = _("Last sync ({day}): {what} by {authors}").format(
        day=day, what=_changed_and_deleted(found), authors=", ".join(brought.authors)
    )
    lines = [what]
    renamed, shared = dict(brought.renamed), _shared_titles(found.incoming_notes)
    shown = found.incoming_notes[:3]
    lines += [_brought_line(note, renamed.get(note.path), shared) for note in shown]
    rest = len(found.incoming_notes) - 3
    if rest > 0:
        lines.append("  " + ngettext("and {n} more", "and {n} more", rest).format(n=rest))
    return lines


def _shared_titles(notes: tuple[Note, ...]) -> set[str]:
    """The titles several of `notes` bear (« Premier contact »): alone, they say not whose."""
    seen = Counter(note.title.casefold() for note in notes)
    return {title for title, count in seen.items() if count > 1}


def _brought_line(note: Note, was: str | None, shared: set[str]) -> str:
    """One note the last sync brought, with its entrepreneur when another note shown bears its
    title; renamed, with the title it had (as `sync` said it)."""
    whose = note.title.casefold() in shared and note.entrepreneur
    line = f"  · {note.title}{f' — {note.entrepreneur}' if whose else ''} ({note.id})"
    if was is None or was == note.title:
        return line
    return line + " — " + _('renamed (it was "{title}")').format(title=was)


def _to_share(found: core.Home, root: Path) -> list[str]:
    if found.another_notebook:  # what the refused sync said, and how to join the team instead
        return render.refusal_lines(another_notebook_there(found.another_notebook, root))
    if not found.signs:  # `sync` would be refused: the line under the greeting says why
        return []
    if found.blocked:  # `sync` would be refused again: say what blocks it, and who can fix it
        from .render_sharing import blocked_lines

        return blocked_lines(found.blocked)
    alone = (
        [] if found.has_remote else [_("Not shared yet: `garefil remote ADDRESS` joins the team.")]
    )
    if not (found.pending or found.renamed or found.ahead):
        return [_("Everything is shared.")] if found.has_remote else alone
    parts = []
    if found.renamed:  # a note renamed by hand is one change, not a file gone and one new
        notes = ngettext("{n} note renamed", "{n} notes renamed", found.renamed)
        parts.append(notes.format(n=found.renamed))
    if found.pending:
        files = ngettext("{n} changed file", "{n} changed files", found.pending)
        parts.append(files.format(n=found.pending))
    if found.ahead:
        changes = ngettext("{n} recorded change", "{n} recorded changes", found.ahead)
        parts.append(changes.format(n=found.ahead))
    return [_("To share: {what} — `garefil sync`").format(what=", ".join(parts)), *alone]
