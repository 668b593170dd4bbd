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
from garefil.core.freshness import Commit

_RECORD = "\x1e"


def recorded_times(root: Path, paths: Sequence[str]) -> dict[str, tuple[datetime, datetime]]:
    """The first and last time each of `paths` (relative to `root`) was committed, local time;
    an empty answer when git cannot tell (no repository, no commit, no git)."""
    if not paths:
        return {}
    command = ["git", "-c", "core.quotePath=false", "-C", str(root), "log", "--relative", "-M"]
    command += [f"--format={_RECORD}%at %H %P", "--name-status", "-z"]
    try:
        out = subprocess.run(command, capture_output=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    return _times(_commits(out.decode("utf-8", "surrogateescape")), set(paths))


def _commits(log: str) -> list[tuple[str, list[list[str]]]]:
    """(author time, id and parents, [status, path…] per file) of each commit in `log`, newest
    first."""
    commits = []
    for record in log.split(_RECORD)[1:]:
        stamp, *fields = record.split("\0")
        files, index = [], 0
        fields = [field.lstrip("\n") for field in fields]
        while index < len(fields) and fields[index]:
            status = fields[index]
            width = 2 if status[:1] in ("R", "C") else 1  # a rename names both paths
            files.append([status, *fields[index + 1 : index + 1 + width]])
            index += 1 + width
        commits.append((stamp, files))
    return commits


def _touched(commits: list[tuple[str, list[list[str]]]], wanted: set[str]) -> list[set[str]]:
    """For each commit (newest first), the `wanted` notes it recorded, each followed back
    through its renames: the older name is the same note."""
    known = {path: path for path in wanted}  # a name at this point of history → note asked
    touched = []
    for _stamp, files in commits:
        notes = set()
        for status, *names in files:
            note = known.get(names[-1])
            if note is None:
                continue
            notes.add(note)
            if status.startswith("R"):
                known[names[0]] = known.pop(names[-1])
        touched.append(notes)
    return touched


def _times(
    commits: list[tuple[str, list[list[str]]]], wanted: set[str]
) -> dict[str, tuple[datetime, datetime]]:
    """Each wanted note's oldest and newest moment. Git keeps seconds: the commits of one
    second (a script, two quick commands) are told apart by microseconds, a commit after those
    of its second that lead to it, as the catalogue does (core/commit_order.py)."""
    found: dict[str, tuple[datetime, datetime]] = {}
    described = [_placing(commit) for commit in commits]
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


def _placing(commit: tuple[str, list[list[str]]]) -> Commit | None:
    """The commit `git log` described in `commit`, to place among those of its second."""
    time, commit_id, *parents = commit[0].split(" ") + [""]
    try:
        return Commit(int(time), (), (), commit_id, tuple(p for p in parents if p.strip()))
    except ValueError:
        return None


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
