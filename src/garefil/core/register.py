"""Decisions, actions and meeting roles, read from the one place a coach writes them: the body.

A meeting note (or any note) keeps them as Markdown list items under its headings, read as
markdown-it-py reads them (core/register_blocks.py; never with hand-written patterns of Markdown
structure that could disagree with it):

    ## Rôles
    - Animation : Karim Benali
    ## Décisions
    - Les demandes sont attribuées en début de réunion. ^d-k7m3q
    - Proposée : un point « gestion coop » toutes les deux semaines. ^d-3fz8p
    - Le tour de table dure deux minutes (remplace d-9xw2c). ^d-h4t6n
    ## Actions
    - [ ] Sophie Laurent — envoyer le prévisionnel — 2024-04-01 ^a-4kq9m

The trailing `^d-…`/`^a-…` is the item's id (the block-id form some Markdown editors know):
five random characters, unique across clones like note ids, kept when the text is edited. An item
written by hand without one is found all the same, under an id derived from its note and text;
the commands that touch it write that id on its line, so that it stays the same from then on.
See docs/reunions.md (French) for the whole representation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .dates import parse_date, try_parse_date
from .errors import InvalidDate
from .ids import SUFFIX_ALPHABET, SUFFIX_LENGTH, random_suffix
from .model import Action, Decision
from .register_blocks import Heading, blocks
from .text import fold

PROPOSED, ADOPTED, REPLACED, ABANDONED = "proposée", "adoptée", "remplacée", "abandonnée"
STATUSES = (PROPOSED, ADOPTED, REPLACED, ABANDONED)
DECISION, ACTION = "d", "a"
ROLES = ("animation", "notes", "temps")  # facilitation, note-taking, time-keeping
ROLE_LABELS = {"animation": "Animation", "notes": "Prise de notes", "temps": "Gardien·ne du temps"}
SEPARATOR = " — "
# Item text conventions inside a list item's text (not Markdown structure): the id at its end,
# a status word before a colon at its start, "(remplace d-…)" anywhere, "[ ]"/"[x]" in front.
ITEM_ID_PATTERN = r"[da]-[" + SUFFIX_ALPHABET + r"]{" + str(SUFFIX_LENGTH) + r"}"
ITEM_ID = re.compile(r"\s*\^(" + ITEM_ID_PATTERN + r")\s*$")
_STATUS = re.compile(r"^\s*(\w+)\s*:\s*", re.UNICODE)
_REPLACES = re.compile(r"\s*\(remplace\s+(d-[" + SUFFIX_ALPHABET + r"]{5})\)", re.IGNORECASE)
_CHECKBOX = re.compile(r"^\[([ xX])\]\s*")
_DASHES = re.compile(r"\s+[—–]\s+|\s+--?\s+")
# A due day written by hand: only absolute forms ("demain" in a file would move every day).
_MONTHS = "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
_NUMERIC_DAY = r"\d{1,2}[/.]\d{1,2}(?:[/.](?:\d{2}|\d{4}))?"
_SPELLED_DAY = r"(?:1er|\d{1,2})\s+(?:" + _MONTHS + r")(?:\s+\d{4})?"
_DUE_DAY = re.compile(r"(?:le\s+)?(?:" + _NUMERIC_DAY + "|" + _SPELLED_DAY + ")")
# Only bodies that may hold such a heading are handed to the parser: most notes are not. A
# heading is a line with a `#` before the word, or a line underlined with = or - (setext): the
# test is wider than Markdown (it needs no parser), never narrower. `\u0301`, `\u0302`: accents
# typed decomposed.
_WORD = r"d[ée]\u0301?cision|action|r[ôo]\u0302?le"
# A line whose # comes after nothing but indentation, quote and list markers: such lines are
# few, and their words are looked at, not every line of the body (a third of the time).
_ATX_LINE = re.compile(r"^[ \t>*+\d.)-]*#[^\n]*", re.MULTILINE)
_HEADING_WORD = re.compile(_WORD, re.IGNORECASE)
_SETEXT_LINE = re.compile(r"^[ \t>]*(?:=+|-+)[ \t]*$", re.MULTILINE)
# What garefil keeps below such a comment line (a pad's copy, an archive) is someone else's text,
# replaced wholesale by the next copy: an item read there could never be changed for good.
_COPIED = re.compile(r"^<!--\s*garefil\s*:\s*(copie|archiv)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Item:
    """A list item under one of the register's headings: its kind, text and lines in the body."""

    kind: str  # "decisions", "actions" or "roles"
    text: str  # the first paragraph's text, lines joined by spaces
    first: int  # 0-based line of the item's marker in the body
    last: int  # 0-based line where its first paragraph ends
    marker: str  # the list marker: "-", "*", "+", "." or ")"
    end: int = 0  # the line after the item (its sub-items included)


@dataclass(frozen=True)
class BodyRegister:
    """What a note's body holds: its decisions, actions and the roles held."""

    decisions: tuple[Decision, ...] = ()
    actions: tuple[Action, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()


def section_kind(heading: str) -> str | None:
    """Which register a heading opens ("Relevé de décisions" → decisions), or None."""
    words = fold(heading)
    if "decision" in words:
        return "decisions"
    if words.startswith("action"):
        return "actions"
    if words.startswith("role"):
        return "roles"
    return None


def items(body: str) -> list[Item]:
    """The top-level list items under the register's headings, in body order."""
    return _scan(body)[0] if may_hold_register(body) else []


def may_hold_register(body: str) -> bool:
    """Whether `body` may have a register heading (False is sure; True is only maybe)."""
    if "\r" in body:  # a line may end with a lone CR for Markdown, never for `re`
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    if any(_HEADING_WORD.search(line.group()) for line in _ATX_LINE.finditer(body)):
        return True
    return _SETEXT_LINE.search(body) is not None and _HEADING_WORD.search(body) is not None


def heading_lines(body: str) -> dict[str, int]:
    """The line after each register heading of `body` (the first of each kind)."""
    return _scan(body)[1]


def own_text(body: str) -> str:
    """The part of `body` the coaches wrote: what is above garefil's copied or archived text."""
    # Most bodies hold no comment: a search for its opening is a quarter of the pattern's scan.
    copied = _COPIED.search(body) if "<!--" in body else None
    return body[: copied.start()] if copied else body


def _scan(body: str) -> tuple[list[Item], dict[str, int]]:
    found: list[Item] = []
    headings: dict[str, int] = {}
    kind, level = None, 0
    for block in blocks(own_text(body)):
        if isinstance(block, Heading):
            if kind is None or block.depth <= level:
                kind, level = section_kind(block.text), block.depth
                if kind:
                    headings.setdefault(kind, block.after)
        elif kind:
            found.append(Item(kind, block.text, block.first, block.last, block.marker, block.end))
    return found, headings


def read_register(body: str, note_id: str, written_on: date | None = None) -> BodyRegister:
    """The decisions, actions and roles written in `body` (the note `note_id`'s, written on
    the day `written_on`: a due day without a year is in that day's year)."""
    decisions, actions, roles = [], [], []
    for item in items(body):
        if not item.text:
            continue
        if item.kind == "decisions":
            decisions.append(decision(item, note_id))
        elif item.kind == "actions" and not is_placeholder(item.text):
            actions.append(action(item, note_id, written_on))
        else:
            roles.extend(role(item))
    return BodyRegister(tuple(_unique(decisions)), tuple(_unique(actions)), tuple(roles))


def is_placeholder(text: str) -> bool:
    """Whether an action line is the form an older template showed: `[ ] qui — quoi — quand`."""
    box = _CHECKBOX.match(text)
    parts = _DASHES.split(text[box.end() :] if box else text)
    # Folded one at a time: most actions' first part is a name, and folding goes letter by letter.
    return len(parts) == len(_PLACEHOLDER) and all(map(_folds_to, parts, _PLACEHOLDER))


_PLACEHOLDER = ("qui", "quoi", "quand")


def _folds_to(text: str, folded: str) -> bool:
    return fold(text) == folded


def _unique(values: list) -> list:
    """Two hand-written items with the same text in one note get distinct derived ids."""
    seen: dict[str, int] = {}
    result = []
    for value in values:
        count = seen.get(value.id, 0)
        seen[value.id] = count + 1
        if count and not value.written_id:
            value = replace(value, id=derived_id(value.id[0], value.id, str(count)))
        result.append(value)
    return result


def split_id(text: str) -> tuple[str, str | None]:
    """An item's text without its trailing `^x-…` id, and that id (None when not written)."""
    match = ITEM_ID.search(text)
    return (text[: match.start()], match.group(1)) if match else (text, None)


def derived_id(kind: str, note_id: str, text: str) -> str:
    """The id of an item written without one: the same for the same note and text."""
    from hashlib import blake2b  # here: it loads OpenSSL, which most commands never need

    digest = blake2b(f"{note_id}\0{fold(text)}".encode(), digest_size=8).digest()
    chars = "".join(SUFFIX_ALPHABET[b % len(SUFFIX_ALPHABET)] for b in digest[:SUFFIX_LENGTH])
    return f"{kind}-{chars}"


def new_item_id(kind: str, taken: set[str]) -> str:
    """A fresh random id for a decision ("d") or an action ("a"), not in `taken`."""
    while True:
        candidate = f"{kind}-{random_suffix()}"
        if candidate not in taken:
            return candidate


def decision(item: Item, note_id: str) -> Decision:
    """The decision a list item says (status word, link to the one it replaces, id)."""
    text, written = split_id(item.text)
    replaces = _REPLACES.search(text)
    if replaces:
        text = (text[: replaces.start()] + text[replaces.end() :]).strip()
    status, text = _status(text)
    return Decision(
        text=text,
        replaces=replaces.group(1).lower() if replaces else None,
        id=written or derived_id(DECISION, note_id, item.text),
        status=status,
        line=item.first,
        written_id=written is not None,
    )


def _status(text: str) -> tuple[str, str]:
    """The status word a decision starts with ("Proposée : …"); adopted when none."""
    match = _STATUS.match(text)
    if match:
        word = fold(match.group(1))
        for status in STATUSES:
            if fold(status) == word:
                return status, text[match.end() :].strip()
    return ADOPTED, text.strip()


def without_status(text: str) -> str:
    """`text` without the status word it may start with ("Proposée : …" → "…")."""
    match = _STATUS.match(text)
    if match and any(fold(s) == fold(match.group(1)) for s in STATUSES):
        return text[match.end() :]
    return text


def action(item: Item, note_id: str, written_on: date | None = None) -> Action:
    """The action a list item says: `[ ] who — what — due`, each part but `what` optional."""
    text, written = split_id(item.text)
    box = _CHECKBOX.match(text)
    done = bool(box) and box.group(1) != " "
    parts = [p.strip() for p in _DASHES.split(text[box.end() :] if box else text)]
    due = due_day(parts[-1], written_on) if len(parts) > 1 else None
    if due is not None:
        parts = parts[:-1]
    who = parts[0] if len(parts) > 1 else None
    what = SEPARATOR.join(parts[1:] if who else parts)
    return Action(
        what=what,
        who=who,
        due=due,
        done=done,
        id=written or derived_id(ACTION, note_id, item.text),
        line=item.first,
        written_id=written is not None,
    )


def due_day(text: str, written_on: date | None):
    """The due day an action's last part names: ISO, or an absolute French day (15/01/2030,
    15/01, 1er mars 2030; without a year, in the year of `written_on`); None otherwise."""
    found = try_parse_date(text)
    if found is not None or not _DUE_DAY.fullmatch(fold(text)):
        return found
    yearless = not re.search(r"\d{4}|\d+[/.]\d+[/.]\d+", text)
    if yearless and written_on is None:
        return None
    try:
        return parse_date(text, written_on)
    except InvalidDate:
        return None


def role(item: Item) -> list[tuple[str, str]]:
    """The (role, person) an item of the Rôles section says: "Animation : Karim Benali"."""
    label, colon, name = item.text.partition(":")
    key = role_key(label)
    name = name.strip()
    return [(key, name)] if colon and key and name else []


def role_key(label: str) -> str | None:
    """The role a label names, however it is written ("Gardienne du temps" → temps)."""
    words = fold(label)
    if "anim" in words or "facilit" in words:
        return "animation"
    if "note" in words or "secret" in words:
        return "notes"
    if "temps" in words or "gardien" in words:
        return "temps"
    return None
