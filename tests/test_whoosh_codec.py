"""The codec and writers that write with less Python per posting write the very files Whoosh's
own codec and writers write, for every kind of segment a notebook's index gets."""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path

from whoosh import index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import NO_MERGE

from garefil.adapters.whoosh_codec import LengthsAtHand
from garefil.adapters.whoosh_index import EXTRA_PREFIX, TEXT_PARTS, build_schema
from garefil.adapters.whoosh_writers import ListedPostings, parallel_writer, segment_writer

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
PEOPLE = ["Fatou N'Diaye", "Jean de La Fontaine", "Zoé Martin"]


def _document(number: int) -> dict[str, object]:
    """A note's document as the index makes it: positions (title, text…), none (path, type,
    tags), a date, the weighted parts of `text`, fields left out on some notes."""
    # Lengths from 1 to several hundred words (length bytes are a log scale); « accompagnement »
    # in every note (more postings than a block holds), one word of its own (a single posting).
    words = " ".join(WORDS[(number + k) % len(WORDS)] for k in range(number * number % 700))
    own_word = "dossier" + "".join(chr(ord("a") + int(digit)) for digit in str(number))
    body = f"accompagnement {own_word} {words}"
    title = WORDS[number % 10]
    tags = [WORDS[number % 7], WORDS[number % 3]]
    person = PEOPLE[number % 3]
    document: dict[str, object] = {
        "path": f"cr/{number}.md",
        "type": ["cr", "rdv", "demande"][number % 3],
        "tags": ",".join(tags),
        "title": title,
        "tagtext": " ".join(tags),
        "text": [
            (TEXT_PARTS["title"], title),
            (TEXT_PARTS["tagtext"], " ".join(tags)),
            (TEXT_PARTS["body"], body),
            (TEXT_PARTS["people"], person),
        ],
        "date": datetime(2024, 1 + number % 12, 1 + number % 28),
    }
    if number % 3 == 0 and number < 250:  # absent from the last notes: past their column's end
        document["entrepreneur"] = person
        document["status"] = "ouvert"
    if number % 5 == 0:
        document[EXTRA_PREFIX + "financeur"] = "Pôle emploi"
    return document


def _writer(ix, ours: bool, procs: int = 1, **kwargs):
    """Ours, or Whoosh's own; one file per part of a segment, to compare each."""
    if not ours:
        return ix.writer(procs=procs, multisegment=True, codec=W3Codec(), compound=False, **kwargs)
    if procs > 1:
        return parallel_writer(ix, procs, codec=LengthsAtHand(), compound=False, **kwargs)
    return segment_writer(ix, codec=LengthsAtHand(), compound=False, **kwargs)


def _full_build(folder: Path, ours: bool, limitmb: float = 128) -> None:
    ix = index.create_in(str(folder), build_schema())
    writer = _writer(ix, ours, limitmb=limitmb)
    for number in range(300):
        writer.add_document(**_document(number))
    writer.commit()
    ix.close()


def _build_on_every_core(folder: Path, ours: bool) -> None:
    """As a large full build: writing processes, a segment per run of notes. Each run is less
    than Whoosh's batch of 100 documents: one process writes it, so its segment is known."""
    ix = index.create_in(str(folder), build_schema())
    for start in range(0, 270, 90):
        writer = _writer(ix, ours, procs=2)
        for number in range(start, start + 90):
            writer.add_document(**_document(number))
        writer.commit(mergetype=NO_MERGE)
    ix.close()


def _update(folder: Path, ours: bool, merge: bool = False) -> None:
    """A build, then an update that removes and changes notes; then, if `merge`, a merge of the
    two segments (the removed notes left out)."""
    ix = index.create_in(str(folder), build_schema())
    writer = _writer(ix, ours)
    for number in range(150):
        writer.add_document(**_document(number))
    writer.commit()
    writer = _writer(ix, ours)
    for number in range(0, 150, 7):
        writer.delete_by_term("path", f"cr/{number}.md")
    for number in range(0, 150, 14):
        writer.add_document(**_document(number + 1000))
    writer.commit(mergetype=NO_MERGE)
    if merge:
        _writer(ix, ours).commit(optimize=True)
    ix.close()


def _segment_files(folder: Path) -> dict[tuple[int, str], bytes]:
    """Each segment's files, by the segment's place in the index and the file's ending."""
    ix = index.open_dir(str(folder))
    with ix.reader() as reader:
        segments = (
            [reader.segment()]
            if reader.is_atomic()
            else [r.segment() for r, _ in reader.leaf_readers()]
        )
    ix.close()
    files = {}
    for place, segment in enumerate(segments):
        prefix = f"{segment.indexname}_{segment.segid}"
        for path in folder.iterdir():
            if path.name.startswith(prefix):
                files[place, path.name.removeprefix(prefix)] = path.read_bytes()
    return files


def _same_files(tmp_path: Path, build) -> dict[tuple[int, str], bytes]:
    for name, ours in (("own", False), ("ours", True)):
        (tmp_path / name).mkdir()
        build(tmp_path / name, ours)
    own, ours = _segment_files(tmp_path / "own"), _segment_files(tmp_path / "ours")
    assert sorted(own) == sorted(ours)
    for name in own:
        assert ours[name] == own[name], name
    return own


def test_a_full_build_writes_the_files_of_whooshs_own_codec(tmp_path):
    files = _same_files(tmp_path, _full_build)
    assert (0, ".pst") in files  # the postings, where the lengths count


def test_postings_sorted_through_temporary_files_are_written_the_same(tmp_path):
    # 0.05 MB: about 300 postings in memory, the rest sorted in files by Whoosh's merge
    files = _same_files(tmp_path, functools.partial(_full_build, limitmb=0.05))
    assert (0, ".pst") in files


def test_a_build_on_every_core_writes_the_files_of_whooshs_own_codec(tmp_path):
    files = _same_files(tmp_path, _build_on_every_core)
    assert {place for place, _ in files} == {0, 1, 2}


def test_an_update_writes_the_files_of_whooshs_own_codec(tmp_path):
    files = _same_files(tmp_path, _update)
    assert {place for place, _ in files} == {0, 1}


def test_a_merge_writes_the_files_of_whooshs_own_codec(tmp_path):
    files = _same_files(tmp_path, functools.partial(_update, merge=True))
    assert {place for place, _ in files} == {0}  # one segment of the two


def test_the_index_names_no_class_of_garefils(tmp_path):
    folder = tmp_path / "index"
    folder.mkdir()
    _full_build(folder, ours=True)
    table = b"".join(path.read_bytes() for path in folder.glob("*.toc"))
    assert b"W3Codec" in table
    assert b"LengthsAtHand" not in table
    assert b"whoosh_codec" not in table


def test_the_writer_keeps_its_postings_in_a_listed_pool(tmp_path):
    ix = index.create_in(str(tmp_path), build_schema())
    writer = segment_writer(ix, codec=LengthsAtHand())
    try:
        assert isinstance(writer.pool, ListedPostings)  # not Whoosh's, as a fallback would
    finally:
        writer.cancel()
        ix.close()
