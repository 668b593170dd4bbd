"""A name written with an elided particle is found whichever way it is written or typed.

Coaches write « Fatou N'Diaye » in one note and « Fatou Ndiaye » in the next, « D'Almeida » or
« Dalmeida »: the index also holds the joined form of such a name, and a query's elided word is
looked up under both forms, while ordinary elisions (« d'abord », « l'accompagnement ») find
what they found before.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from garefil.adapters.french_analysis import FrenchAnalyzer, terms
from garefil.core.search import Sought

NOTES = {
    "cr/apostrophe.md": ("Fatou N'Diaye", "Fatou N'Diaye prépare son devis de traiteur."),
    "cr/collee.md": ("Fatou Ndiaye", "Point avec Fatou Ndiaye sur le devis."),
    "cr/courbe.md": ("Ana D’Almeida", "Ana D’Almeida ouvre son atelier ; voir d'abord l'Urssaf."),
    "cr/sans.md": ("Ana Dalmeida", "Ana Dalmeida signe le contrat."),
    "cr/autre.md": ("Jean Dupont", "L'accompagnement de Jean commence ; qu'il vienne lundi."),
}
FATOU = {"cr/apostrophe.md", "cr/collee.md"}
ANA = {"cr/courbe.md", "cr/sans.md"}


@pytest.fixture
def names(tmp_path: Path) -> Path:
    """A notebook whose notes write the same two people each two ways."""
    return notebook_of(tmp_path / "carnet", NOTES)


def notebook_of(folder: Path, notes: dict[str, tuple[str, str]]) -> Path:
    """A notebook at `folder` holding, at each path, a CR about (entrepreneur, body)."""
    (folder / ".garefil").mkdir(parents=True)
    (folder / ".garefil" / "config.toml").write_text("", encoding="utf-8")
    for path, (who, body) in notes.items():
        (folder / path).parent.mkdir(exist_ok=True)
        header = f"---\ntitle: Rendez-vous\ntype: cr\nentrepreneur: {who}\n---\n\n"
        (folder / path).write_text(f"{header}{body}\n", encoding="utf-8")
    return folder


def found(cli, folder: Path, *args: str) -> set[str]:
    result = cli("-C", folder, "search", *args, "--json", "--limit", "50")
    return {hit["path"] for hit in json.loads(result.stdout)}


@pytest.mark.parametrize(
    "query",
    ["N'Diaye", "ndiaye", "n'diaye", "n’diaye", "NDIAYE", "Fatou Ndiaye", "Fatou N'Diaye"],
)
def test_search_finds_a_name_written_with_or_without_its_apostrophe(cli, names, query):
    assert found(cli, names, query) == FATOU


@pytest.mark.parametrize("query", ["dalmeida", "D'Almeida", "d’almeida", "Ana Dalmeida"])
def test_search_finds_d_almeida_both_ways(cli, names, query):
    assert found(cli, names, query) == ANA


def test_a_phrase_with_the_name_finds_both_spellings(cli, names):
    assert found(cli, names, '"Fatou Ndiaye"') == FATOU
    assert found(cli, names, '"Fatou N\'Diaye"') == FATOU


def test_the_entrepreneur_filter_and_field_find_both_spellings(cli, names):
    assert found(cli, names, "-e", "ndiaye", "devis") == FATOU
    assert found(cli, names, "-e", "Fatou N'Diaye") == FATOU
    assert found(cli, names, "entrepreneur:ndiaye") == FATOU
    assert found(cli, names, 'entrepreneur:"N\'Diaye"') == FATOU
    assert found(cli, names, "ent:dalmeida") == ANA
    listed = cli("-C", names, "list", "-e", "N'Diaye", "--json").stdout
    assert {note["path"] for note in json.loads(listed)} == FATOU


def test_ordinary_elisions_find_what_they_found(cli, names):
    assert found(cli, names, "d'abord") == {"cr/courbe.md"}
    assert found(cli, names, "l'accompagnement") == {"cr/autre.md"}
    assert found(cli, names, "urssaf") == found(cli, names, "l'Urssaf") == {"cr/courbe.md"}
    assert found(cli, names, "qu'il vienne") == {"cr/autre.md"}  # « qu'il » stays a stop word
    refused = cli("-C", names, "search", "qu'il", code=5)
    assert "courants" in refused.stderr


def test_the_joined_name_takes_the_name_s_position():
    analyzer = FrenchAnalyzer()
    assert analyzer.indexed("Moussa N'Diaye, le D’Almeida") == (
        ["mouss", "diay", "almeid"],
        [(1, "ndiay"), (2, "dalmeid")],
    )
    assert terms("O'Neill") == ["o", "neil", "oneil"]
    assert terms("d'abord l'accompagnement qu'il") == ["abord", "accompagn"]
    ordinary = analyzer.indexed("Voir d'abord l'accompagnement.")
    assert ordinary == (["voir", "abord", "accompagn"], [])


def test_the_snippet_highlights_the_name_as_written(cli, names):
    result = cli("-C", names, "search", "ndiaye", "--json")
    shown = {
        hit["path"]: [hit["snippet"][start:end] for start, end in hit["highlights"]]
        for hit in json.loads(result.stdout)
    }
    assert shown == {"cr/apostrophe.md": ["N'Diaye"], "cr/collee.md": ["Ndiaye"]}


def test_a_joined_form_no_note_holds_leaves_the_query_plain():
    from whoosh.filedb.filestore import RamStorage
    from whoosh.query import And, Or, Term

    from garefil.adapters.whoosh_index import build_schema
    from garefil.adapters.whoosh_query import parse, without_absent

    schema = build_schema()
    ix = RamStorage().create_index(schema)
    writer = ix.writer()
    writer.add_document(path="a.md", text=[(1.0, "D'abord l'accompagnement de Fatou N'Diaye.")])
    writer.commit()
    with ix.searcher() as searcher:
        plain = without_absent(parse(schema, "d'abord l'accompagnement"), searcher.reader())
        named = without_absent(parse(schema, "n'diaye"), searcher.reader())
    # And of plain words: ranked by whoosh_ranking's fast path, not by Whoosh's matchers
    assert plain == And([Term("text", "abord"), Term("text", "accompagn")])
    assert named == Or([Term("text", "diay"), Term("text", "ndiay")])


@pytest.mark.parametrize(
    "text",
    [
        "N'Diaye",
        "'Diaye l'Urssaf",
        "xN'Diaye abN'Diaye qu’Ali L'ÉTAT d'Ørsted l'œuvre d'abord",
        "Jeanne d‘Arc, O’Neill et d'Élodie ; aujourd'Hui N''Diaye 1'Diaye _'Diaye",
    ],
)
def test_particles_are_those_before_a_capital(text):
    from garefil.adapters.name_particles import _PARTICLE, particles

    everywhere = [m.span() for m in re.finditer(_PARTICLE, text) if text[m.end()].isupper()]
    assert [m.span() for m in particles(text)] == everywhere


def test_a_coach_s_terminal_finds_both_spellings(run_garefil, names):
    for query in ("ndiaye", "n'diaye"):
        done = run_garefil("-C", names, "search", query, "--json")
        assert done.returncode == 0, done.stderr
        assert {hit["path"] for hit in json.loads(done.stdout)} == FATOU


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="NDdlqu'’ aéÉ-.,ÆŒ1", max_size=40))
@example("Moussa N'Diaye, le D’Almeida et N'Diaye-Sow")
def test_indexing_and_the_token_protocol_give_the_same_positions(text):
    analyzer = FrenchAnalyzer()
    found, joined = analyzer.indexed(text)
    indexed = sorted([*enumerate(found), *joined])
    tokens = sorted((t.pos, t.text) for t in analyzer(text, positions=True))
    assert indexed == tokens
    assert all(0 <= position < len(found) for position, _ in joined)


def test_a_one_letter_particle_is_shown_once_in_the_snippet(cli, tmp_path):
    """« o'neill » seeks the word « O » too: its highlight and the whole name's were two that
    overlapped, and the snippet read « Sean OO'Neill »."""
    folder = tmp_path / "carnet"
    (folder / ".garefil").mkdir(parents=True)
    (folder / ".garefil" / "config.toml").write_text("", encoding="utf-8")
    header = "---\ntitle: Compta\ntype: cr\nentrepreneur: Sean O'Neill\n---\n\n"
    (folder / "compta.md").write_text(f"{header}Sean O'Neill : comptabilité.\n", "utf-8")
    for query in ("o'neill", "O’Neill", "Sean O'Neill"):
        (hit,) = json.loads(cli("-C", folder, "search", query, "--json").stdout)
        assert hit["snippet"] == "Sean O'Neill : comptabilité.", query
        assert [hit["snippet"][a:b] for a, b in hit["highlights"]][-1] == "O'Neill", query


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="NOnoDd'’ aeéÉ-.l", max_size=40),
    st.sets(st.sampled_from(["o", "n", "d", "ndiay", "oneil", "neil", "diay", "e", "l"])),
)
@example("Sean O'Neill et O seul", {"o", "neil", "oneil"})
def test_highlights_never_overlap(text, sought):
    spans = FrenchAnalyzer().find(text, Sought(terms=frozenset(sought)))
    assert spans == sorted(spans)
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:], strict=False))


LONG = (
    " Le rendez-vous a porté sur le chiffre d'affaires du trimestre, les devis en attente, la"
    " trésorerie, les assurances et le calendrier des prochaines étapes avec la coopérative."
)


def ranking(cli, tmp_path: Path, spelling: str, query: str) -> list[str]:
    """The ranking for `query` among two CRs of Fatou Ndiaye and a note about someone else
    that mentions her as `spelling` writes her name."""
    notes = {
        "cr/premier.md": ("Fatou Ndiaye", "Fatou présente son projet de traiteur." + LONG),
        "cr/local.md": ("Fatou Ndiaye", "Fatou a trouvé un local." + LONG * 2),
        "cr/karim.md": ("Karim Benali", f"Karim a croisé Fatou {spelling} au comité."),
        "cr/jean.md": ("Jean Dupont", "Rien sur Fatou ici." + LONG),
    }
    folder = notebook_of(tmp_path / spelling.replace("'", "_"), notes)
    result = cli("-C", folder, "search", query, "--json")
    return [hit["path"] for hit in json.loads(result.stdout)]


@pytest.mark.parametrize("query", ["Fatou N'Diaye", "fatou n'diaye", '"Fatou N\'Diaye"'])
def test_a_name_counts_once_whichever_way_a_note_writes_it(cli, tmp_path, query):
    """A note that writes « N'Diaye » holds the name under both forms (diaye, ndiaye): counted
    twice, and the rarer form weighing more, a note merely mentioning her outranked her own CR.
    Each note now ranks as it would if it wrote « Ndiaye »."""
    written, joined = (
        ranking(cli, tmp_path, spelling, query) for spelling in ("N'Diaye", "Ndiaye")
    )
    assert written == joined
    if not query.startswith('"'):  # her own CR, found as hers (entrepreneur), comes first
        assert written.index("cr/premier.md") < written.index("cr/karim.md"), written


def test_an_elided_word_counts_once_too(cli, tmp_path):
    """« l'Urssaf » is indexed as urssaf and lurssaf: `l'urssaf` scored both, so that the note
    writing it so counted it twice and came first. Both notes now score alike."""
    notes = {
        "cr/avec.md": ("Jean Dupont", "Courrier de l'Urssaf reçu hier."),
        "cr/sans.md": ("Léa Fontaine", "Courrier de Urssaf reçu hier."),
        "cr/autre.md": ("Hugo Lefèvre", "Rien à voir."),
    }
    folder = notebook_of(tmp_path / "carnet", notes)
    hits = json.loads(cli("-C", folder, "search", "l'urssaf", "--json").stdout)
    scores = {hit["path"]: hit["score"] for hit in hits}
    assert set(scores) == {"cr/avec.md", "cr/sans.md"}
    assert scores["cr/avec.md"] < scores["cr/sans.md"] * 1.05, scores
