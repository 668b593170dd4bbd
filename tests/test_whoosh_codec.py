"""The codec that keeps lengths at hand writes the very files Whoosh's own codec writes."""

from __future__ import annotations

from pathlib import Path

from whoosh import index
from whoosh.codec.whoosh3 import W3Codec

from garefil.adapters.whoosh_codec import LengthsAtHand
from garefil.adapters.whoosh_index import build_schema

WORDS = [
    "accompagnement",
    "cotisations",
    "urssaf",
    "statut",
    "cape",
    "pôle",
    "emploi",
    "devis",
    "reliquat",
    "arrêt",
]


def _documents() -> list[dict[str, object]]:
    documents = []
    for number in range(60):
        # Lengths from 1 to several hundred words (length bytes are a log scale), fields left
        # out on some notes and on the last ones (past the end of their column).
        body = " ".join(WORDS[(number + k) % len(WORDS)] for k in range(1 + number * number % 700))
        document = {"path": f"cr/{number}.md", "text": [(1.0, body)], "title": WORDS[number % 10]}
        if number % 3 == 0 and number < 50:
            document["entrepreneur"] = "Fatou N'Diaye" if number % 2 else "Jean de La Fontaine"
        documents.append(document)
    return documents


def _segment_files(folder: Path, codec) -> dict[str, bytes]:
    folder.mkdir()
    ix = index.create_in(str(folder), build_schema())
    writer = ix.writer(codec=codec, compound=False)  # one file per part, to compare each
    for document in _documents():
        writer.add_document(**document)
    writer.commit()
    with ix.reader() as reader:
        segment = reader.segment()
    ix.close()
    prefix = f"{segment.indexname}_{segment.segid}"
    return {
        path.name.removeprefix(prefix): path.read_bytes()
        for path in folder.iterdir()
        if path.name.startswith(prefix)
    }


def test_the_segment_files_are_those_of_whooshs_own_codec(tmp_path):
    own = _segment_files(tmp_path / "own", W3Codec())
    ours = _segment_files(tmp_path / "ours", LengthsAtHand())
    assert sorted(own) == sorted(ours)
    assert ".pst" in own  # the postings, where the lengths count
    for name in own:
        assert ours[name] == own[name], name


def test_the_index_names_no_class_of_garefils(tmp_path):
    folder = tmp_path / "index"
    _segment_files(folder, LengthsAtHand())
    table = b"".join(path.read_bytes() for path in folder.glob("*.toc"))
    assert b"W3Codec" in table
    assert b"LengthsAtHand" not in table
    assert b"whoosh_codec" not in table
