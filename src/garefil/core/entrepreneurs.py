"""Entrepreneurs: their fiche (the source of truth), and what the notes say of them.

Everything here is computed from notes as the catalogue holds them: the fiche's fields
(`referent`, `status`, `telephone`, `activite`…) and, for every note naming the person, its date.
An entrepreneur named in notes without a fiche is listed too, so that adopted or hand-written
notes are never orphans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .dates import day_of, iso
from .email_address import EMAIL_KEYS as EMAIL_KEYS  # read by the site, which hides them
from .email_address import address_of, written_address
from .errors import InvalidEmail, InvalidFicheEmail, NoFiche, UnknownStatus
from .filtering import TYPE_STATUSES
from .frontmatter_text import parse
from .model import Note
from .notetypes import is_type
from .people import by_use, find_person, known_person, unknown_entrepreneur
from .text import fold, person_id, person_key

FICHE = "fiche"
PHONE_KEYS = ("telephone", "téléphone", "tel", "phone")
STATUSES = TYPE_STATUSES[FICHE]  # written with the other types' statuses, which filters read


@dataclass(frozen=True)
class Entrepreneur:
    """One person the team coaches, as their fiche and notes describe them."""

    name: str
    referent: str | None = None
    status: str | None = None
    fiche: Note | None = None
    last_contact: date | None = None
    notes: int = 0
    email: str | None = None  # read from the fiche's file: the catalogue keeps no address

    def field(self, name: str) -> str | None:
        """The first value of one of the fiche's own fields (`activite`, `telephone`…)."""
        for key, values in self.fiche.extra_fields if self.fiche else ():
            if key == name and values:
                return values[0]
        return None

    def summary(self) -> dict[str, Any]:
        """The stable JSON shape of an entrepreneur (documented in docs/json.md)."""
        fiche = self.fiche
        return {
            "name": self.name,
            "referent": self.referent,
            "status": self.status,
            "fiche": fiche.id if fiche else None,
            "path": fiche.path if fiche else None,
            "since": iso(day_of(fiche.date)) if fiche else None,
            "activity": self.field("activite"),
            "phone": self.field("telephone"),
            "email": self.email,
            "tags": list(fiche.tags) if fiche else [],
            "last_contact": iso(self.last_contact),
            "notes": self.notes,
        }


@dataclass(frozen=True)
class EntrepreneurFilter:
    """What `garefil entrepreneurs` keeps; empty fields keep everyone."""

    referent: str | None = None
    without_referent: bool = False
    status: str | None = None
    without_fiche: bool = False


def entrepreneurs(notes: Iterable[Note], today: date) -> list[Entrepreneur]:
    """Everyone named as `entrepreneur` in a note, by name, however spelled (`person_id`);
    a fiche gives their fields."""
    groups: dict[str, list[Note]] = {}
    for note in notes:
        if note.entrepreneur and person_id(note.entrepreneur):
            groups.setdefault(person_id(note.entrepreneur), []).append(note)
    found = [_entrepreneur(group, today) for group in groups.values()]
    return sorted(found, key=lambda e: person_key(e.name))


def _entrepreneur(notes: list[Note], today: date) -> Entrepreneur:
    fiches = sorted((n for n in notes if is_type(n, FICHE)), key=lambda n: n.path)
    others = [n for n in notes if not is_type(n, FICHE)]
    # A future rdv is not a contact yet.
    days = [d for d in (day_of(n.date) for n in others) if d is not None and d <= today]
    latest = max(notes, key=lambda n: (day_of(n.date) or date.min, n.path))
    fiche = fiches[0] if fiches else None
    source = fiche or latest
    # Written two ways (« N'Diaye », « Ndiaye »), a person keeps the fiche's spelling, else
    # the one most written.
    name = fiche.entrepreneur if fiche else by_use(n.entrepreneur for n in notes)[0]
    return Entrepreneur(
        name=name or "",
        referent=source.referent,
        status=fiche.status if fiche else None,
        fiche=fiche,
        last_contact=max(days, default=None),
        notes=len(others),
    )


def select(
    people: list[Entrepreneur], wanted: EntrepreneurFilter, members: Iterable[str] = ()
) -> list[Entrepreneur]:
    """The entrepreneurs `wanted` keeps (a référent is found as every filter finds people)."""
    referent = wanted.referent
    if referent:
        referent = known_person(referent, members, (p.referent for p in people))
    status = check_status(wanted.status) if wanted.status else None
    return [
        p
        for p in people
        if (referent is None or person_id(p.referent or "") == person_id(referent))
        and (not wanted.without_referent or not p.referent)
        and (status is None or fold(p.status or "") == fold(status))
        and (not wanted.without_fiche or p.fiche is None)
    ]


def check_status(typed: str) -> str:
    """The fiche status `typed` names (without case or accents); UnknownStatus otherwise."""
    for status in STATUSES:
        if fold(typed).replace("-", " ").strip() == fold(status):
            return status
    raise UnknownStatus(name=typed, known=", ".join(STATUSES))


def find(people: list[Entrepreneur], typed: str) -> Entrepreneur:
    """The entrepreneur `typed` designates; UnknownEntrepreneur proposing close names."""
    by_key = {person_id(p.name): p for p in people}
    name = find_person(typed, [p.name for p in people])
    if person_id(name) in by_key:
        return by_key[person_id(name)]
    raise unknown_entrepreneur(typed, [p.name for p in people])


def fiche_of(person: Entrepreneur) -> Note:
    """The person's fiche; NoFiche when they have none yet."""
    if person.fiche is None:
        raise NoFiche(name=person.name)
    return person.fiche


def referent_change(fiche: Note, new: str, today: date) -> dict[str, Any]:
    """The fiche's changed fields when `new` becomes the référent: `referent`, and the history
    `referents` (a list of {nom, depuis}), started with the former référent if it was not kept."""
    if person_id(fiche.referent or "") == person_id(new):
        return {}
    history = [
        dict(step) for step in fiche.metadata.get("referents") or [] if isinstance(step, dict)
    ]
    if not history and fiche.referent:
        history.append({"nom": fiche.referent, "depuis": day_of(fiche.date) or today})
    history.append({"nom": new, "depuis": today})
    return {"referent": new, "referents": history}


# The line the fiche template writes under the title. The header's `referent` is the source of
# truth (filters, suivi, bilan read it); this line repeats it for a person reading the file, so
# a change of référent rewrites it: it must never tell another name than the header.
_REFERENT_LINE = re.compile(r"^(- Référent(?:·e)? *: *)(.*?)(\r?\n?)$")


def with_referent_line(text: str, former: str | None, new: str) -> str:
    """`text` with the template's « - Référent·e : … » body line naming `new`, when that line
    names `former` (or nobody); any other line, the coach's own words, is left as written."""
    lines = text.splitlines(keepends=True)
    for number in range(parse(text).body_line - 1, len(lines)):
        found = _REFERENT_LINE.match(lines[number])
        if found is None:
            continue
        if found[2].strip() and person_id(found[2]) != person_id(former or ""):
            return text  # the coach wrote something else there: theirs to change
        # A line left empty was right-trimmed (« - Référent·e : »): the space goes back.
        lead = found[1] if found[1].endswith(" ") else found[1] + " "
        lines[number] = f"{lead}{new}{found[3]}"
        return "".join(lines)
    return text


def email_of(fiche: Note | None) -> str | None:
    """The e-mail address a fiche gives (read from its whole header), or None when it gives
    none; InvalidFicheEmail, naming the file and line, when what it gives is not an address."""
    written = written_address(fiche.metadata) if fiche else None
    if written is None:
        return None
    address = address_of(written[1])
    if address is None:
        raise InvalidFicheEmail(
            path=fiche.path, line=_address_line(fiche), name=fiche.entrepreneur or "—",
            value=written[1],
        )  # fmt: skip
    return address


def _address_line(fiche: Note) -> int | str:
    """The file line of the fiche's address, as the reader remarked it ("?" when it did not)."""
    return next((line for kind, line, _ in fiche.remarks if kind == "email"), "?")


def contact_change(fiche: Note, email: str | None, phone: str | None) -> dict[str, Any]:
    """The fiche's changed fields for a new address or phone number, each written under the key
    the fiche already uses (`courriel`, `tel`…); InvalidEmail for an address that is none."""
    changes: dict[str, Any] = {}
    if email is not None:
        key = (written_address(fiche.metadata) or ("email",))[0]
        changes[key] = checked_email(email)
    if phone is not None:
        key = next((k for k in PHONE_KEYS if fiche.metadata.get(k) is not None), PHONE_KEYS[0])
        changes[key] = " ".join(phone.split())
    return {key: value for key, value in changes.items() if fiche.metadata.get(key) != value}


def checked_email(typed: str) -> str:
    """The address `typed` gives (`mailto:` or a name around it left out); InvalidEmail when it
    is none, so that a fiche never holds an address no report could be sent to."""
    address = address_of(typed)
    if address is None:
        raise InvalidEmail(value=typed)
    return address


def fiche_referent(notes: Iterable[Note], name: str | None) -> str | None:
    """The référent the fiche of the entrepreneur `name` gives, if they have a fiche that does:
    a new note about them is for that coach unless told otherwise."""
    key = person_id(name or "")
    fiches = sorted(
        (n for n in notes if key and is_type(n, FICHE) and person_id(n.entrepreneur or "") == key),
        key=lambda n: n.path,
    )
    return fiches[0].referent if fiches else None


def known(people: list[Entrepreneur], name: str | None) -> Entrepreneur | None:
    """The entrepreneur a note names, if the notebook knows them (no error when it does not)."""
    key = person_id(name or "")
    return next((p for p in people if key and person_id(p.name) == key), None)
