"""`garefil decision …` and `garefil action …`: one line of one note changed or added, committed."""

from __future__ import annotations

from typing import Annotated

import typer

from garefil.core import notes as notes_core
from garefil.core import register as reg
from garefil.core import register_edit as edit
from garefil.core.dates import day_of, iso, parse_date
from garefil.core.errors import DecisionNotProposed
from garefil.core.model import Note
from garefil.core.notebook import Notebook
from garefil.core.team import member_named
from garefil.i18n import _, recorded

from . import render
from .context import Services
from .localized import add_signing_command
from .options import person_name
from .register_cmd import ItemArg, item_note, register_notes, target_note
from .shown_dates import long_date

TextArg = Annotated[str, typer.Argument(metavar=_("TEXT"), help=_("What is decided or to do."))]
IntoOpt = Annotated[
    str | None,
    typer.Option(
        "--dans",
        metavar=_("NOTE"),
        help=_("The note to write it in (default: the latest meeting)."),
        show_default=False,
    ),
]


def register(app: typer.Typer) -> None:
    """Add the commands that change the register to the `decision` and `action` groups (which
    register_cmd.py adds to `app`)."""
    from .register_cmd import action_app, decision_app

    add_signing_command(
        decision_app, "ajouter", _("Write a new decision in a meeting note."), add_decision
    )
    add_signing_command(
        decision_app, "remplacer", _("Write a decision that replaces another one."), replace
    )
    add_signing_command(decision_app, "adopter", _("Mark a proposed decision adopted."), adopt)
    add_signing_command(
        decision_app, "abandonner", _("Mark a proposed decision abandoned."), abandon
    )
    add_signing_command(
        action_app, "ajouter", _("Write a new action in a meeting note."), add_action
    )
    add_signing_command(action_app, "faite", _("Mark an action done (its line only)."), done)


def _taken(services: Services, notebook: Notebook) -> set[str]:
    notes = register_notes(services, notebook, copies=True).notes
    return {i.id for n in notes for i in (*n.decisions, *n.actions)}


def add_decision(
    ctx: typer.Context,
    text: TextArg,
    proposed: Annotated[
        bool, typer.Option("--proposee", help=_("Only proposed, not adopted yet."))
    ] = False,
    into: IntoOpt = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    new_id = reg.new_item_id(reg.DECISION, _taken(services, notebook))
    prefix = f"{reg.PROPOSED.capitalize()} : " if proposed else ""
    note = target_note(services, notebook, into, _("decision"))
    _add(services, notebook, note, "decisions", prefix + edit.new_line(text, new_id), new_id)


def replace(ctx: typer.Context, item_id: ItemArg, text: TextArg, into: IntoOpt = None) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    old = item_note(services, notebook, item_id, "decisions")
    replaced = _item(old, item_id, "decisions")
    edit.check_not_replaced(register_notes(services, notebook).notes, replaced.id)
    new_id = reg.new_item_id(reg.DECISION, _taken(services, notebook))
    line = f"{' '.join(text.split())} (remplace {replaced.id}) ^{new_id}"
    note = target_note(services, notebook, into, _("decision"))
    # An id derived from the text is written on the old line, so that the link outlives edits.
    # Both texts are made before either is written: a refused addition changes nothing.
    old_text = edit.write_id(notebook.read_exact(old.path), old.path, replaced)
    if note.path == old.path:
        _write(services, notebook, note, edit.add_item(old_text, note.path, "decisions", line))
    else:
        added = edit.add_item(notebook.read_exact(note.path), note.path, "decisions", line)
        notebook.replace(old.path, old_text)
        _write(services, notebook, note, added, also=old)
    _said_written(new_id, note, "decisions")
    render.info(_("Decision {old} is replaced by {new}.").format(old=replaced.id, new=new_id))


def adopt(ctx: typer.Context, item_id: ItemArg) -> None:
    _set_status(ctx.obj, item_id, reg.ADOPTED)


def abandon(ctx: typer.Context, item_id: ItemArg) -> None:
    _set_status(ctx.obj, item_id, reg.ABANDONED)


def _set_status(services: Services, item_id: str, status: str) -> None:
    notebook = services.notebook()
    note = item_note(services, notebook, item_id, "decisions")
    decision = _item(note, item_id, "decisions")
    if decision.status != reg.PROPOSED:
        raise DecisionNotProposed(id=decision.id, status=decision.status)
    text = notebook.read_exact(note.path)
    _write(services, notebook, note, edit.set_status(text, note.path, note.id, decision, status))
    render.success(_("Decision {id}: {status}.").format(id=decision.id, status=status))


def add_action(
    ctx: typer.Context,
    who: Annotated[
        str,
        typer.Argument(metavar=_("WHO"), help=_("A member of the team."), callback=person_name),
    ],
    text: TextArg,
    due: Annotated[
        str | None,
        typer.Option("--pour", metavar="DATE", help=_("Due day."), show_default=False),
    ] = None,
    into: IntoOpt = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    from .coach import person_meant  # « moi »: the coach, as `suivi --moi` knows them

    who = person_meant(services, notebook, who) or who
    person = member_named(notebook.config, who) or " ".join(who.split())
    parts = [person, " ".join(text.split())]
    if due:
        parts.append(iso(day_of(parse_date(due, ahead=True))) or "")
    new_id = reg.new_item_id(reg.ACTION, _taken(services, notebook))
    note = target_note(services, notebook, into, _("action"))
    line = "[ ] " + edit.new_line(reg.SEPARATOR.join(parts), new_id)
    _add(services, notebook, note, "actions", line, new_id)


def done(ctx: typer.Context, item_id: ItemArg) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    note = item_note(services, notebook, item_id, "actions")
    action = _item(note, item_id, "actions")
    if action.done:
        render.info(_("Action {id} was already done.").format(id=action.id))
        return
    text = notebook.read_exact(note.path)
    _write(services, notebook, note, edit.mark_done(text, note.path, note.id, action))
    said = reg.SEPARATOR.join(
        p for p in (action.who or "?", action.what, long_date(action.due)) if p
    )
    render.success(_("Action {id} done: {action}").format(id=action.id, action=said))


def _item(note: Note, item_id: str, kind: str):
    from garefil.core.register_list import find_item

    return find_item([note], item_id, kind)[1]


def _add(services: Services, notebook, note: Note, kind: str, line: str, new_id: str) -> None:
    text = notebook.read_exact(note.path)
    _write(services, notebook, note, edit.add_item(text, note.path, kind, line))
    _said_written(new_id, note, kind)
    if not edit.has_heading(text, kind):
        render.info(_heading_added(kind))


def _heading_added(kind: str) -> str:
    """Said when the note had no heading for `kind`: where the item went."""
    added = {
        "decisions": _("The note had no “Décisions” heading: it was added at its end."),
        "actions": _("The note had no “Actions” heading: it was added at its end."),
    }
    return added[kind]


def _said_written(new_id: str, note: Note, kind: str) -> None:
    """The new item's id and note, for scripts on stdout and for the coach (`kind`: decisions
    or actions, which the coach reads)."""
    typer.echo(f"{new_id}\t{note.path}")
    written = {
        "decisions": _("Decision {id} written in {path}."),
        "actions": _("Action {id} written in {path}."),
    }
    render.success(written[kind].format(id=new_id, path=note.path))


def _write(services: Services, notebook, note: Note, text: str, also: Note | None = None) -> None:
    """Replace the note's text (atomically) and commit it (with `also`, changed before)."""
    notebook.replace(note.path, text)
    paths = [notebook.absolute(n.path) for n in (note, also) if n is not None]
    message = notes_core.commit_message(note, " — " + recorded("decisions and actions"))
    services.repository(notebook.root).commit(paths, message)
