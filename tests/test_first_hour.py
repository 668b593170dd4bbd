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
