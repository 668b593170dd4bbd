"""`garefil fil`: everything about one entrepreneur, in time order."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from garefil.core import appointments, clock, reports
from garefil.core import entrepreneurs as people
from garefil.core import notes as notes_core
from garefil.core.dates import day_of, iso, parse_date
from garefil.core.errors import NoteNotFound, UnknownEntrepreneur
from garefil.core.model import Listing
from garefil.core.team import typed_name
from garefil.core.text import fold, same_person
from garefil.core.thread import Step, thread
from garefil.i18n import _, with_names

from ..core.notetypes import is_type
from . import labels, render
from . import listing as listings
from .common import in_order, indexed_listing
from .context import Services
from .localized import add_command
from .options import FormatOpt, JsonOpt, SinceOpt, UntilOpt
from .shown_dates import long_date


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_command(app, "fil", _("Everything about one entrepreneur, in time order."), fil)


def fil(
    ctx: typer.Context,
    who: Annotated[
        str,
        typer.Argument(
            metavar=_("NAME-OR-REF"), help=_("An entrepreneur, or any note about them.")
        ),
    ],
    since: SinceOpt = None,
    until: UntilOpt = None,
    as_json: JsonOpt = False,
    output: FormatOpt = None,
) -> None:
    services: Services = ctx.obj
    who = typed_name(who, "garefil fil")  # nothing to look for: said as `list -e ""` says it
    first, last = _day(since), _day(until)
    in_order(first, last)
    notebook = services.notebook()
    listing = indexed_listing(services, notebook)
    name = _person(notebook, listing, who)
    own = [
        notes_core.read(notebook, n.path)
        for n in listing.notes
        if same_person(n.entrepreneur, name)
    ]
    recorded = services.recorded_times(notebook, [n.path for n in own])
    steps = thread(name, own, listing.notes, first, last, recorded)
    form = listings.chosen(output, as_json)
    if form == "table" and not steps:
        render.info(_("Nothing about {name} in this period.").format(name=name))
        return
    if form == "table":
        render.info(with_names(_("Thread of {name}"), name=name))
    headers = [_("date"), _("what"), _("status"), _("id")]
    data = lambda: {"entrepreneur": name, "steps": [s.summary() for s in steps]}  # noqa: E731
    listings.write(form, headers, [_step_row(s, form) for s in steps], data)


def _person(notebook, listing: Listing, who: str) -> str:
    """The entrepreneur `who` names, or the one of the note `who` designates."""
    known = people.entrepreneurs(listing.notes, clock.today())
    try:
        return people.find(known, who).name
    except UnknownEntrepreneur as unknown:
        try:
            path = notes_core.resolve_path(notebook, who, Path.cwd(), listing)
        except NoteNotFound:
            raise unknown from None
        named = next(n for n in listing.notes if n.path == path).entrepreneur
        if not named:
            raise unknown from None
        return named


def _day(text: str | None) -> date | None:
    return day_of(parse_date(text)) if text is not None else None


def _step_row(step: Step, form: str) -> list[str]:
    labels = {
        "referent": _("référent: {text}"),
        "assigned": _("request given to {text}"),
        "closed": _("request closed: {text}"),
        "postponed": _("appointment moved: {text}"),
        "cancelled": _("appointment cancelled: {text}"),
        "sent": _("report sent to {text}"),
        "decision": _("decision: {text}"),
        "action": _("action: {text}"),
    }
    if not step.text:  # no motive given, or a report sent to nobody named
        labels |= {
            "closed": _("request closed"),
            "cancelled": _("appointment cancelled"),
            "sent": _("report sent"),
        }
    named = fold(step.text).startswith(fold(step.kind))  # « Fiche — Lina Roy » says its type
    default = "{text}" if named else step.kind + " — {text}"
    label = labels.get(step.kind, default).format(text=step.text).strip()
    if step.placed != step.when:  # a move typed after the fact, shown where it belongs
        label += " " + _("(recorded on {day})").format(day=long_date(step.when))
    status = _status(step.note, form) if step.kind == step.note.type else ""
    return [iso(step.placed) or "—", label, status, step.note.id]


def _status(note, form: str) -> str:
    """A note's state as the team says it: accents on rdv and cr states ("annulé", "envoyé");
    in CSV and TSV, as the note keeps it (data, as in JSON)."""
    if form != "table":
        return note.status or ""
    if is_type(note, appointments.APPOINTMENT):
        return labels.state(appointments.state_of(note))
    if is_type(note, reports.REPORT):
        return labels.state(reports.label(note.status))
    return labels.state(note.status)
