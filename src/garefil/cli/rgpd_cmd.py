"""`garefil rgpd`: personal data — the retention rule, a person's export, their pseudonym."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from garefil.core import clock
from garefil.core import rgpd as core
from garefil.core.dates import iso
from garefil.core.errors import UnknownEntrepreneur
from garefil.core.model import Note
from garefil.core.notebook import Notebook, decode_text
from garefil.core.rgpd_documents import attached
from garefil.core.rgpd_passages import export_zip, fields_naming, is_own, passages
from garefil.i18n import _, ngettext, recorded, with_names

from . import render
from .common import fresh_index, indexed_listing
from .context import Services
from .localized import LocalizedGroup, add_command, add_signing_command
from .options import YesOpt, person_name
from .prompts import confirmed

rgpd_app = typer.Typer(
    cls=LocalizedGroup,
    help=_("Personal data (RGPD): retention rule, export, anonymisation."),
    invoke_without_command=True,
)
NameArg = Annotated[
    str, typer.Argument(metavar=_("NAME"), help=_("The person's name."), callback=person_name)
]


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    app.add_typer(rgpd_app, name="rgpd")
    rgpd_app.callback()(retention)
    add_command(rgpd_app, "export", _("Everything about one person, as a ZIP file."), export)
    add_signing_command(
        rgpd_app, "anonymiser", _("Replace one person by a pseudonym in every note."), anonymise
    )


def retention(ctx: typer.Context) -> None:
    """Without a command: who is kept beyond the notebook's retention rule."""
    if ctx.invoked_subcommand is not None:
        return
    services: Services = ctx.obj
    notebook = services.notebook()
    years = notebook.config.retention_years
    if years is None:
        render.info(_("No retention rule: add `conservation_sortis_ans = 3` under [rgpd] in "
                      ".garefil/config.toml to be told who left long ago."))  # fmt: skip
        return
    notes = core.with_whole_fiches(notebook, indexed_listing(services, notebook).notes)
    due = core.retention_due(notes, years, clock.today())
    for person in due:
        render.problem_line(
            _(
                "{name} left on {left} (more than {years} years): `garefil rgpd anonymiser "
                '"{name}"`, or delete their notes.'
            ).format(  # fmt: skip
                name=person.name, left=person.left_on.isoformat(), years=years
            )
        )
    if not due:
        render.success(_("Nobody is kept beyond {years} years after leaving.").format(years=years))


def export(
    ctx: typer.Context,
    name: NameArg,
    target: Annotated[
        Path | None,
        typer.Option(
            "--sortie",
            metavar=_("FILE"),
            help=_("The ZIP file to write (default: in your home folder)."),
            show_default=False,
        ),
    ] = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    data = core.person_data(notebook, _every_note(services, notebook), name)
    own = [note for note in data.notes if is_own(note, data.names())]
    files = {note.path: notebook.absolute(note.path).read_bytes() for note in own}
    extracts = {
        note.path: _extract(notebook, note, data) for note in data.notes if note.path not in files
    }
    target = core.export_target(notebook, target, data.name, clock.today())
    documents = attached(notebook, own)  # a shared note's documents are other people's
    kept = [document for document in documents if document.data is not None]
    core.write_private(target, export_zip(data, files, clock.today(), kept, extracts))
    for document in documents:
        if document.data is None:
            render.problem_line(
                _(
                    "{path}: a symbolic link, outside the notebook or missing: left out of the "
                    "export."
                ).format(path=document.path)  # fmt: skip
            )
    render.success(
        ngettext(
            "{count} note about {name} exported to {path} (readable by you only).",
            "{count} notes about {name} exported to {path} (readable by you only).",
            len(data.notes),
        ).format(count=len(data.notes), name=data.name, path=target)
    )
    if kept:
        render.info(
            ngettext("With {count} document.", "With {count} documents.", len(kept)).format(
                count=len(kept)
            )
        )
    if extracts:
        render.info(
            ngettext(
                "{count} of them is a note of the team that also names other people: only its "
                "passages naming {name} are exported (folder extraits/ of the file).",
                "{count} of them are notes of the team that also name other people: only their "
                "passages naming {name} are exported (folder extraits/ of the file).",
                len(extracts),
            ).format(count=len(extracts), name=data.name)
        )


def _extract(notebook: Notebook, note: Note, data: core.PersonData) -> tuple[tuple[int, ...], str]:
    """The lines and the text of what the export takes from a note that is not the person's:
    the passages naming them, each with its line and heading, under a notice saying so."""
    text = decode_text(notebook.absolute(note.path).read_bytes(), partial=True)
    found = passages(text, data.patterns())
    notice = _(
        "A note of the team ({path}, {date}) that also names other people: only the passages "
        "naming {name} are given here, each with its line in the note."
    ).format(path=note.path, date=iso(note.date) or "—", name=data.name)
    parts = [f"# {note.title}", "", f"> {notice}"]
    fields = fields_naming(note, data.names())
    if fields:
        named = _("Named in the note's header as: {fields}.").format(fields=", ".join(fields))
        parts += ["", f"> {named}"]
    for passage in found:
        where = _("Line {line}").format(line=passage.line)
        if passage.heading:
            where = _("Line {line}, under « {heading} »").format(
                line=passage.line, heading=passage.heading
            )
        parts += ["", f"*{where}*", "", passage.text]
    return tuple(p.line for p in found), "\n".join(parts) + "\n"


def anonymise(
    ctx: typer.Context,
    name: NameArg,
    purge: Annotated[
        bool,
        typer.Option(
            "--purger-historique",
            help=_("Also remove the old versions from the history (explained first)."),
        ),
    ] = False,  # fmt: skip
    yes: YesOpt = False,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    data = _person_or_name(services, notebook, name, purge)
    core.refuse_waiting_copies(notebook, data)
    if purge and not yes:
        explain_purge()
    if not _confirmed(data, purge, yes):
        render.info(_("Nothing was changed."))
        return
    done = core.anonymise(notebook, data, core.new_pseudonym()) if data.notes else None
    if done is not None:
        message = recorded("rgpd: a person replaced by {pseudonym}").format(
            pseudonym=done.pseudonym
        )
        services.repository(notebook.root).commit(
            [notebook.absolute(p) for p in done.paths()], message
        )
        fresh_index(services, notebook, rebuild=True)  # the old text leaves the index too
        say_anonymised(data, done)
    if purge:
        pseudonym = done.pseudonym if done else core.new_pseudonym()
        patterns, renames = core.history_patterns(data, pseudonym)
        services.purge_history(notebook.root, patterns, renames)
        render.success(_("History rewritten: no version of any note holds them any more."))
        render.info(after_purge())


def _confirmed(data: core.PersonData, purge: bool, yes: bool) -> bool:
    """Whether the coach confirms replacing the person everywhere (and rewriting the history)."""
    if purge:
        question = _("Replace {name} in the notes and rewrite the whole history?")
    else:
        question = ngettext(
            "Replace {name} by a pseudonym in {count} note (one commit)?",
            "Replace {name} by a pseudonym in {count} notes (one commit)?",
            len(data.notes),
        )
    what = with_names(_("Anonymising {name}"), name=data.name)
    return confirmed(question.format(name=data.name, count=len(data.notes)), what, yes)


def _person_or_name(
    services: Services, notebook: Notebook, name: str, purge: bool
) -> core.PersonData:
    """The person's data; for a purge, a person no note names any more is purged by name."""
    try:
        return core.person_data(notebook, _every_note(services, notebook), name)
    except UnknownEntrepreneur:
        if not purge:
            raise
        return core.PersonData(" ".join(name.split()), (), (), ())


def _every_note(services: Services, notebook: Notebook) -> list[Note]:
    """Every note, the conflict copies waiting for `resolve` with them: a copy is shared with
    the team like any note, and holds a person's data as much."""
    return list(fresh_index(services, notebook).listing().notes)


def say_anonymised(data: core.PersonData, done: core.Anonymised) -> None:
    """What changed (one commit), then every line that still names the person."""
    render.success(
        ngettext(
            "{name} is now {pseudonym} in {count} note (one commit).",
            "{name} is now {pseudonym} in {count} notes (one commit).",
            done.count(),
        ).format(name=data.name, pseudonym=done.pseudonym, count=done.count())
    )
    for path, line, word in done.leftovers:
        render.problem_line(
            _("{path}:{line}: '{word}' may still name them: rewrite it by hand.").format(
                path=path, line=line, word=word
            )
        )


def explain_purge() -> None:
    """What --purger-historique does, before the coach confirms it (or with --oui)."""
    render.info(
        "\n".join(
            [
                _(
                    "The history keeps every old version of every note: anonymising changes "
                    "the notes from now on, not the versions before."
                ),
                _(
                    "--purger-historique --oui rewrites the whole history (git filter-repo) so "
                    "that no version holds the person any more. Before: everyone runs "
                    "`garefil sync`, then stops writing."
                ),
                after_purge(),
            ]
        )  # fmt: skip
    )


def after_purge() -> str:
    """What the coach and every other copy must do after the rewrite."""
    return _(
        "After: send the new history once with `git push --force origin HEAD`; every other "
        "coach deletes their copy of the notebook and joins again with `garefil init --clone` "
        "(a `sync` from an old copy would bring the old versions back); whoever manages the "
        "server cleans it (git gc, or the server's housekeeping)."
    )
