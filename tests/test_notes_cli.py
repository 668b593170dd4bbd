"""The note commands end to end: real files, a real git repository, the real CLI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import frontmatter
import pytest
import yaml

from conftest import git


def new_cr(cli, notebook: Path, *extra: str):
    return cli(
        "-C",
        notebook,
        "new",
        "cr",
        "--title",
        "Point statut",
        "--entrepreneur",
        "Jean Dupont",
        "--referent",
        "Awa Diallo",
        "--tag",
        "Pôle Emploi",
        "--no-edit",
        *extra,
    )


def test_new_cr_is_listed_by_tag_as_json(cli, notebook):
    created = new_cr(cli, notebook)
    note_id, path = created.stdout.strip().split("\t")
    listed = json.loads(cli("-C", notebook, "list", "--tag", "pole-emploi", "--json").stdout)
    assert [n["id"] for n in listed] == [note_id]
    entry = listed[0]
    assert entry["path"] == path and entry["type"] == "cr" and entry["title"] == "Point statut"
    assert entry["entrepreneur"] == "Jean Dupont" and entry["referent"] == "Awa Diallo"
    assert entry["tags"] == ["pole-emploi"] and entry["date"] == note_id[:10]
    assert set(entry) >= {"id", "path", "type", "title", "date", "entrepreneur", "referent", "tags"}


def test_the_new_file_is_markdown_with_yaml_and_committed(cli, notebook):
    note_id, path = new_cr(cli, notebook).stdout.strip().split("\t")
    text = (notebook / path).read_text(encoding="utf-8")
    post = frontmatter.loads(text)
    assert post["id"] == note_id and post["tags"] == ["pole-emploi"]
    assert post["status"] == "brouillon"
    assert "## Échanges" in post.content and "## Prochain rendez-vous" in post.content
    assert yaml.safe_load(text.split("---")[1])["entrepreneur"] == "Jean Dupont"
    assert git(notebook, "status", "--porcelain") == ""
    assert (
        git(notebook, "log", "-1", "--format=%s|%an")
        == f"cr: Jean Dupont ({note_id[:10]})|Awa Diallo\n"
    )


def test_show_prints_the_note(cli, notebook):
    note_id, _ = new_cr(cli, notebook).stdout.strip().split("\t")
    shown = cli("-C", notebook, "show", note_id).stdout
    assert f"id: {note_id}" in shown and "# Point statut" in shown
    as_json = json.loads(cli("-C", notebook, "show", note_id[:-2], "--json").stdout)
    assert as_json["id"] == note_id and "## Contexte" in as_json["body"]


def test_ambiguous_and_unknown_references(cli, notebook):
    first = new_cr(cli, notebook).stdout.split("\t")[0]
    second = new_cr(cli, notebook).stdout.split("\t")[0]
    ambiguous = cli("-C", notebook, "show", first[:10], code=4)
    assert first in ambiguous.stderr and second in ambiguous.stderr
    missing = cli("-C", notebook, "show", "n-existe-pas", code=4)
    assert "n-existe-pas" in missing.stderr and "Traceback" not in missing.output


def test_body_from_stdin_date_and_participants(cli, notebook):
    out = cli(
        "-C",
        notebook,
        "new",
        "reunion",
        "--date",
        "2020-04-13T14:00",
        "--participant",
        "Awa Diallo",
        "--participant",
        "Karim Benali",
        "--body",
        "-",
        "--no-edit",
        input="# Ordre du jour\n\n1. Demandes\n",
    )
    note_id, path = out.stdout.strip().split("\t")
    assert note_id.startswith("2020-04-13-reunion-") and path.startswith(
        "reunions/2020/2020-04-13-"
    )
    post = frontmatter.loads((notebook / path).read_text(encoding="utf-8"))
    assert post["participants"] == ["Awa Diallo", "Karim Benali"]
    assert str(post["date"]) == "2020-04-13 14:00:00"
    assert post.content == "# Ordre du jour\n\n1. Demandes"


def test_bad_type_and_bad_date_give_one_line_errors(cli, notebook):
    bad_type = cli("-C", notebook, "new", "compte", "--no-edit", code=5)
    assert "compte" in bad_type.stderr and "cr, rdv" in bad_type.stderr
    bad_date = cli("-C", notebook, "new", "cr", "--date", "31/04/2020", "--no-edit", code=5)
    assert "31/04/2020" in bad_date.stderr and "15/04/2024" in bad_date.stderr


def test_broken_note_is_reported_and_the_others_still_listed(cli, notebook):
    new_cr(cli, notebook)
    (notebook / "vieux").mkdir()
    (notebook / "vieux" / "casse.md").write_text(
        "---\ntitle: ok\ntags: [a, b\n---\ntexte\n", encoding="utf-8"
    )
    (notebook / "vieux" / "a-la-main.md").write_text(
        "# Écrit à la main\n\nsans en-tête\n", encoding="utf-8"
    )
    result = cli("-C", notebook, "list", "--json")
    listed = json.loads(result.stdout)
    assert {n["path"] for n in listed} >= {"vieux/a-la-main.md"} and len(listed) == 2
    assert "vieux/casse.md:" in result.stderr
    hand = next(n for n in listed if n["path"] == "vieux/a-la-main.md")
    assert (
        hand["id"] == "vieux/a-la-main"
        and hand["title"] == "Écrit à la main"
        and hand["type"] == "note"
    )
    assert cli("-C", notebook, "show", "vieux/casse.md").stderr.count("vieux/casse.md:") == 1


def test_filters_combine(cli, notebook):
    new_cr(cli, notebook, "--date", "2020-04-10")
    cli(
        "-C",
        notebook,
        "new",
        "rdv",
        "--entrepreneur",
        "Léa Fontaine",
        "--referent",
        "Inès Moreau",
        "--date",
        "2020-05-02T10:30",
        "--tag",
        "URSSAF",
        "--no-edit",
    )

    def ids(*args):
        return [n["type"] for n in json.loads(cli("-C", notebook, "list", "--json", *args).stdout)]

    assert ids() == ["rdv", "cr"]
    assert ids("--referent", "ines moreau") == ["rdv"]
    assert ids("--entrepreneur", "JEAN DUPONT") == ["cr"]
    assert ids("--since", "2020-05-01") == ["rdv"]
    assert ids("--until", "2020-04-30") == ["cr"]
    assert ids("--type", "cr", "--tag", "urssaf") == []
    assert ids("--status", "prevu") == ["rdv"]
    assert ids("--limit", "1") == ["rdv"]


def test_tags_counts_and_synonyms(cli, notebook):
    new_cr(cli, notebook)
    cli("-C", notebook, "new", "cr", "--tag", "France Travail", "--tag", "urssaf", "--no-edit")
    counts = json.loads(cli("-C", notebook, "tags", "--json").stdout)
    assert counts == [{"tag": "pole-emploi", "count": 2}, {"tag": "urssaf", "count": 1}]
    plain = cli("-C", notebook, "tags").stdout.splitlines()
    assert plain == ["pole-emploi\t2", "urssaf\t1"]


def test_tag_command_changes_only_the_tags_line(cli, notebook):
    note_id, path = new_cr(cli, notebook).stdout.strip().split("\t")
    before = (notebook / path).read_text(encoding="utf-8")
    cli("-C", notebook, "tag", note_id, "URSSAF")
    after = (notebook / path).read_text(encoding="utf-8")
    diff = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert diff == [("tags: [pole-emploi]", "tags: [pole-emploi, urssaf]")]
    assert git(notebook, "status", "--porcelain") == ""
    again = cli("-C", notebook, "tag", note_id, "urssaf")
    assert (notebook / path).read_text(
        encoding="utf-8"
    ) == after and "Aucun changement" in again.stderr


def test_edit_opens_the_editor_and_commits(cli, notebook, tmp_path, monkeypatch):
    note_id, path = new_cr(cli, notebook).stdout.strip().split("\t")
    script = tmp_path / "editeur.py"
    script.write_text(
        "import sys\nopen(sys.argv[1], 'a', encoding='utf-8').write('Ajout du coach.\\n')\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    cli("-C", notebook, "edit", note_id)
    assert (notebook / path).read_text(encoding="utf-8").endswith("Ajout du coach.\n")
    assert git(notebook, "status", "--porcelain") == ""
    assert "modifié" in git(notebook, "log", "-1", "--format=%s")


def test_failing_editor_is_a_clear_error(cli, notebook, monkeypatch):
    note_id = new_cr(cli, notebook).stdout.split("\t")[0]
    monkeypatch.setenv("EDITOR", "editeur-qui-n-existe-pas")
    result = cli("-C", notebook, "edit", note_id, code=11)
    assert "editeur-qui-n-existe-pas" in result.stderr and "EDITOR" in result.stderr


def test_plain_table_when_piped(cli, notebook):
    note_id = new_cr(cli, notebook, "--date", "2020-04-10").stdout.split("\t")[0]
    line = cli("-C", notebook, "list").stdout.strip()
    assert line.split("\t") == [
        note_id,
        "2020-04-10",
        "cr",
        "Point statut",
        "Jean Dupont",
        "pole-emploi",
    ]


def test_empty_results_say_so(cli, notebook):
    assert "Pas encore de note" in cli("-C", notebook, "list").stderr
    assert "Pas encore d'étiquette" in cli("-C", notebook, "tags").stderr
    new_cr(cli, notebook)
    result = cli("-C", notebook, "list", "--type", "rdv")
    assert result.stdout == "" and "Aucune note ne correspond à ces filtres" in result.stderr
    assert json.loads(cli("-C", notebook, "list", "--type", "rdv", "--json").stdout) == []


@pytest.mark.parametrize("name", ["", "🙂", "  -- "])
def test_a_tag_empty_once_normalised_is_refused(cli, notebook, name):
    out = cli("-C", notebook, "new", "note", "--title", "Étiquetée", "--no-edit").stdout
    note_id, path = out.split()
    before = (notebook / path).read_bytes()
    result = cli("-C", notebook, "tag", note_id, name, code=5)
    assert "n'est pas une étiquette" in result.stderr and "Aucun changement" not in result.stdout
    assert (notebook / path).read_bytes() == before


def test_an_empty_reference_is_one_clear_error(cli, notebook):
    cli("-C", notebook, "new", "note", "--title", "Une", "--no-edit")
    cli("-C", notebook, "new", "note", "--title", "Deux", "--no-edit")
    result = cli("-C", notebook, "show", "", code=4)
    assert "la référence est vide" in result.stderr and "plusieurs notes" not in result.stderr


def test_a_missing_editor_is_said_in_french(run_garefil, notebook, tmp_path):
    env = {"EDITOR": "/nonexistent", "XDG_STATE_HOME": str(tmp_path / "etat")}
    result = run_garefil("-C", notebook, "new", "note", "--title", "x", env=env, input="")
    assert result.returncode == 11, result.stderr
    assert "L'éditeur « /nonexistent » est introuvable" in result.stderr
    assert "Errno" not in result.stderr


BROKEN_HEADERS = {
    "divers/note-cassee.md": b"---\nid: bad1\ntype: note\ntitle: b\ndate: 2024-13-45\n---\nx\n",
    "divers/binaire.md": b"---\nid: bin1\ntype: note\ntitle: c\n---\n" + b"\x00\x01\xff" * 40,
}


def test_a_note_with_a_bad_header_is_reached_by_its_id_and_fixed_with_edit(
    cli, notebook, monkeypatch, tmp_path
):
    (notebook / "divers").mkdir()
    for path, data in BROKEN_HEADERS.items():
        (notebook / path).write_bytes(data)
    git(notebook, "add", "divers")
    git(notebook, "commit", "-qm", "notes d'un autre outil")
    for ref, path, fix in (
        ("bad1", "divers/note-cassee.md", "edit"),
        ("bin1", "divers/binaire.md", "rm"),  # no text to fix: removed, as `jardin` says
    ):
        for command in (("show", ref), ("tag", ref, "urgent"), ("history", ref)):
            # show shows a text whose header is broken as written; it cannot show a binary
            code = 0 if command[0] == "show" and fix == "edit" else 5
            result = cli("-C", notebook, *command, code=code)
            assert f"{path}" in result.stderr and f"garefil {fix} {path}" in result.stderr
    cli("-C", notebook, "show", "note-cassee")  # its file name names it too
    fixer = tmp_path / "corrige.sh"
    fixer.write_text('#!/bin/sh\nsed -i "s/2024-13-45/2024-12-15/" "$1"\n', encoding="utf-8")
    fixer.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(fixer))
    cli("-C", notebook, "edit", "bad1")
    assert "2024-12-15" in cli("-C", notebook, "show", "bad1").stdout
