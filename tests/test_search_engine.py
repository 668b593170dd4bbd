"""How the full-text index answers: each plain word looked up once, weights kept, no phrase
across the parts of a note."""

from __future__ import annotations

import json
from pathlib import Path

from whoosh import index

from garefil.adapters import whoosh_index
from test_search import NOTES, generation, write_note


def _query(notebook: Path, text: str):
    ix = index.open_dir(str(generation(notebook) / "whoosh"))
    try:
        return whoosh_index._parser(ix.schema).parse(text)
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
