"""Two coaches writing the first decisions and actions of a meeting note at the same time.

Through the real commands, the real sync and git's real merge with garefil's merge driver, in
git's default configuration (no identity, no init.defaultBranch: the coaches give theirs).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Team, publish_and_join

pytestmark = pytest.mark.usefixtures("git_defaults")


@pytest.fixture
def coaches(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    """A meeting note fresh from `reunion preparer`, shared by Awa and Karim."""
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-09 08:00")  # a Monday morning: its meeting to come

    def prepare(awa: Path) -> None:
        for name in ("Awa Diallo", "Karim Benali"):
            cli("-C", awa, "config", "membre", "ajouter", name)
        cli("-C", awa, "reunion", "preparer", "--no-edit")

    return publish_and_join(cli, tmp_path, prepare)


def meeting(folder: Path) -> Path:
    (path,) = [p for p in (folder / "reunions").rglob("*.md") if "conflit" not in p.name]
    return path


def listed(cli, folder: Path, command: str, field: str) -> list[str]:
    return [item[field] for item in json.loads(cli("-C", folder, command, "--json").stdout)]


def test_first_items_added_on_both_sides_are_all_kept(cli, coaches, monkeypatch):
    cli("-C", coaches.karim, "decision", "ajouter", "Décision de Karim.")
    cli(
        "-C", coaches.karim, "action", "ajouter", "awa", "préparer le bilan", "--pour", "2026-11-30"
    )
    cli("-C", coaches.karim, "sync")
    cli("-C", coaches.awa, "decision", "ajouter", "Décision d'Awa.")
    cli("-C", coaches.awa, "action", "ajouter", "karim", "relancer la banque")
    said = cli("-C", coaches.awa, "sync").stderr  # exit 0: nothing waits for `resolve`
    assert "Conflit" not in said, said
    cli("-C", coaches.karim, "sync")
    for folder in (coaches.awa, coaches.karim):
        assert not list((folder / "reunions").rglob("*conflit*"))
        decisions = listed(cli, folder, "decisions", "text")
        assert sorted(decisions) == ["Décision d'Awa.", "Décision de Karim."]
        actions = listed(cli, folder, "actions", "what")
        assert sorted(actions) == ["préparer le bilan", "relancer la banque"]
        text = meeting(folder).read_text(encoding="utf-8")
        # Each item stays under its heading, above the template's comment, ours first.
        decided = text.split("## Décisions")[1].split("## Actions")[0]
        assert decided.index("Décision d'Awa.") < decided.index("Décision de Karim.")
        assert decided.index("Décision de Karim.") < decided.index("<!--")
    monkeypatch.setenv("GAREFIL_TODAY", "2026-12-02")
    overdue = json.loads(cli("-C", coaches.awa, "actions", "--en-retard", "--json").stdout)
    assert [a["what"] for a in overdue] == ["préparer le bilan"]


def add_point(folder: Path, line: str) -> None:
    """A line written under « Points » by hand, as with `garefil edit`."""
    path = meeting(folder)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Points\n", f"## Points\n{line}\n"), encoding="utf-8")


def test_lines_both_add_under_points_are_kept_with_the_first_items(cli, coaches):
    add_point(coaches.karim, "- Budget revu.")
    cli("-C", coaches.karim, "action", "ajouter", "awa", "appeler la banque")
    cli("-C", coaches.karim, "sync")
    add_point(coaches.awa, "- Congés de décembre.")
    cli("-C", coaches.awa, "decision", "ajouter", "Décision d'Awa.")
    said = cli("-C", coaches.awa, "sync").stderr
    assert "Conflit" not in said, said
    text = meeting(coaches.awa).read_text(encoding="utf-8")
    assert "## Points\n- Congés de décembre.\n- Budget revu.\n" in text
    assert listed(cli, coaches.awa, "decisions", "text") == ["Décision d'Awa."]
    assert listed(cli, coaches.awa, "actions", "what") == ["appeler la banque"]


def clash_with_items(cli, coaches: Team) -> None:
    """Both change the meeting's time line, and each adds items: a true conflict for Awa."""
    for folder, words in ((coaches.karim, "Lundi, salle B."), (coaches.awa, "Lundi, en visio.")):
        path = meeting(folder)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Lundi 09/11/2026, 14h00–15h00.", words), encoding="utf-8")
    cli("-C", coaches.karim, "decision", "ajouter", "Décision de Karim.")
    cli(
        "-C", coaches.karim, "action", "ajouter", "awa", "préparer le bilan", "--pour", "2026-11-30"
    )
    cli("-C", coaches.karim, "sync")
    cli("-C", coaches.awa, "decision", "ajouter", "Décision d'Awa.")
    cli("-C", coaches.awa, "sync", code=9)


def test_items_only_in_a_conflict_copy_are_listed_and_due(cli, coaches, monkeypatch):
    clash_with_items(cli, coaches)
    monkeypatch.setenv("GAREFIL_TODAY", "2026-12-02")
    decisions = json.loads(cli("-C", coaches.awa, "decisions", "--json").stdout)
    assert {(d["text"], d["conflict_copy"]) for d in decisions} == {
        ("Décision d'Awa.", False),
        ("Décision de Karim.", True),
    }
    shown = cli("-C", coaches.awa, "actions", "--qui", "awa")
    assert "préparer le bilan (copie de conflit)" in shown.stdout
    assert ".conflit-karim-benali.md" in shown.stderr and "garefil status" in shown.stderr
    action_id = shown.stdout.split("\t")[0]  # changed once the conflict is settled
    refused = cli("-C", coaches.awa, "action", "faite", action_id, code=9).stderr
    assert "conflit" in refused and "garefil resolve" in refused, refused
    due = json.loads(cli("-C", coaches.awa, "suivi", "--json").stdout)
    assert [(d["kind"], d["referent"]) for d in due] == [("action-en-retard", "Awa Diallo")]


@pytest.mark.parametrize("take_other", [False, True])
def test_resolve_keeps_the_items_of_the_version_set_aside(cli, coaches, take_other):
    clash_with_items(cli, coaches)
    path = meeting(coaches.awa).relative_to(coaches.awa).as_posix()
    copy = next((coaches.awa / "reunions").rglob("*conflit*")).relative_to(coaches.awa).as_posix()
    said = cli("-C", coaches.awa, "resolve", *((copy, "--take-other") if take_other else (path,)))
    assert "rien du registre n'est perdu" in said.stderr, said.stderr
    text = meeting(coaches.awa).read_text(encoding="utf-8")
    assert ("salle B" if take_other else "en visio") in text  # the version chosen
    decisions = json.loads(cli("-C", coaches.awa, "decisions", "--json").stdout)
    assert sorted((d["text"], d["conflict_copy"]) for d in decisions) == [
        ("Décision d'Awa.", False),
        ("Décision de Karim.", False),
    ]
    assert listed(cli, coaches.awa, "actions", "what") == ["préparer le bilan"]
    assert not list((coaches.awa / "reunions").rglob("*conflit*"))
