"""When git recorded each of a few notes: the moment a same-day step happened, when its header
keeps only the day (`fil`, the requests of one day in `demandes`).

The index's catalogue keeps these times (adapters/catalogue_times.py) and answers them: this
`git log` is asked only when it cannot, git having been unable to vouch for the work tree while
the index was brought up to date (a notebook inside a larger repository, a submodule…).

One plain `git log` of the notebook's folder, without GitPython, whatever the number of notes
asked: naming them to git (`git log -- PATHS`) makes it match every path against every file of
every folder a commit changed, and `fil` of a person with 70 notes then took seconds on a
history of 2,000 commits; the whole log, filtered here, takes a tenth of that. Author times, not
commit times: a sync that replays a coach's commits changes the latter. A note renamed since is
followed to its older names (git is asked for renames, whatever `diff.renames` says): it was
recorded when first written, not when renamed, as the catalogue has it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from garefil.core.commit_order import places

from .git_worktree import RECORD, commit_of, log_records

# Each commit of the log: the rest of its header (author time, id, parents), and its files.
Logged = tuple[str, list[tuple[str, tuple[str, ...]]]]


def recorded_times(root: Path, paths: Sequence[str]) -> dict[str, tuple[datetime, datetime]]:
    """The first and last time each of `paths` (relative to `root`) was committed, local time;
    an empty answer when git cannot tell (no repository, no commit, no git)."""
    if not paths:
        return {}
    command = ["git", "-c", "core.quotePath=false", "-C", str(root), "log", "--relative", "-M"]
    command += [f"--format={RECORD}%at %H %P", "--name-status", "-z"]
    try:
        out = subprocess.run(command, capture_output=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    return _times(list(log_records(out.decode("utf-8", "surrogateescape"))), set(paths))


def _touched(commits: list[Logged], wanted: set[str]) -> list[set[str]]:
    """For each commit (newest first), the `wanted` notes it recorded, each followed back
    through its renames: the older name is the same note."""
    known = {path: path for path in wanted}  # a name at this point of history → note asked
    touched = []
    for _stamp, files in commits:
        notes = set()
        for status, names in files:
            note = known.get(names[-1])
            if note is None:
                continue
            notes.add(note)
            if status.startswith("R"):
                known[names[0]] = known.pop(names[-1])
        touched.append(notes)
    return touched


def _times(commits: list[Logged], wanted: set[str]) -> dict[str, tuple[datetime, datetime]]:
    """Each wanted note's oldest and newest moment. Git keeps seconds: the commits of one
    second (a script, two quick commands) are told apart by microseconds, a commit after those
    of its second that lead to it, as the catalogue does (core/commit_order.py)."""
    found: dict[str, tuple[datetime, datetime]] = {}
    described = [commit_of(header) for header, _files in commits]
    placed = places(filter(None, described), {})
    touched = _touched(commits, wanted)
    for commit, notes in zip(reversed(described), reversed(touched), strict=True):  # oldest first
        if commit is None or not notes:
            continue
        second, place = placed[commit.id]
        try:
            moment = datetime.fromtimestamp(second) + timedelta(microseconds=place)
        except (ValueError, OverflowError, OSError):
            continue
        for note in notes:
            found[note] = (found[note][0] if note in found else moment, moment)
    return found


def last_recorded(root: Path, path: str) -> datetime | None:
    """When `path` (relative to `root`) was last committed, local time; None when git cannot
    tell (never committed, no repository, no git). One path: git walks it quickly."""
    command = ["git", "-c", "core.quotePath=false", "--literal-pathspecs", "-C", str(root)]
    command += ["log", "-1", "--format=%at", "--", path]
    try:
        out = subprocess.run(command, capture_output=True, check=True, timeout=30).stdout
        return datetime.fromtimestamp(int(out.strip())) if out.strip() else None
    except (OSError, subprocess.SubprocessError, ValueError, OverflowError):
        return None
