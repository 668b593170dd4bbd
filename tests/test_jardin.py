"""`garefil jardin`: every kind of problem found in a seeded notebook; `--corriger` fixes only the
safe ones and changes nothing else."""

from __future__ import annotations

import json
import os
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest

from conftest import git

# The report template as garefil ships it, left unfilled: what a coach's empty CR holds.
CR_TEMPLATE = (
    (Path(__file__).parents[1] / "src/garefil/templates/cr.md")
    .read_text(encoding="utf-8")
    .replace("$title", "Point vide")
)
FICHE = "---\nid: f1\ntype: fiche\ntitle: Fiche\nentrepreneur: Jean Dupont\nreferent: Awa Diallo\n"
NOTES = {
    "fiches/dupont.md": FICHE + "---\nActivité : couture.\n",
    "casse.md": "---\ntitle: [ouvert\n---\nx\n",
    "double.md": "---\nid: d1\ntitle: Double\ntitle: Double bis\n---\nCorps.\n",
    "inconnu.md": "---\nid: i1\ntype: bilan-annuel\ntitle: Inconnu\n---\nCorps.\n",
    "cr/sans-referent.md": (
        "---\nid: c1\ntype: cr\ntitle: Sans référent\ndate: 2026-01-05\n"
        "entrepreneur: Jean Dupont\nstatus: envoye\n---\nÉchanges riches.\n"
    ),
    "divers/2026-01-06 sans id.md": "# Sans id\n\nUne note écrite à la main.\n",
    "divers/etiquettes.md": (
        "---\nid: e1\ntitle: Étiquettes\n# un commentaire gardé\ntags: [Pôle Emploi, PE, urssaf]\n"
        "lieu: Lyon\n---\nCorps.\n"
    ),
    "divers/minuscules.md": "---\nid: m1\ntitle: Minuscules\nentrepreneur: jean  dupont\n---\nx\n",
    "divers/proche.md": "---\nid: p1\ntitle: Proche\nentrepreneur: Jean Dupond\n---\nx\n",
    "divers/hors.md": "---\nid: h1\ntitle: Hors équipe\nreferent: Zoé Martin\n---\nx\n",
    "cr/vide.md": (
        "---\nid: v1\ntype: cr\ntitle: Point vide\nentrepreneur: Jean Dupont\n"
        "referent: Awa Diallo\nstatus: envoye\n---\n" + CR_TEMPLATE
    ),
    "cr/brouillon.md": (
        "---\nid: b1\ntype: cr\ntitle: Vieux brouillon\ndate: 2020-01-01\n"
        "entrepreneur: Jean Dupont\nreferent: Awa Diallo\nstatus: brouillon\n---\nDu texte.\n"
    ),
    "rdv/passe.md": (
        "---\nid: r1\ntype: rdv\ntitle: Rdv passé\ndate: 2020-01-02T10:00\n"
        "entrepreneur: Jean Dupont\nreferent: Awa Diallo\nstatus: prevu\n---\nObjet.\n"
    ),
    "divers/liens.md": (
        "---\nid: l1\ntitle: Liens\n---\nVoir [la fiche](../fiches/dupont.md), [[d1]],\n"
        "[le site](https://exemple.org), [un devis](devis.pdf),\n"
        "[[note-absente]] et [le PV](../docs/pv.pdf).\n"
    ),
    "pads/sans-url.md": "---\nid: pd1\ntype: pad\ntitle: Pad perdu\n---\nÀ quoi il sert.\n",
    "pads/avec-url.md": "---\nid: pd2\ntype: pad\ntitle: Pad\nurl: https://pad.exemple.org/p/x\n---\n",
    "divers/copie-a.md": "Même texte, mot pour mot.\n",
    "divers/copie-b.md": "Même texte, mot pour mot.\n",
    "divers/note.conflit-karim.md": "---\nid: e1\ntitle: Étiquettes\n---\nAutre version.\n",
}
EXPECTED = {
    "illisible": ["casse.md"],
    "cle-en-double": ["double.md"],
    "type-inconnu": ["inconnu.md"],
    "champ-manquant": ["cr/sans-referent.md"],
    "sans-id": ["divers/2026-01-06 sans id.md", "divers/copie-a.md", "divers/copie-b.md"],
    "etiquette": ["divers/etiquettes.md", "divers/etiquettes.md"],
    "orthographe": ["divers/minuscules.md"],
    "nom-proche": ["divers/proche.md"],
    "referent-hors-equipe": ["divers/hors.md"],
    "cr-vide": ["cr/vide.md"],
    "brouillon-ancien": ["cr/brouillon.md"],
    "rdv-sans-cr": ["rdv/passe.md"],
    "lien-casse": ["divers/liens.md", "divers/liens.md"],
    "pad-sans-url": ["pads/sans-url.md"],
    "doublon": ["divers/copie-b.md"],
    "copie-de-conflit": ["divers/note.conflit-karim.md"],
}
FIXABLE = {"sans-id", "etiquette", "orthographe"}  # the copies' missing ids are not fixed


@pytest.fixture
def garden(cli, notebook: Path, monkeypatch) -> Path:
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")
    for path, text in NOTES.items():
        target = notebook / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (notebook / "docs").mkdir()
    (notebook / "docs" / "pv.pdf").write_bytes(b"%PDF-1.4\n")
    # The old draft was written (recorded) in 2020: a draft's age runs from then.
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2020-01-01T10:00:00")
    git(notebook, "add", "cr/brouillon.md")
    git(notebook, "commit", "-qm", "vieux brouillon")
    monkeypatch.delenv("GIT_AUTHOR_DATE")
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "notes du jardin")
    return notebook


def findings(cli, notebook: Path) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for item in json.loads(cli("-C", notebook, "jardin", "--json").stdout):
        found.setdefault(item["kind"], []).append(item)
    return found


def test_every_kind_of_problem_is_found_with_its_file_and_command(cli, garden):
    found = findings(cli, garden)
    assert {kind: sorted(f["path"] for f in items) for kind, items in found.items()} == EXPECTED
    assert found["illisible"][0]["line"] in (2, 3)
    assert found["cle-en-double"][0]["line"] == 4 and "title" in found["cle-en-double"][0]["reason"]
    assert found["etiquette"][0]["line"] == 5
    assert sorted(f["params"]["target"] for f in found["lien-casse"]) == [
        "devis.pdf",
        "note-absente",
    ]
    assert found["lien-casse"][0]["line"] == 6
    assert found["orthographe"][0]["params"]["chosen"] == "Jean Dupont"
    assert found["referent-hors-equipe"][0]["command"] == (
        "garefil config membre ajouter 'Zoé Martin'"
    )
    assert found["doublon"][0]["command"] == "garefil rm divers/copie-b.md"
    assert found["rdv-sans-cr"][0]["command"] == "garefil new cr --rdv r1"
    assert found["copie-de-conflit"][0]["command"].startswith("garefil resolve ")
    assert {kind for kind, items in found.items() if any(f["fixable"] for f in items)} == FIXABLE


def test_the_listing_is_grouped_in_french_with_commands(cli, garden):
    result = cli("-C", garden, "jardin")
    assert "Notes sans identifiant (3)" in result.stdout
    assert "cr/brouillon.md: brouillon depuis plus de 30 jours" in result.stdout
    assert "→ garefil edit double.md" in result.stdout
    assert "garefil jardin --corriger" in result.stderr


def test_check_exits_9_while_problems_remain(cli, garden):
    cli("-C", garden, "jardin", "--check", code=9)
    cli("-C", garden, "jardin", code=0)  # without --check, a listing is a success


def test_a_tidy_notebook_passes_the_check(cli, notebook):
    result = cli("-C", notebook, "jardin", "--check")
    assert "rien à jardiner" in result.stderr.lower()


def test_fix_changes_only_the_safe_keys_in_one_commit(cli, garden):
    before = git(garden, "rev-parse", "HEAD").strip()
    result = cli("-C", garden, "jardin", "--corriger")
    assert int(git(garden, "rev-list", "--count", f"{before}..HEAD")) == 1
    changed = git(garden, "diff", "--name-only", before, "HEAD").splitlines()
    # The two copies get no id: an id each would hide that they are one note twice.
    assert sorted(changed) == [
        "divers/2026-01-06 sans id.md",
        "divers/etiquettes.md",
        "divers/minuscules.md",
    ]
    assert "divers/etiquettes.md" in result.stderr
    diff = git(garden, "diff", "-U0", before, "HEAD", "--", "divers/etiquettes.md")
    assert _changed_lines(diff) == (
        ["-tags: [Pôle Emploi, PE, urssaf]"],
        ["+tags: [pole-emploi, urssaf]"],
    )
    diff = git(garden, "diff", "-U0", before, "HEAD", "--", "divers/minuscules.md")
    assert _changed_lines(diff) == (["-entrepreneur: jean  dupont"], ["+entrepreneur: Jean Dupont"])
    added = (garden / "divers" / "2026-01-06 sans id.md").read_text(encoding="utf-8")
    assert added.startswith("---\nid: 2026-01-06-note-")
    assert "\ntype: note\ntitle: Sans id\ndate: 2026-01-06\n---\n" in added
    assert added.endswith("---\n# Sans id\n\nUne note écrite à la main.\n")
    assert git(garden, "status", "--porcelain") == ""
    left = findings(cli, garden)
    assert not {"etiquette", "orthographe"} & set(left)
    assert [f["path"] for f in left["sans-id"]] == ["divers/copie-a.md", "divers/copie-b.md"]
    assert "nom-proche" in left  # a close name is never changed
    again = cli("-C", garden, "jardin", "--corriger")
    assert git(garden, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
    assert "Aucune correction sûre" in again.stderr


def _changed_lines(diff: str) -> tuple[list[str], list[str]]:
    lines = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]
    return [x for x in lines if x[0] == "-"], [x for x in lines if x[0] == "+"]


def test_the_reader_reports_duplicate_keys_instead_of_losing_one(cli, garden):
    shown = cli("-C", garden, "show", "d1", "--json")
    note = json.loads(shown.stdout)
    assert note["title"] == "Double bis"  # PyYAML's choice, unchanged…
    assert "double.md:4: le champ « title » est écrit deux fois" in shown.stderr
    found = findings(cli, garden)["cle-en-double"]
    assert found[0]["params"]["key"] == "title"  # …but said
    said = cli("-C", garden, "jardin").stdout  # in the documentation's word: a field, not a key
    assert "Champs écrits deux fois (1)\n  double.md:4: le champ « title » est écrit" in said
    assert "cr/sans-referent.md: le champ « referent » est vide, or les notes de type" in said


def test_jardin_in_a_subprocess_without_terminal(run_garefil, garden):
    done = run_garefil("-C", garden, "jardin", "--check")
    assert done.returncode == 9 and "Traceback" not in done.stderr
    assert "Champs écrits deux fois (1)" in done.stdout


def test_the_note_reader_says_which_key_was_written_twice():
    from garefil.core.config import Config
    from garefil.core.notefile import read_note

    text = "---\ntitle: A\nlieu:\n  ville: Lyon\n  ville: Caen\ntitle: B\n---\nCorps.\n"
    note = read_note("n.md", text, Config())
    assert note.title == "B"
    assert ("duplicate-key", 5, "ville") in note.remarks
    assert ("duplicate-key", 6, "title") in note.remarks


def test_the_command_given_for_a_past_appointment_writes_its_report(cli, garden):
    import shlex

    [due] = findings(cli, garden)["rdv-sans-cr"]
    cli("-C", garden, *shlex.split(due["command"])[1:], "--no-edit")
    assert "rdv-sans-cr" not in findings(cli, garden)


def test_links_written_with_decomposed_accents_lead_to_their_note(cli, notebook):
    # macOS and some editors write « é » as e + a combining accent: the same name for a person.
    (notebook / "réunion-été.md").write_text("---\nid: r1\ntitle: Été\n---\nx\n", "utf-8")
    links = "[[r1]], [[réunion-été]] et [la note](réunion-été.md)\n"
    decomposed = unicodedata.normalize("NFD", links)
    (notebook / "lien.md").write_text(f"---\nid: l1\ntitle: Lien\n---\n{decomposed}", "utf-8")
    result = cli("-C", notebook, "jardin", "--check")
    assert "rien à jardiner" in result.stderr.lower()


def test_the_repositorys_own_pages_at_the_root_are_not_notes(cli, notebook):
    # What a git server's "create with a README" button writes, and what it shows on the
    # repository's page: never listed, never given a note's header by `jardin --corriger`.
    pages = {"README.md": "# Carnet de l'équipe\n", "LICENSE.md": "Tous droits réservés.\n"}
    for name, text in pages.items():
        (notebook / name).write_text(text, encoding="utf-8")
    (notebook / "divers").mkdir(exist_ok=True)
    (notebook / "divers" / "README.md").write_text("# Une vraie note\n", encoding="utf-8")
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "pages du dépôt")
    listed = [entry["path"] for entry in json.loads(cli("-C", notebook, "list", "--json").stdout)]
    assert "divers/README.md" in listed and not set(pages) & set(listed)
    cli("-C", notebook, "jardin", "--corriger")
    for name, text in pages.items():
        assert (notebook / name).read_text(encoding="utf-8") == text


def test_two_different_notes_with_one_id_are_flagged_the_second_only(cli, notebook):
    # A note copied by hand (or kept twice) and then edited: `show p7` can name neither.
    for name, line in (("a.md", "Première."), ("b.md", "Seconde."), ("c.md", "Autre.")):
        note_id = "c3" if name == "c.md" else "p7"
        text = f"---\nid: {note_id}\ntype: cr\ntitle: Point\n---\n{line}\n"
        (notebook / name).write_text(text, encoding="utf-8")
    found = findings(cli, notebook)
    [shared] = found["id-en-double"]
    assert shared["path"] == "b.md" and shared["params"] == {"id": "p7", "other": "a.md"}
    assert shared["command"] == "garefil edit b.md" and not shared["fixable"]
    said = cli("-C", notebook, "jardin").stdout
    assert "b.md: l'identifiant p7 est aussi celui de a.md" in said, said
    shown = cli("-C", notebook, "show", "p7", code=4).stderr
    assert "« p7 » est l'identifiant de plusieurs notes : a.md, b.md" in shown, shown
    assert "garefil jardin" in shown, shown


def test_one_text_under_two_titles_is_a_probable_duplicate_an_empty_template_is_not(cli, notebook):
    # A note copied by hand under a new title (its lines wrapped otherwise), and two reports
    # left as their template: only the copy is one note twice.
    header = "---\nid: {id}\ntype: {type}\ntitle: {title}\ndate: 2026-01-0{day}\n---\n"
    words = "Le budget prévisionnel est revu en mars,\navec la gestion coop.\n"
    template_only = CR_TEMPLATE.split("\n", 1)[1]  # its heading aside: the same in both
    notes = {
        "divers/budget.md": (dict(id="n1", type="note", title="Budget 2025", day=5), words),
        "divers/budget-revu.md": (
            dict(id="n2", type="note", title="Budget revu", day=6),
            "  Le budget prévisionnel est revu\nen mars, avec la gestion coop.  \n",
        ),
        "cr/vide-a.md": (dict(id="c1", type="cr", title="Point A", day=5), template_only),
        "cr/vide-b.md": (dict(id="c2", type="cr", title="Point B", day=6), template_only),
    }
    for name, (fields, body) in notes.items():
        (notebook / name).parent.mkdir(exist_ok=True)
        (notebook / name).write_text(header.format(**fields) + body, encoding="utf-8")
        day = datetime(2026, 1, fields["day"], 9).timestamp()
        os.utime(notebook / name, (day, day))  # written that day (no commit: the file's time)
    found = findings(cli, notebook)
    [copy] = found["doublon-probable"]
    # The original (written first) is kept, whatever the paths' order: the copy is said.
    assert copy["path"] == "divers/budget-revu.md", copy
    assert copy["params"] == {"other": "divers/budget.md"}
    assert copy["command"] == "garefil rm divers/budget-revu.md"
    said = cli("-C", notebook, "jardin").stdout
    assert "même texte que divers/budget.md, sous un autre titre" in said, said
