"""Decisions and actions: written once, in the note's body, found, listed and changed in place."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git

HAND_WRITTEN = (
    "---\r\nid: 2024-03-04-reunion-main\r\ntype: reunion\r\ntitle: Hebdo\r\n"
    "date: 2024-03-04\r\ntags: [urssaf]\r\n---\r\n\r\n# Hebdo\r\n\r\n"
    "## Relevé de décisions\r\n\r\n"
    "- Les demandes sont attribuées en début de réunion.\r\n"
    "* Proposée : un bilan mensuel\r\n  le dernier lundi du mois.\r\n"
    "- Jean Dupont passe en CAPE. ^d-k7m3q\r\n\r\n"
    "## Actions (qui / quoi / quand)\r\n\r\n"
    "1. [ ] Karim Benali — relancer France Travail — 2024-03-11\r\n"
    "2. [x] Awa Diallo — mettre à jour la fiche\r\n"
    "3. Sophie Laurent — envoyer le prévisionnel — 2099-01-01\r\n\r\n"
    "## Notes\r\n\r\n- pas une décision\r\n"
)


def write(notebook: Path, relative: str, text: str) -> Path:
    path = notebook / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    git(notebook, "add", relative)
    git(notebook, "commit", "-q", "-m", "à la main")
    return path


def as_json(cli, notebook: Path, *args: str):
    return json.loads(cli("-C", notebook, *args, "--json").stdout)


def test_hand_written_decisions_and_actions_are_found(cli, notebook):
    write(notebook, "reunions/2024/hebdo.md", HAND_WRITTEN)
    decisions = as_json(cli, notebook, "decisions")
    assert [(d["text"], d["status"]) for d in decisions] == [
        ("Les demandes sont attribuées en début de réunion.", "adoptée"),
        ("un bilan mensuel le dernier lundi du mois.", "proposée"),
        ("Jean Dupont passe en CAPE.", "adoptée"),
    ]
    assert decisions[2]["id"] == "d-k7m3q"
    assert decisions[0]["meeting"] == "2024-03-04"
    assert decisions[0]["note"]["id"] == "2024-03-04-reunion-main"
    assert as_json(cli, notebook, "decisions") == decisions  # derived ids are stable
    actions = as_json(cli, notebook, "actions", "--toutes")
    assert [(a["who"], a["what"], a["due"], a["done"]) for a in actions] == [
        ("Karim Benali", "relancer France Travail", "2024-03-11", False),
        ("Sophie Laurent", "envoyer le prévisionnel", "2099-01-01", False),
        ("Awa Diallo", "mettre à jour la fiche", None, True),
    ]
    late = as_json(cli, notebook, "actions", "--en-retard")
    assert [a["who"] for a in late] == ["Karim Benali"] and late[0]["late"]
    assert [a["what"] for a in as_json(cli, notebook, "actions", "--qui", "Sophie")] == [
        "envoyer le prévisionnel"
    ]


def test_decisions_filters(cli, notebook):
    write(notebook, "reunions/2024/hebdo.md", HAND_WRITTEN)
    proposed = as_json(cli, notebook, "decisions", "--statut", "proposee")
    assert [d["status"] for d in proposed] == ["proposée"]
    assert len(as_json(cli, notebook, "decisions", "--tag", "urssaf")) == 3
    assert as_json(cli, notebook, "decisions", "--tag", "caf") == []
    assert as_json(cli, notebook, "decisions", "--since", "2024-03-05") == []
    assert len(as_json(cli, notebook, "decisions", "--until", "2024-03-04")) == 3
    about = as_json(cli, notebook, "decisions", "--entrepreneur", "Jean Dupont")
    assert [d["id"] for d in about] == ["d-k7m3q"]
    wrong = cli("-C", notebook, "decisions", "--statut", "votée", code=5)
    assert "proposée" in wrong.stderr


def test_action_faite_changes_exactly_that_line_and_commits(cli, notebook):
    path = write(notebook, "reunions/2024/hebdo.md", HAND_WRITTEN)
    karim = as_json(cli, notebook, "actions", "--qui", "Karim")[0]
    before = path.read_bytes()
    said = cli("-C", notebook, "action", "faite", karim["id"]).stderr
    assert "Karim Benali — relancer France Travail — lundi 11 mars 2024" in said  # in words
    diff = git(notebook, "diff", "-U0", "HEAD~1", "HEAD", "--", "reunions/2024/hebdo.md")
    lines = diff.splitlines()
    changed = [line for line in lines if line.startswith(("+", "-"))][2:]  # after +++ and ---
    assert changed == [
        "-1. [ ] Karim Benali — relancer France Travail — 2024-03-11",
        f"+1. [x] Karim Benali — relancer France Travail — 2024-03-11 ^{karim['id']}",
    ]
    after = path.read_bytes()
    assert after.count(b"\r\n") == before.count(b"\r\n") == before.count(b"\n")  # CRLF kept
    assert git(notebook, "status", "--porcelain") == ""
    # The id it was listed under is now written: the same action, done.
    done = [a for a in as_json(cli, notebook, "actions", "--toutes") if a["id"] == karim["id"]]
    assert done[0]["done"] is True
    cli("-C", notebook, "action", "faite", karim["id"][2:])  # the random part alone names it too
    assert path.read_bytes() == after


def test_an_unknown_item_is_a_one_line_error(cli, notebook):
    write(notebook, "reunions/2024/hebdo.md", HAND_WRITTEN)
    result = cli("-C", notebook, "action", "faite", "a-zzzzz", code=4)
    assert "a-zzzzz" in result.stderr and "Traceback" not in result.stderr


def test_an_id_of_the_other_kind_names_the_right_command(cli, notebook):
    write(notebook, "reunions/2024/hebdo.md", HAND_WRITTEN)
    action_id = as_json(cli, notebook, "actions")[0]["id"]
    wrong = cli("-C", notebook, "action", "faite", "d-k7m3q", code=4).stderr.splitlines()
    assert "Traceback" not in "".join(wrong) and "Aucune" not in wrong[0]
    assert wrong[0].startswith("erreur : d-k7m3q est une décision, pas une action : ")
    assert "`garefil decision`" in wrong[0]
    wrong = cli("-C", notebook, "decision", "adopter", action_id, code=4).stderr.splitlines()
    assert wrong[0].startswith(f"erreur : {action_id} est une action, pas une décision : ")
    assert "`garefil action`" in wrong[0]


def test_decision_replaced_both_show_the_link(cli, notebook):
    path = write(notebook, "reunions/2024/hebdo.md", HAND_WRITTEN)
    out = cli("-C", notebook, "decision", "remplacer", "d-k7m3q", "Jean Dupont reste en CAPE.")
    new_id = out.stdout.split("\t")[0]
    register = {d["id"]: d for d in as_json(cli, notebook, "decisions")}
    assert register["d-k7m3q"]["status"] == "remplacée"
    assert register["d-k7m3q"]["replaced_by"] == new_id
    assert register[new_id]["replaces"] == "d-k7m3q" and register[new_id]["status"] == "adoptée"
    assert f"- Jean Dupont reste en CAPE. (remplace d-k7m3q) ^{new_id}" in path.read_text()
    shown = cli("-C", notebook, "decisions").stdout
    assert new_id in shown and "d-k7m3q" in shown


def test_a_decision_already_replaced_is_not_replaced_twice(cli, notebook):
    path = write(notebook, "reunions/2024/hebdo.md", HAND_WRITTEN)
    out = cli("-C", notebook, "decision", "remplacer", "d-k7m3q", "Jean Dupont reste en CAPE.")
    first = out.stdout.split("\t")[0]
    before = path.read_bytes()
    again = cli("-C", notebook, "decision", "remplacer", "d-k7m3q", "Encore", code=5)
    lines = again.stderr.splitlines()
    assert lines[0].startswith(f"erreur : d-k7m3q est déjà remplacée par {first}")
    assert f'garefil decision remplacer {first} "…"' in again.stderr
    assert path.read_bytes() == before and "Traceback" not in again.stderr
    assert as_json(cli, notebook, "decisions")[-1]["id"] == first


def test_a_proposed_decision_is_adopted_or_abandoned_on_its_line(cli, notebook):
    path = write(notebook, "reunions/2024/hebdo.md", HAND_WRITTEN)
    proposed = as_json(cli, notebook, "decisions", "--statut", "proposée")[0]
    cli("-C", notebook, "decision", "abandonner", proposed["id"])
    text = path.read_bytes().decode("utf-8")
    assert (
        f"* Abandonnée : un bilan mensuel\r\n  le dernier lundi du mois. ^{proposed['id']}" in text
    )
    assert as_json(cli, notebook, "decisions", "--statut", "abandonnee")[0]["id"] == proposed["id"]
    again = cli("-C", notebook, "decision", "adopter", proposed["id"], code=5)
    assert "abandonnée" in again.stderr


def test_added_items_go_under_the_latest_meeting_heading(cli, notebook):
    cli("-C", notebook, "config", "membre", "ajouter", "Karim Benali")
    path = write(notebook, "reunions/2024/hebdo.md", HAND_WRITTEN)
    out = cli(
        "-C", notebook, "action", "ajouter", "karim", "appeler la CPAM", "--pour", "2024-03-18"
    )
    new_id = out.stdout.split("\t")[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index(f"- [ ] Karim Benali — appeler la CPAM — 2024-03-18 ^{new_id}")
    assert lines[at - 1].startswith("3. Sophie Laurent")
    cli("-C", notebook, "action", "ajouter", "Zorro", "x", code=5)
    cli("-C", notebook, "decision", "ajouter", "Un pad par réunion.", "--proposee")
    assert "Proposée : Un pad par réunion." in path.read_text(encoding="utf-8")


def test_late_actions_appear_in_suivi_for_their_person(cli, notebook):
    write(notebook, "reunions/2024/hebdo.md", HAND_WRITTEN)
    due = as_json(cli, notebook, "suivi")
    late = [d for d in due if d["kind"] == "action-en-retard"]
    assert [(d["referent"], d["since"]) for d in late] == [("Karim Benali", "2024-03-11")]


def test_a_decision_replaced_in_one_clone_and_edited_in_the_other_merges(cli, team):
    meeting = "reunions/2024/hebdo.md"
    write(team.awa, meeting, HAND_WRITTEN.replace("\r\n", "\n"))
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    out = cli("-C", team.awa, "decision", "remplacer", "d-k7m3q", "Jean Dupont reste en CAPE.")
    new_id = out.stdout.split("\t")[0]
    edited = team.karim / meeting
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("passe en CAPE.", "passe en CAPE au 1er avril."), "utf-8")
    git(team.karim, "commit", "-q", "-am", "précision")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    cli("-C", team.awa, "sync")
    for clone in (team.awa, team.karim):
        assert not [p for p in clone.rglob("*.md") if ".conflit-" in p.name]
        merged = (clone / meeting).read_text(encoding="utf-8")
        assert "- Jean Dupont passe en CAPE au 1er avril. ^d-k7m3q\n" in merged
        assert f"- Jean Dupont reste en CAPE. (remplace d-k7m3q) ^{new_id}\n" in merged
        register = {d["id"]: d for d in as_json(cli, clone, "decisions")}
        assert register["d-k7m3q"]["replaced_by"] == new_id
        assert register["d-k7m3q"]["text"] == "Jean Dupont passe en CAPE au 1er avril."


def test_the_catalogue_keeps_the_register_and_which_notes_hold_one(tmp_path):
    from garefil.adapters.catalogue import Catalogue
    from garefil.core.config import Config
    from garefil.core.freshness import FileState
    from garefil.core.index_model import Entry
    from garefil.core.notefile import read_note

    note = read_note("reunions/hebdo.md", HAND_WRITTEN, Config())
    plain = read_note("cr/a.md", "---\nid: a\n---\nRien à décider.\n", Config())
    entries = {n.path: Entry(FileState(n.path, 1, 2), n.path, parsed=n) for n in (note, plain)}
    Catalogue(tmp_path, schema=1).save(entries)
    again = Catalogue(tmp_path, schema=1)
    loaded = again.load()
    assert again.register == {"reunions/hebdo.md"}
    kept = loaded["reunions/hebdo.md"].note
    assert kept.decisions == note.decisions and kept.actions == note.actions
    assert kept.decisions[1].status == "proposée" and not kept.decisions[0].written_id
    del entries["reunions/hebdo.md"]
    again.save(entries)
    assert Catalogue(tmp_path, schema=1).load() is not None and again.register == set()


def test_the_older_templates_placeholder_is_not_an_action(cli, notebook):
    write(
        notebook,
        "cr/2024/ancien.md",
        "---\nid: 2024-01-05-cr-old\ntype: cr\ntitle: Ancien\ndate: 2024-01-05\n---\n"
        "## Actions\n- [ ] qui — quoi — quand\n- [ ] Awa — appeler Lina — 2024-01-12\n"
        "- [ ] Qui – QUOI – Quand\n",  # the same form, whatever its capitals or dashes
    )
    assert [a["what"] for a in as_json(cli, notebook, "actions")] == ["appeler Lina"]


def test_a_due_day_said_in_french_is_written_as_a_full_date(cli, notebook):
    from datetime import date, timedelta

    path = write(notebook, "reunions/2024/hebdo.md", HAND_WRITTEN)
    cli("-C", notebook, "action", "ajouter", "Awa", "rappeler Lina", "--pour", "dans 2 semaines")
    due = (date.today() + timedelta(days=14)).isoformat()
    assert f"- [ ] Awa — rappeler Lina — {due} ^a-" in path.read_text(encoding="utf-8")


DOCUMENTED_FORMS = (
    "---\nid: 2030-01-06-hebdo\ntype: reunion\ntitle: Hebdo\ndate: 2030-01-06\n---\n\n"
    "## Décisions\n\n- Proposée : les congés d'été se posent avant mai.\n\n## Actions\n\n"
    "- [ ] Karim Benali — relancer Lina Roy — 15/01/2030\n"
    "- [ ] Awa Diallo - appeler l'URSSAF - 2030-02-01\n"
    "- [ ] Awa — préparer le bilan — 1er mars\n"
    "- [ ] Sophie Laurent — rappeler Jean — demain\n"
)


def test_hand_written_actions_in_the_documented_forms_are_read(cli, notebook):
    write(notebook, "reunions/2030/hebdo.md", DOCUMENTED_FORMS)
    actions = as_json(cli, notebook, "actions")
    assert sorted((a["who"], a["what"], a["due"]) for a in actions) == [
        ("Awa", "préparer le bilan", "2030-03-01"),  # no year: the meeting's
        ("Awa Diallo", "appeler l'URSSAF", "2030-02-01"),
        ("Karim Benali", "relancer Lina Roy", "2030-01-15"),
        ("Sophie Laurent", "rappeler Jean — demain", None),  # never a moving day in a file
    ]
    for typed in ("awa", "Awa Diallo"):
        mine = as_json(cli, notebook, "actions", "--qui", typed)
        assert sorted(a["what"] for a in mine) == ["appeler l'URSSAF", "préparer le bilan"]


def test_an_adopted_decision_keeps_its_sentences_capital(cli, notebook):
    path = write(notebook, "reunions/2030/hebdo.md", DOCUMENTED_FORMS)
    proposed = as_json(cli, notebook, "decisions", "--statut", "proposée")[0]
    cli("-C", notebook, "decision", "adopter", proposed["id"])
    text = path.read_text(encoding="utf-8")
    assert f"- Les congés d'été se posent avant mai. ^{proposed['id']}\n" in text


def test_two_coaches_adding_an_action_to_one_meeting_keep_both(cli, team):
    meeting = "reunions/2024/hebdo.md"
    write(team.awa, meeting, HAND_WRITTEN.replace("\r\n", "\n"))
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    cli("-C", team.awa, "action", "ajouter", "Awa Diallo", "appeler l'URSSAF", "--dans", meeting)
    cli("-C", team.karim, "action", "ajouter", "Karim Benali", "écrire à Lina", "--dans", meeting)
    for clone in (team.awa, team.karim, team.awa):
        cli("-C", clone, "sync")
    for clone in (team.awa, team.karim):
        assert not [p for p in clone.rglob("*.md") if ".conflit-" in p.name]
        text = (clone / meeting).read_text(encoding="utf-8")
        notes = text.index("## Notes")  # both in the Actions list, whoever synced first
        assert text.index("appeler l'URSSAF") < notes and text.index("écrire à Lina") < notes
        whats = [a["what"] for a in as_json(cli, clone, "actions")]
        assert "appeler l'URSSAF" in whats and "écrire à Lina" in whats


def test_decisions_take_the_tag_filter_of_list_and_search(cli, notebook):
    write(notebook, "reunions/2024/hebdo.md", HAND_WRITTEN)
    assert len(as_json(cli, notebook, "decisions", "--etiquette", "urssaf")) == 3
    assert as_json(cli, notebook, "decisions", "--etiquette", "urssaf", "--tag", "cape") == []


def test_an_action_for_a_misspelt_member_names_the_member_meant(cli, demo_notebook):
    before = {p: p.read_bytes() for p in demo_notebook.rglob("*.md")}
    refused = cli("-C", demo_notebook, "action", "ajouter", "Karim Benalli", "relancer", code=5)
    assert "« Karim Benalli » ne fait pas partie de l'équipe" in refused.stderr
    assert "vouliez-vous dire Karim Benali ?" in refused.stderr
    assert {p: p.read_bytes() for p in demo_notebook.rglob("*.md")} == before


def test_a_heading_typed_with_decomposed_accents_opens_the_register(cli, notebook):
    # Some editors write "é" as "e" + a combining accent; no other word of this body says
    # "décision", "action" or "rôle", so only the heading can let the body be read.
    body = "# Hebdo\n\n## De\u0301cisions\n\n- On garde le lundi. ^d-k7m3q\n"
    front = "---\nid: 2024-03-04-reunion-nfd\ntype: reunion\ntitle: Hebdo\ndate: 2024-03-04\n---\n"
    write(notebook, "reunions/nfd.md", front + body)
    found = as_json(cli, notebook, "decisions")
    assert [d["id"] for d in found] == ["d-k7m3q"]
