"""When git first and last recorded each file, as the catalogue (catalogue.py) keeps it: the
`recorded` table (microseconds since the epoch), and `seconds`, how many commits of each second
were counted, so that the commits of a later refresh are counted on from there.

Kept from git's log at a full build (one `git log` over the history), then from the few commits
each refresh finds since the HEAD it recorded (adapters/git_worktree.py): a read command never
asks git for them.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import datetime, timedelta

from garefil.core.freshness import History

_MICRO = 1_000_000
CHUNK = 500  # values asked at once with `IN (…)`: well under SQLite's limit of bound values


def record_history(db: sqlite3.Connection, history: History | None) -> None:
    """Keep when git first and last recorded each file of `history`, counting on from the
    times kept (None: forget that the times are known, git will be asked)."""
    if history is None:
        db.execute("DELETE FROM meta WHERE key = 'recorded'")
        return
    if history.whole:
        db.execute("DELETE FROM recorded")
        db.execute("DELETE FROM seconds")
    counts = Counter() if history.whole else _seconds(db, {c.second for c in history.commits})
    first, last = _moments(db, history, counts)
    db.executemany(
        "INSERT INTO recorded VALUES (?, ?, ?)"
        " ON CONFLICT (path) DO UPDATE SET last = excluded.last",
        [(path, moment, last[path]) for path, moment in first.items()],
    )
    db.executemany("INSERT OR REPLACE INTO seconds VALUES (?, ?)", counts.items())
    db.execute("INSERT OR REPLACE INTO meta VALUES ('recorded', ?)", (history.head,))


def _moments(
    db: sqlite3.Connection, history: History, counts: Counter[int]
) -> tuple[dict[str, int], dict[str, int]]:
    """When each file of `history` was first and last recorded, `counts` counting the commits
    of each second: those of one second (a script, two quick commands) are told apart by
    microseconds in the order git logs them, a commit after its parent (as git_times.py)."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for commit in history.commits:
        moment = commit.second * _MICRO + counts[commit.second]
        counts[commit.second] += 1
        for old, new in commit.renamed:  # the note keeps the time it was first recorded
            kept = first.get(old) if old in first else _first_kept(db, old, history.whole)
            if kept is not None:
                first.setdefault(new, kept)
        for path in commit.paths:
            first.setdefault(path, moment)
            last[path] = moment
    return first, last


def _first_kept(db: sqlite3.Connection, path: str, whole: bool) -> int | None:
    """When git first recorded `path`, as the catalogue keeps it (none when rebuilding)."""
    if whole:
        return None
    found = db.execute("SELECT first FROM recorded WHERE path = ?", (path,)).fetchone()
    return found[0] if found is not None else None


def _seconds(db: sqlite3.Connection, seconds: set[int]) -> Counter[int]:
    """How many commits of each of `seconds` the catalogue has counted already."""
    found: Counter[int] = Counter()
    wanted = sorted(seconds)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        query = (
            f"SELECT second, commits FROM seconds WHERE second IN ({', '.join('?' * len(chunk))})"
        )
        found.update(dict(db.execute(query, chunk)))
    return found


def moment_of(micro: int) -> datetime:
    """The local time `micro` (microseconds since the epoch) stands for, as git_times gives it."""
    second, extra = divmod(micro, _MICRO)
    return datetime.fromtimestamp(second) + timedelta(microseconds=extra)
