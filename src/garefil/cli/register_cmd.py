"""`garefil decisions`, `garefil actions` and the commands that change one decision or action."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from garefil.core import clock
from garefil.core import notes as notes_core
from garefil.core import register_list as core
from garefil.core.conflict_copies import (
    conflict_pairs,
    is_conflict_copy,
    items_only_in_copies,
    without_conflict_copies,
)
from garefil.core.dates import day_of, iso, parse_date
from garefil.core.indexing import refresh
from garefil.core.model import Listing, Note
from garefil.core.notebook import Notebook
from garefil.core.selection import by_date
from garefil.i18n import _, ngettext

from ..core.notetypes import is_type
from . import labels, render
from . import listing as listings
from .common import announce_once, progress_when_long
from .context import Services
from .localized import LocalizedGroup, add_command
from .options import (
    EntrepreneurOpt,
    FormatOpt,
    JsonOpt,
    SinceOpt,
    TagOpt,
    UntilOpt,
    person_name,
    status_option,
)

decision_app = typer.Typer(
    cls=LocalizedGroup, help=_("Change one decision of the register."), no_args_is_help=True
)
action_app = typer.Typer(
    cls=LocalizedGroup, help=_("Add or close one action."), no_args_is_help=True
)
ItemArg = Annotated[str, typer.Argument(metavar="ID", help=_("The id shown by the listing."))]


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_command(app, "decisions", _("The register of decisions, with their notes."), decisions)
    add_command(app, "actions", _("The open actions: who does what by when."), actions)
    app.add_typer(decision_app, name="decision")
    app.add_typer(action_app, name="action")
    # Their subcommands, which write, are added by register_write.py when `decision` or
    # `action` is used (cli/app.py): reading the register does not import them.


def register_notes(services: Services, notebook: Notebook, copies: bool = False) -> Listing:
    """The notes holding decisions, actions or roles, from the (fresh) catalogue; `copies`:
    also the items only a conflict copy holds (listed, never changed, until `resolve`)."""
    store = services.index(notebook)
    with progress_when_long(_("Indexing")) as progress:
        report = refresh(notebook, store, progress)
    announce_once(services, report)
    listing = report.listing(only=store.register_paths())
    kept = without_conflict_copies(listing)
    if not copies:
        return kept
    return Listing(kept.notes + items_only_in_copies(listing.notes), kept.problems)


def say_items_in_copies(sources: Iterable[core.Source]) -> None:
    """Warn that some listed items are only in a conflict copy, and what keeps them."""
    copies = sorted({s.note.path for s in sources if is_conflict_copy(s.note.path)})
    if copies:
        render.problem_line(
            ngettext(
                "Listed with “(conflict copy)”: items only in {paths}, "
                "the other version of a conflict; `garefil status` says how to settle it.",
                "Listed with “(conflict copy)”: items only in {paths}, "
                "the other versions of conflicts; `garefil status` says how to settle them.",
                len(copies),
            ).format(paths=", ".join(copies))
        )


def decisions(
    ctx: typer.Context,
    status: Annotated[
        str | None, status_option(_("proposée, adoptée, remplacée or abandonnée."))
    ] = None,
    tag: TagOpt = None,
    entrepreneur: EntrepreneurOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    as_json: JsonOpt = False,
    output: FormatOpt = None,
) -> None:
    notebook = ctx.obj.notebook()
    wanted = core.DecisionFilter(
        status=core.checked_status(status),
        tags=_tags(notebook, tag or ()),
        entrepreneur=entrepreneur,
        since=day_of(parse_date(since)) if since is not None else None,
        until=day_of(parse_date(until)) if until is not None else None,
    )
    listing = register_notes(ctx.obj, notebook, copies=True)
    found = core.decisions(core.decision_entries(listing.notes), wanted)
    render.problems(listing.problems)
    say_items_in_copies(e.source for e in found)
    form = listings.chosen(output, as_json)
    if form == "table" and not found:
        render.info(_("No decision matches."))
        return
    headers = [_("id"), _("date"), _("status"), _("decision"), _("note")]
    rows = [_decision_row(e, form) for e in found]
    listings.write(form, headers, rows, lambda: [e.summary() for e in found])


def _tags(notebook: Notebook, tags: Iterable[str]) -> tuple[str, ...]:
    from garefil.core.text import normalize_tag

    return tuple(normalize_tag(tag, notebook.config.synonyms) for tag in tags)


def _decision_row(entry: core.DecisionEntry, form: str) -> list[str]:
    text = entry.decision.text
    if entry.decision.replaces:
        text += " " + _("(replaces {id})").format(id=entry.decision.replaces)
    if entry.successor:
        text += " " + _successor(entry.successor)
    note = entry.source.note
    return [
        entry.decision.id,
        iso(day_of(note.date)) or "",
        labels.shown_state(entry.status, form),
        text + _in_copy(note),
        note.id,
    ]


def _in_copy(note: Note) -> str:
    return " " + _("(conflict copy)") if is_conflict_copy(note.path) else ""


def _successor(successor: core.Successor) -> str:
    """What holds now, beside a replaced decision: the successor's id, text and meeting (or
    note) date, so that the coach need not look it up."""
    day = iso(day_of(successor.source.note.date)) or "?"
    said = (
        _("(replaced by {id}: “{text}”, meeting of {date})")
        if successor.source.meeting
        else _("(replaced by {id}: “{text}”, {date})")
    )
    return said.format(id=successor.decision.id, text=successor.short_text(), date=day)


def register_of(services: Services, notebook: Notebook, note: Note) -> dict:
    """The register's entries for `note`'s decisions, by id (empty when it holds none)."""
    if not note.decisions:
        return {}
    entries = core.decision_entries(register_notes(services, notebook).notes)
    return {e.decision.id: e for e in entries if e.source.note.path == note.path}


def actions(
    ctx: typer.Context,
    who: Annotated[
        str | None,
        typer.Option(
            "--qui", metavar=_("NAME"), help=_("Only this person's actions."), callback=person_name
        ),
    ] = None,
    late: Annotated[
        bool, typer.Option("--en-retard", help=_("Only the open actions past their due day."))
    ] = False,
    everything: Annotated[
        bool, typer.Option("--toutes", help=_("Also the actions already done."))
    ] = False,
    as_json: JsonOpt = False,
    output: FormatOpt = None,
) -> None:
    notebook = ctx.obj.notebook()
    from .coach import person_meant  # « moi »: the coach, as `suivi --moi` knows them

    who = person_meant(ctx.obj, notebook, who)
    listing = register_notes(ctx.obj, notebook, copies=True)
    entries = core.action_entries(listing.notes)
    today, members = clock.today(), notebook.config.members
    found = core.actions(entries, today, who, late, everything, members)
    render.problems(listing.problems)
    say_items_in_copies(e.source for e in found)
    form = listings.chosen(output, as_json)
    if form == "table" and not found:
        render.info(_("No action matches."))
        return
    headers = [_("id"), _("who"), _("what"), _("due"), _("state"), _("note")]
    rows = [_action_row(e, today) for e in found]
    listings.write(form, headers, rows, lambda: [e.summary(today) for e in found])


def _action_row(entry: core.ActionEntry, today: date) -> list[str]:
    action = entry.action
    state = _("done") if action.done else (_("late") if entry.late(today) else _("open"))
    return [
        action.id,
        action.who or "—",
        action.what + _in_copy(entry.source.note),
        iso(action.due) or "—",
        state,
        entry.source.note.id,
    ]


def item_note(services: Services, notebook: Notebook, item_id: str, kind: str) -> Note:
    """The note holding decision or action `item_id`, read again from its file; one only a
    conflict copy holds is changed once the conflict is settled (ConflictPending)."""
    notes = register_notes(services, notebook, copies=True).notes
    note, _item = core.find_item(notes, item_id, kind)
    if is_conflict_copy(note.path):
        from garefil.core.errors import ConflictPending

        ((original, copy),) = conflict_pairs([note.path])
        raise ConflictPending(path=original, copy=copy)
    return notes_core.read(notebook, note.path)


def target_note(services: Services, notebook: Notebook, ref: str | None, what: str) -> Note:
    """The note named by --dans, else the latest meeting note up to today (never one prepared
    for a day to come): where a new item is written."""
    from garefil.core.errors import NoMeetingNote, OnlyComingMeetings
    from garefil.core.meetings import latest_held

    from .common import indexed_listing

    listing = indexed_listing(services, notebook)
    if ref:
        path = notes_core.resolve_path(notebook, ref, Path.cwd(), listing)
        return notes_core.read(notebook, path)
    meetings = [n for n in by_date(listing.notes) if is_type(n, core.MEETING)]
    held = latest_held(meetings, clock.today())
    if held is None and meetings:
        raise OnlyComingMeetings(what=what, coming=meetings[-1].id)
    if held is None:
        raise NoMeetingNote(what=what)
    return notes_core.read(notebook, held.path)
