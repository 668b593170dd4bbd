"""Every `garefil …` example of the documentation runs as written, on a copy of the demo notebook.

Examples are taken from the fenced blocks and the inline code of docs/*.md and of the guide
(docs/guide/*.md, whose shown answers are checked too), and from the inline
code of the README (its console blocks are replayed in order by test_docs.py). Placeholders in
capitals (REF, NOTE, TYPE, ADRESSE…) are given real values; the few examples that cannot run
here say why in NOT_RUN.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys

import pytest

from conftest import PROJECT, git

FENCED = re.compile(r"```[a-z]*\n(.*?)```", re.DOTALL)
INLINE = re.compile(r"`(garefil(?: [^`]*)?)`")
GENERATED = {"commands.md"}  # the reference names every command; its usage lines are not examples

NOT_RUN = {
    "garefil": "the program's name, not a command",
    "garefil tag": "names the command in a sentence; its arguments are described around it",
    "garefil config user": "names the command; the README gives it with a name and an address",
    "garefil resolve COPIE --prendre-l-autre": "needs a conflict: run by test_sharing.py",
    "garefil resolve NOTE": "needs a conflict: run by test_sharing.py",
    "garefil resolve .garefil/config.toml": "needs a settings conflict: run by test_sharing.py",
    "garefil show cr": "true of a notebook with one CR, as the README's console example runs it",
    "garefil init --remote ADRESSE": "makes a new notebook: the README's console example runs it",
    "garefil show CHEMIN-DE-LA-COPIE": "needs a conflict: run by test_sharing.py",
    "garefil show cr/….conflit-awa-diallo.md --version 1a2b3c4": "needs a conflict a teammate "
    "settled: run by test_sync_set_aside.py",
    "garefil show … --version …": "the form of the line's command: run by test_sync_renamed.py",
    "garefil show COPIE --version VERSION": "needs a conflict a teammate settled: run by "
    "test_sync_set_aside.py",
    "garefil new": "names the command in a sentence; its examples follow",
    "garefil init --clone": "names the option in a sentence; the README's console example runs it",
    "garefil list --champ CHAMP=VALEUR": "the form of the option; a real example follows it",
    "garefil jardin --check": "exits 9 on the demo notebook, which has things to garden: "
    "test_jardin.py runs it on a tidy notebook and on a seeded one",
    "garefil pad ajouter ADRESSE --titre TITRE": "the form of the command; examples follow it",
    "garefil pad copier --tous": "needs a pad server: run by test_pads.py against one on 127.0.0.1",
    "garefil doc ajouter ~/Téléchargements/devis.pdf --note 2024-02-05-cr-vruv8": "needs a "
    "file to file: run by test_documents.py",
    "garefil doc ajouter devis.pdf --note 2024-02-05-cr-vruv8": "needs a file to file: run by "
    "test_documents.py",
    "garefil pad copier REF": "needs a pad server: run by test_pads.py against one on 127.0.0.1",
    "garefil config set CLÉ VALEUR": "the form of the command; real examples precede it",
    "garefil config unset CLÉ": "the form of the command; a real example precedes it",
    "garefil config set smtp.motdepasse …": "refused on purpose: run by test_settings.py",
    "garefil config set": "names the command in a sentence; its examples precede it",
    "garefil rgpd export NOM": "writes a file of personal data: run by test_rgpd.py",
    "garefil rgpd anonymiser NOM": "rewrites the notes about someone: run by test_rgpd.py",
    "garefil rgpd anonymiser NOM --purger-historique": "explains, then asks a confirmation "
    "nobody can give without a terminal: run by test_rgpd.py",
    "garefil init --clone ADRESSE": "makes a new copy of the notebook: run by test_git_servers.py",
    "garefil init ~/essai-garefil": "makes a notebook in the home folder: run by test_init.py",
}
DELETING = {"rm"}  # run on a note of their own, so that the examples after them still have REF


def documented_examples() -> list[str]:
    """Every distinct `garefil …` example, in the order the documentation gives them."""
    found: dict[str, None] = {}
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for text in [readme, *_docs()]:
        for block in FENCED.findall(text) if text is not readme else ():
            for line in block.splitlines():
                line = line.strip().removeprefix("$ ")
                if line.startswith("garefil "):
                    found.setdefault(line, None)
        for example in INLINE.findall(FENCED.sub("", text)):
            found.setdefault(example.strip(), None)
    return list(found)


def _docs() -> list[str]:
    return [
        doc.read_text(encoding="utf-8")
        for doc in sorted((PROJECT / "docs").rglob("*.md"))  # the guide too
        if doc.name not in GENERATED
    ]


@pytest.fixture
def shared_demo(demo_notebook, tmp_path, cli, monkeypatch):
    """The demo notebook with a shared repository, an editor that saves, and an id to show."""
    remote = tmp_path / "partage.git"
    subprocess.run(["git", "init", "--bare", remote], check=True, capture_output=True)
    cli("-C", demo_notebook, "remote", remote)
    monkeypatch.chdir(demo_notebook)
    # The editor writes a line, as a coach would: a note left as its template is not saved.
    saving = tmp_path / "editeur.py"
    saving.write_text("import sys\nopen(sys.argv[1], 'a').write('Texte.\\n')\n", encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {saving}")
    note = json.loads(cli("list", "--type", "cr", "--limit", "1", "--json").stdout)[0]
    old_notes = tmp_path / "anciennes-notes"
    (old_notes / "reunions").mkdir(parents=True)
    (old_notes / "reunions" / "2019-06-03 hebdo.md").write_text("Ordre du jour\n", "utf-8")
    return {
        "DOSSIER": str(old_notes),
        "REF": note["id"],
        "NOTE": note["id"],
        "TYPE": "note",
        "ADRESSE": str(remote),
        "[DOSSIER]": str(tmp_path / "clone"),
        "VERSION": git(demo_notebook, "rev-parse", "--short", "HEAD").strip(),
    }


def _spare_note(cli) -> dict[str, str]:
    """A note written for one deleting example, named as REF and NOTE."""
    spare = cli("new", "note", "--title", "À supprimer", "--body", "Essai.").stdout.split("\t")[0]
    return {"REF": spare, "NOTE": spare}


def test_the_documentation_has_examples_of_every_kind():
    examples = documented_examples()
    assert "garefil search cotisations OU acre -etat:brouillon --json" in examples
    assert "garefil history REF" in examples and "garefil list --json | jq …" in examples
    assert set(NOT_RUN) <= set(examples), "an exception is kept for an example that is gone"


def test_every_documented_example_runs_as_written(cli, shared_demo):
    ran, failed = 0, []
    for example in documented_examples():
        if example in NOT_RUN:
            continue
        command, _, piped = example.partition(" | ")
        words = shlex.split(command)[1:]
        names = _spare_note(cli) if words[0] in DELETING else shared_demo
        words = [names.get(word, word) for word in words]
        if words[0] in DELETING:  # at a terminal it asks; here nobody can answer but --oui
            words.append("--oui")
        result = cli(*words, code=None)
        if result.exit_code != 0:
            failed.append(f"$ {example} → {result.exit_code}\n{result.stderr}")
        elif piped:
            json.loads(result.stdout)  # what `| jq` would read
        ran += 1
    assert not failed, "\n".join(failed)
    assert ran >= 20


CONSOLE = re.compile(r"```console\n(.*?)```", re.DOTALL)


def guide_answers() -> list[tuple[str, list[str]]]:
    """Each `$ garefil …` of the guide's console blocks, with the lines shown as its answer."""
    shown: list[tuple[str, list[str]]] = []
    for page in sorted((PROJECT / "docs" / "guide").glob("*.md")):
        for block in CONSOLE.findall(page.read_text(encoding="utf-8")):
            for line in block.splitlines():
                if line.startswith("$ "):
                    shown.append((line[2:], []))
                elif line.strip() and shown:
                    shown[-1][1].append(line)
    return shown


def _words(text: str) -> str:
    return " ".join(text.split())  # a tab in a listing is a space in the guide


def test_the_guide_shows_what_garefil_answers(cli, shared_demo):
    answers = guide_answers()
    assert len({page.name for page in (PROJECT / "docs" / "guide").glob("*.md")}) == 8
    assert sum(1 for _command, lines in answers if lines) >= 5
    for command, lines in answers:
        result = cli(*[shared_demo.get(w, w) for w in shlex.split(command)[1:]], code=None)
        assert result.exit_code == 0, f"$ {command}\n{result.stderr}"
        said = _words(result.stdout + result.stderr)
        missing = [line for line in lines if _words(line) not in said]
        assert not missing, f"$ {command} did not answer {missing}:\n{result.stdout}"


def test_the_meeting_chapter_shows_every_step_of_the_meeting():
    page = (PROJECT / "docs" / "guide" / "03-reunion-du-lundi.md").read_text(encoding="utf-8")
    shown = [line[2:] for block in CONSOLE.findall(page) for line in block.splitlines()]
    for command in ("ordre-du-jour ajouter", "roles", "reunion preparer", "reunion ics"):
        assert any(line.startswith(f"garefil {command}") for line in shown), command
    checked = page.split("une action faite se coche", 1)[1]
    assert CONSOLE.search(checked).group(1).startswith("$ garefil action faite ")


def test_the_guide_shows_the_whole_answer_of_completion_install(cli):
    [(command, shown)] = [
        (command, lines)
        for command, lines in guide_answers()
        if command.startswith("garefil completion install")
    ]
    result = cli(*shlex.split(command)[1:])
    said = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert [_words(line) for line in shown] == [_words(line) for line in said]
