"""What a note written by another tool says: its text, its header (YAML, TOML or none), its date.

Notes arrive from Hugo, Jekyll, Obsidian, Joplin exports or plain text files typed on Windows:
UTF-8 with or without a byte-order mark, UTF-16 with its mark, or a Windows (cp1252) or Latin-1
encoding; CRLF, LF or the CR of old Macs (written as LF); accents composed or not. The body is
kept exactly as decoded, but for those CRs; only the values garefil reads (title, tags, author)
are put in composed form (NFC).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from .dates import NoteDate, try_parse_date
from .errors import N_
from .frontmatter_text import FrontMatterError, parse
from .notebook import NOT_TEXT, decode_text, single_byte_encoding
from .text import fold

_TOML_FENCE = re.compile(r"^\+{3}\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_ISO = re.compile(r"(?<!\d)(\d{4})[-_. ]?(\d{2})[-_. ]?(\d{2})(?!\d)")
_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})[-_. /](\d{1,2})[-_. /](\d{4})(?!\d)")
_MONTHS = [
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
]
_WRITTEN = re.compile(r"(?<!\d)(\d{1,2})(?:er)?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})")
BROKEN_TOML = N_("the TOML front-matter (+++) cannot be read")
UNCLOSED_TOML = N_("the opening +++ has no closing +++")


@dataclass(frozen=True)
class SourceText:
    """A foreign note split into its header's values and its body (exactly as decoded)."""

    metadata: dict[str, Any]
    body: str
    newline: str


def decode(raw: bytes) -> str:
    """The text of a foreign note: UTF-8 (mark dropped), UTF-16 with its mark, else Windows'
    cp1252 (the French œ, ’ and … that Latin-1 lacks), else Latin-1; FrontMatterError (not
    text) for binary content."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FrontMatterError(1, NOT_TEXT)  # valid UTF-8 may hold NULs; a note never does
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return decode_text(raw).removeprefix("\ufeff")  # UTF-16, mark dropped
    return raw.decode(single_byte_encoding(raw))


def split(text: str) -> SourceText:
    """The header (YAML `---`, TOML `+++` or none) and body; FrontMatterError with its line."""
    text = mac_lines(text)
    newline = "\r\n" if "\r\n" in text[:4000] else "\n"
    first = text.split("\n", 1)[0].rstrip("\r")
    if _TOML_FENCE.match(first):
        return _split_toml(text, newline)
    parsed = parse(text)
    return SourceText(dict(parsed.metadata), parsed.body, newline)


def mac_lines(text: str) -> str:
    """`text` with LF line endings if it has the CR-only ones of classic Mac OS (no LF at all):
    read as one long line, its header would be taken for body text, and no tool garefil works
    with (git, editors, the notes' reader) reads CR alone as a line break."""
    if "\r" in text and "\n" not in text:
        return text.replace("\r", "\n")
    return text


def _split_toml(text: str, newline: str) -> SourceText:
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if _TOML_FENCE.match(lines[i].rstrip("\r"))), 0)
    if not end:
        raise FrontMatterError(1, UNCLOSED_TOML)
    header = "\n".join(line.rstrip("\r") for line in lines[1:end])
    try:
        metadata = tomllib.loads(header)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))
        raise FrontMatterError(1 + int(found.group(1)) if found else 1, BROKEN_TOML) from error
    return SourceText(metadata, "\n".join(lines[end + 1 :]), newline)


def nfc(value: str) -> str:
    """`value` with composed accents (a decomposed "é" becomes one character)."""
    return unicodedata.normalize("NFC", value)


def first_heading(body: str) -> str | None:
    """The text of the body's first Markdown heading, if any."""
    found = _HEADING.search(body)
    return nfc(found.group(1)) if found else None


def date_in(text: str) -> NoteDate | None:
    """A date written in `text`: 2020-03-12, 20200312, 12-03-2020, 12/03/2020 or 12 mars 2020."""
    folded = fold(nfc(text))
    for pattern, order in ((_ISO, (0, 1, 2)), (_DAY_FIRST, (2, 1, 0)), (_WRITTEN, (2, 1, 0))):
        for found in pattern.finditer(folded):
            parts = [found.group(i + 1) for i in order]
            month = _MONTHS.index(parts[1]) + 1 if parts[1] in _MONTHS else int(parts[1])
            try:
                return date(int(parts[0]), month, int(parts[2]))
            except ValueError:
                continue
    return None


def header_date(value: Any) -> NoteDate | None:
    """The date a header gives (None when it gives none); ValueError when it is not a date."""
    if value is None or value == "":
        return None
    found = try_parse_date(value) or date_in(str(value))
    if found is None:
        raise ValueError(str(value))
    return found


def with_offset(value: Any) -> bool:
    """Whether a header's date carries its time zone (`2020-03-31T23:30:00Z`, `…+02:00`), which
    the note keeps though garefil reads the time as written (docs/notebook.md)."""
    if isinstance(value, datetime):
        return value.tzinfo is not None
    if not isinstance(value, str) or len(value.strip()) <= 10:
        return False
    try:
        return datetime.fromisoformat(value.strip()).tzinfo is not None
    except ValueError:
        return False


def writable(value: Any) -> Any:
    """`value` as YAML can write it: TOML's times of day become their text."""
    if isinstance(value, dict):
        return {k: writable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [writable(v) for v in value]
    if isinstance(value, time):
        return value.isoformat()
    return value


def author_of(meta: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    """The names under the first of `keys` the header fills, joined by commas."""
    for key in keys:
        names = words(meta.get(key))
        if names:
            return ", ".join(nfc(n) for n in names)
    return None


def words(value: Any) -> list[str]:
    """A list of names or tags, also written as one comma-separated string."""
    if value is None:
        return []
    if isinstance(value, str):
        return [w.strip() for w in value.split(",") if w.strip()]
    if isinstance(value, list | tuple):
        return [str(w).strip() for w in value if w is not None and str(w).strip()]
    return [str(value)]
