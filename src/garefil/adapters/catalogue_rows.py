"""How one catalogue row holds an entry (catalogue.py): the note's fields as one JSON array,
the filter columns beside it, and back.

Decoding is what read commands pay for each note they show: `suivi` and the home screen decode
thousands, so it is kept direct (no entry built when only the note is asked for).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import partial
from typing import Any

from garefil.core.dates import day_of, iso
from garefil.core.freshness import FileState
from garefil.core.index_model import Entry
from garefil.core.model import NO_METADATA, Action, Decision, Note, Problem
from garefil.core.notetypes import canonical_type

TAG_SEPARATOR = "\x1f"  # a control character: never in a tag; around each one, for instr()


def filter_columns(note: Note) -> tuple[str, str, str | None, str]:
    """The id, folded type, ISO day and tags of `note`, as the filter columns hold them."""
    tags = "".join(f"{tag}{TAG_SEPARATOR}" for tag in note.tags)
    return note.id, canonical_type(note.type), iso(day_of(note.date)), f"{TAG_SEPARATOR}{tags}"


def row_of(path: str, entry: Entry) -> tuple[Any, ...]:
    """The catalogue row of `entry` (a JSON array for the note's fields, and its facets)."""
    note, problem = entry.note, entry.problem
    return (
        path,
        entry.state.size,
        entry.state.mtime_ns,
        entry.state.ctime_ns,
        entry.digest,
        None if note is None else json.dumps(fields_of(note), ensure_ascii=False),
        None if problem is None else json.dumps([problem.line, problem.detail]),
        int(entry.cut),
        *((None,) * 4 if note is None else filter_columns(note)),
    )


def fields_of(note: Note) -> list[Any]:
    """The note's fields as one JSON array: arrays read faster than objects."""
    return [
        note.id,
        note.type,
        note.title,
        iso(note.date),
        note.entrepreneur,
        note.referent,
        note.author,
        list(note.participants),
        list(note.tags),
        note.status,
        [[d.text, d.replaces, d.id, d.status, d.line, d.written_id] for d in note.decisions],
        [[a.what, a.who, iso(a.due), a.done, a.id, a.line, a.written_id] for a in note.actions],
        [[name, list(values)] for name, values in note.extra_fields],
        [list(remark) for remark in note.remarks],
        [list(held) for held in note.roles],
    ]


def entry_of(row: tuple[Any, ...]) -> Entry:
    """The entry a row holds (its note decoded only when asked for)."""
    path, size, mtime, ctime, digest, note, problem, cut = row
    if problem is not None:
        line, detail = json.loads(problem)
    return Entry(
        FileState(path, size, mtime, ctime),
        digest,
        problem=None if problem is None else Problem(path, line, detail),
        loader=None if note is None else partial(_decoded_note, path, note),
        cut=bool(cut),
    )


def _decoded_note(path: str, text: str) -> Note:
    return note_of(path, json.loads(text))


def note_of(path: str, fields: list[Any]) -> Note:
    """The note at `path` whose fields the JSON array `fields` holds, without its body."""
    (
        note_id,
        kind,
        title,
        day,
        entrepreneur,
        referent,
        author,
        people,
        tags,
        status,
        decisions,
        actions,
        extra,
        remarks,
        roles,
    ) = fields
    # The fields were checked when the note was read; filled in directly, as a copy would be:
    # a frozen dataclass's __init__ sets each field through object.__setattr__, which was most
    # of the cost of decoding the ten thousand notes `suivi` or the home screen look at.
    note = object.__new__(Note)
    note.__dict__.update(
        path=path,
        id=note_id,
        type=kind,
        title=title,
        date=_date(day),
        entrepreneur=entrepreneur,
        referent=referent,
        author=author,
        participants=tuple(people),
        tags=tuple(tags),
        status=status,
        decisions=tuple(Decision(*d) for d in decisions) if decisions else (),
        actions=tuple(Action(w, who, _date(due), *rest) for w, who, due, *rest in actions)
        if actions
        else (),
        roles=tuple((role, name) for role, name in roles) if roles else (),
        body="",
        metadata=NO_METADATA,
        extra_fields=tuple((name, tuple(values)) for name, values in extra) if extra else (),
        remarks=tuple((kind, line, detail) for kind, line, detail in remarks) if remarks else (),
    )
    return note


def _date(text: str | None) -> date | datetime | None:
    # The catalogue holds only dates garefil wrote itself: ISO days or minutes, parsed in C.
    if not text:
        return None
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
