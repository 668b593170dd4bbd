"""Searching the notes: the query language, its checks, and ranking results into hits.

The words of a query are ANDed; "exact phrase", OR (or OU), -word (or SAUF word) to exclude,
field:value (tag:, type:, referent:, entrepreneur:, titre:, etat:…) and prefix* are understood.
The engine behind it is a port (FullText); the query is checked before it gets there
(query_check.py), so that a malformed one gives one clear error with an example, never a
traceback.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from .boilerplate import boilerplate
from .errors import IndexDamaged
from .fields import known_fields, query_field
from .file_heads import read_head
from .filtering import Known, resolve_filter, statuses_in_query, types_in_query
from .frontmatter_text import FrontMatterError, body_of
from .index_model import IndexReport, IndexStore, Progress
from .indexing import refresh
from .model import Note, NoteFilter
from .notebook import Notebook, decode_text
from .people import names_in_query, people_in_query
from .query_check import FIELD, TAG_FIELDS, WORDS, check_query
from .selection import by_date, matches
from .text import APOSTROPHES, fold, normalize_tag

# The patterns of a query's fields and addresses are compiled when first used (re's own cache),
# by a query that holds a colon: most queries are words alone.
_ADDRESS = r"(?i)\b[a-z][a-z0-9+.-]*://[^\s\"()]+"
_PLAIN_WORDS = re.compile(rf"[^\W_]+(?:[\s{APOSTROPHES}-]+[^\W_]+)*")
_JOINED = re.compile(r"\s+(?:ET|AND)\s+")  # "pôle ET emploi" asks what "pôle emploi" does
# "salarié(e)s": inclusive writing with parentheses, which the query grammar would read as a group.
_INCLUSIVE_PARENS = re.compile(r"[^\W_]+(?:\([^\W\d_]{1,6}\))+[^\W_]*")
_TAG_VALUE = r"(?i)\b(" + "|".join(TAG_FIELDS) + r"):(\"[^\"]*\"|[^\s()\"]+)"
# The index keeps states folded (as filters compare them): "etat:envoyé" is "etat:envoye".
STATUS_FIELDS = ("status", "etat", "statut")
_STATUS_VALUE = r"\b(" + "|".join(STATUS_FIELDS) + r"):(\"[^\"]*\"|[^\s()\"]+)"


@dataclass(frozen=True)
class SearchRequest:
    """A search as the coach typed it."""

    text: str = ""
    wanted: NoteFilter = NoteFilter()
    limit: int | None = 20


@dataclass(frozen=True)
class Sought:
    """What a snippet highlights: each of `terms` wherever it occurs, the terms of each of
    `phrases` only where they follow one another (stop words skipped, as the index skips them),
    every term that begins with one of `prefixes` (accomp* finds accompagnement) or fits one of
    the `wildcards` (acc?mp*)."""

    terms: frozenset[str] = frozenset()
    phrases: frozenset[tuple[str, ...]] = frozenset()
    prefixes: frozenset[str] = frozenset()
    wildcards: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RawHit:
    """What the engine returns: a path, a score and what the query sought."""

    path: str
    score: float
    sought: Sought = Sought()


@dataclass(frozen=True)
class Snippet:
    """A passage of the note, and the (start, end) spans of matched words in it."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class SearchHit:
    """One result: the note, its score (None when listing by filter only) and a snippet."""

    note: Note
    score: float | None
    snippet: Snippet
    # The names of the documents the note links, when only their words can have matched:
    # the snippet, from the note's own text, shows nothing of what was sought.
    in_documents: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        """The documented JSON shape (docs/json.md)."""
        return self.note.summary() | {
            "score": None if self.score is None else round(self.score, 4),
            "snippet": self.snippet.text,
            "highlights": [list(span) for span in self.snippet.spans],
            "found_in_documents": list(self.in_documents),
        }


class FullText(Protocol):
    """The full-text engine."""

    def search(self, text: str, wanted: NoteFilter, limit: int | None) -> list[RawHit]:
        """Paths matching `text` within `wanted`, best first."""

    def snippet(self, body: str, sought: Sought) -> Snippet:
        """The passage of `body` that best shows what was `sought`."""


class SearchStore(IndexStore, FullText, Protocol):
    """An index that can both be refreshed and searched."""


def normalize_query(text: str, synonyms: Mapping[str, str]) -> str:
    """The query as the engine needs it: tag values as the index holds them (slugs, synonyms
    applied), web or e-mail addresses as phrases, so that "https:" is not read as a field, and
    "salarié(e)s" quoted, so that its parentheses are not read as a group."""

    def tag(match: re.Match[str]) -> str:
        return f"tags:{normalize_tag(match.group(2).strip(chr(34)), synonyms)}"

    def address(match: re.Match[str]) -> str:
        return '"' + " ".join(WORDS.findall(match.group())) + '"'

    def field(match: re.Match[str]) -> str:  # "Référent:" and "referent:" are one field
        return query_field(fold(match.group(1))) + ":"

    def status(match: re.Match[str]) -> str:
        return f"{match.group(1)}:{fold(match.group(2))}"

    if ":" not in text:  # no field, no address
        return _with_synonyms(_quote_inclusive(text), synonyms)
    text = _quote_inclusive(re.sub(FIELD, field, re.sub(_ADDRESS, address, text)))
    text = re.sub(_STATUS_VALUE, status, text)  # after the names were folded: "ÉTAT:" is "etat:"
    return _with_synonyms(re.sub(_TAG_VALUE, tag, text), synonyms)


def tags_named(text: str, synonyms: Mapping[str, str]) -> list[str]:
    """The tags a query names with `tag:` (as the index holds them), in order."""
    if ":" not in text:
        return []
    matches = re.finditer(_TAG_VALUE, text)
    found = (normalize_tag(m.group(2).strip(chr(34)), synonyms) for m in matches)
    return [tag for tag in found if tag]


def _quote_inclusive(text: str) -> str:
    """ "salarié(e)s" → "\"salarié(e)s\"", outside quotes only: one word, not a group."""
    parts = text.split('"')
    for index in range(0, len(parts), 2):
        parts[index] = _INCLUSIVE_PARENS.sub(lambda m: f'"{m.group()}"', parts[index])
    return '"'.join(parts)


def _with_synonyms(text: str, synonyms: Mapping[str, str]) -> str:
    """A plain query that names a tag with synonyms also finds its other names in the text:
    "pôle emploi" (or "pôle ET emploi": the same notes) finds notes that say "France Travail"
    (short aliases such as "pe" excepted)."""
    words = _JOINED.sub(" ", text.strip())
    if not _PLAIN_WORDS.fullmatch(words):
        return text
    # "santé ET travail" may name the tag sante-et-travail as well as sante-travail
    for slug in dict.fromkeys((normalize_tag(words), normalize_tag(text))):
        preferred = synonyms.get(slug, slug)
        names = {preferred, *(alias for alias, target in synonyms.items() if target == preferred)}
        others = sorted(n for n in names - {slug} if len(n) >= 4)
        if len(names) >= 2 and others:  # ET between words is what a blank says: left out
            return f"({words}) OR " + " OR ".join('"' + n.replace("-", " ") + '"' for n in others)
    return text


def search(
    notebook: Notebook, report: IndexReport, engine: FullText, request: SearchRequest
) -> list[SearchHit]:
    """Ranked hits for `request`; with no words, the notes passing the filters, newest first."""
    # Composed once, here: decomposed accents (NFD, from some keyboards and copy-pastes) would
    # split words for every pattern below, and lose the tag's synonyms.
    request = replace(request, text=unicodedata.normalize("NFC", request.text))
    known = Known(notebook.config, lambda: report.listing().notes)
    wanted = resolve_filter(request.wanted, known)
    if not request.text.strip():
        kept = by_date(n for n in report.listing().notes if matches(n, wanted))
        return [SearchHit(n, None, Snippet("")) for n in kept[: request.limit or None]]
    check_query(request.text, lambda: known_fields(report.listing().notes))
    text = types_in_query(
        normalize_query(request.text, notebook.config.synonyms), known.config.types
    )
    statuses_in_query(text, wanted.types, known)
    if names_in_query(text):  # entrepreneur:dupont means the one Dupont, as `list -e` does
        text = people_in_query(text, known.entrepreneurs(), known.referents())
    hits = []
    for raw in engine.search(text, wanted, request.limit):
        note = report.note(raw.path)
        if note is not None and matches(note, wanted):
            snippet = engine.snippet(_body(notebook, note), raw.sought)
            found_in = _only_in_documents(engine, note, snippet, raw.sought)
            hits.append(SearchHit(note, raw.score, snippet, found_in))
    return hits


def _only_in_documents(
    engine: FullText, note: Note, snippet: Snippet, sought: Sought
) -> tuple[str, ...]:
    """The names of the documents `note` links when what was sought is neither in its text
    (the snippet shows none of it) nor in its title, people or fields: the index found it in
    the documents' words, which it holds with the note's (adapters/index_store.py)."""
    if snippet.spans or sought == Sought():  # shown in its text, or nothing was sought
        return ()
    from .documents import KEY, linked_paths  # only for a hit whose text shows no match

    paths = linked_paths(note)
    if not paths:
        return ()
    people = (note.entrepreneur, note.referent, note.author, *note.participants)
    fields = (v for name, values in note.extra_fields if name != KEY for v in values)
    header = "\n".join(p for p in (note.title, *note.tags, *people, *fields) if p)
    if engine.snippet(header, sought).spans:
        return ()
    return tuple(path.rsplit("/", 1)[-1] for path in paths)


def _body(notebook: Notebook, note: Note) -> str:
    # Only the beginning of a note feeds its snippet: a 50 MB note is not read whole per search.
    try:
        with open(notebook.absolute(note.path), "rb") as handle:
            head = read_head(handle, SNIPPET_READ_BYTES)
    except OSError:
        return ""
    try:  # decoded as `show` reads it: a Latin-1 note's snippet is not garbled
        body = body_of(decode_text(head, partial=len(head) == SNIPPET_READ_BYTES))
    except FrontMatterError:
        return ""
    return boilerplate(note.type, notebook.templates_dir).blank_by_lines(body)


def run(
    notebook: Notebook, store: SearchStore, request: SearchRequest, progress: Progress | None = None
) -> tuple[IndexReport, list[SearchHit]]:
    """Refresh the index, then search; a damaged index is rebuilt once and searched again."""
    report = refresh(notebook, store, progress)
    try:
        return report, search(notebook, report, store, request)
    except IndexDamaged:
        report = refresh(notebook, store, progress, rebuild=True)
        return replace(report, rebuilt_because="damaged"), search(notebook, report, store, request)


SNIPPET_WIDTH = 220
SNIPPET_READ_BYTES = 1_000_000
_SPACES = re.compile(r"\s+")
_TITLE_LINE = re.compile(r"\s*# [^\n]*\n")
# Headings, list bullets, check boxes, quotes at line starts; emphasis and code marks anywhere.
_MARKUP = re.compile(r"(?m)^[ \t]*(?:#{1,6}|>|[-*+](?: \[[ xX]\])?|\d+[.)])(?=[ \t])|\*\*|__|`")


def make_snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_WIDTH) -> Snippet:
    """About `width` characters of `text` around the densest group of matched `spans`."""
    opening = _after_title(text) if not spans else 0
    # Markdown marks become blanks of the same length: the spans stay where they were.
    text = _MARKUP.sub(lambda mark: " " * len(mark.group()), text)
    if not spans:  # no word to show: the opening lines, past the title the listing repeats
        return _flatten(text, opening, _cut(text, opening, width), [], opening=True)
    spans = spans[:500]
    best = max(
        range(len(spans)), key=lambda i: sum(1 for s in spans[i:] if s[1] - spans[i][0] <= width)
    )
    start = spans[best][0] - width // 4
    start = 0 if start <= 0 else text.rfind(" ", 0, start) + 1
    end = _cut(text, start, width)
    return _flatten(text, start, end, [s for s in spans if start <= s[0] and s[1] <= end])


def _after_title(text: str) -> int:
    match = _TITLE_LINE.match(text)
    return match.end() if match else 0


def _cut(text: str, start: int, width: int) -> int:
    """Where a passage starting at `start` ends: after `width` characters, at a word's end."""
    end = start + width
    if end >= len(text):
        return len(text)
    space = text.find(" ", end)
    return len(text) if space < 0 else space


def _flatten(
    text: str, start: int, end: int, spans: list[tuple[int, int]], opening: bool = False
) -> Snippet:
    """text[start:end] on one line (runs of blanks become one space), spans moved to match."""
    pieces, moved, position, cursor = [], [], 0, start
    for s_start, s_end in [*spans, (end, end)]:
        before = _SPACES.sub(" ", text[cursor:s_start])
        pieces.append(before)
        position += len(before)
        if s_start < end:
            pieces.append(text[s_start:s_end])
            moved.append((position, position + s_end - s_start))
            position += s_end - s_start
        cursor = s_end
    flat = "".join(pieces)
    lead = len(flat) - len(flat.lstrip())
    prefix = "… " if start > 0 and not opening else ""
    suffix = " …" if end < len(text) else ""
    shift = len(prefix) - lead
    spans_out = tuple((a + shift, b + shift) for a, b in moved)
    return Snippet(prefix + flat.strip() + suffix, spans_out)
