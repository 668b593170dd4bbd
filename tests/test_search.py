"""Search end to end: French analysis, filters, freshness without reindexing, robustness."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from garefil.adapters.french_analysis import terms
from garefil.core.model import NoteFilter

NOTES = {
    "cr/a.md": (
        "CR Pôle Emploi",
        ["pole-emploi"],
        "Jean Dupont",
        "Point sur l'actualisation mensuelle auprès de Pôle Emploi.",
    ),
    "cr/b.md": (
        "Cotisations",
        ["urssaf"],
        "Léa Fontaine",
        "Les entrepreneurs ont créé leur déclaration ; l’œuvre est créée.",
    ),
    "cr/c.md": (
        "Réunions d'équipe",
        [],
        "Mehdi Haddad",
        "Trois réunions prévues. Voir https://www.pole-emploi.fr/candidat pour le dossier.",
    ),
    "divers/d.md": ("Sans rapport", ["caf"], "Jean Dupont", "La prime d'activité CAF."),
}


def generation(notebook: Path) -> Path:
    """The folder of the index's current generation (named by the pointer file `current`)."""
    home = notebook / ".garefil" / "index"
    return home / (home / "current").read_text(encoding="ascii").strip()


def write_note(
    folder: Path,
    path: str,
    title: str,
    tags: list[str],
    who: str,
    body: str,
    normalization: str = "NFC",
) -> None:
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (
        f"---\ntitle: {title}\ntype: cr\ndate: 2020-04-10\ntags: [{', '.join(tags)}]\n"
        f"entrepreneur: {who}\nreferent: Awa Diallo\n---\n\n{body}\n"
    )
    target.write_text(unicodedata.normalize(normalization, text), encoding="utf-8")


@pytest.fixture
def searchable(notebook: Path) -> Path:
    for path, (title, tags, who, body) in NOTES.items():
        write_note(notebook, path, title, tags, who, body)
    return notebook


def found(cli, notebook: Path, *args: str) -> list[str]:
    result = cli("-C", notebook, "search", "--json", *args)
    return sorted(hit["path"] for hit in json.loads(result.stdout))


def test_analysis_folds_accents_case_elisions_ligatures_and_plurals():
    assert terms("Pôle Emploi") == terms("pole emploi") == terms("PÔLE-EMPLOI") == ["pol", "emploi"]
    assert terms("l’œuvre") == terms("l'oeuvre") == terms("oeuvres")
    assert terms("créée") == terms("créé") == terms("créer") == terms("créées")
    assert terms("entrepreneurs") == terms("entrepreneur")
    assert terms("réunions") == terms("réunion")
    assert terms("pole-emploi.fr") == ["pol", "emploi", "fr"]
    assert terms("le la les qu'il") == []


@pytest.mark.parametrize("query", ["pôle emploi", "pole emploi", "PÔLE-EMPLOI", "Pole Emploi"])
def test_spelling_variants_find_the_same_notes(cli, searchable, query):
    assert found(cli, searchable, query) == ["cr/a.md", "cr/c.md"]


@pytest.mark.parametrize("query", ["oeuvre", "œuvre", "creee", "créer", "entrepreneur"])
def test_ligatures_participles_and_plurals(cli, searchable, query):
    assert found(cli, searchable, query) == ["cr/b.md"]


def test_decomposed_file_is_found_by_a_precomposed_query(cli, notebook):
    write_note(
        notebook,
        "nfd.md",
        "Réunion",
        [],
        "Zoé Caron",
        "Échéance de l'ARE à Noël.",
        normalization="NFD",
    )
    assert "e\u0301" in (notebook / "nfd.md").read_text(encoding="utf-8")
    assert found(cli, notebook, "échéance noël") == ["nfd.md"]
    assert found(cli, notebook, "--entrepreneur", "zoé caron") == ["nfd.md"]


def test_filters_combine_with_text(cli, searchable):
    assert found(cli, searchable, "emploi", "--tag", "Pôle Emploi") == ["cr/a.md"]
    assert found(cli, searchable, "emploi", "--entrepreneur", "mehdi haddad") == ["cr/c.md"]
    assert found(cli, searchable, "--entrepreneur", "JEAN DUPONT") == ["cr/a.md", "divers/d.md"]
    assert found(cli, searchable, "--tag", "caf") == ["divers/d.md"]
    assert found(cli, searchable, "emploi", "--since", "2021-01-01") == []


def test_query_syntax(cli, searchable):
    assert found(cli, searchable, "emploi -actualisation") == ["cr/c.md"]
    assert found(cli, searchable, "emploi SAUF actualisation") == ["cr/c.md"]
    assert found(cli, searchable, "cotisations OR prime") == ["cr/b.md", "divers/d.md"]
    assert found(cli, searchable, "cotisations OU prime") == ["cr/b.md", "divers/d.md"]
    assert found(cli, searchable, '"trois réunions"') == ["cr/c.md"]
    assert found(cli, searchable, '"réunions trois"') == []
    assert found(cli, searchable, "tag:urssaf") == ["cr/b.md"]
    assert found(cli, searchable, "tag:France-Travail") == ["cr/a.md"]  # synonym of pole-emploi
    assert found(cli, searchable, "entrepreneur:dupont") == ["cr/a.md", "divers/d.md"]
    assert found(cli, searchable, "Entrepreneur:Dupont Tag:CAF") == ["divers/d.md"]
    assert found(cli, searchable, "titre:cotisations") == ["cr/b.md"]
    assert found(cli, searchable, "actuali*") == ["cr/a.md"]


def test_titles_and_tags_weigh_more_than_the_body(cli, searchable):
    ranked = [
        h["path"] for h in json.loads(cli("-C", searchable, "search", "emploi", "--json").stdout)
    ]
    assert ranked == ["cr/a.md", "cr/c.md"]


def test_a_long_text_repeating_the_words_ranks_below_the_note_titled_with_them(cli, searchable):
    """A bank export pasted in a note says « URSSAF » and « cotisations » on each of its lines:
    counted every time, the repetitions outweighed its length and it ranked first."""
    lines = "".join(
        f"2023-{day % 12 + 1:02d} ; Prélèvement URSSAF ; cotisations ; {day * 37 % 5000} EUR\n"
        for day in range(1500)
    )
    write_note(searchable, "import/export.md", "Export du compte", [], "Jean Dupont", lines)
    write_note(
        searchable,
        "cr/cotisations.md",
        "Cotisations URSSAF",
        [],
        "Léa Fontaine",
        "Léa demande un échéancier ; premier prélèvement en mars.",
    )
    for query in ("cotisations urssaf", "urssaf", "cotisation"):
        hits = json.loads(cli("-C", searchable, "search", query, "--json").stdout)
        ranked = [hit["path"] for hit in hits]
        assert ranked[-1] == "import/export.md", (query, ranked)
        assert ranked[0] == "cr/cotisations.md" or query != "cotisations urssaf", ranked


def test_hits_carry_a_highlighted_snippet(cli, searchable):
    hit = json.loads(cli("-C", searchable, "search", "actualisation", "--json").stdout)[0]
    assert hit["score"] > 0 and hit["entrepreneur"] == "Jean Dupont"
    words = [hit["snippet"][a:b] for a, b in hit["highlights"]]
    assert words == ["actualisation"]
    plain = cli("-C", searchable, "search", "actualisation").stdout.split("\t")
    assert plain[0] == hit["id"] and "actualisation" in plain[-1]


def test_changes_are_seen_without_reindexing(cli, searchable):
    assert found(cli, searchable, "hygiène") == []
    write_note(searchable, "cr/new.md", "Formation hygiène", ["hygiene"], "Fatou Ndiaye", "HACCP")
    assert found(cli, searchable, "hygiene") == ["cr/new.md"]
    write_note(searchable, "cr/new.md", "Formation", [], "Fatou Ndiaye", "Rien à voir")
    assert found(cli, searchable, "hygiene") == []
    (searchable / "cr" / "a.md").unlink()
    assert found(cli, searchable, "actualisation") == []


def test_deleting_the_index_is_harmless(cli, searchable):
    assert found(cli, searchable, "cotisations") == ["cr/b.md"]
    shutil.rmtree(searchable / ".garefil" / "index")
    result = cli("-C", searchable, "search", "cotisations", "--json")
    assert [h["path"] for h in json.loads(result.stdout)] == ["cr/b.md"]
    assert "Index de recherche créé" in result.stderr


def test_a_damaged_index_is_rebuilt_with_a_notice(cli, searchable):
    found(cli, searchable, "cotisations")
    whoosh = generation(searchable) / "whoosh"
    for segment in whoosh.glob("*.seg"):
        segment.write_bytes(b"not an index")
    for toc in whoosh.glob("*.toc"):
        toc.write_bytes(b"garbage")
    result = cli("-C", searchable, "search", "cotisations", "--json")
    assert [h["path"] for h in json.loads(result.stdout)] == ["cr/b.md"]
    assert "endommagé" in result.stderr
    (generation(searchable) / "catalogue.sqlite").write_bytes(b"pas une base" * 100)
    assert found(cli, searchable, "cotisations") == ["cr/b.md"]


def test_an_index_too_damaged_to_update_is_rebuilt_by_the_command_that_finds_it(cli, searchable):
    """Its catalogue intact, its full text unreadable: a note changed since made every command
    answer « il sera reconstruit … relancez la commande » (exit 10), again and again."""
    found(cli, searchable, "cotisations")
    for toc in (generation(searchable) / "whoosh").glob("*.toc"):
        toc.write_bytes(b"garbage")
    note = searchable / "cr" / "b.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nReliquat ARE.\n", encoding="utf-8")
    result = cli("-C", searchable, "index")
    assert "endommagé" in result.stderr, result.stderr
    assert found(cli, searchable, "reliquat") == ["cr/b.md"]


@pytest.mark.parametrize(
    "query, fragment",
    [('"pôle emploi', '"'), ("(emploi OR caf", "parenthèses"), ("couleur:bleu", "couleur")],
)
def test_bad_queries_give_one_clear_error(cli, searchable, query, fragment):
    result = cli("-C", searchable, "search", query, code=5)
    assert fragment in result.stderr
    assert "exemple" in result.stderr or "champs" in result.stderr
    assert "Traceback" not in result.output


def test_a_url_in_a_query_is_not_a_field(cli, searchable):
    assert found(cli, searchable, "https://www.pole-emploi.fr") == ["cr/c.md"]


def test_broken_notes_are_reported_not_fatal(cli, searchable):
    (searchable / "casse.md").write_text("---\ntitle: [oops\n---\nemploi\n", encoding="utf-8")
    result = cli("-C", searchable, "search", "emploi", "--json")
    assert "casse.md:" in result.stderr
    assert len(json.loads(result.stdout)) == 2


def test_index_command_reports_what_changed(cli, searchable):
    first = json.loads(cli("-C", searchable, "index", "--json").stdout)
    assert first["notes"] == 4 and first["added"] == 4 and first["rebuilt"]
    write_note(searchable, "cr/b.md", "Cotisations", ["urssaf"], "Léa Fontaine", "Autre texte")
    (searchable / "divers" / "d.md").unlink()
    second = json.loads(cli("-C", searchable, "index", "--json").stdout)
    assert (second["updated"], second["removed"], second["notes"]) == (1, 1, 3)
    again = json.loads(cli("-C", searchable, "index", "--json").stdout)
    assert (again["added"], again["updated"], again["removed"]) == (0, 0, 0)
    rebuilt = json.loads(cli("-C", searchable, "index", "--rebuild", "--json").stdout)
    assert rebuilt["rebuilt"] and rebuilt["notes"] == 3


def test_touched_but_unchanged_files_are_not_reindexed(cli, searchable):
    cli("-C", searchable, "index")
    path = searchable / "cr" / "a.md"
    stat = path.stat()
    import os

    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000_000))
    report = json.loads(cli("-C", searchable, "index", "--json").stdout)
    # The notes written just before the first index are compared again too (their stamps could
    # not be trusted yet): none of them is re-indexed either.
    assert report["updated"] == 0 and report["unchanged_content"] >= 1


def test_the_index_is_private_and_ignored_by_git(cli, searchable):
    from conftest import git

    cli("-C", searchable, "index")
    index = searchable / ".garefil" / "index"
    assert index.stat().st_mode & 0o077 == 0
    assert git(searchable, "status", "--porcelain", "--ignored", ".garefil").count("!!") >= 1
    assert ".garefil/index" not in git(searchable, "status", "--porcelain")


def test_list_and_tags_answer_from_the_index(cli, searchable):
    listed = json.loads(cli("-C", searchable, "list", "--json").stdout)
    assert len(listed) == 4
    (generation(searchable) / "catalogue.sqlite").unlink()
    assert json.loads(cli("-C", searchable, "tags", "--json").stdout)[0]["count"] == 1


def test_two_processes_indexing_at_once_both_succeed(run_garefil, notebook):
    import subprocess
    import sys

    for index in range(300):
        write_note(
            notebook,
            f"lot/{index:03}.md",
            f"Note {index}",
            ["urssaf"],
            "Jean Dupont",
            "Déclaration trimestrielle et cotisations. " * 20,
        )
    command = [sys.executable, "-m", "garefil", "-C", str(notebook), "index", "--rebuild", "--json"]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert all(json.loads(out)["notes"] == 300 for out, _ in outputs)
    assert (
        run_garefil("-C", notebook, "search", "cotisations", "-n", "500", "--json").stdout.count(
            '"id"'
        )
        == 300
    )


def test_a_held_index_lock_gives_a_clear_busy_error(run_garefil, notebook):
    import subprocess
    import sys

    write_note(notebook, "a.md", "A", [], "Jean Dupont", "texte")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'a+b'); fcntl.flock(f, fcntl.LOCK_EX); "
            "print('held', flush=True); time.sleep(30)",
            str(notebook / ".garefil" / "index.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        busy = run_garefil("-C", notebook, "search", "texte", env={"GAREFIL_INDEX_WAIT": "0.5"})
        assert busy.returncode == 10
        assert "autre garefil" in busy.stderr and "Traceback" not in busy.stderr
    finally:
        holder.kill()
        holder.wait()
    assert run_garefil("-C", notebook, "search", "texte").returncode == 0


def test_an_index_from_another_version_is_rebuilt_with_a_notice(cli, searchable):
    found(cli, searchable, "cotisations")
    import sqlite3
    from contextlib import closing

    catalogue = generation(searchable) / "catalogue.sqlite"
    with closing(sqlite3.connect(catalogue)) as db, db:
        db.execute("UPDATE meta SET value = '-1' WHERE key = 'schema'")
    result = cli("-C", searchable, "search", "cotisations", "--json")
    assert "autre version" in result.stderr
    assert [h["path"] for h in json.loads(result.stdout)] == ["cr/b.md"]


def test_snippets_drop_markdown_marks_and_keep_highlights_on_the_words():
    from garefil.core.search import make_snippet

    text = "# Titre\n\n## Échanges\n\n- [ ] voir **Pôle** emploi\n> citation\n" + "suite " * 80
    spans = [
        (text.index("Pôle"), text.index("Pôle") + 4),
        (text.index("emploi"), text.index("emploi") + 6),
    ]
    snippet = make_snippet(text, spans, width=60)
    assert [snippet.text[a:b] for a, b in snippet.spans] == ["Pôle", "emploi"]
    assert "#" not in snippet.text and "**" not in snippet.text and "[ ]" not in snippet.text
    assert snippet.text.endswith(" …")
    opening = make_snippet("# Titre\n\n## Contexte\n\nLe vrai début.\n", [])
    assert opening.text == "Contexte Le vrai début." and opening.spans == ()


def test_small_changes_rewrite_only_their_rows_of_the_catalogue(cli, searchable):
    import sqlite3
    from contextlib import closing

    cli("-C", searchable, "index")
    catalogue = generation(searchable) / "catalogue.sqlite"
    write_note(searchable, "cr/a.md", "CR Pôle Emploi", ["pole-emploi"], "Jean Dupont", "Nouveau")
    (searchable / "divers" / "d.md").unlink()
    with closing(sqlite3.connect(catalogue)) as db:
        before = db.execute("SELECT path, digest FROM entries ORDER BY path").fetchall()
    assert found(cli, searchable, "nouveau") == ["cr/a.md"]
    with closing(sqlite3.connect(catalogue)) as db:
        after = db.execute("SELECT path, digest FROM entries ORDER BY path").fetchall()
    assert [p for p, _ in after] == ["cr/a.md", "cr/b.md", "cr/c.md"]
    assert set(before) - set(after) == {before[0], before[3]}  # cr/a.md changed, d.md gone
    assert "divers/d.md" not in {
        n["path"] for n in json.loads(cli("-C", searchable, "list", "--json").stdout)
    }


def test_the_catalogue_keeps_every_field_of_an_entry(tmp_path):
    from garefil.adapters.catalogue import Catalogue
    from garefil.core.freshness import FileState
    from garefil.core.index_model import Entry
    from garefil.core.model import Action, Decision, Note, Problem

    note = Note(
        path="a.md",
        id="a",
        type="cr",
        title="Titre « é »",
        tags=("urssaf",),
        participants=("Léa",),
        decisions=(Decision("oui", "b"),),
        actions=(Action("appeler", "Léa", None, True),),
        extra_fields=(("lieu", ("Lyon",)),),
    )
    entries = {
        "a.md": Entry(FileState("a.md", 10, 20), "d1", parsed=note, cut=True),
        "b.md": Entry(FileState("b.md", 1, 2), "d2", problem=Problem("b.md", 3, "oups")),
    }
    Catalogue(tmp_path, schema=1).save(entries, whoosh=7)
    again = Catalogue(tmp_path, schema=1)
    loaded = again.load()
    assert again.whoosh == 7 and loaded["a.md"].cut and not loaded["b.md"].cut
    assert loaded["a.md"].note == note and loaded["a.md"].state == entries["a.md"].state
    assert loaded["b.md"].problem == entries["b.md"].problem and loaded["b.md"].note is None
    assert Catalogue(tmp_path, schema=2).load() is None


@pytest.fixture
def particles(notebook: Path) -> Path:
    """Notes whose words and names carry French particles and stop words."""
    write_note(
        notebook,
        "cr/financement.md",
        "Suivi du dossier",
        [],
        "Jean de la Fontaine",
        "Mise en œuvre de la demande de financement.",
    )
    write_note(notebook, "cr/plan.md", "Plan", [], "Léa Fontaine", "Mise en œuvre du plan.")
    write_note(notebook, "cr/ndiaye.md", "Accueil", [], "Moussa N'Diaye", "Premier rendez-vous.")
    write_note(notebook, "cr/legall.md", "Statuts", [], "Yann Le Gall", "Choix des statuts.")
    return notebook


STOP_WORD_CASES = (
    ("mise en oeuvre", ["cr/financement.md", "cr/plan.md"]),
    ("Mise en œuvre de la demande", ["cr/financement.md"]),
    ('"mise en œuvre de la demande"', ["cr/financement.md"]),
    ("oeuvre OU de", ["cr/financement.md", "cr/plan.md"]),
    ('entrepreneur:"de la Fontaine"', ["cr/financement.md"]),
    ('entrepreneur:"la fontaine"', ["cr/financement.md"]),  # "fontaine" alone names two people
    ("entrepreneur:fontaine*", ["cr/financement.md", "cr/plan.md"]),
    ("n'diaye", ["cr/ndiaye.md"]),
    ('entrepreneur:"Le Gall"', ["cr/legall.md"]),
    ("le gall", ["cr/legall.md"]),
)


def test_stop_words_never_become_required_through_name_fields(cli, particles):
    for query, expected in STOP_WORD_CASES:
        assert found(cli, particles, query) == expected, query
    # "fontaine" alone names two people: the one person-matching rule asks which one.
    ambiguous = cli("-C", particles, "search", "entrepreneur:fontaine", code=4)
    assert "Jean de la Fontaine" in ambiguous.stderr and "Léa Fontaine" in ambiguous.stderr


@pytest.mark.parametrize(
    "forms",
    [
        ["entrepreneur", "entrepreneurs", "entrepreneuse", "entrepreneuses", "entrepreneure"],
        ["entrepreneur·e·s", "entrepreneur•e•s", "entrepreneur.e.s", "entrepreneur(e)s"],
        ["entrepreneurEs", "ENTREPRENEUR·E·S", "entrepreneur/euse", "entrepreneur·euse"],
        ["accompagnateur", "accompagnatrice", "accompagnateur·rice·s", "accompagnateur/trice"],
        ["formateur", "formatrice"],
        ["directeur", "directrice", "directeurs"],
        ["auteur", "autrice"],
        ["vendeur", "vendeuse"],
        ["heureux", "heureuse"],
        ["conseiller", "conseillère", "conseiller·ère"],
        ["référent", "référente", "référent·e"],
    ],
)
def test_feminine_masculine_and_inclusive_forms_share_one_term(forms):
    assert len({tuple(terms(form)) for form in forms}) == 1, [terms(f) for f in forms]
    assert len(terms(forms[0])) == 1


@pytest.mark.parametrize(
    ("person", "action"),
    [
        ("accompagnateur", "accompagnement"),
        ("accompagnatrice", "accompagner"),
        ("animatrice", "animation"),
        ("animateurs", "animer"),
        ("organisatrice", "organiser"),
        ("formateur", "formation"),
    ],
)
def test_a_persons_noun_has_a_term_apart_from_the_action(person, action):
    assert terms(person) != terms(action)


def test_a_persons_noun_is_found_apart_from_the_action(cli, notebook):
    """« accompagnatrice » is the person: it finds every form of her noun, not the notes about
    the action (Snowball stems accompagnateur as accompagnement); « accompagnement » finds the
    action under every form (accompagner, accompagnée), not the person."""
    person = [
        "L'accompagnatrice",
        "Les accompagnateurs",
        "Un accompagnateur·rice",
        "Accompagnatrices",
    ]
    action = ["L'accompagnement dure six mois.", "Accompagner Léa.", "Léa, accompagnée en mars."]
    for index, body in enumerate(person + action):
        write_note(notebook, f"cr/{index}.md", f"Note {index}", [], "Jean Dupont", body)
    people = [f"cr/{index}.md" for index in range(len(person))]
    acts = [f"cr/{index}.md" for index in range(len(person), len(person) + len(action))]
    for query in ("accompagnatrice", "accompagnateur", "accompagnateur·rice·s", "accompagnatrices"):
        assert found(cli, notebook, query) == people, query
    for query in ("accompagnement", "accompagner", "accompagnée"):
        assert found(cli, notebook, query) == acts, query


def test_inclusive_marks_do_not_glue_other_words():
    assert terms("pole-emploi.fr") == ["pol", "emploi", "fr"]
    assert terms("et/ou") == []
    assert terms("Tour.Eiffel") == terms("tour eiffel")


def test_every_form_of_a_word_finds_every_other(cli, notebook):
    bodies = [
        "Une entrepreneuse du bâtiment.",
        "Elle est entrepreneure salariée.",
        "Les entrepreneur·e·s du mois.",
        "Les entrepreneur.e.s du mois.",
        "Les entrepreneur(e)s du mois.",
        "Les entrepreneurEs du mois.",
        "Un entrepreneur de plus.",
    ]
    for index, body in enumerate(bodies):
        write_note(notebook, f"cr/{index}.md", f"Note {index}", [], "Jean Dupont", body)
    every = [f"cr/{index}.md" for index in range(len(bodies))]
    for query in ("entrepreneur", "entrepreneuse", "Entrepreneure", "entrepreneur·e·s"):
        assert found(cli, notebook, query) == every, query
    assert found(cli, notebook, "entrepreneur(e)s OU rien") == every


def test_an_inclusive_word_is_highlighted_whole(cli, notebook):
    write_note(notebook, "a.md", "Accueil", [], "Jean Dupont", "Les accompagnateur·rice·s.")
    hit = json.loads(cli("-C", notebook, "search", "accompagnatrice", "--json").stdout)[0]
    assert [hit["snippet"][a:b] for a, b in hit["highlights"]] == ["accompagnateur·rice·s"]


def write_from_template(folder: Path, path: str, kind: str, title: str, fill: str = "") -> None:
    """A note as `garefil new` starts it, from the real template, with `fill` under its first
    section (the coach's words)."""
    from importlib import resources
    from string import Template

    custom = folder / ".garefil" / "templates" / f"{kind}.md"
    template = (
        custom.read_text(encoding="utf-8")
        if custom.is_file()
        else (resources.files("garefil") / "templates" / f"{kind}.md").read_text(encoding="utf-8")
    )
    body = Template(template).safe_substitute(
        title=title, date="2024-03-04", entrepreneur="Jean Dupont", referent="Awa Diallo",
        status="actif", activite="",  # as `garefil new fiche` gives them
    )  # fmt: skip
    if fill:
        head, sep, rest = body.partition("\n## ")
        section, _, after = rest.partition("\n")
        body = f"{head}{sep}{section}\n{fill}\n{after}"
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        f"---\ntitle: {title}\ntype: {kind}\ndate: 2024-03-04\n---\n\n{body}", encoding="utf-8"
    )


@pytest.fixture
def from_templates(notebook: Path) -> Path:
    write_from_template(notebook, "cr/vide.md", "cr", "Point mensuel")
    write_from_template(
        notebook,
        "cr/rempli.md",
        "cr",
        "Point trimestriel",
        "Léa veut être accompagnée pour ses décisions d'investissement.",
    )
    write_from_template(notebook, "reunions/lundi.md", "reunion", "Réunion du lundi")
    write_from_template(notebook, "fiches/jean.md", "fiche", "Fiche Jean", "Menuisier.")
    return notebook


TEMPLATE_CASES = (
    ("décisions", ["cr/rempli.md"]),
    ("accomp*", ["cr/rempli.md"]),
    ("contexte", []),
    ("échanges OU tour OU ordre OU vigilance OU activité", []),
    ("menuisier", ["fiches/jean.md"]),
)


def test_template_text_is_not_a_note_word(cli, from_templates):
    for query, expected in TEMPLATE_CASES:
        assert found(cli, from_templates, query) == expected, query


def test_snippets_show_the_coachs_words_not_the_template(cli, from_templates):
    hits = json.loads(cli("-C", from_templates, "search", "type:cr", "--json").stdout)
    snippets = {hit["path"]: hit["snippet"] for hit in hits}
    assert snippets["cr/rempli.md"].startswith("Léa veut être accompagnée")
    assert snippets["cr/vide.md"] == ""
    assert not any(word in " ".join(snippets.values()) for word in ("Contexte", "Échanges"))


def test_the_notebooks_own_template_is_left_out_too(cli, notebook):
    templates = notebook / ".garefil" / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    (templates / "cr.md").write_text("# $title\n\n## Ressenti\n\n- Humeur :\n", encoding="utf-8")
    write_from_template(notebook, "cr/a.md", "cr", "Point A")
    write_from_template(notebook, "cr/b.md", "cr", "Point B", "Ressenti : bon.\n- Humeur : gaie")
    assert found(cli, notebook, "ressenti") == ["cr/b.md"]
    assert found(cli, notebook, "humeur") == []
    assert found(cli, notebook, "gaie") == ["cr/b.md"]


ADOPTED = {
    "import/a.md": """---
title: Atelier numérique
thematiques: [Insertion, Numérique]
usertypes:
  - Porteur de projet
lieu:
  ville: Saint-Étienne
  salle: B12
Organisme: Mission locale
site: https://www.example.org/atelier
contact: jean@example.org
fichier: docs/plan.pdf
annee: 2023
---

Compte-rendu de l'atelier.
""",
    "import/b.md": """---
title: Covoiturage
thematiques: mobilité
lieu: Lyon
---

Trajets partagés.
""",
}


@pytest.fixture
def adopted(notebook: Path) -> Path:
    """Notes written by another tool, with front-matter keys garefil does not know."""
    for path, text in ADOPTED.items():
        (notebook / path).parent.mkdir(parents=True, exist_ok=True)
        (notebook / path).write_text(text, encoding="utf-8")
    return notebook


EXTRA_FIELD_CASES = (
    ("insertion", ["import/a.md"]),
    ("mobilite", ["import/b.md"]),
    ("porteurs de projets", ["import/a.md"]),
    ("saint-etienne", ["import/a.md"]),
    ("thematiques:numerique", ["import/a.md"]),
    ("Thématiques:Mobilité", ["import/b.md"]),
    ('lieu:"saint étienne"', ["import/a.md"]),
    ("organisme:mission", ["import/a.md"]),
    ("usertypes:porteur lieu:b12", ["import/a.md"]),
    ("lieu:lyon OU thematiques:insertion", ["import/a.md", "import/b.md"]),
    ("example", []),
    ("jean", []),
    ("pdf", []),
)


def test_other_front_matter_values_are_searchable(cli, adopted):
    for query, expected in EXTRA_FIELD_CASES:
        assert found(cli, adopted, query) == expected, query


def test_an_unknown_field_error_lists_the_notebooks_fields(cli, adopted):
    result = cli("-C", adopted, "search", "couleur:bleu", code=5)
    assert "couleur" in result.stderr
    assert "thematiques:" in result.stderr and "lieu:" in result.stderr
    assert "Traceback" not in result.output


def listed(cli, notebook: Path, *args: str) -> list[str]:
    result = cli("-C", notebook, "list", "--json", *args)
    return sorted(note["path"] for note in json.loads(result.stdout))


FIELD_FILTER_CASES = (
    (["lieu=LYON"], ["import/b.md"]),
    (["thematiques=numerique"], ["import/a.md"]),
    (["Thématiques=insertion", "usertypes=porteur  de projet"], ["import/a.md"]),
    (["lieu=saint-étienne"], ["import/a.md"]),
    (["organisme=Mission Locale"], ["import/a.md"]),
    (["lieu=Paris"], []),
    (["thematiques=insertion", "lieu=lyon"], []),
)


def test_list_filters_on_other_front_matter_fields(cli, adopted):
    for filters, expected in FIELD_FILTER_CASES:
        args = [arg for value in filters for arg in ("--champ", value)]
        assert listed(cli, adopted, *args) == expected, filters
    # The first list built the index from the files; these were answered from the catalogue.
    assert json.loads(cli("-C", adopted, "index", "--json").stdout)["added"] == 0


def test_a_bad_field_filter_is_one_clear_error(cli, adopted):
    for value, fragment in (("couleur=bleu", "thematiques"), ("lieu", "CHAMP=VALEUR")):
        result = cli("-C", adopted, "list", "--champ", value, code=5)
        assert fragment in result.stderr and "Traceback" not in result.output


def test_a_hostile_header_cannot_blow_up_the_other_fields():
    import time

    import yaml

    from garefil.core.fields import MAX_VALUES, extra_fields

    def bomb(leaf: str, names: str) -> list[str]:  # YAML aliases: 9 ** len(names) leaves
        return [f"{names[0]}: &{names[0]} [{leaf}]"] + [
            f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]"
            for previous, name in zip(names, names[1:], strict=False)
        ]

    start = time.monotonic()
    words = dict(extra_fields(yaml.safe_load("\n".join(bomb("x, [y, z]", "abcdef")))))
    numbers = yaml.safe_load("\n".join([*bomb("1, [2, 3]", "ghijklmn"), "lieu: Lyon"]))
    assert dict(extra_fields(numbers)) == {"lieu": ("Lyon",)}
    assert time.monotonic() - start < 2  # without a budget: 9 ** 8 values to visit
    assert len(words["f"]) == MAX_VALUES and set(words["f"]) == {"x", "y", "z"}


def test_index_counts_notes_as_list_does_and_the_other_files_apart(cli, searchable, tmp_path):
    # What a clash leaves, what a teammate commits: a conflict copy, two links leading outside
    # the notebook, an unreadable note, beside the four notes.
    copy = (searchable / "cr" / "b.md").read_text(encoding="utf-8").replace("Cotis", "Autre")
    (searchable / "cr" / "b.conflit-karim.md").write_text(copy, encoding="utf-8")
    outside = tmp_path / "ailleurs.md"
    outside.write_text("---\ntitle: secret\n---\n", encoding="utf-8")
    (searchable / "lien1.md").symlink_to(outside)
    (searchable / "lien2.md").symlink_to(outside)
    (searchable / "casse.md").write_text("---\ntitle: [oops\n---\nemploi\n", encoding="utf-8")
    listed = json.loads(cli("-C", searchable, "list", "--json").stdout)
    summary = json.loads(cli("-C", searchable, "index", "--json").stdout)
    assert summary["notes"] == len(listed) == 4
    others = (summary["unreadable"], summary["links_skipped"], summary["conflict_copies"])
    assert others == (1, 2, 1)
    assert summary["files"] == 8
    done = cli("-C", searchable, "index")
    human = done.stdout + done.stderr
    assert "4 notes dans l'index" in human
    for line in ("1 fichier illisible", "2 liens symboliques ignorés", "1 copie de conflit"):
        assert line in human


def test_a_query_of_exclusions_only_finds_every_note_without_them(cli, searchable):
    """`-cotisations` alone reads as `NOT cotisations` does: every note but those."""
    every = sorted(n["path"] for n in json.loads(cli("-C", searchable, "list", "--json").stdout))
    without = [path for path in every if path not in found(cli, searchable, "cotisations")]
    assert without and len(without) < len(every)
    assert found(cli, searchable, "NOT cotisations") == without
    assert found(cli, searchable, "--", "-cotisations") == without
    assert found(cli, searchable, "--", "-cotisations -prime") == [
        path for path in without if path not in found(cli, searchable, "prime")
    ]


def test_a_status_query_finds_the_same_notes_accented_or_not_under_each_name(cli, demo_notebook):
    def found(query: str) -> list[str]:
        hits = json.loads(cli("-C", demo_notebook, "search", query, "--json").stdout)
        return sorted(hit["path"] for hit in hits)

    sent = found("etat:envoye")
    assert sent and found("etat:envoyé") == sent == found("ÉTAT:Envoyé") == found("status:envoye")
    assert found("statut:envoyé") == sent  # as the --statut option names it
    assert found("etat:prévu") == found("etat:prevu") != []


def test_an_unknown_status_in_a_query_lists_the_known_ones_as_the_option_does(cli, demo_notebook):
    option = cli("-C", demo_notebook, "search", "aide", "--statut", "inconnu", code=5).stderr
    for query in ("statut:inconnu", "aide etat:inconnu", "(aide OR prime) AND status:inconnu"):
        refused = cli("-C", demo_notebook, "search", query, code=5).stderr
        assert "inconnu" in refused and "envoyé" in refused and "prévu" in refused, refused
        assert refused.splitlines()[1:] == option.splitlines()[1:]  # the same list of states
    cli("-C", demo_notebook, "search", "statut:env*")  # a prefix is not a state to check


def test_a_field_filter_on_an_address_says_addresses_are_left_out_not_that_none_has_it(
    cli, demo_notebook
):
    refused = cli(
        "-C", demo_notebook, "list", "--champ", "email=chloe.marchand@exemple.org", code=5
    )
    assert "Aucune note n'a" not in refused.stderr and "adresses" in refused.stderr
    assert "garefil entrepreneurs" in refused.stderr, refused.stderr
    shown = cli("-C", demo_notebook, "entrepreneurs").stdout
    assert "chloe.marchand@exemple.org" in shown  # where the hint sends the coach
    unknown = cli("-C", demo_notebook, "list", "--champ", "couleur=bleu", code=5).stderr
    assert "Aucune note n'a de champ « couleur »" in unknown


def test_a_dangling_operator_s_example_uses_the_operator_of_the_coach_s_language(
    run_garefil, demo_notebook
):
    french = run_garefil("-C", demo_notebook, "search", "OU", env={"GAREFIL_LANG": "fr"})
    assert french.returncode == 5 and '"urssaf OU caf"' in french.stderr, french.stderr
    english = run_garefil("-C", demo_notebook, "search", "OR", env={"GAREFIL_LANG": "en"})
    assert english.returncode == 5 and '"urssaf OR caf"' in english.stderr, english.stderr
    # and the example works as it is written
    assert run_garefil("-C", demo_notebook, "search", "urssaf OU caf").returncode == 0


def test_two_operators_in_a_row_are_refused_without_touching_the_index(run_garefil, demo_notebook):
    run_garefil("-C", demo_notebook, "index")
    built = sorted((generation(demo_notebook) / "whoosh").iterdir())
    for query in ("pôle SAUF SAUF emploi", "pôle ANDNOT SAUF emploi", "urssaf ET OU caf"):
        refused = run_garefil("-C", demo_notebook, "search", query)
        assert refused.returncode == 5, refused.stderr
        assert "deux opérateurs" in refused.stderr and "Traceback" not in refused.stderr
        assert "illisible" not in refused.stderr and "reconstruit" not in refused.stderr
    assert sorted((generation(demo_notebook) / "whoosh").iterdir()) == built  # no rebuild
    assert run_garefil("-C", demo_notebook, "search", "pôle ET NOT urssaf").returncode == 0


def test_a_query_the_engine_cannot_read_is_the_querys_fault_not_the_indexs(cli, demo_notebook):
    from garefil.adapters.whoosh_index import WhooshFullText
    from garefil.core.errors import InvalidQuery

    cli("-C", demo_notebook, "index")
    engine = WhooshFullText(generation(demo_notebook) / "whoosh")
    with pytest.raises(InvalidQuery):  # Whoosh's own parser fails on two ANDNOT in a row
        engine.search("pôle ANDNOT ANDNOT emploi", NoteFilter(), 5)
    assert engine.search("pôle emploi", NoteFilter(), 5)


def test_notes_of_equal_score_come_in_the_same_order_whichever_was_indexed_first(cli, tmp_path):
    """Two coaches' indexes add the same notes in different orders: a search must still list
    them alike, equal scores by path (Whoosh ranks them by the order it added them)."""
    orders = []
    for name, paths in (("awa", ("cr/a.md", "cr/b.md")), ("karim", ("cr/b.md", "cr/a.md"))):
        folder = tmp_path / name
        cli("init", folder)
        for path in paths:  # one at a time: each update adds one document after the other
            write_note(folder, path, "Point", ["urssaf"], "Jean Dupont", "Cotisations à jour.")
            cli("-C", folder, "index")
        hits = json.loads(cli("-C", folder, "search", "cotisations", "--json").stdout)
        orders.append([hit["path"] for hit in hits])
    assert orders[0] == orders[1] == ["cr/a.md", "cr/b.md"], orders
