"""The next meeting's agenda: subjects queued during the week, and the open items of the notes.

A subject queued with `garefil ordre-du-jour ajouter` is one small file of its own in
`.garefil/ordre-du-jour/` (committed, shared): two coaches queuing at the same time on two
clones add two files, which git never calls a conflict. Writing the meeting note consumes them:
the files are removed in the same commit as the note that lists them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .config import Config
from .dates import day_of, iso
from .errors import EmptyItem, NotInNotebook, UnsafePath
from .ids import random_suffix
from .meetings import SUBJECT_QUEUE, SUBJECT_SUFFIX
from .model import Note
from .notebook import Notebook
from .notetypes import is_type
from .register import PROPOSED
from .register_list import action_entries, decision_entries
from .requests import REQUEST, in_order, is_open
from .team import is_member

QUEUE = SUBJECT_QUEUE
SUFFIX = SUBJECT_SUFFIX
BY = "par:"


@dataclass(frozen=True)
class Subject:
    """A subject someone asked to discuss at the next meeting."""

    text: str
    by: str | None
    day: date | None
    path: str  # relative to the notebook

    def summary(self) -> dict[str, Any]:
        """The stable JSON shape of a queued subject (documented in docs/json.md)."""
        return {"text": self.text, "by": self.by, "date": iso(self.day), "path": self.path}


def subject_file(text: str, by: str | None, today: date) -> tuple[str, str]:
    """Where a new subject goes and what the file holds (first line the subject)."""
    text = " ".join(text.split())
    if not text:
        raise EmptyItem()
    name = f"{QUEUE}/{today.isoformat()}-{random_suffix()}{SUFFIX}"
    return name, text + "\n" + (f"{BY} {by}\n" if by else "")


def queued(notebook: Notebook) -> list[Subject]:
    """The subjects waiting for the next meeting, oldest first (links and odd files skipped)."""
    folder = notebook.root / QUEUE
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    subjects = []
    for entry in entries:
        if entry.name.endswith(SUFFIX) and entry.is_file(follow_symlinks=False):
            subject = _read(notebook, f"{QUEUE}/{entry.name}")
            if subject is not None:
                subjects.append(subject)
    return subjects


def _read(notebook: Notebook, path: str) -> Subject | None:
    try:
        lines = notebook.read_text(path).splitlines()
    except (OSError, NotInNotebook, UnsafePath):
        return None
    text = next((line.strip() for line in lines if line.strip()), "")
    by = next((line[len(BY) :].strip() for line in lines if line.startswith(BY)), None)
    day = _day(path.rsplit("/", 1)[-1][:10])
    return Subject(text[:500], by or None, day, path) if text else None


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Agenda:
    """What the meeting has to look at, gathered from the notes and the queue."""

    requests: tuple[Note, ...] = ()
    actions: tuple[Any, ...] = ()  # ActionEntry: open actions due by the meeting
    proposed: tuple[Any, ...] = ()  # DecisionEntry: decisions still proposed
    subjects: tuple[Subject, ...] = ()


def unassigned(notes: Iterable[Note], config: Config) -> list[Note]:
    """The open requests nobody in the team has taken yet (no référent, or one who is not a
    member: `suivi` shows those as the team's too), the first item of the agenda."""
    return [
        n
        for n in notes
        if is_type(n, REQUEST) and is_open(n) and not (n.referent and is_member(config, n.referent))
    ]


def gather(
    notes: Iterable[Note],
    subjects: Iterable[Subject],
    meeting_day: date,
    config: Config,
    recorded: Mapping[str, tuple[datetime, datetime]] | None = None,
) -> Agenda:
    """The open items for a meeting on `meeting_day`; `recorded`, when git first and last
    recorded the requests that share a day, orders them as `garefil demandes` does."""
    notes = list(notes)
    requests = in_order(unassigned(notes, config), recorded or {})
    due = [
        e
        for e in action_entries(notes)
        if not e.action.done and (day_of(e.action.due) or date.max) <= meeting_day
    ]
    proposed = [e for e in decision_entries(notes) if e.status == PROPOSED]
    return Agenda(tuple(requests), tuple(due), tuple(proposed), tuple(subjects))
