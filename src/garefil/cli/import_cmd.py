"""`garefil import DOSSIER`: bring notes written elsewhere into the notebook, in one commit."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from garefil.core import clock
from garefil.core import importing as core
from garefil.core.conflict_copies import CONFLICT_MARK
from garefil.core.errors import ImportInterrupted, ImportInterruptedRecorded, format_message
from garefil.core.fields import field_name
from garefil.core.import_note import HASH_KEY, NewImport
from garefil.core.import_presence import Present
from garefil.core.import_sources import HIDDEN, Passed
from garefil.core.model import Listing
from garefil.i18n import _, ngettext, recorded, recorded_n

from . import listing as listings
from . import render, saved_notes
from .common import indexed_listing, progress_when_long
from .context import Services
from .localized import add_command
from .options import FormatOpt, JsonOpt, given_tags

IMPORT_LONG = 100  # files: reading and writing them takes a second or more
HIDDEN_NAMED = 4  # hidden files and folders named in their one line, the others counted


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_command(
        app, "import", _("Bring a folder of notes written elsewhere into the notebook."), run
    )


def run(
    ctx: typer.Context,
    source: Annotated[
        Path,
        typer.Argument(metavar=_("FOLDER"), help=_("The folder of notes to import (only read).")),
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", "--essai", help=_("Show what would be imported; write nothing.")),
    ] = False,
    type_by_folder: Annotated[
        bool,
        typer.Option(
            "--type-par-dossier",
            help=_("Guess each note's type from its folders (reunions/, cr/, ca/…)."),
        ),
    ] = False,
    tags: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            "--etiquette",
            metavar=_("TAG"),
            help=_("Add this tag to every imported note (repeatable)."),
            callback=given_tags,
        ),
    ] = None,
    as_json: JsonOpt = False,
    output: FormatOpt = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    request = core.ImportRequest(source, type_by_folder, tuple(tags or ()))
    core.check_source(notebook, source)
    repository = services.repository(notebook.root)
    if not dry_run:
        repository.author_name()  # GitIdentityMissing before any note is written
    listing = indexed_listing(services, notebook)
    with progress_when_long(_("Reading"), IMPORT_LONG) as progress:
        plan = core.plan_import(
            notebook,
            request,
            _imported(listing),
            {n.id for n in listing.notes},
            clock.today(),
            progress,
            Present.of(listing.notes, repository.stores, partial(services.last_recorded, notebook)),
        )
    unrecorded = [] if dry_run else _unrecorded(plan, listing, repository.pending(notebook.root))
    if not dry_run and (plan.notes or plan.documents or unrecorded):
        with progress_when_long(_("Importing"), IMPORT_LONG) as progress:
            written = core.write_plan(notebook, plan, progress)
        versions = _new_versions(plan)
        notes = len(written) - len(plan.documents) - versions  # documents come with their notes
        message = _commit_message(
            notes + len(unrecorded), versions, len(plan.documents), source.name
        )
        _record(repository, notebook, written, [notebook.root / p for p in unrecorded], message)
    _show(plan, dry_run, listings.chosen(output, as_json))


def _record(repository, notebook, written: list[Path], earlier: list[Path], message: str) -> None:
    """Commit the files the import wrote (with those an earlier one left unrecorded). Ctrl-C
    during the commit: recorded, it says so; not recorded, what this import wrote is removed,
    so that the import stays one commit or nothing."""
    try:
        repository.commit(written + earlier, message)
        for path in written:  # recorded: Ctrl-C from now on says they are in the notebook
            saved_notes.saved(notebook.relative(path))
    except KeyboardInterrupt:
        repository.wait_until_idle()  # the commit git may still make decides what is true
        waiting = set(repository.pending(notebook.root))
        left = [path for path in written if notebook.relative(path) in waiting]
        if not left:
            raise ImportInterruptedRecorded() from None
        core.undo_import(left)
        repository.commit(left, message)  # nothing to record: only takes them out of git's index
        raise ImportInterrupted() from None


def _new_versions(plan: core.ImportPlan) -> int:
    """How many notes of `plan` are new versions of notes already here, waiting beside them."""
    return sum(CONFLICT_MARK in note.path for note in plan.notes)


def _commit_message(notes: int, versions: int, documents: int, folder: str) -> str:
    """« import : 2 notes et 1 document de DOSSIER », in the team's language: what came, each
    counted (an import of a copy may bring only documents its notes here still list, or only
    new versions of notes already imported)."""
    came = [recorded_n("{n} note", "{n} notes", notes).format(n=notes)]
    came = came if notes or not (documents or versions) else []
    if versions:
        came.append(
            recorded_n("{n} new version waiting", "{n} new versions waiting", versions).format(
                n=versions
            )
        )
    if documents:
        came.append(recorded_n("{n} document", "{n} documents", documents).format(n=documents))
    what = recorded(" and ").join(came)
    return recorded("import: {what} from {folder}").format(what=what, folder=folder)


def _unrecorded(plan: core.ImportPlan, listing: Listing, pending: list[str]) -> list[str]:
    """The notes a previous import wrote but never committed (git refused it): recorded now."""
    paths = {note.id: note.path for note in listing.notes}
    already = (dict(p.params).get("id") for p in plan.skipped if p.reason == core.ALREADY)
    waiting = set(pending)
    return sorted({paths[i] for i in already if i in paths and paths[i] in waiting})


def _imported(listing: Listing) -> dict[str, str]:
    """The hashes of the sources already imported, with their notes' ids."""
    key = field_name(HASH_KEY)
    return {
        value: note.id
        for note in listing.notes
        for name, values in note.extra_fields
        if name == key
        for value in values
    }


def _show(plan: core.ImportPlan, dry_run: bool, form: str) -> None:
    rows = [[n.source, n.path] for n in plan.notes]
    listings.write(form, [_("source"), _("note")], rows, lambda: _as_json(plan))
    for note in plan.notes:
        for notice in _notices(note):
            render.info(f"{note.source}: {notice}")
    hidden = [p.source for p in plan.skipped if p.reason == HIDDEN]
    if hidden:
        render.info(_hidden_line(hidden))
    here = [p.source for p in plan.skipped if p.reason == core.presence.HERE]
    if here:
        render.info(_here_line(here))
    for passed in plan.skipped:
        if passed.reason not in (HIDDEN, core.presence.HERE):
            render.info(_passed(passed))
    copied = {document.source for document in plan.documents}
    for source, path in plan.brought:
        render.info(_brought(source, path, source in copied))
    for passed in plan.reported:
        render.problem_line(_passed(passed))
    render.success(_summary(plan, dry_run))


def _notices(note: NewImport) -> list[str]:
    """What the import says of one note it writes (a taken id or name, a second fiche…)."""
    given = [(note.notice, note.params)] if note.notice else []
    return [format_message(_(msgid), dict(params)) for msgid, params in [*given, *note.more]]


def _hidden_line(names: list[str]) -> str:
    """One line for every hidden file and folder (`.git/`, `.obsidian/`…): never notes."""
    message = ngettext(
        "{n} hidden file or folder skipped: {names}",
        "{n} hidden files or folders skipped: {names}",
        len(names),
    )
    return message.format(n=len(names), names=_first_few(names))


def _first_few(names: list[str]) -> str:
    """The first HIDDEN_NAMED of `names`, and « … » for the others: one line, however many."""
    return ", ".join(names[:HIDDEN_NAMED]) + (", …" if len(names) > HIDDEN_NAMED else "")


def _brought(source: str, path: str, copied: bool) -> str:
    """What became of a document an imported note links."""
    if not copied:
        return _("{source}: document already in the notebook").format(source=source)
    return _("{source}: document brought along with its note ({path})").format(
        source=source, path=path
    )


def _here_line(sources: list[str]) -> str:
    """One line for the notes the notebook already has (a clone of it holds all of them)."""
    message = ngettext(
        "{n} note already in the notebook, not imported again: {names}",
        "{n} notes already in the notebook, not imported again: {names}",
        len(sources),
    )
    return message.format(n=len(sources), names=_first_few(sources))


def _summary(plan: core.ImportPlan, dry_run: bool) -> str:
    """« 0 note importée, 1 passée, 2 signalées. »: each count agrees with its own number; the
    new versions of notes already here, which wait beside them, are counted apart."""
    waiting = _new_versions(plan)
    n, skipped, reported = len(plan.notes) - waiting, len(plan.skipped), len(plan.reported)
    done = (
        ngettext("{n} note would be imported", "{n} notes would be imported", n)
        if dry_run
        else ngettext("{n} note imported", "{n} notes imported", n)
    ).format(n=n)
    if waiting:
        versions = ngettext(
            "{n} new version waiting to be resolved",
            "{n} new versions waiting to be resolved",
            waiting,
        )
        done += ", " + versions.format(n=waiting)
    return _("{done}, {skipped}, {reported}.").format(
        done=done,
        skipped=ngettext("{n} skipped", "{n} skipped", skipped).format(n=skipped),
        reported=ngettext("{n} reported", "{n} reported", reported).format(n=reported),
    )


def _passed(passed: Passed) -> str:
    where = f"{passed.source}:{passed.line}" if passed.line else passed.source
    return f"{where}: " + format_message(_(passed.reason), dict(passed.params))


def _as_json(plan: core.ImportPlan) -> dict:
    def passed(items):
        return [{"source": p.source, "line": p.line or None, "reason": _passed(p)} for p in items]

    return {
        "imported": [
            {
                "source": n.source,
                "path": n.path,
                "id": n.id,
                "title": n.title,
                "notice": "; ".join(_notices(n)) or None,
            }
            for n in plan.notes
        ],
        "documents": [{"source": s, "path": p} for s, p in plan.brought],
        "skipped": passed(plan.skipped),
        "reported": passed(plan.reported),
    }
