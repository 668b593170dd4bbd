"""Sharing commands: sync, status, resolve, history, remote."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from garefil.core import conflicts
from garefil.core import notes as notes_core
from garefil.core import sharing as core
from garefil.core.addresses import (
    another_notebook_there,
    refuse_unshareable_folder,
    shared_address,
    without_password,
)
from garefil.core.conflict_versions import versions
from garefil.core.errors import (
    GarefilError,
    NoteNotFound,
    NotInNotebook,
    RemoteMissing,
    RemoteUnreachable,
    format_message,
)
from garefil.core.index_model import IndexReport
from garefil.core.past_versions import past_path
from garefil.i18n import _, ngettext, recorded, recorded_n

from . import hand_edits, render, render_sharing
from . import listing as listings
from .common import fresh_index, indexed_listing, progress_when_long
from .context import Services
from .localized import add_command, add_signing_command
from .options import FormatOpt, JsonOpt, RefArg
from .sync_incoming import (
    incoming_json,
    show_incoming,
    show_unreadable,
    show_unreadable_sent,
    unreadable_json,
    unreadable_sent_json,
)

EXIT_CONFLICTS = 9
SYNC_LONG = 200  # files brought in and sent from which a sync takes long enough for a bar
CHANGES = {"added": "added", "modified": "modified", "deleted": "deleted", "renamed": "renamed"}


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_command(
        app, "sync", _("Share: record your changes, bring in the team's, send yours."), sync
    )
    add_command(
        app, "status", _("Show what waits to be shared and the conflicts to resolve."), status
    )
    add_signing_command(
        app, "resolve", _("Settle a conflict: keep the note, or take the other version."), resolve
    )
    add_command(app, "history", _("Show who changed a note, and when."), history)
    add_command(app, "remote", _("Show or set the address of the shared repository."), remote)


def messages() -> core.Messages:
    """Commit messages, in the team's language: the shared history is everyone's."""
    return core.Messages(
        hand_edits=hand_edits.commit_message,
        merge=recorded("sync: merged the team's work"),
        merge_conflicts=lambda count: recorded_n(
            "sync: merged the team's work, {count} conflict kept in two versions",
            "sync: merged the team's work, {count} conflicts kept in two versions",
            count,
        ).format(count=count),
        resolved=recorded("conflict resolved: {note}"),
        attributes=recorded("sync: garefil merges notes and settings (.gitattributes)"),
    )


def sync(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    from garefil.core import summary  # its pages: only `sync` commits them

    services: Services = ctx.obj
    # Its report says the conflicts, where they happened: not the line read commands add, which
    # the index refreshed to rebuild the sommaire would say before it.
    services.reports_conflicts = True
    try:
        # Whatever the notebook's settings hold, sync runs: it is how the team's fix arrives.
        notebook = services.notebook(despite_settings=True)
        repository = services.repository(notebook.root)
        with progress_when_long(_("Syncing"), SYNC_LONG) as progress:
            report = core.sync(
                notebook,
                repository,
                messages(),
                generated=(*notebook.config.generated, *summary.GENERATED),
                regenerate=None if notebook.refused else lambda: _regenerate(services, repository),
                progress=progress if render.draws_progress() else None,
            )
    except GarefilError as problem:
        _say_failure(problem, as_json)
        raise  # the one error translator (app.py) says it and sets the exit code
    notebook = services.notebook(despite_settings=True)  # as the merge left its settings
    # Settings still refused: the notes cannot be read as the team set them, nor indexed.
    indexed = not notebook.refused
    if as_json:  # the report stands even if the index cannot be refreshed
        index = None
        try:  # the index says which files brought in cannot be read
            index = fresh_index(services, notebook) if indexed else None
        finally:
            render.emit_json(_sync_json(report, index))
    else:  # the index reads only the files the merge changed
        _show_sync(report, fresh_index(services, notebook) if indexed else None)
    if notebook.refused:
        render.settings_refused(notebook.refused)
    if _unresolved(report):
        raise typer.Exit(EXIT_CONFLICTS)


def _regenerate(services: Services, repository) -> None:
    """After a merge: the sommaire's pages rebuilt from the merged notes, and committed."""
    services.last_listing = None  # the merge changed notes: the index reads them again
    repository.refresh(recorded("sommaire: regenerated after merging the team's work"))


def _to_resolve(report: core.SyncReport) -> list[core.Conflict]:
    """The conflicts kept in two versions; a note kept against a deletion, or a page garefil
    rebuilds, is settled already (nothing for `resolve`, nothing in `status`)."""
    return [conflict for conflict in report.conflicts if conflict.copy]


def _unresolved(report: core.SyncReport) -> bool:
    """Whether two versions of something wait for `resolve`: met now, or by an earlier sync."""
    return bool(_to_resolve(report) or report.waiting)


def _say_failure(problem: GarefilError, as_json: bool) -> None:
    """What a failed sync adds to the error line: the work kept here, and JSON when asked."""
    waiting = problem.params.get("waiting")
    if isinstance(problem, RemoteMissing | RemoteUnreachable) and waiting is not None:
        render.info(
            ngettext(
                "{n} change waits here to be shared: nothing is lost.",
                "{n} changes wait here to be shared: nothing is lost.",
                waiting,
            ).format(n=waiting)
        )
    if as_json:
        render.emit_json({"error": error_json(problem)})


def error_json(problem: GarefilError) -> dict[str, object]:
    """The documented JSON shape of an error (docs/json.md)."""
    return {
        "code": problem.exit_code,
        "kind": type(problem).__name__,
        "message": render.problem_text(problem),
        "hint": format_message(_(problem.hint), problem.params) if problem.hint else None,
        "waiting": problem.params.get("waiting"),
    }


def _show_sync(report: core.SyncReport, index: IndexReport | None) -> None:
    if "stale-lock" in report.recovered:
        render.info(_("A lock left by an interrupted git command was removed."))
    if "update" in report.recovered:
        render.info(
            _(
                "A merge stopped abruptly had left files half-written: they were put back as "
                "they were, then the team's work was merged again."
            )
        )
    if "merge" in report.recovered:
        render.info(_("An interrupted merge was finished, keeping both versions."))
    hand_edits.show(report)
    for path in report.refused:
        render.problem_line(
            _(
                "{path} is a symbolic link: garefil does not share it (make it a plain file)."
            ).format(path=path)
        )
    for conflict in report.conflicts:  # first: a line below may name the note in conflict
        # A page garefil rebuilds is derived: rebuilt from the merged notes, no one's loss;
        # « Sommaire updated. » says it once (sync_incoming.py), never once per page.
        if conflict.kind != "generated":
            render.problem_line(_conflict_text(conflict))
    show_incoming(report.incoming, index)
    show_unreadable(report.incoming, report.oversized, index)
    if report.sent:  # the notes the team gets, however many commits carry them
        render.info("↑ " + render_sharing.shared_words(report.sent))
        show_unreadable_sent(report.sent, index)
    if _to_resolve(report) or _all_new(report):
        render.info(_("Both versions are kept: see `garefil status`, then `garefil resolve`."))
    elif report.waiting:
        render.info(
            _("Shared, but conflicts still wait: see `garefil status`, then `garefil resolve`.")
        )
    else:
        render.success(_("The notebook is up to date with the team."))


def _all_new(report: core.SyncReport) -> bool:
    """Whether every conflict waiting came with this sync (a teammate's met this coach's
    version): « still » would speak of conflicts the coach knew of already."""
    return bool(report.waiting) and all(copy in report.arrived for _, copy in report.waiting)


def _conflict_text(conflict: core.Conflict) -> str:
    """The line for a conflict the coach should know of (a generated page's is never said)."""
    if conflict.kind == "both-changed":
        return _("Conflict on {path}: the other version is in {copy}").format(
            path=conflict.path, copy=conflict.copy
        )
    if conflict.kind == "deleted-here" and conflict.by:
        text = _(
            "{path} was deleted here but changed by {who} meanwhile: it is kept, with "
            "their changes (`garefil rm` deletes it for everyone)."
        )
    elif conflict.kind == "deleted-here":
        text = _(
            "{path} was deleted here but changed by someone else meanwhile: it is kept, with "
            "their changes (`garefil rm` deletes it for everyone)."
        )
    elif conflict.by and conflict.old_path:
        text = _(
            "{path} was deleted by {who} under its former name ({old}) but renamed here: it "
            "is kept, under its new name (`garefil rm` deletes it for everyone)."
        )
    elif conflict.by:
        text = _(
            "{path} was deleted by {who} but changed here: it is kept, with your "
            "changes (`garefil rm` deletes it for everyone)."
        )
    else:
        text = _(
            "{path} was deleted by someone else but changed here: it is kept, with your "
            "changes (`garefil rm` deletes it for everyone)."
        )
    return text.format(path=conflict.path, who=conflict.by, old=conflict.old_path)


def _sync_json(report: core.SyncReport, index: IndexReport | None) -> dict[str, object]:
    return {
        "committed": list(report.committed),
        "renamed": [{"old_path": old, "path": new} for old, new in report.renamed],
        "incoming": [incoming_json(c) for c in report.incoming],
        "outgoing": report.outgoing,
        "sent": list(report.sent),
        "conflicts": [{"path": c.path, "kind": c.kind, "copy": c.copy} for c in report.conflicts],
        "attempts": report.attempts,
        "recovered": list(report.recovered),
        "refused": list(report.refused),
        "waiting": [{"note": note, "copy": copy} for note, copy in report.waiting],
        "oversized": [
            {"path": c.path, "bytes": size, "authors": list(c.authors)}
            for c, size in report.oversized
        ],
        "unreadable": unreadable_json(report.incoming, index),
        "unreadable_sent": unreadable_sent_json(report.sent, index),
    }


def status(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    services: Services = ctx.obj
    notebook = services.notebook(despite_settings=True)  # says what waits, whatever they hold
    repository = services.reading_repository(notebook.root)
    report = core.status(notebook, repository)
    if notebook.refused:
        render.settings_refused(notebook.refused)
    if as_json:
        apart = report.another_notebook is not None  # two histories: nothing to count
        render.emit_json(
            {
                "remote": report.remote,
                "pending": list(report.pending),
                "renamed": [{"old_path": old, "path": new} for old, new in report.renamed],
                "ahead": None if apart else report.ahead,
                "behind": None if apart else report.behind,
                "another_notebook": apart,
                "unfinished": report.unfinished,
                "blocked": [{"path": p, "author": a} for p, a in report.blocked],
                "settings_refused": render.problem_text(report.settings_refused)
                if report.settings_refused
                else None,
                "conflicts": [{"note": n, "copy": c} for n, c in report.conflicts],
            }
        )
        return
    render_sharing.status(
        report, [versions(notebook, repository, n, c) for n, c in report.conflicts]
    )


def resolve(
    ctx: typer.Context,
    ref: RefArg,
    take_other: Annotated[
        bool,
        typer.Option(
            "--prendre-l-autre",
            "--take-other",
            help=_("Replace the note by the other version instead of keeping it."),
        ),
    ] = False,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    path = _conflicted_file(notebook, ref) or notes_core.resolve_path(
        notebook, ref, Path.cwd(), indexed_listing(services, notebook)
    )
    repository = services.repository(notebook.root)
    was, kept, source = _kept_author(notebook, repository, path, take_other)
    done = conflicts.resolve(notebook, repository, path, take_other, messages())
    note, copies = done.note, done.copies
    said = ngettext(
        "Conflict on {note} resolved: the version written by {author} is kept ({count} copy"
        " removed).",
        "Conflict on {note} resolved: the version written by {author} is kept ({count} "
        "copies removed).",
        len(copies),
    )
    if note != was:  # the version taken came with its title's file name
        said = ngettext(
            "Conflict on {was} resolved: the version written by {author} is kept, and the note "
            "renamed {note} to go with its title ({count} copy removed).",
            "Conflict on {was} resolved: the version written by {author} is kept, and the note "
            "renamed {note} to go with its title ({count} copies removed).",
            len(copies),
        )  # fmt: skip
    if source:  # the version kept is no teammate's: the imported file's, come again
        said = ngettext(
            "Conflict on {was} resolved: the new version of the imported file {source} is kept in"
            " {note} ({count} copy removed).",
            "Conflict on {was} resolved: the new version of the imported file {source} is kept in"
            " {note} ({count} copies removed).",
            len(copies),
        )
    render.success(said.format(was=was, note=note, author=kept, count=len(copies), source=source))
    _say_set_aside(repository, done)
    if done.carried:
        render.info(
            ngettext(
                "{ids}, only in the version set aside, is added to the note: nothing of the "
                "register is lost.",
                "{ids}, only in the version set aside, are added to the note: nothing of the "
                "register is lost.",
                len(done.carried),
            ).format(ids=", ".join(done.carried))
        )


def _say_set_aside(repository, done: conflicts.Resolution) -> None:
    """Where each version the resolution set aside can still be read: the commit before the
    resolution's own holds it, and `show --version` shows it."""
    before = repository.commit_id(f"{done.commit}^") if done.commit else None
    if before is None:
        return
    for path in done.set_aside:
        show = render_sharing.version_command(path, before)
        render.info(
            _("The version set aside is still in the history: `{show}` shows it.").format(show=show)
        )


def _kept_author(notebook, repository, path: str, take_other: bool) -> tuple[str, str, str | None]:
    """The note in conflict at `path`, who wrote the version `resolve` keeps (the note's, or
    with --prendre-l-autre the copy's), and the imported file when that copy is its new
    version."""
    pairs = [pair for pair in conflicts.conflict_copies(notebook) if path in pair]
    if not pairs:
        return path, "", None  # no conflict there: resolve says so
    note, copy = pairs[0]
    found = versions(notebook, repository, note, path if path != note else copy)
    kept = render_sharing.author(found, found.copy if take_other else found.note)
    return note, kept, found.imported_from if take_other else None


def _conflicted_file(notebook, ref: str) -> str | None:
    """`ref` itself when it names a file in conflict that is not a note (a setting)."""
    candidates = {path for pair in conflicts.conflict_copies(notebook) for path in pair}
    for path in (ref, _relative_to_notebook(notebook, ref)):
        if path in candidates:
            return path
    return None


def _relative_to_notebook(notebook, ref: str) -> str:
    try:
        return notebook.relative(Path.cwd() / ref)
    except NotInNotebook:
        return ref


def history(
    ctx: typer.Context, ref: RefArg, as_json: JsonOpt = False, output: FormatOpt = None
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    repository = services.reading_repository(notebook.root)
    try:
        path = notes_core.resolve_path(
            notebook, ref, Path.cwd(), indexed_listing(services, notebook)
        )
        notes_core.read(notebook, path)  # an unreadable note: say where and how to fix it
    except NoteNotFound:  # a note deleted or renamed since, named by the path it had
        path = past_path(notebook, repository, ref, Path.cwd()) or ""
        if not path:
            raise
    entries = core.history(notebook, repository, path)
    form = listings.chosen(output, as_json)
    if form == "table" and not entries:
        render.info(_("Not recorded yet: the next change or `garefil sync` will record it."))
        return
    listings.write(
        form,
        render_sharing.history_headers(),
        render_sharing.history_rows(entries),
        lambda: [entry.as_json() for entry in entries],
        table=lambda: render_sharing.history(entries),
    )


def remote(
    ctx: typer.Context,
    url: Annotated[
        str | None,
        typer.Argument(
            metavar=_("ADDRESS"),
            help=_("Address of the shared git repository."),
            show_default=False,
        ),
    ] = None,
) -> None:
    services: Services = ctx.obj
    repository = services.repository(services.notebook().root)
    if url is None:
        current = repository.remote_url()
        if current:
            typer.echo(current)
        else:
            render.info(_("No shared repository yet: `garefil remote ADDRESS` sets one."))
        return
    url = shared_address(url)  # a local path, from the folder where it was typed
    refuse_unshareable_folder(url)
    root = services.notebook().root
    if services.foreign_notebook(url, root):  # its first sync would merge two notebooks
        raise another_notebook_there(url, root)
    replaced = repository.remote_url()
    repository.set_remote(url)
    if replaced and replaced != url:  # the old address is gone from the notebook: say which
        text = _("Shared repository: {url}, replacing {old}. `garefil sync` shares the notebook.")
    else:
        text = _("Shared repository: {url}. `garefil sync` shares the notebook.")
    render.success(text.format(url=url, old=without_password(replaced or "")))
