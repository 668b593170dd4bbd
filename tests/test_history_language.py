"""The shared history is the team's: garefil records it in French, whatever language each
coach reads garefil in (there is no notebook-level language; docs/design.md).

git runs with its default configuration (no identity, no init.defaultBranch); each coach gives
an identity as garefil asks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Team, git, publish_and_join

pytestmark = pytest.mark.usefixtures("git_defaults")


@pytest.fixture
def coaches(cli, tmp_path: Path) -> Team:
    """Awa's notebook with its sommaire, shared through a bare repository, joined by Karim."""

    def first(awa: Path) -> None:
        cli("-C", awa, "new", "note", "--title", "Commun", "--body", "Texte.", "--no-edit")
        cli("-C", awa, "sommaire")

    return publish_and_join(cli, tmp_path, first)


def subjects(folder: Path, since: str) -> list[str]:
    return git(folder, "log", "--format=%s", f"{since}..HEAD").splitlines()


def test_an_english_reading_coach_records_the_teams_history_in_french(cli, coaches, run_garefil):
    english = {"GAREFIL_LANG": "en"}
    note = git(coaches.awa, "log", "--format=", "--name-only", "--diff-filter=A", "--", "*.md")
    [note] = [path for path in note.split() if not path.lower().startswith("sommaire")]
    for folder, line in ((coaches.awa, "Awa.\n"), (coaches.karim, "Karim.\n")):
        with (folder / note).open("a", encoding="utf-8") as handle:
            handle.write(line)  # by hand: sync records it, then meets the conflict
    cli("-C", coaches.awa, "new", "cr", "--entrepreneur", "Lina Roy", "--no-edit")
    cli("-C", coaches.awa, "sync")
    start = git(coaches.karim, "rev-parse", "HEAD").strip()
    # A note on each side: the merged sommaire is neither side's, so the sync rebuilds it.
    wrote = run_garefil(
        "-C", coaches.karim, "new", "cr", "--entrepreneur", "Malik Traoré", "--no-edit", env=english
    )
    assert wrote.returncode == 0, wrote.stderr
    synced = run_garefil("-C", coaches.karim, "sync", env=english)
    assert synced.returncode == 9, synced.stderr
    assert "Conflict on" in synced.stderr  # what is shown stays in the coach's language
    resolved = run_garefil("-C", coaches.karim, "resolve", note, env=english)
    assert resolved.returncode == 0 and "resolved" in resolved.stderr, resolved.stderr
    recorded = subjects(coaches.karim, start)
    assert recorded[0] == f"conflit résolu : {note.removesuffix('.md')}", recorded
    assert "sync : 1 fichier modifié hors de garefil" in recorded, recorded
    assert (
        "sync : fusion avec le travail de l'équipe, 1 conflit gardé en deux versions" in recorded
    ), recorded
    assert "sommaire : régénéré après la fusion du travail de l'équipe" in recorded, recorded
    assert not any("team's work" in s or "outside garefil" in s for s in recorded), recorded


def test_writing_commands_record_in_french_for_an_english_reading_coach(run_garefil, tmp_path):
    folder = tmp_path / "carnet"

    def english(*args: str) -> str:
        done = run_garefil(*args, env={"GAREFIL_LANG": "en"})
        assert done.returncode == 0, (args, done.stderr)
        return done.stdout

    english("init", str(folder))  # git does not know the coach yet: `config user` records it
    english("-C", str(folder), "config", "user", "Kim Lee", "kim@example.org")
    made = english("-C", str(folder), "new", "note", "--title", "Essai", "--no-edit")
    note_id = made.split("\t")[0]
    english("-C", str(folder), "tag", note_id, "urssaf")
    english("-C", str(folder), "rm", note_id, "--oui")
    recorded = git(folder, "log", "--format=%s").splitlines()
    assert recorded[-1] == "garefil : carnet créé", recorded
    assert recorded[1].endswith(" — étiquettes") and recorded[0].endswith(" — supprimée"), recorded


def test_an_import_and_a_closed_request_are_recorded_in_french_too(run_garefil, tmp_path):
    folder, source = tmp_path / "carnet", tmp_path / "anciennes"
    source.mkdir()
    (source / "point.md").write_text("# Point\n\nUn ancien compte rendu.\n", encoding="utf-8")

    def english(*args: str) -> None:
        done = run_garefil("-C", str(folder), *args, env={"GAREFIL_LANG": "en"})
        assert done.returncode == 0, (args, done.stderr)

    run_garefil("init", str(folder))
    english("config", "user", "Kim Lee", "kim@example.org")
    english("import", str(source))
    english("new", "demande", "--entrepreneur", "Lina Roy", "--title", "TVA", "--no-edit")
    english("demande", "clore", "@dernier", "--motif", "Réponse envoyée")
    recorded = git(folder, "log", "--format=%s").splitlines()
    assert recorded[0].endswith(" — close"), recorded
    assert "import : 1 note de anciennes" in recorded, recorded
