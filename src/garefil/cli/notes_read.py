"""The commands that read notes: show, list, tags, once their command line is read (declared
in notes_cmd.py with Typer; the quick path of the read commands, quick.py, runs them without)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from garefil.core import notes as core
from garefil.core.conflict_copies import without_conflict_copies
from garefil.core.errors import InvalidNote, NotTextNote, NotUtf8
from garefil.core.fields import parse_filter
from garefil.core.model import NoteFilter
from garefil.core.selection import select
from garefil.i18n import _

from . import listing as listings
from . import render, render_notes
from .common import (
    candidates,
    fresh_index,
    indexed_tags,
    named_notes,
    note_filter,
    say_unreadable_dates,
)
from .context import Services


def show(services: Services, ref: str, as_json: bool = False, version: str | None = None) -> None:
    """Show the note `ref` names: its header and text, or all it holds as JSON; with
    `version`, as it was in that commit."""
    notebook = services.notebook()
    report = fresh_index(services, notebook)  # says what every read command says
    listing = lambda: without_conflict_copies(report.listing())  # noqa: E731 - made when needed
    if version is not None:
        _show_version(services, notebook, ref, version, listing, as_json)
        return
    path = core.resolve_path(notebook, ref, Path.cwd(), lambda: named_notes(notebook, report))
    try:
        note = core.read(notebook, path, register=as_json)  # only JSON shows decisions, actions
    except InvalidNote as problem:
        if isinstance(problem, NotTextNote):  # no text to show: to be removed, as jardin says
            raise
        _show_as_written(notebook, path, problem, as_json)
        return
    _say_keys_written_twice(note)
    if as_json:
        from .register_cmd import register_of  # a replaced decision says so, as in `decisions`

        render.emit_json(core.detail(note, register_of(services, notebook, note)))
        return
    _say_if_not_utf8(notebook, path)
    render_notes.note_detail(note, notebook.read_text(path))


def _show_version(services: Services, notebook, ref, version, listing, as_json: bool) -> None:
    """The note as commit `version` holds it (renamed or deleted since, a conflict's version
    set aside): its text as written, after one line saying which version it is."""
    from garefil.core.errors import FrontMatterError
    from garefil.core.notefile import read_note
    from garefil.core.past_versions import past_version

    repo = services.reading_repository(notebook.root)
    past = past_version(notebook, repo, ref, version, Path.cwd(), listing)
    said = _("{path} as it was in version {version} (`garefil show` without --version: as it is)")
    render.info(said.format(path=past.path, version=past.commit[:7]))
    try:
        note = read_note(past.path, past.text, notebook.config, register=as_json)
    except FrontMatterError:  # written so then: shown as written, nothing to fix in the past
        note = None
    if as_json:
        shape = core.detail(note) if note else {"path": past.path, "text": past.text}
        render.emit_json(shape | {"version": past.commit})
    elif note is not None:
        render_notes.note_detail(note, past.text)
    else:
        render_notes.note_as_written(past.path, past.text)


def _show_as_written(notebook, path: str, problem: InvalidNote, as_json: bool) -> None:
    """A note whose header cannot be read is still the coach's text: shown as written, with
    one line saying where the header is wrong and how to fix it (exit 0, as `list` goes on)."""
    line, detail = problem.params["line"], _(problem.params["detail"])
    said = _("header unreadable ({detail}): the note is shown as written; fix it: {edit}")
    where = f"{path}:{line}" if line else path
    render.problem_line(f"{where}: " + said.format(detail=detail, edit=f"`garefil edit {path}`"))
    text = notebook.read_text(path)
    if as_json:
        render.emit_json({"path": path, "problem": {"line": line, "detail": detail}, "text": text})
    else:
        render_notes.note_as_written(path, text)


def _say_keys_written_twice(note) -> None:
    """A key written twice keeps only its last value: said, so that nothing is lost unseen."""
    for kind, line, key in note.remarks:
        if kind == "duplicate-key":
            from garefil.core.review import N_DUPLICATE  # the jardin's checks: only then

            render.problem_line(f"{note.path}:{line}: " + _(N_DUPLICATE).format(key=key))
        if kind == "toml":
            from garefil.core.review import N_TOML

            render.problem_line(f"{note.path}:{line}: " + _(N_TOML))


def _say_if_not_utf8(notebook, path: str) -> None:
    try:
        notebook.read_exact(path)
    except NotUtf8 as error:
        said = _("{path} is not UTF-8: read as {encoding}; garefil will not rewrite it.")
        render.info(said.format(path=path, encoding=error.params["encoding"]))


def list_notes(
    services: Services,
    note_type: list[str] | None = None,
    tag: list[str] | None = None,
    entrepreneur: str | None = None,
    referent: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    field: list[str] | None = None,
    limit: int | None = None,
    as_json: bool = False,
    output: str | None = None,
) -> None:
    """List the notes the filters allow, newest first (the first `limit`), as `output`."""
    form = listings.chosen(output, as_json)  # a wrong pair refused before any work
    notebook = services.notebook()
    wanted = note_filter(notebook, note_type, tag, entrepreneur, referent, status, since, until)
    wanted = replace(wanted, fields=tuple(parse_filter(f) for f in field or ()))
    resolved_filter, kept = candidates(services, notebook, wanted)
    listing = select(kept, resolved_filter, limit, partial(services.recorded_times, notebook))
    render.problems(listing.problems)
    say_unreadable_dates(listing.notes)
    if form == "table" and not listing.notes:
        render.info(
            _("No note matches these filters.")
            if wanted != NoteFilter()
            else _("No note yet: `garefil new cr` writes the first one.")
        )
        if wanted.tags and services.last_report is not None:
            from .unknown_tags import say_unknown

            say_unknown(wanted.tags, services.last_report.tag_counts())
        from .unknown_people import say_close_entrepreneur

        say_close_entrepreneur(wanted.entrepreneur, services.last_report)
        return
    listings.write(
        form,
        render_notes.note_headers(),
        lambda: [render_notes.note_row(n) for n in listing.notes],
        lambda: [n.summary() for n in listing.notes],
        table=lambda: render_notes.notes(listing.notes),
    )


def tags(services: Services, as_json: bool = False, output: str | None = None) -> None:
    """The tags with how many notes carry each, most carried first, as `output`."""
    form = listings.chosen(output, as_json)
    counts, listing = indexed_tags(services, services.notebook())
    render.problems(listing.problems)
    if form == "table" and not counts:
        render.info(_("No tag yet: `garefil tag NOTE TAG` adds one."))
        return
    listings.write(
        form,
        render_notes.tag_headers(),
        [[c.tag, str(c.count)] for c in counts],
        lambda: [{"tag": c.tag, "count": c.count} for c in counts],
        table=lambda: render_notes.tag_counts(counts),
    )
