"""What a coach reads in the first hour: messages that agree with what just happened and say
what things are (a decision, a document) in the words of the documentation."""

from __future__ import annotations


def test_the_first_note_of_a_new_notebook_says_nothing_of_an_index_of_zero_notes(cli, tmp_path):
    fresh = tmp_path / "neuf"
    cli("init", fresh)
    written = cli("-C", fresh, "new", "cr", "-e", "Jean Dupont", "--body", "Texte.")
    assert "Index" not in written.stderr  # « Index créé : 0 note », just before the note
    assert "✓ Note " in written.stderr
    assert "Index de recherche créé" not in cli("-C", fresh, "list").stderr  # made by `new`


def test_a_decision_or_an_action_added_says_what_it_is(cli, notebook):
    from test_register import HAND_WRITTEN, write

    cli("-C", notebook, "config", "membre", "ajouter", "Karim Benali")
    path = write(notebook, "reunions/2024/hebdo.md", HAND_WRITTEN).relative_to(notebook)
    decision = cli("-C", notebook, "decision", "ajouter", "Un pad par réunion.")
    d_id = decision.stdout.split("\t")[0]
    assert f"✓ Décision {d_id} écrite dans {path.as_posix()}." in decision.stderr
    action = cli("-C", notebook, "action", "ajouter", "karim", "appeler la CPAM")
    a_id = action.stdout.split("\t")[0]
    assert f"✓ Action {a_id} écrite dans {path.as_posix()}." in action.stderr


def test_sync_says_a_document_a_teammate_added_or_deleted_in_the_masculine(cli, team, tmp_path):
    devis = tmp_path / "devis.pdf"
    devis.write_bytes(b"%PDF-1.4 devis")
    cli("-C", team.karim, "new", "cr", "-e", "Lina Roy", "--body", "Devis reçu.")
    cli("-C", team.karim, "doc", "ajouter", devis, "--note", "cr")
    cli("-C", team.karim, "sync")
    added = cli("-C", team.awa, "sync").stderr
    filed = next(p for p in (team.karim / "documents").rglob("*.pdf")).relative_to(team.karim)
    assert f"Karim Benali : document « {filed.as_posix()} » — ajouté\n" in added
    assert " : note « " in added and "» (compte-rendu, Lina Roy) — ajoutée" in added  # a note
    (team.karim / filed).unlink()
    (team.karim / "notes-libres.txt").write_text("x\n", encoding="utf-8")
    cli("-C", team.karim, "sync")
    gone = cli("-C", team.awa, "sync").stderr
    assert f"Karim Benali : document « {filed.as_posix()} » — supprimé\n" in gone
    assert "Karim Benali : fichier « notes-libres.txt » — ajouté\n" in gone
