"""Messages that read right: plural agreement, names as written, the same counts."""

from __future__ import annotations

from pathlib import Path

from conftest import git


def test_jardin_agrees_one_fixed_problem_in_the_singular(cli, notebook: Path) -> None:
    (notebook / "a-la-main.md").write_text("# Écrite à la main\n\nTexte.\n", encoding="utf-8")
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "une note sans en-tête")
    said = cli("-C", notebook, "jardin").stderr
    assert "1 problème, dont 1 corrigé par `garefil jardin --corriger`." in said
