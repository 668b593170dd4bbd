"""`edit`, `tag` and `sync` killed (SIGKILL) part-way: no note lost or cut, and the next `sync`
recovers on its own. One try of each here; the long loop (5,000 notes, many tries) is
`python benchmarks/kill_writes.py --notes 5000 --tries 60` (docs/reliability.md)."""

from __future__ import annotations

import importlib.util
import os
import random
import sys

from conftest import PROJECT

_spec = importlib.util.spec_from_file_location(
    "kill_writes", PROJECT / "benchmarks" / "kill_writes.py"
)
kill_writes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kill_writes)


def test_edit_tag_and_sync_killed_part_way_lose_nothing(tmp_path):
    random.seed(14)
    env = {**os.environ, "EDITOR": f'{sys.executable} -c "{kill_writes.EDITOR}"'}
    first, second = kill_writes.make_team(tmp_path, notes=5)
    usual = dict.fromkeys(kill_writes.COMMANDS, 0.8)  # seconds: within a command's start-up+work
    done = list(kill_writes.tries(first, second, count=3, notes=5, env=env, usual=usual))
    assert [kind for kind, _after, _found in done] == ["edit", "tag", "sync"]
    assert all(found == [] for _kind, _after, found in done), done
