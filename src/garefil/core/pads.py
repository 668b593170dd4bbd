"""Pads: online documents known by their address, copied into the notebook before they vanish.

A pad is a `pad` note whose `url` key (or `pad`, as some teams wrote it) holds the address.
`garefil pad copier` fetches the pad's text export through a port (PadFetcher: HTTP in an
adapter) and keeps it in the note's own body, below a marker line: the copy is then versioned
with the note (`git log -p` shows how the pad evolved), found by `search` like any word of the
note, and merged like a note. Whatever the coach wrote above the marker is kept byte for byte;
only the copy below it is replaced. `copie_le` in the header says when the stored copy was
taken; a pad whose text did not change since is left untouched, so that copying every pad each
week adds no noise to the history.

Where a pad's text export lives depends on the software: Etherpad serves `/export/txt` (and
`/export/markdown` with a plugin), HedgeDoc and CodiMD serve `/download`. The notebook config
can name the pattern per host (`[pads.export]`), `{pad}` standing for the pad's address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

from .config import PadSettings
from .errors import (
    DuplicatePad,
    InvalidNote,
    InvalidPadAddress,
    NotAPad,
    PadNeverCopiedNotFound,
    PadNotFound,
    PadTooLarge,
    PadUnreachable,
)
from .frontmatter_text import FrontMatterError, PatchRefused, body_of, patch
from .model import Note
from .notebook import Notebook
from .notetypes import is_type
from .text import fold

PAD_KEY = "url"
PAD_KEYS = (PAD_KEY, "pad")  # where an address is looked for, first found wins
COPIED_KEY = "copie_le"
MARKER = "<!-- garefil : copie du pad ci-dessous, remplacée à chaque `garefil pad copier` -->"
COPY_HEADING = "## Copie du pad"
ETHERPAD_EXPORT = "{pad}/export/txt"
HEDGEDOC_EXPORT = "{pad}/download"


class PadFetcher(Protocol):
    """Fetches a pad's text export (an adapter: HTTP with timeouts and a size limit)."""

    def fetch(self, url: str, max_bytes: int, timeout: float) -> str:
        """The text at `url`; PadUnreachable, PadNotFound, PadNeedsLogin or PadTooLarge, whose
        `pad` is `url` (the caller names the pad as the coach knows it)."""


@dataclass(frozen=True)
class Pad:
    """A registered pad: its note, its address, when its text was last copied (or None)."""

    note: Note
    url: str
    copied_on: str | None

    def summary(self) -> dict[str, object]:
        """The stable JSON shape of a pad (documented in docs/json.md)."""
        return {
            "id": self.note.id,
            "path": self.note.path,
            "title": self.note.title,
            "url": self.url,
            "copied_on": self.copied_on,
            "entrepreneur": self.note.entrepreneur,
            "tags": list(self.note.tags),
        }


def checked_address(text: str) -> str:
    """The pad's address as it will be stored: http(s), with a host; else InvalidPadAddress."""
    address = text.strip()
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidPadAddress(url=text)
    return address


def export_url(address: str, settings: PadSettings) -> str:
    """Where the pad at `address` serves its text: the host's configured pattern, else the
    Etherpad export for `/p/NAME` addresses and the HedgeDoc/CodiMD one for the others."""
    parts = urlsplit(address)
    # `?edit`, `?both` and `#heading` name a view of the pad, not another pad.
    bare = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))
    host = (parts.hostname or "").lower()
    for configured, pattern in settings.exports:
        if configured.lower() == host:
            return pattern.replace("{pad}", bare)
    default = ETHERPAD_EXPORT if "/p/" in parts.path else HEDGEDOC_EXPORT
    return default.replace("{pad}", bare)


def field_value(note: Note, key: str) -> str | None:
    """The first string value of the note's extra field `key` (from the catalogue)."""
    for name, values in note.extra_fields:
        if name == key and values:
            return values[0]
    return None


def pads(notes: tuple[Note, ...] | list[Note]) -> list[Pad]:
    """The registered pads, by title then id: pad notes that hold an address."""
    found = []
    for note in notes:
        url = _address(note) if is_type(note, "pad") else None
        if url:
            found.append(Pad(note, url, field_value(note, COPIED_KEY)))
    return sorted(found, key=lambda p: (p.note.title.casefold(), p.note.id))


def titled(known: list[Pad], ref: str) -> list[Pad]:
    """The pads `ref` names by their title, compared folded (case, accents, spaces): the whole
    title first (« redir » is « Redir »), else the titles holding it as whole words."""
    wanted = " ".join(fold(ref).split())
    if not wanted:
        return []
    titles = [(" ".join(fold(p.note.title).split()), p) for p in known]
    return [p for t, p in titles if t == wanted] or [
        p for t, p in titles if f" {wanted} " in f" {t} "
    ]


def _address(note: Note) -> str | None:
    return next((url for key in PAD_KEYS if (url := field_value(note, key))), None)


def pad_of(note: Note) -> Pad:
    """The pad a note registers (read from its header); NotAPad for any other note."""
    url = next((v for k in PAD_KEYS if isinstance(v := note.metadata.get(k), str) and v), None)
    if not is_type(note, "pad") or not url or not url.strip():
        raise NotAPad(id=note.id, type=note.type)
    copied = note.metadata.get(COPIED_KEY)
    return Pad(note, url.strip(), str(copied) if copied else None)


def copied_text(body: str) -> str | None:
    """The copy a note's body holds below the marker (None when it holds none yet)."""
    if MARKER not in body:
        return None
    below = body.split(MARKER, 1)[1]
    return _strip_heading(below)


def _strip_heading(below: str) -> str:
    lines = below.replace("\r\n", "\n").split("\n")
    while lines and (not lines[0].strip() or lines[0].startswith(COPY_HEADING)):
        lines.pop(0)
    return "\n".join(lines).rstrip("\n")


def with_copy(text: str, fetched: str) -> str:
    """The note's whole `text` with `fetched` as its copy: everything above the marker is kept
    exactly, the copy below it replaced (in the note's own newline style)."""
    newline = "\r\n" if "\r\n" in text[:2000] else "\n"
    above = text.split(MARKER, 1)[0] if MARKER in text else _ended(text, newline) + newline
    copy = normalized(fetched).replace("\n", newline)
    return f"{above}{MARKER}{newline}{COPY_HEADING}{newline}{newline}{copy}{newline}"


def normalized(fetched: str) -> str:
    """The fetched text as it is compared and stored: Unix newlines, no trailing blank lines."""
    return fetched.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")


def _ended(text: str, newline: str) -> str:
    return text if text.endswith(("\n", "\r")) else text + newline


def copy_stamp(now: datetime) -> str:
    """When a copy was taken, as stored in `copie_le` (to the minute, local time)."""
    return now.strftime("%Y-%m-%dT%H:%M")


def refresh_copy(notebook: Notebook, pad: Pad, fetcher: PadFetcher, now: datetime) -> bool:
    """Fetch the pad's text and keep it in its note; False when the stored copy is the same.

    The fetch comes first: whatever goes wrong there, the note is left exactly as it was.
    """
    settings = notebook.config.pads
    fetched = _fetched(pad, fetcher, settings)
    before = notebook.read_exact(pad.note.path)  # never rewrite what was not read faithfully
    if copied_text(body_of(before)) == normalized(fetched):
        return False
    try:
        after = patch(with_copy(before, fetched), {COPIED_KEY: copy_stamp(now)})
    except (FrontMatterError, PatchRefused) as error:
        raise InvalidNote(path=pad.note.path, line=1, detail=str(error)) from None
    notebook.replace(pad.note.path, after)
    return True


def _fetched(pad: Pad, fetcher: PadFetcher, settings: PadSettings) -> str:
    """The pad's text; a failure names the pad by its title and the address the coach
    registered, not the export address garefil derived (kept in the chained error)."""
    export = export_url(pad.url, settings)
    try:
        return fetcher.fetch(export, settings.max_bytes, settings.timeout)
    except (PadUnreachable, PadTooLarge) as error:
        named = {"pad": f"{pad.note.title} ({pad.url})", "url": pad.url, "export": export}
        kind = type(error)
        if kind is PadNotFound and pad.copied_on is None:  # no copy to fall back on: say so
            kind = PadNeverCopiedNotFound
        raise kind(**(error.params | named)) from error


def same_address(a: str, b: str) -> bool:
    """Whether two addresses name the same pad (case of the host, a final '/', `?edit`)."""

    def key(url: str) -> tuple[str, str]:
        parts = urlsplit(url.strip())
        return (parts.hostname or "").lower(), parts.path.rstrip("/")

    return key(a) == key(b)


def check_new(address: str, known: list[Pad]) -> str:
    """The address of a pad to register; DuplicatePad when it is registered already."""
    address = checked_address(address)
    for pad in known:
        if same_address(pad.url, address):
            raise DuplicatePad(url=address, id=pad.note.id)
    return address
