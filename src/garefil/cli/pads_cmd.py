"""`garefil pads` and `garefil pad ajouter|copier`: pads registered, copied before they vanish."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from garefil.core import clock
from garefil.core import notes as notes_core
from garefil.core import pads as core
from garefil.core.errors import AmbiguousReference, GarefilError, NoteNotFound
from garefil.i18n import _, recorded_n

from . import listing as listings
from . import render
from .common import indexed_listing
from .context import Services
from .localized import LocalizedGroup, add_command, add_signing_command
from .new_cmd import write_and_record
from .options import ConcernedOpt, FormatOpt, GivenTagOpt, JsonOpt
from .people_cmd import checked_entrepreneur

pad_app = typer.Typer(
    cls=LocalizedGroup, help=_("Pads: register one, copy their text."), no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_command(app, "pads", _("List the pads, with the date of their last copy."), list_pads)
    app.add_typer(pad_app, name="pad")
    add_signing_command(pad_app, "ajouter", _("Register a pad by its address."), add)
    add_signing_command(
        pad_app, "copier", _("Copy a pad's text into the notebook (or every pad's)."), copy
    )


def list_pads(ctx: typer.Context, as_json: JsonOpt = False, output: FormatOpt = None) -> None:
    listing = indexed_listing(ctx.obj, ctx.obj.notebook())
    found = core.pads(listing.notes)
    render.problems(listing.problems)
    form = listings.chosen(output, as_json)
    if form == "table" and not found:
        render.info(_("No pad yet: `garefil pad ajouter ADDRESS --titre TITLE` registers one."))
        return
    headers = [_("id"), _("title"), _("last copy"), _("address")]
    rows = [[p.note.id, p.note.title, p.copied_on or "—", p.url] for p in found]
    listings.write(form, headers, rows, lambda: [pad.summary() for pad in found])


def add(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(metavar=_("ADDRESS"), help=_("The pad's address."))],
    title: Annotated[
        str,
        typer.Option("--titre", "--title", metavar=_("TITLE"), help=_("What the pad is for.")),
    ],
    tag: GivenTagOpt = None,
    entrepreneur: ConcernedOpt = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    listing = indexed_listing(services, notebook)
    address = core.check_new(url, core.pads(listing.notes))
    request = notes_core.NewNote(
        type="pad",
        title=title,
        entrepreneur=checked_entrepreneur(entrepreneur, listing),
        tags=tuple(tag or ()),
        fields=((core.PAD_KEY, address),),
    )
    write_and_record(services, notebook, request, listing)


def copy(
    ctx: typer.Context,
    ref: Annotated[
        str | None,
        typer.Argument(metavar="REF", help=_("The pad's note (id or path)."), show_default=False),
    ] = None,
    every: Annotated[bool, typer.Option("--tous", "--all", help=_("Copy every pad."))] = False,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    chosen = _chosen(services, notebook, ref, every)
    copied, failures = [], []
    for pad in chosen:
        try:
            fetched = clock.machine_now()  # when the machine fetched it, whatever today is
            changed = core.refresh_copy(notebook, pad, services.pad_fetcher(), fetched)
        except GarefilError as problem:
            if not every:
                raise
            if services.debug:
                render.traceback(problem)  # with the export address that failed
            render.error(problem)  # one pad down never stops the others from being copied
            failures.append(problem)
            continue
        _say_copied(pad, changed)
        copied += [notebook.absolute(pad.note.path)] if changed else []
    _record(services, notebook, copied)
    if failures:
        raise typer.Exit(failures[-1].exit_code)


def _chosen(services: Services, notebook, ref: str | None, every: bool) -> list[core.Pad]:
    """The pads to copy: the one `ref` names, or all of them with --tous."""
    listing = indexed_listing(services, notebook)
    if every:
        found = core.pads(listing.notes)
        return [core.pad_of(notes_core.read(notebook, pad.note.path)) for pad in found]
    if not ref:
        raise typer.BadParameter(_("name a pad, or give --tous"), param_hint="REF")
    try:
        path = notes_core.resolve_path(notebook, ref, Path.cwd(), listing)
    except NoteNotFound as missing:
        path = _by_title(listing, ref, missing)
    return [core.pad_of(notes_core.read(notebook, path))]


def _by_title(listing, ref: str, missing: NoteNotFound) -> str:
    """The pad `ref` names by its title, as `pads` shows it; `missing` when none does, and
    AmbiguousReference naming them when several do."""
    found = core.titled(core.pads(listing.notes), ref)
    if not found:
        raise missing
    if len(found) > 1:
        shown = ", ".join(f"{p.note.id} ({p.note.title})" for p in found)
        raise AmbiguousReference(ref=ref, candidates=shown)
    return found[0].note.path


def _say_copied(pad: core.Pad, changed: bool) -> None:
    """Said by its title, as a failure names it (`pads` lists the ids commands take)."""
    if changed:
        render.success(_("Pad '{title}' copied.").format(title=pad.note.title))
    else:
        message = _("Pad '{title}': no change since the last copy.")
        render.info(message.format(title=pad.note.title))


def _record(services: Services, notebook, paths: list[Path]) -> None:
    """One commit for the copies that changed."""
    if not paths:
        return
    message = recorded_n("pads: {n} copy updated", "pads: {n} copies updated", len(paths))
    services.repository(notebook.root).commit(paths, message.format(n=len(paths)))
