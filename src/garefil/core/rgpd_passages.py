"""What a person's RGPD export holds, and what it takes from a note that is not theirs: only the
passages naming them.

A person's own notes (their fiche, their reports: `entrepreneur` is them) go into their export
whole. A note of the team that merely mentions them (a meeting, another entrepreneur's report)
also holds other people's data: only its passages that name them (by their full name, however
spelt, their e-mail or their phone) are taken, each a paragraph, a list item or a heading, with
its line and the heading it is under, so that nobody else's data leaves with the export.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import TYPE_CHECKING, Any

from .dates import iso
from .frontmatter_text import body_of
from .model import Note
from .text import person_id

if TYPE_CHECKING:
    from .rgpd import PersonData
    from .rgpd_documents import Attached

_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")
PERSON_FIELDS = ("entrepreneur", "referent", "participants")
EXTRACTS = "extraits"  # the export's folder of passages taken from notes that are not theirs
NO_EXTRACTS: Mapping[str, Any] = {}
Extracts = Mapping[str, tuple[int, ...]]


@dataclass(frozen=True)
class Passage:
    """One paragraph, list item or heading of a note: its first line in the file, the heading
    it is under (empty before any), and its text."""

    line: int
    heading: str
    text: str


def is_own(note: Note, names: Iterable[str]) -> bool:
    """Whether `note` is the person's own (its entrepreneur is them, however spelt)."""
    keys = {person_id(name) for name in names}
    return bool(note.entrepreneur) and person_id(note.entrepreneur or "") in keys


def fields_naming(note: Note, names: Iterable[str]) -> tuple[str, ...]:
    """The person fields of `note`'s header that name the person."""
    keys = {person_id(name) for name in names}
    named = []
    for key in PERSON_FIELDS:
        value = getattr(note, key)
        people = value if isinstance(value, tuple) else (value,)
        if any(p and person_id(p) in keys for p in people):
            named.append(key)
    return tuple(named)


def passages(text: str, patterns: Sequence[re.Pattern[str]]) -> list[Passage]:
    """The passages of the note `text` (header left out) that one of `patterns` finds."""
    return [block for block in blocks(text) if any(p.search(block.text) for p in patterns)]


def blocks(text: str) -> list[Passage]:
    """The body of `text` cut into headings, list items (with their continuation lines) and
    paragraphs, each with its first line in the file and the heading above it."""
    lines = text.splitlines()
    plain = text.removeprefix("\ufeff")
    start = plain[: len(plain) - len(body_of(plain))].count("\n")  # the header's lines
    found: list[Passage] = []
    heading, current, first, comment = "", [], 0, False
    for number, line in enumerate(lines[start:], start + 1):
        # A template's HTML comment (« Une action par ligne… ») is nobody's data: left out.
        if comment or line.lstrip().startswith("<!--"):
            found += _closed(current, first, heading)
            current, comment = [], "-->" not in line
            continue
        item, title = _ITEM.match(line), _HEADING.match(line)
        if not line.strip() or item or title:
            found += _closed(current, first, heading)
            current = []
        if title:
            heading = line.strip().lstrip("#").strip()
            found.append(Passage(number, "", line))
        elif line.strip():
            first = number if not current else first
            current.append(line)
    return found + _closed(current, first, heading)


def _closed(current: list[str], first: int, heading: str) -> list[Passage]:
    return [Passage(first, heading, "\n".join(current))] if current else []


def described(note: Note, lines: tuple[int, ...] | None = None) -> dict[str, Any]:
    """A note in the manifest: whole (every header field), or only passages (their lines, and
    no header field: they may name other people)."""
    described = {
        "path": note.path,
        "id": note.id,
        "type": note.type,
        "title": note.title,
        "date": iso(note.date),
    }
    if lines is not None:
        return described | {"file": f"{EXTRACTS}/{note.path}", "extract": True, "lines": [*lines]}
    fields = {str(k): _json_safe(v) for k, v in note.metadata.items()}
    return described | {"file": f"notes/{note.path}", "extract": False, "fields": fields}


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # dates, times


def export_zip(
    data: PersonData,
    files: dict[str, bytes],
    today: date,
    documents: Sequence[Attached] = (),
    extracts: Mapping[str, tuple[tuple[int, ...], str]] = NO_EXTRACTS,
) -> bytes:
    """The ZIP of an export: manifest.json, the person's own notes as they are written
    (`notes/…`), the passages of the others that name them (`extraits/…`, with their lines),
    then every document at its notebook path (`documents/…`)."""
    buffer = BytesIO()
    lines = {path: found for path, (found, _text) in extracts.items()}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        manifest = json.dumps(data.manifest(today, documents, lines), ensure_ascii=False, indent=2)
        archive.writestr("manifest.json", manifest + "\n")
        for path, content in sorted(files.items()):
            archive.writestr(f"notes/{path}", content)
        for path, (_lines, text) in sorted(extracts.items()):
            archive.writestr(f"{EXTRACTS}/{path}", text)
        for document in documents:
            archive.writestr(document.path, document.data or b"")
    return buffer.getvalue()
