"""When git first and last recorded each file, as the catalogue (catalogue.py) keeps it: the
`recorded` table (microseconds since the epoch), and `commits`, each commit's second and place
among the commits of that second (core/commit_order.py), so that the commits of a later refresh
are placed after their parents, and alike on every clone.

Kept from git's log at a full build (one `git log` over the history), then from the few commits
each refresh finds since the HEAD it recorded (adapters/git_worktree.py): a read command never
asks git for them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta

from garefil.core.commit_order import Placed, places
from garefil.core.freshness import History

_MICRO = 1_000_000
CHUNK = 500  # values asked at once with `IN (…)`: well under SQLite's limit of bound values


def record_history(db: sqlite3.Connection, history: History | None) -> None:
    """Keep when git first and last recorded each file of `history`, its commits placed after
    those the catalogue keeps (None: forget that the times are known, git will be asked)."""
    if history is None:
        db.execute("DELETE FROM meta WHERE key = 'recorded'")
        return
    if history.whole:
        db.execute("DELETE FROM recorded")
        db.execute("DELETE FROM commits")
    parents = {p for c in history.commits for p in c.parents}
    placed = places(history.commits, {} if history.whole else _placed(db, parents))
    # A merge brings a teammate's commits, made beside this clone's: of a file both changed,
    # the latest change is the latest moment, whichever clone met which commit first. Else each
    # commit comes after those kept (a clock set back does not make it an earlier change).
    merged = not history.whole and any(len(c.parents) > 1 for c in history.commits)
    first, last = _moments(db, history, placed, merged)
    latest = "max(last, excluded.last)" if merged else "excluded.last"
    db.executemany(
        f"INSERT INTO recorded VALUES (?, ?, ?) ON CONFLICT (path) DO UPDATE SET last = {latest}",
        [(path, moment, last[path]) for path, moment in first.items()],
    )
    db.executemany(
        "INSERT OR REPLACE INTO commits VALUES (?, ?, ?)",
        [(commit_id, second, place) for commit_id, (second, place) in placed.items()],
    )
    db.execute("INSERT OR REPLACE INTO meta VALUES ('recorded', ?)", (history.head,))
    _keep_notes_only(db, history)


def _keep_notes_only(db: sqlite3.Connection, history: History) -> None:
    """Forget the files of `history` that are no note now (documents, deleted or renamed notes):
    only notes are ordered by these times, and a file's name may be a person's, which
    `rgpd anonymiser` takes out of the notebook (the entries are written first)."""
    outside = "path NOT IN (SELECT path FROM entries)"
    if history.whole:
        db.execute(f"DELETE FROM recorded WHERE {outside}")
        return
    named = sorted({path for commit in history.commits for path in commit.paths})
    for start in range(0, len(named), CHUNK):
        chunk = named[start : start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        db.execute(f"DELETE FROM recorded WHERE path IN ({marks}) AND {outside}", chunk)


def _moments(
    db: sqlite3.Connection, history: History, placed: dict[str, Placed], merged: bool = False
) -> tuple[dict[str, int], dict[str, int]]:
    """When each file of `history` (oldest commit first) was first and last recorded: the
    commit's second, and its place among the commits of that second (`placed`) as microseconds;
    the last, its latest commit's (`merged`: its latest moment)."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for commit in history.commits:
        second, place = placed.get(commit.id, (commit.second, 0))
        moment = second * _MICRO + place
        for old, new in commit.renamed:  # the note keeps the time it was first recorded
            kept = first.get(old) if old in first else _first_kept(db, old, history.whole)
            if kept is not None:
                first.setdefault(new, kept)
        for path in commit.paths:
            first.setdefault(path, moment)
            last[path] = max(last.get(path, moment), moment) if merged else moment
    return first, last


def _first_kept(db: sqlite3.Connection, path: str, whole: bool) -> int | None:
    """When git first recorded `path`, as the catalogue keeps it (none when rebuilding)."""
    if whole:
        return None
    found = db.execute("SELECT first FROM recorded WHERE path = ?", (path,)).fetchone()
    return found[0] if found is not None else None


def _placed(db: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Placed]:
    """The second and place the catalogue keeps for each of the commits `ids` it knows."""
    found: dict[str, Placed] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        query = f"SELECT id, second, place FROM commits WHERE id IN ({', '.join('?' * len(chunk))})"
        found.update(
            (commit_id, (second, place)) for commit_id, second, place in db.execute(query, chunk)
        )
    return found


def moment_of(micro: int) -> datetime:
    """The local time `micro` (microseconds since the epoch) stands for, as git_times gives it."""
    second, extra = divmod(micro, _MICRO)
    return datetime.fromtimestamp(second) + timedelta(microseconds=extra)
