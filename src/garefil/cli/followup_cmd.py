"""`garefil suivi`: what needs doing now, by référent, oldest first."""

from __future__ import annotations

from functools import partial
from typing import Annotated

import typer

from garefil.core import clock
from garefil.core import followup as core
from garefil.core.dates import iso
from garefil.i18n import _

from . import coach, render
from . import listing as listings
from .common import indexed_with_copies, say_unreadable_dates
from .context import Services
from .localized import add_command
from .options import FormatOpt, JsonOpt, referent_option

EXIT_DUE = 9  # "something to resolve" in the table: scripts test it with `|| …`


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_command(app, "suivi", _("What needs doing now, by référent, oldest first."), suivi)


def suivi(
    ctx: typer.Context,
    referent: Annotated[str | None, referent_option(_("Only this référent's items."))] = None,
    mine: Annotated[
        bool,
        typer.Option("--moi", help=_("My items, and the team's that nobody has taken yet.")),
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help=_("Exit with code 9 when something is due."))
    ] = False,
    as_json: JsonOpt = False,
    output: FormatOpt = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    me = coach.me(services, notebook) if mine else None
    referent = coach.person_meant(services, notebook, referent)  # « --referent moi »
    listing, copies = indexed_with_copies(services, notebook)
    limits = core.thresholds(notebook.config.suivi)
    recorded = partial(services.recorded_times, notebook)  # asked only of same-day requests
    written = partial(services.written_times, notebook)  # asked only of old drafts
    context = core.Context(
        listing.notes, notebook.config, limits, clock.today(), recorded, written, copies
    )
    # Mine: also what nobody has taken, which the home screen counts as the coach's to do.
    groups = core.for_coach(context, me) if me else core.followup(context, referent)
    render.problems(listing.problems)
    say_unreadable_dates(listing.notes)
    form = listings.chosen(output, as_json)
    if form == "table" and not groups:
        render.success(_("Nothing is due: you are all caught up."))
    else:
        data = lambda: [d.summary() for g in groups for d in g.items]  # noqa: E731
        listings.write(form, _headers(), _rows(groups), data)
    if check and core.count(groups):
        raise typer.Exit(EXIT_DUE)


def _headers() -> list[str]:
    return [_("référent"), _("since"), _("what"), _("entrepreneur"), _("id")]


def _rows(groups: list[core.Group]) -> list[list[str]]:
    labels, nobody = _labels(), _("(no référent)")  # translated once, not once a row
    return [
        [
            g.referent or nobody,
            iso(d.since) or "—",
            _said(d, labels.get(d.kind, d.kind)),
            d.note.entrepreneur or "",
            d.note.id,
        ]
        for g in groups
        for d in g.items
    ]


def _kind(due: core.Due) -> str:
    return _said(due, _labels().get(due.kind, due.kind))


def _said(due: core.Due, label: str) -> str:
    """The item's kind, and what it is when its note's title does not say it: a late action's
    text and id (`action faite` takes it)."""
    if not due.about:
        return label
    return _("{kind}: {about} ({id})").format(kind=label, about=due.about, id=due.target)


def _labels() -> dict[str, str]:
    """What each kind of item is called, in the language of the messages."""
    return {kind: _(msgid) for kind, msgid in core.KIND_LABELS.items()}
