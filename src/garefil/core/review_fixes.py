"""`garefil jardin --corriger`: the safe fixes, written through the minimal-diff writer.

Safe means that nothing a coach wrote is lost or decided for them: a tag written in its
normalised form, a person's name written as the team writes it elsewhere (same letters once
case, accents and spaces are set aside), an `id` added to a note that has none, with the type,
title and date garefil already reads from it when the header lacks them. Only the lines of those
keys change (frontmatter_text.patch); a name that is merely *close* to another is never changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import ids
from .dates import day_of
from .errors import GarefilError
from .notebook import Notebook
from .notes import read, update
from .notetypes import declared_type
from .review import Finding


@dataclass(frozen=True)
class Fixed:
    """The keys set in one note."""

    path: str
    changes: tuple[tuple[str, Any], ...]

    def __str__(self) -> str:
        return f"{self.path}: " + ", ".join(f"{k} = {v}" for k, v in self.changes)


def planned_changes(findings: Iterable[Finding]) -> dict[str, dict[str, Any]]:
    """The front-matter changes of the safe findings, merged by path."""
    changes: dict[str, dict[str, Any]] = {}
    for finding in findings:
        if finding.fix:
            changes.setdefault(finding.path, {}).update(dict(finding.fix))
    return changes


def apply_fixes(
    notebook: Notebook, findings: Iterable[Finding], taken_ids: set[str], today: date
) -> list[Fixed]:
    """Apply every safe fix; the notes changed (a note that cannot be patched is left as it is:
    the next `jardin` lists it again)."""
    fixed = []
    for path, changes in sorted(planned_changes(findings).items()):
        try:
            changes = _with_derived(notebook, path, changes, taken_ids, today)
            if update(notebook, path, changes):
                fixed.append(Fixed(path, tuple(changes.items())))
        except GarefilError:
            continue  # not UTF-8, or too unusual to patch: listed again, never half-fixed
    return fixed


def _with_derived(
    notebook: Notebook, path: str, changes: dict[str, Any], taken_ids: set[str], today: date
) -> dict[str, Any]:
    """`changes` with a fresh id where one is asked for (None), plus the type, title and date
    garefil reads from the note when its header lacks them (its file name's date, its first
    heading); an undated note's id takes today's date, and no date is made up for it."""
    if "id" not in changes:
        return changes
    note = read(notebook, path)
    kind = changes.get("type") or declared_type(note.type, notebook.config.types) or note.type
    new_id = ids.new_id(day_of(note.date) or today, kind, taken_ids)
    taken_ids.add(new_id)
    derived = {"type": kind, "title": note.title, "date": note.date}
    missing = {k: v for k, v in derived.items() if k not in note.metadata and v is not None}
    return {**changes, "id": new_id, **missing}
