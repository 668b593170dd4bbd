"""`garefil site`: the notebook as a static HTML site, with search in the page."""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from garefil.core import clock, followup, summary
from garefil.core import site as core
from garefil.core.atomic_files import writing_output
from garefil.core.conflict_copies import items_only_in_copies, without_conflict_copies
from garefil.core.notebook import Notebook
from garefil.i18n import _, ngettext

from . import render
from .common import fresh_index, progress_when_long
from .context import Services
from .localized import add_command

SITE_FOLDER = ".garefil/site"  # inside the notebook's own ignored folder: never shared
POLL_SECONDS = 1.0  # how often `--servir` looks for changed notes
SITE_LONG = 200  # pages to write from which a build takes more than a second: a bar is drawn


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_command(
        app, "site", _("Build the notebook as a static HTML site, searchable offline."), site
    )


def site(
    ctx: typer.Context,
    folder: Annotated[
        Path | None,
        typer.Option(
            "--sortie",
            "-o",
            metavar=_("FOLDER"),
            help=_("Where to build it (default: .garefil/site in the notebook)."),
            show_default=False,
        ),
    ] = None,
    personal: Annotated[
        bool,
        typer.Option(
            "--avec-donnees-personnelles",
            help=_("Also publish e-mail addresses, phone numbers and postal addresses."),
        ),
    ] = False,
    left_out: Annotated[
        list[str] | None,
        typer.Option(
            "--sans-type",
            metavar="TYPE",
            help=_("Leave this note type out (repeatable)."),
            show_default=False,
        ),
    ] = None,
    serve: Annotated[
        bool,
        typer.Option("--servir", help=_("Preview it on this computer, rebuilt as notes change.")),
    ] = False,
    port: Annotated[
        int, typer.Option("--port", metavar="PORT", help=_("Port of the preview."))
    ] = 8000,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    options = core.SiteOptions(personal, tuple(left_out or ()))
    target = (folder or notebook.root / SITE_FOLDER).absolute()
    # Looked at before the first build, so that a note changed while it runs, or right after
    # the preview's address is shown, is rebuilt too.
    seen = notebook.note_stats() if serve else None
    _build(services, notebook, target, options)
    render.info(_("Open {page} in a browser.").format(page=target / "index.html"))
    if seen is not None:
        _serve(services, notebook, target, options, port, seen)


def _build(services: Services, notebook: Notebook, target: Path, options: core.SiteOptions) -> None:
    report = fresh_index(services, notebook)
    whole = report.listing()
    notes = without_conflict_copies(whole).notes
    copies = items_only_in_copies(whole.notes)  # listed as `decisions` and `actions` list them
    digests = {path: entry.digest for path, entry in report.entries.items()}
    written = partial(services.written_times, notebook)  # drafts dated as `suivi` does
    limits = followup.thresholds(notebook.config.suivi)
    context = followup.Context(notes, notebook.config, limits, clock.today(), written=written)
    writer = services.site_writer(notebook, target, notebook.config.name)
    recorded = services.recorded_times(notebook, core.sharing_a_day(notes, options))
    now = clock.now()
    coming = summary.coming_start(notes, notebook.config.meeting, now)
    lists_key = core.lists_key(
        [*notes, *copies], options, context.today, notebook.config, recorded, coming
    )
    with writing_output(target):  # a file, a read-only folder there: said naming the folder
        last_key = writer.lists_key()
    if last_key == lists_key:  # no list can have changed: the notes' pages only
        pages = core.note_pages(core.published(notes, options), digests, options)
    else:
        gare = summary.build(notebook, notes, context.today, written=written, now=now)
        pages = core.site_pages(notes, digests, options, context, gare, recorded, copies)
    with writing_output(target), progress_when_long(_("Building the site"), SITE_LONG) as progress:
        built = writer.build(pages, options, lists_key, progress)
    render.success(
        ngettext(
            "Site built in {folder}: {written} page written of {pages}.",
            "Site built in {folder}: {written} pages written of {pages}.",
            built.written,
        ).format(folder=target, written=built.written, pages=built.pages)
    )


def _serve(
    services,
    notebook: Notebook,
    target: Path,
    options: core.SiteOptions,
    port: int,
    seen: list[tuple[str, int, int]],
) -> None:
    preview = services.preview(target, port)
    preview.start()
    if preview.taken:
        used = preview.address.rstrip("/").rsplit(":", 1)[-1]
        said = _("Port {port} is taken by another program: the preview uses port {used}.")
        render.problem_line(said.format(port=preview.taken, used=used))
    render.info(_("Preview at {address} (Ctrl-C to stop).").format(address=preview.address))
    try:
        while True:
            time.sleep(POLL_SECONDS)
            now = notebook.note_stats()
            if now != seen:
                seen = now
                _build(services, notebook, target, options)
    except KeyboardInterrupt:
        render.info(_("Preview stopped."))
    finally:
        preview.stop()
