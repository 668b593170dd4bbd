"""Ids and paths stay unique across coaches who never talk to each other."""

from __future__ import annotations

import json
from datetime import date
from itertools import cycle
from pathlib import Path

from conftest import git
from garefil.core import ids
from garefil.core.notetypes import BUILTIN_TYPES


def test_two_offline_clones_creating_the_same_cr_get_distinct_ids_and_paths(
    cli, notebook, tmp_path
):
    remote = tmp_path / "partage.git"
    git(tmp_path, "clone", "-q", "--bare", str(notebook), str(remote))
    coaches = [tmp_path / "awa", tmp_path / "karim"]
    made = []
    for clone in coaches:
        git(tmp_path, "clone", "-q", str(remote), str(clone))
        out = cli(
            "-C",
            clone,
            "new",
            "cr",
            "--entrepreneur",
            "Jean Dupont",
            "--title",
            "Point",
            "--date",
            "2020-04-10",
            "--no-edit",
        ).stdout
        made.append(out.strip().split("\t"))
    (id_a, path_a), (id_b, path_b) = made
    assert id_a != id_b and path_a != path_b
    # Both land in one clone without any file conflict: the notes simply add up.
    git(coaches[0], "pull", "-q", "--no-rebase", str(coaches[1]), "main")
    listed = json.loads(cli("-C", coaches[0], "list", "--json").stdout)
    assert {n["id"] for n in listed} == {id_a, id_b}


def test_a_taken_id_is_drawn_again():
    suffixes = cycle(["aaaaa", "aaaaa", "bbbbb"])
    taken = {"2020-04-10-cr-aaaaa"}
    assert (
        ids.new_id(date(2020, 4, 10), "cr", taken, lambda: next(suffixes)) == "2020-04-10-cr-bbbbb"
    )


def test_paths_follow_the_documented_layout():
    day = date(2020, 4, 10)
    assert ids.note_path(
        BUILTIN_TYPES["cr"], day, "Jean Dupont Point statut", "2020-04-10-cr-k7m3q"
    ) == ("cr/2020/2020-04-10-jean-dupont-point-statut-k7m3q.md")
    assert ids.note_path(BUILTIN_TYPES["pad"], day, "Pad ../../secret", "2020-04-10-pad-x2") == (
        "pads/2020-04-10-pad-secret-x2.md"
    )


def test_suffixes_use_only_unambiguous_characters():
    suffix = ids.random_suffix()
    assert len(suffix) == 5 and not set(suffix) & set("01ilo")
    assert Path(ids.note_path(BUILTIN_TYPES["note"], date(2020, 1, 1), "", "x-" + suffix)).name == (
        f"2020-01-01-{suffix}.md"
    )
