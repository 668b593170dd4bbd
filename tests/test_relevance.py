"""Relevance on the French test set (tests/relevance/corpus.py): nothing relevant is missed."""

from __future__ import annotations

import importlib.util
import json
import sys

from conftest import PROJECT

spec = importlib.util.spec_from_file_location("relevance", PROJECT / "benchmarks" / "relevance.py")
relevance = importlib.util.module_from_spec(spec)
sys.modules["relevance"] = relevance  # dataclasses look their module up there
spec.loader.exec_module(relevance)


def test_every_query_finds_all_its_notes_with_good_precision(cli, tmp_path):
    notes, queries = relevance.load_corpus()
    first = relevance.load_first()
    folder = tmp_path / "pertinence"
    relevance.write_notebook(folder, notes)
    precisions = []
    for query, expected in queries.items():
        result = cli("-C", folder, "search", query, "--json", "--limit", "100")
        ranked = [hit["path"] for hit in json.loads(result.stdout)]
        precision, recall = relevance.ratio(set(ranked), expected)
        assert recall == 1.0, f"{query!r} missed {sorted(expected - set(ranked))}"
        assert relevance.first_right(ranked, first.get(query)) is not False, (query, ranked)
        precisions.append(precision)
    assert sum(precisions) / len(precisions) >= 0.9


def test_grep_baseline_misses_what_search_finds(tmp_path):
    notes, queries = relevance.load_corpus()
    relevance.write_notebook(tmp_path, notes)
    found = relevance.grep_finds(tmp_path, "pôle emploi")
    assert relevance.ratio(found, queries["pôle emploi"])[1] < 0.5
