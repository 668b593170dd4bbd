"""`garefil config membres` and `config membre ajouter|retirer`: who is in the team."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import typer

from garefil.core import team
from garefil.core.config import CONFIG_DIR, CONFIG_FILE
from garefil.core.notebook import Notebook
from garefil.core.people import FICHE, MEMBER, NOTES, by_use, known_spelling
from garefil.i18n import _, recorded

from . import listing as listings
from . import render
from .context import Services
from .init_cmd import config_app
from .localized import LocalizedGroup, add_command, add_signing_command
from .options import FormatOpt, JsonOpt, person_name

member_app = typer.Typer(
    cls=LocalizedGroup, help=_("Add or remove a member of the team."), no_args_is_help=True
)
NameArg = Annotated[
    str, typer.Argument(metavar=_("NAME"), help=_("First and last name."), callback=person_name)
]
CONFIG_PATH = f"{CONFIG_DIR}/{CONFIG_FILE}"


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app` (under `config`)."""
    add_command(config_app, "membres", _("List the members of the team (the référents)."), members)
    config_app.add_typer(member_app, name="membre")
    add_signing_command(member_app, "ajouter", _("Add a member to the team."), add_member)
    add_signing_command(member_app, "retirer", _("Remove a member from the team."), remove_member)


def members(ctx: typer.Context, as_json: JsonOpt = False, output: FormatOpt = None) -> None:
    team = ctx.obj.notebook().config.members
    form = listings.chosen(output, as_json)
    if form == "table" and not team:
        render.info(_('No member listed yet: `garefil config membre ajouter "First Last"`.'))
        return
    listings.write(form, [_("member")], [[m] for m in team], lambda: list(team))


def add_member(ctx: typer.Context, name: NameArg) -> None:
    notebook = ctx.obj.notebook()
    name = _spelled(ctx.obj, notebook, name)
    wanted = team.with_member(notebook.config.members, name)
    if wanted == notebook.config.members:
        render.info(_("{name} is already a member of the team.").format(name=name))
        return
    _save(ctx.obj, notebook, wanted, recorded("team: {name} joins").format(name=wanted[-1]))
    render.success(_("{name} is now a member of the team.").format(name=wanted[-1]))


def _spelled(services: Services, notebook: Notebook, typed: str) -> str:
    """The new member's name as the team or the notes already write it, else as typed (a name
    typed all in lower case capitalised)."""
    from .common import indexed_listing

    listing = indexed_listing(services, notebook)
    named = by_use(
        name
        for note in listing.notes
        for name in (note.referent, note.author, *note.participants, note.entrepreneur)
    )
    spelled, source = known_spelling(typed, [(MEMBER, notebook.config.members), (NOTES, named)])
    if source is not None:
        said_spelling(typed, spelled, source)
    return spelled


def said_spelling(typed: str, written: str, source: str) -> None:
    """Tell the coach a name is written as the notebook already spells it, when it differs."""
    if written == " ".join(typed.split()):
        return
    why = {
        FICHE: _("Written '{name}' (the fiche's name)."),
        MEMBER: _("Written '{name}' (as the team lists them)."),
        NOTES: _("Written '{name}' (as the notes write it)."),
    }[source]
    render.info(why.format(name=written))


def remove_member(ctx: typer.Context, name: NameArg) -> None:
    notebook = ctx.obj.notebook()
    wanted = team.without_member(notebook.config.members, name)
    gone = next(m for m in notebook.config.members if m not in wanted)
    _save(ctx.obj, notebook, wanted, recorded("team: {name} leaves").format(name=gone))
    render.success(_("{name} is no longer a member of the team.").format(name=gone))


def _save(services: Services, notebook: Notebook, wanted: tuple[str, ...], message: str) -> None:
    """Write the members into the config (their line only) and commit it."""
    text = notebook.read_exact(CONFIG_PATH) if notebook.absolute(CONFIG_PATH).is_file() else ""
    notebook.replace(CONFIG_PATH, team.set_members(text, wanted, CONFIG_PATH))
    services.repository(notebook.root).commit([notebook.absolute(CONFIG_PATH)], message)


def check_referent(
    notebook: Notebook, typed: str | None, named: Iterable[str | None] = ()
) -> str | None:
    """The member a `--referent` designates, as the team writes them; NotAMember if nobody.

    While the team is not listed, anyone goes, written as the notes (`named`, the référents
    they name) already write that person, and the coach is told how to list the team.
    """
    if typed is None:
        return None
    found = team.member_named(notebook.config, typed)
    if found is None:
        spelled, source = known_spelling(typed, [(NOTES, by_use(named))])
        if source is not None:
            said_spelling(typed, spelled, source)
        render.info(
            _(
                "The team is not listed yet, so référents are not checked: "
                '`garefil config membre ajouter "{name}"`.'
            ).format(name=spelled)
        )
        return spelled
    return found
