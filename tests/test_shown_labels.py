"""States, statuses and meeting roles are shown in the coach's language; the notes keep, and the
commands take, the team's French words."""

from __future__ import annotations

import json


def english(run_garefil, folder, *args: str) -> str:
    done = run_garefil("-C", folder, *args, env={"GAREFIL_LANG": "en"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def column(text: str, number: int) -> set[str]:
    return {line.split("\t")[number] for line in text.splitlines() if "\t" in line}


def test_states_statuses_and_roles_are_shown_in_the_coach_s_language(
    cli, run_garefil, demo_notebook
):
    assert column(english(run_garefil, demo_notebook, "demandes"), 2) == {"open", "closed"}
    decisions = column(english(run_garefil, demo_notebook, "decisions"), 2)
    assert {"adopted", "replaced"} <= decisions and not {"adoptée", "remplacée"} & decisions
    story = column(english(run_garefil, demo_notebook, "fil", "Chloé Marchand"), 2)
    assert {"active", "sent", "held", "planned"} <= story, story
    assert column(english(run_garefil, demo_notebook, "entrepreneurs"), 2) == {"active", "no fiche"}
    header = english(run_garefil, demo_notebook, "roles", "--format", "tsv").splitlines()[0]
    assert header == "date\tFacilitation\tNote-taking\tTimekeeper"
    # what is typed and what is stored stay the team's words
    adopted = english(run_garefil, demo_notebook, "decisions", "--statut", "adoptée")
    assert column(adopted, 2) == {"adopted"}
    found = json.loads(english(run_garefil, demo_notebook, "demandes", "--json"))
    assert {request["status"] for request in found} == {"ouverte", "close"}
    # in French, they read as the team writes them
    story = column(cli("-C", demo_notebook, "fil", "Chloé Marchand").stdout, 2)
    assert {"actif", "envoyé", "tenu", "prévu"} <= story, story
    assert column(cli("-C", demo_notebook, "demandes").stdout, 2) == {"ouverte", "close"}
    header = cli("-C", demo_notebook, "roles", "--format", "tsv").stdout.splitlines()[0]
    assert header == "date\tAnimation\tPrise de notes\tGardien·ne du temps"
