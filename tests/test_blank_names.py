"""A person's name typed empty (or only spaces) is refused in one line, wherever a person is typed:
nothing is written, no empty member joins the team, no request is given to nobody."""

from __future__ import annotations

import pytest

from conftest import git

TYPED_EMPTY = [
    ("config", "membre", "ajouter", ""),
    ("demande", "assigner", "{request}", "  "),
    ("new", "demande", "-e", "", "--no-edit"),
    ("new", "cr", "-e", "Jean Dupont", "-p", "", "--no-edit"),
    ("action", "ajouter", "", "Appeler la CCI"),
    ("roles", "--absent", " "),
]


@pytest.mark.parametrize("command", TYPED_EMPTY, ids=" ".join)
def test_an_empty_name_is_refused_and_nothing_is_written(cli, notebook, command):
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")
    out = cli("-C", notebook, "new", "demande", "-e", "Malik Traoré", "--no-edit").stdout
    request = out.split("\t")[0]
    head = git(notebook, "rev-parse", "HEAD")
    said = cli("-C", notebook, *(a.format(request=request) for a in command), code=5).stderr
    assert said.startswith("erreur : Aucun nom donné pour ") and "Traceback" not in said
    assert git(notebook, "rev-parse", "HEAD") == head
    assert git(notebook, "status", "--porcelain") == ""
    assert "Animation : Awa Diallo" in cli("-C", notebook, "roles").stdout
