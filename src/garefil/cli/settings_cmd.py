"""`garefil config`: each of the coach's settings and where it came from; `config set` (or
`definir`) and `config unset` (or `retirer`) change the coach's own file, never the notebook's."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from garefil.core import settings as core
from garefil.core.coach_file import save_setting
from garefil.core.errors import NotebookNotFound
from garefil.core.notebook import Notebook
from garefil.core.team import member_named
from garefil.i18n import _

from . import listing as listings
from . import render
from .context import Services
from .init_cmd import config_app
from .localized import add_command
from .options import FormatOpt, JsonOpt

PEOPLE = frozenset({"nom", "referent"})  # checked against the team when a notebook is here
KeyArg = Annotated[str, typer.Argument(metavar=_("KEY"), help=_("nom, editeur, smtp.port…"))]


def register(app: typer.Typer) -> None:
    """Add `config` (without a command), `config set` and `config unset` to `app`."""
    config_app.callback(invoke_without_command=True)(show)
    set_help = _("Change one of your own settings (in your file, never shared).")
    unset_help = _("Remove one of your own settings (the next source applies again).")
    for name in ("set", "definir"):
        add_command(config_app, name, set_help, set_setting)
    for name in ("unset", "retirer"):
        add_command(config_app, name, unset_help, unset_setting)


def show(ctx: typer.Context, as_json: JsonOpt = False, output: FormatOpt = None) -> None:
    """Your settings and this notebook's: each value and where it comes from."""
    if ctx.invoked_subcommand is not None:
        return
    services: Services = ctx.obj
    found = services.settings(_notebook_here(services))
    form = listings.chosen(output, as_json)
    if form == "table":
        render.info(_("Your settings file: {path}").format(path=core.coach_file(os.environ)))
    rows = [[s.key, _shown(s.value), origin_label(s.origin)] for s in found.values()]
    rows.append(["smtp.motdepasse", *_password()])
    data = lambda: [_summary(setting) for setting in found.values()]  # noqa: E731
    listings.write(form, [_("setting"), _("value"), _("from")], rows, data)


def set_setting(
    ctx: typer.Context,
    key: KeyArg,
    value: Annotated[str, typer.Argument(metavar=_("VALUE"), help=_("The new value."))],
) -> None:
    services: Services = ctx.obj
    stored = core.checked(key, value)
    notebook = _notebook_here(services)
    if key in PEOPLE and notebook is not None:
        stored = member_named(notebook.config, str(stored)) or stored
    path = core.coach_file(os.environ)
    save_setting(path, key, stored)
    render.success(_("{key} = {value} (in {path})").format(key=key, value=stored, path=path))
    _say_what_wins(services.settings(notebook, keys=(key,))[key])


def unset_setting(key: KeyArg) -> None:
    core.spec_of(key)  # an unknown key is an error that lists the known ones
    path = core.coach_file(os.environ)
    save_setting(path, key, None)
    render.success(_("{key} removed from {path}").format(key=key, path=path))


def _say_what_wins(setting: core.Setting) -> None:
    """A higher source (an option, the environment) still wins over the file: say so."""
    if setting.origin.kind == "environment":
        render.info(
            _("The environment variable {variable} still wins over it.").format(
                variable=setting.origin.detail
            )
        )


def _notebook_here(services: Services) -> Notebook | None:
    try:  # the coach's own settings stay within reach whatever the notebook's hold
        notebook = services.notebook(despite_settings=True)
    except NotebookNotFound:
        return None  # outside a notebook: only the coach's own settings
    if notebook.refused:
        render.settings_refused(notebook.refused)
    return notebook


def origin_label(origin: core.Origin) -> str:
    """Where a value came from, in words."""
    labels = {
        "option": _("the command's option"),
        "environment": _("environment variable {detail}"),
        "coach": _("your file"),
        "notebook": _("the notebook ({detail})"),
        "git": _("git ({detail})"),
        "default": _("default"),
    }
    return labels.get(origin.kind, origin.kind).format(detail=origin.detail)


def _shown(value: object) -> str:
    return "—" if value is None else str(value)


def _password() -> list[str]:
    if core.smtp_password(os.environ):
        return ["********", origin_label(core.Origin("environment", core.PASSWORD_VARIABLE))]
    return ["—", _("asked when needed, never stored")]


def _summary(setting: core.Setting) -> dict[str, object]:
    return {
        "key": setting.key,
        "value": setting.value,
        "origin": setting.origin.kind,
        "from": setting.origin.detail or None,
    }
