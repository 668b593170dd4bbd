"""`garefil docs` and `garefil doc ajouter`: documents filed one way, linked from a note."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from garefil.core import clock
from garefil.core import documents as core
from garefil.core import entrepreneurs as people
from garefil.core import notes as notes_core
from garefil.core.model import Note, NoteFilter
from garefil.core.selection import select
from garefil.i18n import _, recorded

from . import listing as listings
from . import render
from .common import author, indexed_listing, resolved
from .context import Services
from .localized import LocalizedGroup, add_command, add_signing_command
from .options import ConcernedOpt, EntrepreneurOpt, FormatOpt, JsonOpt
from .people_cmd import checked_entrepreneur

doc_app = typer.Typer(
    cls=LocalizedGroup, help=_("Documents: file one in the notebook."), no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_command(app, "docs", _("List the documents filed in the notebook."), list_documents)
    app.add_typer(doc_app, name="doc")
    add_signing_command(doc_app, "ajouter", _("File a document and link it from a note."), add)


def list_documents(
    ctx: typer.Context,
    entrepreneur: EntrepreneurOpt = None,
    as_json: JsonOpt = False,
    output: FormatOpt = None,
) -> None:
    notebook = ctx.obj.notebook()
    listing = indexed_listing(ctx.obj, notebook)
    notes = listing.notes
    if entrepreneur:
        # A name nobody has (a typo) is said, with the close names, rather than "no document".
        person = people.find(people.entrepreneurs(notes, clock.today()), entrepreneur).name
        wanted = resolved(notebook, NoteFilter(entrepreneur=person), listing)
        notes = select(listing, wanted).notes
    found = core.filed(notes, notebook.root)
    render.problems(listing.problems)
    form = listings.chosen(output, as_json)
    if form == "table" and not found:
        render.info(_("No document yet: `garefil doc ajouter FILE --note REF` files one."))
        return
    headers = [_("document"), _("size"), _("note"), _("entrepreneur")]
    listings.write(form, headers, [_row(d) for d in found], lambda: [d.summary() for d in found])


def _row(document: core.Filed) -> list[str]:
    size = f"{document.size // 1024 or 1} ko" if document.size is not None else "—"
    return [document.path, size, document.note.id, document.note.entrepreneur or ""]


def add(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(metavar=_("FILE"), help=_("The document to file."))],
    note_ref: Annotated[
        str | None,
        typer.Option(
            "--note", metavar="REF", help=_("The note that links it."), show_default=False
        ),
    ] = None,
    entrepreneur: ConcernedOpt = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    listing = indexed_listing(services, notebook)
    data = core.source_bytes(source)
    person = checked_entrepreneur(entrepreneur, listing)
    note = _note(notebook, note_ref, listing)
    target = core.target_path(source.name, note, person, clock.today())
    path = core.file_document(notebook, data, target)
    try:
        note_path = _link(services, notebook, note, person, source.name, path, data, listing)
    except BaseException:
        notebook.remove(path)  # not linked, not filed: the notebook is as it was
        raise
    _warn_if_large(notebook, len(data))
    message = recorded("document: {name}").format(name=path.rsplit("/", 1)[-1])
    paths = [notebook.absolute(path), notebook.absolute(note_path)]
    services.repository(notebook.root).commit(paths, message)
    done = _("Document filed in {path}, linked from {note}.")
    render.success(done.format(path=path, note=note_path))
    _tell_if_sent(note)


def _tell_if_sent(note: Note | None) -> None:
    """A document filed on a report already sent did not go with it: said, with the way to."""
    from garefil.core import reports
    from garefil.core.notetypes import is_type

    if note is not None and is_type(note, reports.REPORT) and reports.is_sent(note):
        render.info(
            _(
                "{id} was sent already, without this document: `garefil cr envoyer {id} --encore` "
                "sends it again with it."
            ).format(id=note.id)
        )


def _note(notebook, ref: str | None, listing) -> Note | None:
    if ref is None:
        return None
    return notes_core.read(notebook, notes_core.resolve_path(notebook, ref, Path.cwd(), listing))


def _link(services, notebook, note, person, name, path, data, listing) -> str:
    """Link the document from `note`, or from a new note when none was named; its path."""
    if note is not None:
        notes_core.update(notebook, note.path, {core.KEY: core.linked(note, path, data)})
        return note.path
    request = notes_core.NewNote(
        type="note",
        title=_("Document: {name}").format(name=name),
        entrepreneur=person,
        author=author(services.repository(notebook.root)),
        body="",
        fields=((core.KEY, core.linked(None, path, data)),),
    )
    draft = notes_core.draft(notebook, request, clock.today(), listing)
    notebook.write_new(draft.path, draft.text)
    return draft.path


def _warn_if_large(notebook, size: int) -> None:
    limit = notebook.config.document_warning_bytes
    if size > limit:
        render.info(
            _(
                "This document weighs {size} kB (more than {limit} kB): git keeps every version of "
                "every file, so the notebook grows for everyone. See docs/documents.md (Git LFS)."
            ).format(size=size // 1024, limit=limit // 1024)
        )
