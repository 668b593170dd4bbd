"""« In conflict since this sync » is worked out once, where the sync's report is built
(core/settlement.py), whichever sync met the conflict: the text and JSON reports read it."""

from __future__ import annotations

from garefil.core.settlement import with_conflicts_now
from garefil.core.sharing_model import FileChange

WAITING = (
    ("cr/titre-awa-k3x9q.md", "cr/titre-awa-k3x9q.conflit-karim-benali.md"),
    ("cr/point-p2m4d.md", "cr/point-p2m4d.conflit-awa-diallo.md"),
)


def test_a_conflict_met_here_is_told_with_its_copy_found_where_the_note_is_here():
    renamed_both_ways = FileChange(
        "cr/titre-karim-k3x9q.md",
        "renamed",
        ("Karim Benali",),
        in_conflict=True,
        here="cr/titre-awa-k3x9q.md",
    )
    [told] = with_conflicts_now([renamed_both_ways], WAITING)
    assert (told.conflicted, told.other_version) == (True, WAITING[0][1])


def test_a_conflict_a_teammate_met_is_told_with_the_copy_this_sync_brought():
    arrived = FileChange("cr/point-p2m4d.md", "modified", ("Awa Diallo",), copy=WAITING[1][1])
    [told] = with_conflicts_now([arrived], WAITING)
    assert (told.conflicted, told.other_version) == (True, WAITING[1][1])


def test_a_note_merged_without_conflict_is_not_in_conflict_though_an_older_one_waits():
    merged = FileChange("cr/point-p2m4d.md", "modified", ("Awa Diallo",))
    assert with_conflicts_now([merged], WAITING) == [merged]
    assert not merged.conflicted and merged.other_version is None
