"""What a coach meets in the first hour, said in their words: the hints name options that
exist, the types are the words garefil itself uses, tags split at commas as in a header, and
header values are shown as written, never as Python shows them."""

from __future__ import annotations

import json
import re

from conftest import git


def _commit_by_hand(notebook, path, text):
    (notebook / path).write_text(text, encoding="utf-8")
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "à la main")


def test_the_editors_hint_offers_no_option_edit_refuses(cli, notebook, monkeypatch):
    cli("-C", notebook, "new", "note", "--title", "Une", "--no-edit")
    monkeypatch.setenv("EDITOR", "false")
    failed = cli("-C", notebook, "edit", "@dernier", code=11)
    assert "ou utilisez --no-edit" not in failed.stderr
    assert "`garefil new` écrit aussi une note sans éditeur (--no-edit" in failed.stderr


def test_the_types_are_also_the_words_garefil_says_them_with(cli, notebook):
    made = cli("-C", notebook, "new", "compte-rendu", "-e", "Lina Roy", "--title", "Point",
               "--body", "x")  # fmt: skip
    assert made.stdout.split("\t")[0].split("-")[3] == "cr"
    cli("-C", notebook, "new", "rendez-vous", "-e", "Lina Roy", "--date", "2030-01-02T10:00",
        "--body", "x")  # fmt: skip
    for typed, wanted in (("compte rendu", "cr"), ("Comptes-rendus", "cr"), ("rendez-vous", "rdv")):
        listed = json.loads(cli("-C", notebook, "list", "--type", typed, "--json").stdout)
        assert [n["type"] for n in listed] == [wanted], typed


def test_a_note_whose_type_is_written_in_words_is_found_by_that_type(cli, notebook):
    # Written by hand or by another tool: « compte-rendu », « Demande ». Both `list` (the
    # catalogue's filter) and `search` (the index's) find them by the type they designate.
    header = "---\nid: {}\ntitle: Aide URSSAF\ntype: {}\ndate: 2024-01-05\n---\n"
    _commit_by_hand(notebook, "cr-mots.md", header.format("m1", "compte-rendu") + "URSSAF.\n")
    _commit_by_hand(notebook, "demande-majuscule.md", header.format("m2", "Demande") + "URSSAF.\n")
    _commit_by_hand(notebook, "reunions.md", header.format("m3", "Réunions") + "URSSAF.\n")
    for typed, wanted in (
        ("cr", "m1"),
        ("compte-rendu", "m1"),
        ("demande", "m2"),
        ("reunion", "m3"),
    ):
        listed = json.loads(cli("-C", notebook, "list", "--type", typed, "--json").stdout)
        assert [n["id"] for n in listed] == [wanted], typed
        found = cli("-C", notebook, "search", "urssaf", "--type", typed, "--json").stdout
        assert [n["id"] for n in json.loads(found)] == [wanted], typed


def test_a_type_the_notebook_declares_is_never_taken_for_a_built_in_one(cli, notebook):
    # « meeting » is what garefil calls a réunion in English: a notebook may still declare a
    # type of that name, whose notes are no team meetings.
    config = notebook / ".garefil" / "config.toml"
    config.write_text(config.read_text() + '\n[types.meeting]\nfolder = "meetings"\n')
    header = "---\nid: {}\ntitle: Rencontre URSSAF\ntype: {}\ndate: 2024-01-05\n---\n"
    _commit_by_hand(notebook, "meetings.md", header.format("t1", "meeting") + "URSSAF.\n")
    _commit_by_hand(notebook, "reunion.md", header.format("t2", "reunion") + "URSSAF.\n")
    for typed, wanted in (("meeting", "t1"), ("reunion", "t2")):
        listed = json.loads(cli("-C", notebook, "list", "--type", typed, "--json").stdout)
        assert [n["id"] for n in listed] == [wanted], typed
        found = cli("-C", notebook, "search", "urssaf", "--type", typed, "--json").stdout
        assert [n["id"] for n in json.loads(found)] == [wanted], typed


def test_a_note_of_a_declared_meeting_type_is_not_the_team_s_coming_meeting(
    cli, notebook, monkeypatch
):
    # The home screen's coming meeting is a réunion note, never a note of the notebook's own
    # type `meeting` dated that day.
    monkeypatch.setenv("GAREFIL_TODAY", "2026-12-01")
    config = notebook / ".garefil" / "config.toml"
    config.write_text(config.read_text() + '\n[types.meeting]\nfolder = "meetings"\n')
    header = "---\nid: t1\ntitle: Rencontre URSSAF\ntype: meeting\ndate: 2026-12-07\n---\nx\n"
    _commit_by_hand(notebook, "meetings.md", header)
    home = cli("-C", notebook).stdout
    assert "Prochaine réunion d'équipe : lundi 7 décembre 2026" in home, home
    assert "(t1)" not in home and "pas encore écrite" in home, home


def test_a_comma_between_tags_makes_two(cli, notebook):
    cli("-C", notebook, "new", "note", "--title", "Une", "--no-edit", "--tag", "caf, urssaf")
    said = cli("-C", notebook, "tag", "@dernier", "pôle emploi, mission locale").stderr
    assert "caf, urssaf, pole-emploi, mission-locale" in said
    cli("-C", notebook, "entrepreneur", "ajouter", "Lina Roy", "--tag", "pôle emploi, caf")
    cli("-C", notebook, "pad", "ajouter", "https://pad.exemple.org/p/budget", "--titre", "Budget",
        "--tag", "caf, urssaf")  # fmt: skip
    listed = json.loads(cli("-C", notebook, "list", "--json").stdout)
    tags = {n["type"]: n["tags"] for n in listed}
    assert tags["fiche"] == ["pole-emploi", "caf"] and tags["pad"] == ["caf", "urssaf"], tags


def test_header_values_are_shown_as_a_coach_writes_them(cli, notebook):
    _commit_by_hand(notebook, "liste.md", "---\nid: liste\ntitle: [liste, titre]\n---\nx\n")
    _commit_by_hand(notebook, "oui.md", "---\nid: oui\ntitle: on\ntags: yes\ndate: yes\n---\nx\n")
    _commit_by_hand(notebook, "jour.md", "---\nid: jour\ntitle: Jour\ndate: 20261003\n---\nx\n")
    listed = {n["id"]: n for n in json.loads(cli("-C", notebook, "list", "--json").stdout)}
    assert listed["liste"]["title"] == "liste, titre"
    assert listed["jour"]["date"] == "2026-10-03"  # a day: no midnight made up
    assert (listed["oui"]["title"], listed["oui"]["tags"]) == ("on", ["yes"])  # not True, `true`
    _commit_by_hand(notebook, "liste-oui.md", "---\nid: lo\ntitle: yes # commentaire\n"
                    "tags: [yes, caf]\n---\nx\n")  # fmt: skip
    _commit_by_hand(notebook, "bloc.md", "---\nid: bloc\ntitle: True\ntags:\n- on\n- 'no'\n---\n")
    _commit_by_hand(notebook, "gens.md", "---\nid: gens\nTitle: Gens\n"
                    "participants: [yes, Awa]\n---\nx\n")  # fmt: skip
    listed = {n["id"]: n for n in json.loads(cli("-C", notebook, "list", "--json").stdout)}
    assert (listed["lo"]["title"], listed["lo"]["tags"]) == ("yes", ["yes", "caf"])
    assert (listed["bloc"]["title"], listed["bloc"]["tags"]) == ("true", ["on", "no"])
    assert listed["gens"]["participants"] == ["yes", "Awa"]  # a name, not a boolean
    found = json.loads(cli("-C", notebook, "jardin", "--json").stdout)
    [bad_date] = [f for f in found if f["kind"] == "date-illisible"]
    assert bad_date["params"]["value"] == "yes"


def test_a_size_is_said_in_one_unit_everywhere(cli, team):
    # A 30,030,020-byte note (sparse: cheap to write) shared by Awa: Karim's sync and his index
    # say its size in the same MB, as the limits count them (1 MB = 1,048,576 bytes).
    big = team.awa / "divers" / "export.md"
    big.parent.mkdir(exist_ok=True)
    with big.open("wb") as handle:
        handle.write(("---\ntitle: Export\n---\n" + "Ligne exportée.\n" * 1000).encode())
        handle.truncate(30_030_020)
    git(team.awa, "add", "-A")
    git(team.awa, "commit", "-qm", "un export")
    cli("-C", team.awa, "sync")
    synced = cli("-C", team.karim, "sync").stderr
    indexed = cli("-C", team.karim, "index", "--rebuild").stderr
    said = [line for line in (synced + indexed).splitlines() if "divers/export.md" in line]
    figures = {re.search(r"(\d+) Mo", line).group(1) for line in said}
    assert len(said) == 2 and figures == {"29"}, said
