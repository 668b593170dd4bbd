"""What of a note the site publishes: the coach's options, personal data left out, the card.

Personal data is left out by default, since a site is made to be shared: the header fields that
hold an e-mail address, a phone number or a postal address, and, in the text, what looks like an
e-mail address or a French phone number. Note types can be left out whole (`--sans-type`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .dates import iso
from .entrepreneurs import EMAIL_KEYS
from .fields import is_nested
from .model import Note
from .site_values import shown_status
from .text import fold

# Bump when a template, the stylesheet or the way pages are made changes: every page is rewritten.
SITE_VERSION = "7"
PERSONAL_KEYS = frozenset(
    fold(k)
    for k in (
        *EMAIL_KEYS,
        "telephone",
        "téléphone",
        "tel",
        "tél",
        "phone",
        "portable",
        "mobile",
        "adresse",
        "address",
        "naissance",
        "date_naissance",
        "iban",
        "numero_secu",
    )
)
HIDDEN = "‹masqué›"
# Tried from the start of a word only: from every letter of every word, it cost seconds a build.
_EMAIL = re.compile(r"(?<![\w.+-])(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# French numbers as coaches write them: 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78.
_PHONE = re.compile(r"(?<!\d)(?:\+33[\s.]?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
# Shown on the card in this order; `body`, `id` and `title` are shown elsewhere.
CARD_KEYS = ("type", "date", "entrepreneur", "referent", "author", "participants", "status")


@dataclass(frozen=True)
class SiteOptions:
    """What the coach chose to publish."""

    personal_data: bool = False
    left_out_types: tuple[str, ...] = ()

    def token(self) -> str:
        """The part of every page's key that these options decide."""
        return f"{SITE_VERSION}|{self.personal_data}|{','.join(sorted(self.left_out_types))}"


def is_personal(key: str) -> bool:
    """Whether a header field holds personal data (e-mail, phone, address)."""
    return fold(key).replace("-", "_") in PERSONAL_KEYS or fold(key) in PERSONAL_KEYS


def masked(text: str, options: SiteOptions) -> str:
    """`text` with e-mail addresses and phone numbers hidden, unless asked to publish them."""
    if options.personal_data:
        return text
    if "@" in text:
        text = _EMAIL.sub(HIDDEN, text)
    return _PHONE.sub(HIDDEN, text)


def card(note: Note, options: SiteOptions) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The header fields shown on a note's card, as (key, values), personal ones left out; the
    state as the team says it (« envoyé »)."""
    shown = []
    for key in CARD_KEYS:
        value = note.participants if key == "participants" else getattr(note, key)
        text = shown_status(note) if key == "status" and note.status else _text(value)
        if text:
            shown.append((key, tuple(value) if key == "participants" else (text,)))
    if note.tags:
        shown.append(("tags", tuple(note.tags)))
    for key, values in note.extra_fields:
        if not is_personal(key) and values and not is_nested(key):  # shown with its top key
            shown.append((key, tuple(masked(v, options) for v in values)))
    if options.personal_data:
        shown.extend((key, (text,)) for key, text in personal_fields(note))
    return tuple(shown)


def personal_fields(note: Note) -> list[tuple[str, str]]:
    """A note's personal header fields, as (key, text): from its whole header when it was read
    from its file (the catalogue keeps no e-mail address), else from the catalogue's fields."""
    if not note.metadata:
        return [(k, ", ".join(v)) for k, v in note.extra_fields if is_personal(k) and v]
    shown = []
    for key, value in note.metadata.items():
        values = value if isinstance(value, list | tuple) else [value]
        text = ", ".join(_text(v) for v in values if isinstance(v, str | int | date))
        if is_personal(str(key)) and text:
            shown.append((str(key), text))
    return shown


def _text(value: Any) -> str:
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return iso(value) if isinstance(value, date) else str(value or "")
