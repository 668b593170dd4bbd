"""When git recorded each of a few notes: the moment a same-day step happened, when its header
keeps only the day (`fil`, the requests of one day in `demandes`).

The index's catalogue keeps these times (adapters/catalogue_times.py) and answers them: this
`git log` is asked only when it cannot, git having been unable to vouch for the work tree while
the index was brought up to date (a notebook inside a larger repository, a submodule…).

A plain `git log` restricted to those paths, without GitPython. Author times,
not commit times: a sync that replays a coach's commits changes the latter. A note renamed since
is taken as recorded when its present name appeared (the catalogue follows renames).
"""

from __future__ import annotations

import subprocess
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

_RECORD = "\x1e"
MANY_PATHS = 64  # beyond this, git's matching of the paths costs more than reading every name


def recorded_times(root: Path, paths: Sequence[str]) -> dict[str, tuple[datetime, datetime]]:
    """The first and last time each of `paths` (relative to `root`) was committed, local time;
    an empty answer when git cannot tell (no repository, no commit, no git)."""
    if not paths:
        return {}
    command = ["git", "-c", "core.quotePath=false", "--literal-pathspecs", "-C", str(root)]
    command += ["log", "--no-renames", "--relative", f"--format={_RECORD}%at", "--name-only"]
    # git matches every name of every commit against every path given: for many paths (a
    # `list` of a day-heavy notebook), reading every name and keeping ours is far quicker.
    few = len(paths) <= MANY_PATHS
    try:
        out = subprocess.run(
            [*command, "-z", "--", *(paths if few else ())],
            capture_output=True,
            check=True,
            timeout=30,
        ).stdout.decode("utf-8", "surrogateescape")
    except (OSError, subprocess.SubprocessError):
        return {}
    found = _times(out)
    return found if few else {p: found[p] for p in paths if p in found}


def _times(log: str) -> dict[str, tuple[datetime, datetime]]:
    """Each path's oldest and newest moment in `log`, which git writes newest first. Git keeps
    seconds: the commits of one second (a script, two quick commands) are told apart by
    microseconds in the order git logs them, a commit after its parent."""
    found: dict[str, tuple[datetime, datetime]] = {}
    same_second: Counter[int] = Counter()
    for record in reversed(log.split(_RECORD)[1:]):
        stamp, *names = record.split("\0")
        try:
            second = int(stamp)
            moment = datetime.fromtimestamp(second) + timedelta(microseconds=same_second[second])
        except (ValueError, OverflowError, OSError):
            continue
        same_second[second] += 1
        for name in (n.lstrip("\n") for n in names):
            if name:
                found[name] = (found[name][0] if name in found else moment, moment)
    return found
