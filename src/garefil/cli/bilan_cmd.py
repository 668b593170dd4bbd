"""`garefil bilan`: a period's figures as Markdown, JSON or CSV; charts and a note on demand."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from garefil.core import bilan as core
from garefil.core import clock
from garefil.core.atomic_files import atomic_write, writing_output
from garefil.core.dates import day_of, parse_date
from garefil.core.notebook import Notebook
from garefil.core.notes import NewNote, commit_message, draft, read, scan
from garefil.core.people import one_spelling
from garefil.core.team import referent_named
from garefil.i18n import _

from . import bilan_text, render, render_review
from .common import indexed_listing
from .context import Services
from .localized import add_command
from .options import JsonOpt, referent_option
from .shown_dates import month_in_words

CHARTS = ("activite", "delais")


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_command(app, "bilan", _("The figures of a period: what was done, decided, followed."), run)


def run(
    ctx: typer.Context,
    start: Annotated[
        str | None,
        typer.Option(
            "--depuis",
            "--since",
            "--du",
            metavar="DATE",
            help=_("First day (default: 1 January)."),
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--jusqu-au", "--until", "--au", metavar="DATE", help=_("Last day (default: today).")
        ),
    ] = None,
    quarter: Annotated[
        str | None,
        typer.Option(
            "--trimestre", metavar="2024T1", help=_("A quarter instead of --depuis/--jusqu-au.")
        ),
    ] = None,
    referent: Annotated[str | None, referent_option(_("Only this référent's notes."))] = None,
    form: Annotated[
        str,
        typer.Option("--format", metavar="md|json|csv|tsv", help=_("Markdown, JSON, CSV or TSV.")),
    ] = "md",
    charts: Annotated[
        bool, typer.Option("--graphique", help=_("Also draw the charts (PNG files)."))
    ] = False,
    save: Annotated[
        bool, typer.Option("--enregistrer", help=_("Save the bilan as a note of the notebook."))
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--sortie",
            metavar=_("FOLDER"),
            help=_("Where the charts go, outside the notebook (default: here, if outside it)."),
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    form = "json" if as_json else bilan_text.check_format(form)
    period = _period(start, end, quarter, clock.today())
    # A référent written two ways is one line of the figures, under the team list's spelling.
    notes = one_spelling(indexed_listing(services, notebook).notes, notebook.config.members)
    if referent:
        named = [n.referent for n in notes if n.referent]
        referent = referent_named(notebook.config, referent, named)
    full = {n.path: n for n in scan(notebook, core.to_read(notes, period)).notes}
    result = core.bilan(notes, period, clock.today(), full, referent, clock.now())
    if save:
        _save(services, notebook, result, charts)
    elif charts:
        folder = _charts_folder(notebook, output)
        with writing_output(folder):
            images = _draw(services, result, folder, prefix=_stem(result))
        render_review.text(bilan_text.markdown(result, images))
        render.info(_("Charts written in {folder}.").format(folder=folder))
    else:
        render_review.text(bilan_text.as_format(result, form))


def _period(start: str | None, end: str | None, quarter: str | None, today: date) -> core.Period:
    if quarter:
        return core.quarter(quarter)
    first = day_of(parse_date(start)) if start is not None else date(today.year, 1, 1)
    last = day_of(parse_date(end)) if end is not None else today
    return core.between(first, last)


def _charts_folder(notebook: Notebook, asked: Path | None) -> Path:
    """Where charts not saved with the bilan go: never inside the notebook, where the next
    sync would share them. The folder asked, else here, else the coach's own state folder."""
    if asked is not None:
        if _inside(notebook, asked):
            raise typer.BadParameter(
                _("a folder outside the notebook (--enregistrer saves the bilan in it)"),
                param_hint="--sortie",
            )
        return asked
    if not _inside(notebook, Path.cwd()):
        return Path.cwd()
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "garefil" / "bilans"


def _inside(notebook: Notebook, folder: Path) -> bool:
    return folder.resolve().is_relative_to(notebook.root.resolve())


def _stem(result: core.Bilan) -> str:
    return f"bilan-{result.period.start.isoformat()}-{result.period.end.isoformat()}"


def _draw(services: Services, result: core.Bilan, folder: Path, prefix: str) -> dict[str, str]:
    """Draw the charts into `folder`; their file names, by chart."""
    maker = services.charts()
    by_month = {month_in_words(month): counts for month, counts in result.activity.items()}
    drawn = {
        "activite": maker.activity(by_month, _("Notes per month and per référent")),
        "delais": maker.delays(result.delays, _("Days from appointment to report")),
    }
    names = {}
    folder.mkdir(parents=True, exist_ok=True)
    for chart, png in drawn.items():
        name = f"{prefix}-{chart}.png"
        atomic_write(folder / name, png)
        # Linked by name beside the bilan, else by their whole path, which any viewer opens.
        here = folder.resolve() == Path.cwd().resolve()
        names[chart] = name if here else str(folder.resolve() / name)
    return names


def _save(services: Services, notebook: Notebook, result: core.Bilan, charts: bool) -> None:
    """The bilan as a new note (with its charts beside it), in one commit."""
    title = _("Bilan from {start} to {end}").format(
        start=result.period.start.isoformat(), end=result.period.end.isoformat()
    )
    images = {chart: f"{_stem(result)}-{chart}.png" for chart in CHARTS} if charts else {}
    body = bilan_text.markdown(result, images)
    request = NewNote("note", title=title, tags=("bilan",), body=body, date=clock.today())
    new = draft(notebook, request, clock.today())
    folder = notebook.absolute(new.path).parent
    folder.mkdir(parents=True, exist_ok=True)
    if charts:
        _draw(services, result, folder, _stem(result))
    notebook.write_new(new.path, new.text)
    paths = [notebook.absolute(new.path), *(folder / name for name in images.values())]
    services.repository(notebook.root).commit(paths, commit_message(read(notebook, new.path)))
    render.success(_("Bilan saved in {path}.").format(path=new.path))
