"""`garefil entrepreneurs` and `garefil entrepreneur ajouter|referent`: who the team coaches."""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Annotated

import typer

from garefil.core import clock
from garefil.core import entrepreneurs as core
from garefil.core import notes as notes_core
from garefil.core.dates import parse_date
from garefil.core.errors import GarefilError, InvalidFicheEmail
from garefil.core.model import Listing
from garefil.core.people import FICHE, NOTES, by_use, known_spelling, near_miss
from garefil.i18n import _, recorded, with_names

from . import labels, render
from . import listing as listings
from .common import indexed_listing
from .context import Services
from .localized import LocalizedGroup, add_command, add_signing_command
from .options import FormatOpt, GivenTagOpt, JsonOpt, person_name, referent_option, status_option
from .prompts import yes
from .team_cmd import check_referent, said_spelling

entrepreneur_app = typer.Typer(
    cls=LocalizedGroup,
    help=_("Entrepreneurs: write a fiche, change a référent."),
    no_args_is_help=True,
)
NameArg = Annotated[
    str, typer.Argument(metavar=_("NAME"), help=_("The entrepreneur's name."), callback=person_name)
]


def _text_option(*names: str, help_text: str):
    return typer.Option(*names, metavar=_("TEXT"), help=help_text, show_default=False)


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_command(
        app,
        "entrepreneurs",
        _("List the entrepreneurs: référent, status, last contact, number of notes."),
        list_entrepreneurs,
    )
    app.add_typer(entrepreneur_app, name="entrepreneur")
    add_signing_command(
        entrepreneur_app, "ajouter", _("Write the fiche of a new entrepreneur."), add
    )
    add_signing_command(
        entrepreneur_app,
        "modifier",
        _("Change an entrepreneur's e-mail address or phone number in their fiche."),
        change_contact,
        aliases=("changer",),
    )
    add_signing_command(
        entrepreneur_app,
        "referent",
        _("Give an entrepreneur another référent (the change is kept in the fiche)."),
        change_referent,
    )


def list_entrepreneurs(
    ctx: typer.Context,
    referent: Annotated[
        str | None, referent_option(_("Only the entrepreneurs of this référent."))
    ] = None,
    without_referent: Annotated[
        bool, typer.Option("--sans-referent", help=_("Only those without a référent."))
    ] = False,
    status: Annotated[str | None, status_option(_("actif, en pause or sorti."))] = None,
    without_fiche: Annotated[
        bool, typer.Option("--sans-fiche", help=_("Only those named in notes without a fiche."))
    ] = False,
    as_json: JsonOpt = False,
    output: FormatOpt = None,
) -> None:
    notebook = ctx.obj.notebook()
    listing = indexed_listing(ctx.obj, notebook)
    wanted = core.EntrepreneurFilter(referent, without_referent, status, without_fiche)
    people = core.select(
        core.entrepreneurs(listing.notes, clock.today()), wanted, notebook.config.members
    )
    read = {p.name: _email(notebook, p) for p in people}  # (address, what is written instead)
    people = [replace(p, email=read[p.name][0]) for p in people]
    invalid = {name: written for name, (_address, written) in read.items() if written}
    render.problems(listing.problems)
    form = listings.chosen(output, as_json)
    if form == "table" and not people:
        render.info(_("No entrepreneur matches: `garefil entrepreneur ajouter` writes a fiche."))
        return
    listings.write(
        form,
        _HEADERS(),
        [_row(p, form, invalid.get(p.name)) for p in people],
        lambda: [p.summary() for p in people],
    )


def _HEADERS() -> list[str]:  # noqa: N802 - translated when shown
    return [
        _("entrepreneur"),
        _("référent"),
        _("status"),
        _("e-mail"),
        _("last contact"),
        _("notes"),
    ]


def _row(person: core.Entrepreneur, form: str, invalid: str | None = None) -> list[str]:
    status = labels.shown_state(person.status, form)
    if not status and person.fiche is None and form == "table":
        status = _("no fiche")
    contact = person.last_contact.isoformat() if person.last_contact else "—"
    return [
        person.name,
        person.referent or "—",
        status,
        _("invalid: {value}").format(value=invalid) if invalid else person.email or "—",
        contact,
        str(person.notes),
    ]


def _email(notebook, person: core.Entrepreneur) -> tuple[str | None, str | None]:
    """The address in the person's fiche, read from its file (a few hundred small files at
    most: the catalogue keeps no address, since addresses are not words to search), and what
    the fiche writes instead when that is no address: shown as such, never as no address."""
    if person.fiche is None:
        return None, None
    try:
        return core.email_of(notes_core.read(notebook, person.fiche.path)), None
    except InvalidFicheEmail as invalid:
        return None, invalid.params["value"]
    except GarefilError:
        return None, None  # a fiche broken since it was indexed: listed, without its address


def add(
    ctx: typer.Context,
    name: NameArg,
    referent: Annotated[str | None, referent_option(_("Referent coach."))] = None,
    email: Annotated[str | None, _text_option("--email", help_text=_("E-mail address."))] = None,
    phone: Annotated[str | None, _text_option("--telephone", help_text=_("Phone number."))] = None,
    activity: Annotated[
        str | None, _text_option("--activite", help_text=_("Activity, in a few words."))
    ] = None,
    status: Annotated[str, status_option(_("actif (default), en pause or sorti."))] = "actif",
    when: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help=_("Start of the coaching (default: today)."),
            show_default=False,
        ),
    ] = None,
    tags: GivenTagOpt = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    listing = indexed_listing(services, notebook)
    # What can be refused is checked before the name is asked about or warned of: nothing said
    # about a fiche that will not be written.
    checked_status = core.check_status(status)
    address = _email_typed(email)  # InvalidEmail before anything is said
    checked_referent = check_referent(notebook, referent)
    day = parse_date(when) if when is not None else None
    request = notes_core.NewNote(
        type=core.FICHE,
        entrepreneur=checked_entrepreneur(" ".join(name.split()), listing),
        referent=checked_referent,
        status=checked_status,
        date=day,
        tags=tuple(tags or ()),
        fields=(("email", address), ("telephone", phone), ("activite", activity)),
    )
    from .new_cmd import write_and_record

    write_and_record(services, notebook, request, listing)


def _email_typed(typed: str | None) -> str | None:
    return core.checked_email(typed) if typed is not None and typed.strip() else None


def change_contact(
    ctx: typer.Context,
    name: NameArg,
    email: Annotated[
        str | None, _text_option("--email", help_text=_("The new e-mail address."))
    ] = None,
    phone: Annotated[
        str | None, _text_option("--telephone", help_text=_("The new phone number."))
    ] = None,
) -> None:
    services: Services = ctx.obj
    if email is None and phone is None:
        raise typer.BadParameter(_("say what changes: --email ADDRESS or --telephone NUMBER"))
    notebook = services.notebook()
    listing = indexed_listing(services, notebook)
    person = core.find(core.entrepreneurs(listing.notes, clock.today()), name)
    fiche = notes_core.read(notebook, core.fiche_of(person).path)  # the whole header
    changes = core.contact_change(fiche, email, phone)
    if not changes:
        render.info(_("No change."))
        return
    notes_core.update(notebook, fiche.path, changes)
    # The shared history names what changed, never the address or number itself: a person's
    # data is taken out of the notes (rgpd) more easily than out of every commit message.
    changed = recorded("contact details") if len(changes) > 1 else recorded("{key} changed")
    message = notes_core.commit_message(fiche, " — " + changed.format(key=next(iter(changes))))
    services.repository(notebook.root).commit([notebook.absolute(fiche.path)], message)
    what = ", ".join(_("{key}: {value}").format(key=k, value=v) for k, v in changes.items())
    render.success(with_names(_("{name}'s fiche now says {what}."), name=person.name, what=what))


def checked_entrepreneur(typed: str | None, listing: Listing) -> str | None:
    """`typed`, or the known name it misspells when the coach (at a terminal) says so; without
    a terminal the note is written as typed, with a warning naming the likely person."""
    if not typed:
        return typed
    named = by_use(n.entrepreneur for n in listing.notes)
    fiches = by_use(n.entrepreneur for n in listing.notes if n.type == FICHE)
    name, source = known_spelling(typed, [(FICHE, fiches), (NOTES, named)])
    if source is not None:
        said_spelling(typed, name, source)
        return name
    likely = near_miss(typed, named)
    if likely is None:
        return name
    if sys.stdin.isatty():
        question = _("'{typed}' is new to the notebook, but '{likely}' is known: write '{likely}'?")
        return likely if yes(question.format(typed=typed, likely=likely)) else name
    render.problem_line(
        _("'{typed}' is new to the notebook: did you mean '{likely}'? (written as typed)").format(
            typed=typed, likely=likely
        )
    )
    return name


def change_referent(
    ctx: typer.Context,
    name: NameArg,
    referent: Annotated[
        str,
        typer.Argument(
            metavar=_("REFERENT"),
            help=_("The new référent (a team member)."),
            callback=person_name,
        ),
    ],
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    listing = indexed_listing(services, notebook)
    person = core.find(core.entrepreneurs(listing.notes, clock.today()), name)
    new = check_referent(notebook, referent) or referent
    fiche = notes_core.read(notebook, core.fiche_of(person).path)  # its history too
    changes = core.referent_change(fiche, new, clock.today())
    if not changes:
        render.info(_("No change."))
        return
    text = notes_core.patched(notebook, fiche.path, changes)
    notebook.replace(fiche.path, core.with_referent_line(text, fiche.referent, new))
    note = notes_core.read(notebook, fiche.path)
    message = notes_core.commit_message(note, " — " + recorded("référent: {name}").format(name=new))
    services.repository(notebook.root).commit([notebook.absolute(fiche.path)], message)
    render.success(
        with_names(_("{name}'s référent is now {referent}."), name=person.name, referent=new)
    )
