"""What a note's card shows of each header value on the site, and where a value leads.

A value leads somewhere when it is a web address (http or https only: a `javascript:` or
`file:` value is shown as text, never as a link a reader could click into), the id of a
published note (`rdv: 2024-02-05-rdv-7hcas`), or a document the note files (`documents:`),
shown by its name, the checksum beside it left out. States are shown as the team says them
("envoye" → « envoyé »), with the labels the commands use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import appointments, reports
from .documents import FOLDER
from .documents import KEY as DOCUMENTS
from .model import Note
from .notetypes import is_type

# A whole value that is a web address, and nothing else (no space, no quote, no angle bracket).
_WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>`\\]+", re.IGNORECASE)
Address = Callable[[str], str]


@dataclass(frozen=True)
class Shown:
    """One value on a card: its text, and the address it leads to ("" for none); `outside`
    when that address is another site's (opened without giving it this page)."""

    text: str
    url: str = ""
    outside: bool = False
    absent: bool = False  # a document the site does not hold (its file is missing)


def web_address(value: str) -> str:
    """`value` when it is an http or https address, else ""."""
    value = value.strip()
    return value if _WEB_ADDRESS.fullmatch(value) else ""


def shown_status(note: Note) -> str:
    """A note's state as the team says it: accents on rdv and cr states (« annulé », « envoyé »)."""
    if is_type(note, appointments.APPOINTMENT):
        return appointments.label(appointments.state_of(note))
    if is_type(note, reports.REPORT):
        return reports.label(note.status)
    return note.status or ""


def shown_values(key: str, values: Iterable[str], note_url: Address, document_url: Address):
    """The values of the header field `key` as the card shows them, as Shown: linked where
    they lead somewhere (`note_url` and `document_url` give the site's address of a published
    note's id, of a document's path, or "")."""
    values = [v for v in values if v]
    paths = [v for v in values if v.startswith(FOLDER + "/")]
    if key == DOCUMENTS and paths:  # the documents' names: their size and checksum aside
        return tuple(_document(v, document_url) for v in paths)
    return tuple(_value(v, note_url) for v in values)


def _value(value: str, note_url: Address) -> Shown:
    address = web_address(value)
    if address:
        return Shown(value, address, outside=True)
    return Shown(value, note_url(value.strip()))


def _document(path: str, document_url: Address) -> Shown:
    url = document_url(path)
    return Shown(path.rsplit("/", 1)[-1], url, absent=not url)
