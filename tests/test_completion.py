"""Shell completion's answers (the protocol the scripts speak) and `garefil completion install`.

The answers are asked as the shells ask them: `python -m garefil` as a new process with the
scripts' environment, in a copy of the demo notebook whose index was built by a real command.
The real shells typing Tab are in test_completion_shells.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_tool_check
from demo_index import indexed_demo
from garefil.adapters import catalogue, catalogue_rows, completion_values
from garefil.cli import completion
from garefil.cli.completion_answer import answer
from garefil.core.completing import grouped, people_starting, words_starting
from garefil.core.model import Action, Decision, Note


def complete(line: str, cwd: Path, shell: str = "bash", **env: str) -> list[str]:
    """The answer garefil gives `shell` for `line`, as the scripts ask it (bash: the line and
    bash's own current word; zsh and fish: the words), read by the same functions the entry
    point calls; test_a_request_is_answered_by_a_process_of_its_own runs that whole path."""
    words = line.split(" ")[1:]
    environ = {**os.environ, "_GAREFIL_LINE": line, "_GAREFIL_WORD": words[-1], **env}
    typed = completion.words_of(shell, [] if shell == "bash" else words, environ)
    return answer(shell, completion.asked(typed), environ, cwd).splitlines()


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return indexed_demo(tmp_path_factory)


def test_the_completion_table_is_the_command_line_s():
    assert run_tool_check("completion_table.py").returncode == 0


def test_completion_reads_the_catalogue_where_and_as_it_is_written():
    assert (completion_values.FILE, completion_values.FORMAT) == (catalogue.FILE, catalogue.FORMAT)
    note = Note(
        path="x.md", id="i", type="cr", title="T", entrepreneur="E", referent="R", author="A",
        decisions=(Decision("d", id="d-1"),), actions=(Action("a", id="a-1", done=True),),
        extra_fields=(("lieu", ("Lyon",)),),
    )  # fmt: skip
    fields = catalogue_rows.fields_of(note)
    assert fields[completion_values._TITLE] == "T"
    assert fields[completion_values._ENTREPRENEUR] == "E"
    assert (fields[completion_values._REFERENT], fields[completion_values._AUTHOR]) == ("R", "A")
    assert fields[completion_values._DECISIONS][0][2] == "d-1"
    assert fields[completion_values._ACTIONS][0][3:5] == [True, "a-1"]
    assert fields[completion_values._EXTRA][0][0] == "lieu"


def test_commands_subcommands_and_options_come_from_the_table(tmp_path):
    assert complete("garefil sh", tmp_path) == ["values", "show"]
    assert complete("garefil ordre", tmp_path) == ["values", "ordre-du-jour"]
    assert complete("garefil rdv ", tmp_path)[1:] == ["tenu", "annule", "reporte", "ics"]
    assert complete("garefil completion ", tmp_path)[1:] == ["install", "script"]
    assert complete("garefil completion install ", tmp_path)[1:] == ["bash", "fish", "zsh"]
    assert complete("garefil list --eti", tmp_path) == ["values", "--etiquette"]
    assert complete("garefil list --format c", tmp_path) == ["values", "csv"]
    assert complete("garefil bilan --format ", tmp_path)[1:] == ["csv", "json", "md", "tsv"]
    assert complete("garefil -C ", tmp_path) == ["files"]
    described = complete("garefil sh", tmp_path, shell="fish", GAREFIL_LANG="fr")
    assert described == ["values", "show\tAfficher une note."]


def test_values_come_from_the_catalogue_accents_and_case_aside(indexed):
    assert complete("garefil list --tag po", indexed)[1:] == ["pole-emploi"]
    assert complete("garefil list --tag=po", indexed, _GAREFIL_WORD="po")[1:] == ["pole-emploi"]
    assert complete("garefil list --tag=po", indexed, shell="zsh")[1:] == ["--tag=pole-emploi"]
    assert complete("garefil tag 2024-01-10-fiche-smb8x PÔ", indexed)[1:] == ["pole-emploi"]
    assert complete("garefil list -e LE", indexed)[1:] == ["Hugo\\ Lefèvre", "Léa\\ Fontaine"]
    assert complete("garefil fil chlo", indexed, shell="fish")[1:] == ["Chloé Marchand"]
    assert complete("garefil suivi --referent ines", indexed)[1:] == ["Inès\\ Moreau"]
    assert complete("garefil new r", indexed)[1:] == ["rdv", "reunion"]


def test_note_references_are_ids_and_paths_grouped_when_many(indexed):
    first = complete("garefil show ", indexed)[1:]
    assert first[0] == "@dernier" and "2024-01-10-fiche-smb8x" in first
    assert complete("garefil edit fiches/2024-01-10-fiche-j", indexed)[1:] == [
        "fiches/2024-01-10-fiche-jean-dupont-smb8x.md"
    ]
    assert complete("garefil rdv reporté 7hc", indexed) == ["values", "2024-02-05-rdv-7hcas"]
    shown = complete("garefil rm smb", indexed, shell="zsh")[1:]
    assert shown == ["2024-01-10-fiche-smb8x\tFiche — Jean Dupont"]


def test_decisions_and_open_actions_by_id(indexed):
    decisions = complete("garefil decision adopter ", indexed, shell="fish")[1:]
    assert decisions and all(line.startswith("d-") and "\t" in line for line in decisions)
    actions = complete("garefil action faite ", indexed)[1:]
    assert actions and all(line.startswith("a-") for line in actions)
    listed = subprocess.run(
        [sys.executable, "-m", "garefil", "actions", "--json"],
        cwd=indexed, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert all(f'"{action}"' in listed for action in actions)


def test_no_catalogue_no_values_and_nothing_built(demo_notebook, tmp_path):
    assert complete("garefil list --tag po", demo_notebook) == ["values"]
    assert not (demo_notebook / ".garefil" / "index").exists()
    assert complete("garefil show ", tmp_path) == ["values"]  # outside any notebook
    # an unfinished quote, a notebook without index: still an answer, never a message
    assert complete('garefil list -e "zo', demo_notebook, _GAREFIL_WORD='"zo') == ["values"]


def test_a_request_is_answered_by_a_process_of_its_own_importing_little(indexed):
    """The whole path: the script's environment, the entry point, the answer on stdout; and
    none of Typer, Rich, the command modules nor the index is imported for it."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "garefil"],
        env={**os.environ, "_GAREFIL_COMPLETE": "bash", "_GAREFIL_LINE": "garefil list -e chlo"},
        cwd=indexed, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout == "values\nChloé\\ Marchand\n"
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "garefil.cli.completion_answer" in imported
    heavy = {m for m in imported if m.split(".")[0] in ("typer", "rich", "click", "whoosh", "git")}
    assert not heavy and not {m for m in imported if m.endswith("_cmd")}, heavy


def test_matching_rules():
    assert words_starting("pôle", ["pole-emploi", "caf"]) == ["pole-emploi"]
    assert people_starting("zo", ["Zoé Martin", "Paul Zorn", "Ana"]) == ["Paul Zorn", "Zoé Martin"]
    assert people_starting("d'a", ["Jeanne d’Arc"]) == ["Jeanne d’Arc"]
    ids = [f"2024-{m:02}-{d:02}-cr-abcde" for m in range(1, 13) for d in range(1, 29)]
    assert grouped("", ids)[:2] == ["2024-01-", "2024-02-"]  # one way on (2024-) is taken
    march = [i for i in ids if i.startswith("2024-03-")]
    assert grouped("2024-03-", march, most=10)[:2] == ["2024-03-01-", "2024-03-02-"]
    assert grouped("2024-03-1", march[9:19], most=10)[0] == "2024-03-10-cr-abcde"


def test_a_name_that_would_break_the_answer_s_lines_is_left_out(notebook, cli):
    hostile = 'entrepreneur: "Jean\\nDupont"\nreferent: "Awa\\tDiallo"\ntags: [caf]'
    (notebook / "divers").mkdir()
    for name, header in (("a", hostile), ("b", "entrepreneur: Jeanne Martin")):
        text = f"---\nid: 2024-01-0{len(name)}-note-{name * 5}\ntitle: T\n{header}\n---\nTexte.\n"
        (notebook / "divers" / f"{name}.md").write_text(text, encoding="utf-8")
    cli("-C", notebook, "index")
    assert complete("garefil list -e jea", notebook) == ["values", "Jeanne\\ Martin"]
    assert complete("garefil list --referent awa", notebook, shell="zsh") == ["values"]


def test_options_with_a_fixed_list_of_values_complete_them(tmp_path):
    assert complete("garefil entrepreneurs --statut ", tmp_path)[1:] == [
        "actif", "en\\ pause", "sorti"
    ]  # fmt: skip
    assert complete("garefil decisions --statut a", tmp_path)[1:] == ["abandonnée", "adoptée"]
    assert complete("garefil entrepreneur ajouter --statut s", tmp_path)[1:] == ["sorti"]
    assert complete("garefil list --etat te", tmp_path)[1:] == ["tenu"]
    assert complete("garefil entrepreneurs --etat s", tmp_path)[1:] == ["sorti"]
    states = complete("garefil list --statut ", tmp_path)[1:]
    assert {"en\\ pause", "sorti", "envoyé"} <= set(states), states


def test_note_states_are_proposed_as_the_team_spells_them_and_list_takes_them(cli, indexed):
    assert complete("garefil list --etat pre", indexed)[1:] == ["prévu"]
    assert complete("garefil search --etat ENV", indexed)[1:] == ["envoyé"]
    states = complete("garefil list --etat ", indexed)[1:]
    assert {"annulé", "reporté", "ouverte", "close"} <= set(states), states
    assert not {"annule", "envoye", "prevu", "reporte"} & set(states), states
    # what is proposed is what the command takes
    assert "-rdv-" in cli("-C", indexed, "list", "--etat", "prévu").stdout


def test_values_come_from_the_notebook_named_by_c(indexed, tmp_path):
    assert complete(f"garefil -C {indexed} list --tag po", tmp_path)[1:] == ["pole-emploi"]
    assert complete(f"garefil --notebook={indexed} list --tag po", tmp_path)[1:] == ["pole-emploi"]


def test_search_fields_and_front_matter_keys_complete(indexed):
    assert complete("garefil search tag:po", indexed, _GAREFIL_WORD="po")[1:] == ["pole-emploi"]
    assert complete("garefil search aide tag:po", indexed, shell="zsh")[1:] == ["tag:pole-emploi"]
    assert complete("garefil search type:rd", indexed, shell="fish")[1:] == ["type:rdv"]
    # A nested key is proposed by its path too: `--champ lieu.ville=…` filters on it.
    assert complete("garefil list --champ li", indexed)[1:] == [
        "lieu=",
        "lieu.salle=",
        "lieu.ville=",
    ]
    assert "rdv=" in complete("garefil list --champ ", indexed)[1:]


def test_an_argument_naming_a_note_of_one_type_proposes_only_that_type(indexed):
    requests = complete("garefil demande assigner ", indexed)[1:]
    assert requests and all("-demande-" in ref for ref in requests), requests


def test_only_open_requests_are_proposed_to_assign_or_close(indexed):
    open_ones = ["2024-02-24-demande-kvt92", "2024-03-09-demande-nae6m"]
    assert complete("garefil demande clore ", indexed)[1:] == open_ones
    described = complete("garefil demande assigner 2024-0", indexed, shell="zsh")[1:]
    assert [line.split("\t")[0] for line in described] == open_ones
    # a closed request is still named where any note will do
    assert "2024-01-13-demande-6vryu" in complete("garefil show 2024-01-13-d", indexed)[1:]
    assert all("-rdv-" in ref for ref in complete("garefil rdv tenu 2024-0", indexed)[1:])
    assert complete("garefil rdv tenu 2024-02-05-r", indexed)[1:] == [
        "2024-02-05-rdv-6pcbr", "2024-02-05-rdv-7hcas"
    ]  # fmt: skip
    sent = complete("garefil cr envoyé 2024-01-1", indexed)[1:]
    assert sent and all("-cr-" in ref for ref in sent), sent
    assert all("-pad-" in ref for ref in complete("garefil pad copier ", indexed)[1:])
    assert all("-rdv-" in ref for ref in complete("garefil new cr --rdv 2024-03", indexed)[1:])


def test_a_new_clone_completes_at_once(cli, tmp_path):
    remote = tmp_path / "partage.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    awa = tmp_path / "awa"
    cli("init", awa, "--remote", str(remote))
    cli("-C", awa, "new", "note", "--title", "Aide", "--tag", "urssaf", "--no-edit")
    cli("-C", awa, "sync")
    cli("init", "--clone", str(remote), tmp_path / "karim")
    assert complete("garefil list --tag ur", tmp_path / "karim")[1:] == ["urssaf"]


def test_the_guide_s_names_example_names_someone_of_the_demo_notebook(indexed):
    guide = (Path(__file__).parents[1] / "docs" / "guide" / "01-demarrer.md").read_text("utf-8")
    examples = re.findall(r"`(\w+)`\s+propose « ([^»]+?) »", guide)
    assert examples
    for typed, name in examples:
        assert name in complete(f"garefil list -e {typed}", indexed, shell="zsh")[1:], typed


def test_completion_is_current_as_of_the_last_write(cli, tmp_path_factory):
    # Completion never refreshes the index: the writing command must leave it current.
    folder = indexed_demo(tmp_path_factory)
    cli("-C", folder, "demande", "clore", "2024-02-24-demande-kvt92", "--motif", "réglé")
    cli("-C", folder, "new", "demande", "--title", "Question du jour", "--no-edit")
    proposed = complete("garefil demande clore ", folder)[1:]
    assert proposed[0] == "2024-03-09-demande-nae6m" and len(proposed) == 2, proposed
    assert "question-du-jour" in cli("-C", folder, "show", proposed[1], "--json").stdout


def test_a_write_does_not_wait_for_an_index_another_garefil_is_writing(cli, notebook):
    import fcntl

    cli("-C", notebook, "new", "note", "--title", "Avant", "--no-edit")  # index fresh
    with open(notebook / ".garefil" / "index.lock", "a", encoding="ascii") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a long `index --rebuild` holds it
        env = {k: v for k, v in os.environ.items() if k != "GAREFIL_INDEX_WAIT"}  # 30 s
        done = subprocess.run(
            [sys.executable, "-m", "garefil", "-C", str(notebook), "new", "note"]
            + ["--title", "Pendant", "--no-edit"],
            capture_output=True,
            text=True,
            env=env,
            timeout=20,  # the index's update after the commit is left to the next command
        )
    assert done.returncode == 0, done.stderr
    listed = cli("-C", notebook, "list", "--json").stdout
    assert "Pendant" in listed
