"""Two coaches writing and syncing at the same time: every note on both sides, none twice."""

from __future__ import annotations

import importlib.util

from conftest import PROJECT

# The benchmark's own loop and checks, so the short share here and the long run agree.
_spec = importlib.util.spec_from_file_location(
    "concurrent_sync", PROJECT / "benchmarks" / "concurrent_sync.py"
)
concurrent_sync = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(concurrent_sync)

NOTES_EACH = 2  # the long run: `python benchmarks/concurrent_sync.py --notes 20`


def test_two_coaches_writing_and_syncing_at_once_lose_nothing(tmp_path):
    remote, clones = concurrent_sync.shared_team(tmp_path)
    results = concurrent_sync.write_and_sync(clones, NOTES_EACH)
    assert all(failed >= 0 for failed, _err in results.values()), results
    found = concurrent_sync.checks(remote, clones, NOTES_EACH)
    assert all(found.values()), found
