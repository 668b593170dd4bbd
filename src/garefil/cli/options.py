"""Options shared by several commands, declared once so that they read the same everywhere."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from garefil.i18n import _


def person_name(param: typer.CallbackParam, value: Any) -> Any:
    """A person's name (or the names of a repeated option) refused when empty (core.team)."""
    if value is None or value == [] or value == ():
        return value  # not given: a read command need not load the team's rules
    from garefil.core.team import typed_name

    what = param.opts[0] if param.param_type_name == "option" else param.human_readable_name
    if isinstance(value, (list, tuple)):
        return type(value)(typed_name(v, what) for v in value)
    return typed_name(value, what)


def given_tags(value: list[str] | None) -> list[str] | None:
    """The tags a command is given, as a coach types them: « pôle emploi, caf » is two, as in
    a note's `tags:` line, whichever command takes them (core.text.split_tags)."""
    if not value:
        return value
    from garefil.core.text import split_tags

    return split_tags(value)


TypeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        "-t",
        metavar="TYPE",
        help=_("Only this note type (repeatable)."),
        show_default=False,
    ),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "--etiquette",
        metavar=_("TAG"),
        help=_("Only notes with this tag (repeatable: all of them)."),
        show_default=False,
    ),
]
# The tags a new note or pad is given (not a filter: see TagOpt).
GivenTagOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "--etiquette",
        metavar=_("TAG"),
        help=_("A tag (repeatable)."),
        show_default=False,
        callback=given_tags,
    ),
]
EntrepreneurOpt = Annotated[
    str | None,
    typer.Option(
        "--entrepreneur",
        "-e",
        metavar=_("NAME"),
        help=_("Only notes about this entrepreneur."),
        show_default=False,
        callback=person_name,
    ),
]
# The entrepreneur a new note, pad or document is about (not a filter: see EntrepreneurOpt).
ConcernedOpt = Annotated[
    str | None,
    typer.Option(
        "--entrepreneur",
        "-e",
        metavar=_("NAME"),
        help=_("Entrepreneur concerned."),
        show_default=False,
        callback=person_name,
    ),
]


def referent_option(help_text: str) -> typer.models.OptionInfo:
    """The option naming a référent (a coach), checked as every person's name, with
    `help_text`: a filter, or the référent a new note or fiche is given."""
    return typer.Option(
        "--referent",
        "-r",
        metavar=_("NAME"),
        help=help_text,
        show_default=False,
        callback=person_name,
    )


ReferentOpt = Annotated[str | None, referent_option(_("Only notes with this referent."))]
# Every command that writes a note in the editor can be told not to open it.
NoEditOpt = Annotated[
    bool, typer.Option("--no-edit", "--sans-editeur", help=_("Do not open the editor."))
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--depuis",  # French first, as every command shows its names
        "--since",
        metavar="DATE",
        help=_("Only notes dated on or after this day (2024-04-15, 15/04, lundi dernier…)."),
        show_default=False,
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--jusqu-au",
        "--until",
        metavar="DATE",
        help=_("Only notes dated on or before this day."),
        show_default=False,
    ),
]


def at_least_one(param: typer.CallbackParam, value: int | None) -> int | None:
    """A --limit of 0 or less is a usage error (checked here rather than with min=1, whose
    "x>=1" Typer would show untranslated in the help), said with what is expected."""
    if value is not None and value < 1:
        raise typer.BadParameter(_("a number from 1 up"), param_hint=param.opts[0])
    return value


LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        metavar="N",
        callback=at_least_one,
        help=_("Show at most this many notes."),
        show_default=False,
    ),
]


def invitation_output(default_name: str) -> typer.models.OptionInfo:
    """Where an invitation is written (cli/invitation_file.py), `default_name` without it."""
    said = _(
        "Where to write it (default: {name} here, or in .garefil/invitations/ inside the "
        "notebook, never shared; '-': standard output)."
    )
    return typer.Option(
        "--sortie", metavar=_("FILE"), help=said.format(name=default_name), show_default=False
    )


# Every status option takes these names, the French one first (as shown in the help).
STATUS_NAMES = ("--statut", "--etat", "--status")


def status_option(help_text: str) -> typer.models.OptionInfo:
    """An option naming a status, under STATUS_NAMES, with `help_text`."""
    return typer.Option(*STATUS_NAMES, metavar=_("STATUS"), help=help_text, show_default=False)


StatusOpt = Annotated[str | None, status_option(_("Only notes with this status."))]
FieldOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--champ",
        metavar=_("FIELD=VALUE"),
        help=_(
            "Only notes whose front-matter FIELD (a field of garefil or any other) has the value"
            " VALUE, whole, compared like names (repeatable: all of them)."
        ),
        show_default=False,
    ),
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help=_("Write JSON (fields documented in docs/json.md)."))
]


def _check_format(value: str | None) -> str | None:
    from .listing import check_format  # the listing writer, loaded only when asked for

    return check_format(value)


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        metavar="table|json|csv|tsv",
        callback=_check_format,
        help=_("Table (default), JSON (like --json), CSV for a spreadsheet or TSV for scripts."),
        show_default=False,
    ),
]
YesOpt = Annotated[
    bool,
    typer.Option(
        "--oui", "--yes", help=_("Answer yes to the confirmation (needed without a terminal).")
    ),
]
VersionOpt = Annotated[
    str | None,
    typer.Option(
        "--version",
        "--commit",
        metavar="VERSION",
        help=_(
            "Show the note as it was in this version (the short id `garefil history NOTE` "
            "lists): also a note renamed or deleted since, named by the path it had then."
        ),
        show_default=False,
    ),
]
RefArg = Annotated[
    str, typer.Argument(metavar="REF", help=_("Id or path of the note, or the start of one."))
]
