"""`garefil config membres` and `config membre ajouter|retirer`: who is in the team."""

from __future__ import annotations

from typing import Annotated

import typer

from garefil.core import team
from garefil.core.config import CONFIG_DIR, CONFIG_FILE
from garefil.core.notebook import Notebook
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
    wanted = team.with_member(notebook.config.members, name)
    if wanted == notebook.config.members:
        render.info(_("{name} is already a member of the team.").format(name=name))
        return
    _save(ctx.obj, notebook, wanted, recorded("team: {name} joins").format(name=wanted[-1]))
    render.success(_("{name} is now a member of the team.").format(name=wanted[-1]))


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


def check_referent(notebook: Notebook, typed: str | None) -> str | None:
    """The member a `--referent` designates, as the team writes them; NotAMember if nobody.

    While the team is not listed, anyone goes, and the coach is told how to list it.
    """
    if typed is None:
        return None
    found = team.member_named(notebook.config, typed)
    if found is None:
        render.info(
            _(
                "The team is not listed yet, so référents are not checked: "
                '`garefil config membre ajouter "{name}"`.'
            ).format(name=typed)
        )
        return typed
    return found
