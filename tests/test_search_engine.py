"""How the full-text index answers: each plain word looked up once, weights kept, no phrase
across the parts of a note."""

from __future__ import annotations

import gc
import json
from datetime import date, timedelta
from pathlib import Path

from whoosh import index
from whoosh.query import Or, Term

from garefil.adapters import whoosh_index, whoosh_query, whoosh_ranking
from garefil.core.model import NoteFilter
from test_search import NOTES, generation, write_note


def _query(notebook: Path, text: str):
    ix = index.open_dir(str(generation(notebook) / "whoosh"))
    try:
        return whoosh_query._parser(ix.schema).parse(text)
    finally:
        ix.close()


def _ranked(cli, notebook: Path, *words: str) -> list[str]:
    hits = json.loads(cli("-C", notebook, "search", "--json", *words).stdout)
    return [hit["path"] for hit in hits]


def test_a_plain_word_is_looked_up_in_one_field_only(cli, notebook):
    for path, (title, tags, who, body) in NOTES.items():
        write_note(notebook, path, title, tags, who, body)
    cli("-C", notebook, "index")
    query = _query(notebook, "cotisations urssaf")
    assert sorted(query.iter_all_terms()) == [("text", "cotis"), ("text", "urssaf")]
    assert _ranked(cli, notebook, "cotisations", "urssaf") == ["cr/b.md"]
    assert sorted(_ranked(cli, notebook, "jean", "dupont")) == ["cr/a.md", "divers/d.md"]


def test_a_phrase_does_not_span_the_title_and_the_body(cli, notebook):
    write_note(notebook, "cr/x.md", "Point pôle", [], "Awa Diallo", "Emploi du temps chargé.")
    write_note(notebook, "cr/y.md", "Point", [], "Awa Diallo", "Le pôle emploi appelle.")
    assert _ranked(cli, notebook, '"pôle emploi"') == ["cr/y.md"]
    assert _ranked(cli, notebook, "pôle", "emploi") == ["cr/x.md", "cr/y.md"]


WORDS = ["urssaf", "cotisations", "devis", "reliquat", "acre", "relance", "bilan", "caf"]


def _notes(notebook: Path, count: int, round_: int) -> None:
    """`count` notes whose words and lengths vary, so that scores differ (and some tie)."""
    for number in range(count):
        words = [WORDS[(number * 3 + k * round_) % len(WORDS)] for k in range(1 + number % 5)]
        body = " ".join(words * (1 + number % 3)) + " fin" * (number % 7)
        title = WORDS[number % len(WORDS)].title()
        write_note(notebook, f"cr/n{number:03}.md", title, [], "Awa Diallo", body)


def test_plain_words_are_ranked_exactly_as_whoosh_ranks_them(cli, notebook):
    _notes(notebook, 30, 1)
    cli("-C", notebook, "index")
    _notes(notebook, 12, 2)  # an update: deleted documents and a second segment
    (notebook / "cr/n029.md").unlink()
    cli("-C", notebook, "index")
    ix = index.open_dir(str(generation(notebook) / "whoosh"))
    queries = ["urssaf", "devis relance", "bilan caf urssaf", "titre:devis", "absent", "acre fin"]
    queries += ['"cotisations devis"', '"bilan caf urssaf"', '"fin fin"', '"relance devis"']
    queries += ['"urssaf cotisations"', '"acre fin"']  # phrases held by few of their notes
    unions = ['(devis relance) OR "bilan caf"', "urssaf OR caf", "urssaf OR dev*", "acre OR absent"]
    unions += ['(urssaf) OR "urssaf cotisations" OR "caf urssaf"', '(fin) OR "acre fin"']
    only = Or([Term("path", f"cr/n{number:03}.md") for number in range(0, 30, 3)])
    try:
        with ix.searcher() as searcher:
            assert len(searcher.leaf_searchers()) > 1 and searcher.reader().has_deletions()
            for text in queries + unions:
                query = whoosh_query._parser(ix.schema).parse(text)
                assert (whoosh_ranking.plain_words(query) is not None) is (text in queries), text
                assert whoosh_ranking._plain_union(query) is (text in unions), text
                for limit, allowed in ((5, None), (None, None), (20, only)):
                    fast = whoosh_ranking.ranked(searcher, query, allowed, limit)
                    slow = searcher.search(query, limit=limit, filter=allowed)
                    assert [d for _, d in fast] == [h.docnum for h in slow], (text, limit)
                    assert [round(s, 9) for s, _ in fast] == [round(h.score, 9) for h in slow]
                    assert fast or text in ("absent", '"relance devis"') or allowed is not None
    finally:
        ix.close()


def test_other_queries_are_left_to_whoosh(cli, notebook):
    _notes(notebook, 5, 1)
    cli("-C", notebook, "index")
    ix = index.open_dir(str(generation(notebook) / "whoosh"))
    try:
        for text in ['"devis relance"~3', "devis -caf", "dev*", "titre:devis^2", "NOT caf"]:
            assert whoosh_ranking.plain_words(whoosh_query._parser(ix.schema).parse(text)) is None
        with ix.searcher() as searcher:  # tags and types are scored by weight: Whoosh ranks them
            assert whoosh_ranking._candidates(searcher, "type", ["cr"], False, None) is None
    finally:
        ix.close()


def test_the_index_is_read_from_its_files_not_copied_into_memory(cli, notebook):
    _notes(notebook, 5, 1)
    cli("-C", notebook, "index")
    ix = whoosh_index.WhooshFullText(generation(notebook) / "whoosh")._open()
    try:
        # A mapped segment is copied whole into memory by each reader Whoosh opens on it.
        assert ix.storage.supports_mmap is False
        assert _ranked(cli, notebook, "urssaf")
    finally:
        ix.close()


def test_filters_allow_the_notes_whoosh_allows(cli, notebook):
    for number in range(40):
        day = date(2021, 1, 1) + timedelta(days=23 * number)
        kind, tag = ("cr", "rdv", "fiche")[number % 3], ("urssaf", "caf")[number % 2]
        (notebook / f"n{number:02}.md").write_text(
            f"---\ntitle: Note {number}\ntype: {kind}\ndate: {day}\ntags: [{tag}]\n"
            f"entrepreneur: Jean Dupont\n---\n\nDevis relance {number}.\n",
            encoding="utf-8",
        )
    cli("-C", notebook, "index")
    (notebook / "n07.md").unlink()  # a deleted document
    cli("-C", notebook, "index")
    filters = [
        NoteFilter(since=date(2022, 1, 1)),
        NoteFilter(until=date(2021, 9, 30)),
        NoteFilter(since=date(2021, 6, 1), until=date(2022, 2, 1), types=("cr", "fiche")),
        NoteFilter(tags=("caf",), types=("rdv",), entrepreneur="Jean Dupont"),
        NoteFilter(since=date(2030, 1, 1)),
    ]
    ix = whoosh_index.WhooshFullText(generation(notebook) / "whoosh")._open()
    try:
        with ix.searcher() as searcher:
            for wanted in filters:
                only = whoosh_index._filter(wanted)
                allowed = whoosh_ranking.filter_docs(searcher, only)
                assert allowed == set(searcher.docs_for_query(only)), wanted
                assert allowed or wanted.since == date(2030, 1, 1)
    finally:
        ix.close()
    assert len(_ranked(cli, notebook, "devis", "--since", "2022-01-01", "-n", "50")) == 24
    assert len(_ranked(cli, notebook, "devis", "--since", "2022-01-01", "--type", "cr")) == 8


def test_an_empty_notebook_is_searched_without_a_rebuild(cli, notebook):
    for words in (["urssaf"], ['"pôle emploi"'], ["urssaf", "--since", "2022-01-01"]):
        result = cli("-C", notebook, "search", "--json", *words)
        assert json.loads(result.stdout) == [] and "rebuilt" not in result.stderr, words


def test_updates_pile_up_a_bounded_number_of_segments_and_lose_no_change(cli, notebook):
    # Each update writes a small segment; they are merged only once enough have piled up, so
    # the index never grows without bound, and a note changed before a merge is still found.
    write_note(notebook, "cr/base.md", "Base", [], "Awa Diallo", "rien")
    cli("-C", notebook, "index")
    counts = []
    for round_ in range(whoosh_index.PILED_UP + 3):
        write_note(notebook, f"cr/u{round_}.md", "Suite", [], "Awa Diallo", f"mot{round_}x")
        cli("-C", notebook, "index")
        counts.append(len(list((generation(notebook) / "whoosh").glob("*.seg"))))
    assert counts[:6] == [2, 3, 4, 5, 6, 7]  # Whoosh alone merges them at the sixth
    assert max(counts) <= whoosh_index.PILED_UP and counts[-1] < whoosh_index.PILED_UP
    for round_ in range(whoosh_index.PILED_UP + 3):
        assert _ranked(cli, notebook, f"mot{round_}x") == [f"cr/u{round_}.md"]


def test_a_build_on_every_core_in_chunks_ranks_as_one_process_does(cli, notebook, monkeypatch):
    _notes(notebook, 40, 1)
    cli("-C", notebook, "index", "--rebuild")
    alone = [_ranked(cli, notebook, word) for word in WORDS]
    monkeypatch.setenv("GAREFIL_BIG_BUILD", "10")
    monkeypatch.setenv("GAREFIL_BUILD_CHUNK", "15")  # 40 notes: three commits
    cli("-C", notebook, "index", "--rebuild")
    assert len(list((generation(notebook) / "whoosh").glob("*.seg"))) >= 3
    # What the build froze before forking its writing processes is given back to the collector:
    # this process goes on.
    assert gc.get_freeze_count() == 0
    assert [_ranked(cli, notebook, word) for word in WORDS] == alone
    write_note(notebook, "cr/n000.md", "Urssaf", [], "Awa Diallo", "tout nouveau")
    cli("-C", notebook, "index")  # an update after a chunked build
    assert _ranked(cli, notebook, "nouveau") == ["cr/n000.md"]
