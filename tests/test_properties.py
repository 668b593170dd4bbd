"""Properties of reading and naming notes, over generated inputs (hypothesis).

The default suite tries a small share of cases per property; the long run tries many more:

    GAREFIL_HYPOTHESIS_EXAMPLES=10000 .venv/bin/python -m pytest tests/test_properties.py -q

(docs/reliability.md gives the figures of that run; tools/reliability_figures.py collects them.)
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from garefil.core.config import Config
from garefil.core.errors import GarefilError
from garefil.core.frontmatter_text import FrontMatterError, parse, render
from garefil.core.ids import new_id, note_path
from garefil.core.notebook import decode_text
from garefil.core.notefile import read_note
from garefil.core.notetypes import BUILTIN_TYPES
from garefil.core.text import fold, normalize_tag, person_key, slugify

EXAMPLES = int(os.environ.get("GAREFIL_HYPOTHESIS_EXAMPLES", "40"))
CASES = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
CONFIG = Config()

# Text made of what breaks YAML and front-matter most often, mixed with anything at all.
YAML_BITS = st.sampled_from(
    ["---", "+++", ": ", ":", "- ", "\t", "\n", "\r\n", "'", '"', "[", "]", "{", "}", "&a",
     "*a", "!!python/object:os.system", "!x", "#", "|", ">", "%YAML 1.2", "\ufeff", "é", "e\u0301",
     "title", "date", "tags", "2023-04-061T18:30", "31/02/2020", "~", "null", " ", "\x00", "\x85",
     "!!bool ", "!!timestamp ", "!!int ", "!!float ", "!!binary ", "!!set ", "!!omap "]
)  # fmt: skip
HOSTILE_TEXT = st.lists(st.one_of(YAML_BITS, st.text(max_size=8)), max_size=40).map("".join)
NOTE_TEXT = st.one_of(
    st.text(),
    HOSTILE_TEXT,
    st.tuples(HOSTILE_TEXT, st.text()).map(lambda p: f"---\n{p[0]}\n---\n{p[1]}"),
)


def only_garefil_errors(path: str, raw: str | bytes) -> None:
    """Read a note from `raw`: anything but garefil's own errors (file and line) fails."""
    with contextlib.suppress(FrontMatterError, GarefilError):
        read_note(path, decode_text(raw) if isinstance(raw, bytes) else raw, CONFIG)


@CASES
@given(NOTE_TEXT)
@example(text="---\nx: !!bool peut-être\n---\n")  # PyYAML's KeyError
@example(text="---\nx: !!timestamp abc\n---\n")  # PyYAML's AttributeError
def test_reading_any_text_raises_only_garefil_errors(text):
    only_garefil_errors("notes/x.md", text)


@CASES
@given(st.binary(max_size=400))
def test_reading_any_bytes_raises_only_garefil_errors(raw):
    only_garefil_errors("notes/x.md", raw)


SCALARS = st.one_of(
    st.text(max_size=40),
    st.integers(),
    st.booleans(),
    st.none(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)),
)
KEYS = st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=12)
# Keys as a header may hold them: two keys differing only by capitals are one key written twice.
METADATA = st.dictionaries(
    KEYS, st.one_of(SCALARS, st.lists(st.text(max_size=20), max_size=4)), max_size=6
).filter(lambda found: len({key.casefold() for key in found}) == len(found))


@CASES
@given(METADATA, st.text())
@example(metadata={}, body="\r")  # a lone carriage return: blank, like the lines around
@example(metadata={"0": "\xa0"}, body="")  # found: a no-break space written last came back null
def test_render_then_parse_gives_back_the_same_note(metadata, body):
    parsed = parse(render(metadata, body))
    assert parsed.metadata == metadata
    assert parsed.body.strip() == body.strip()  # the house layout owns the blank lines around


TYPES = sorted(BUILTIN_TYPES)
SAFE_PATH = re.compile(r"[a-z]+(/\d{4})?/\d{4}-\d\d-\d\d(-[a-z0-9]+)*-[a-z0-9]{5}\.md")


@CASES
@given(st.lists(st.text(), min_size=1, max_size=20), st.dates(), st.sampled_from(TYPES))
@example(labels=["Réunion"], day=date(999, 1, 1), type_name="cr")  # found: folder "cr/999"
@example(labels=["CON", "nul.md", "../../etc/passwd", "x" * 1000], day=date(2020, 1, 1),
         type_name="note")  # fmt: skip
def test_new_notes_get_safe_and_distinct_file_names(labels, day, type_name):
    taken: set[str] = set()
    paths = []
    for label in labels:
        note_id = new_id(day, type_name, taken)
        taken.add(note_id)
        paths.append(note_path(BUILTIN_TYPES[type_name], day, label, note_id))
    assert len(set(paths)) == len(paths)
    for path in paths:
        assert SAFE_PATH.fullmatch(path), path
        assert ".." not in path.split("/") and len(path.encode()) < 255


@CASES
@given(st.text())
def test_folding_is_idempotent_and_blind_to_unicode_forms(text):
    nfd, nfc = unicodedata.normalize("NFD", text), unicodedata.normalize("NFC", text)
    assert fold(fold(text)) == fold(text) and fold(nfd) == fold(nfc)
    assert normalize_tag(normalize_tag(text)) == normalize_tag(text)
    assert normalize_tag(nfd) == normalize_tag(nfc)
    assert person_key(person_key(text)) == person_key(text)
    assert person_key(nfd) == person_key(nfc)
    assert slugify(slugify(text)) == slugify(text)


@CASES
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_folding_ascii_at_once_is_folding_it_letter_by_letter(text):
    # ASCII text is folded in one call; with a letter to strip after it, letter by letter.
    assert fold(text + "é") == fold(text) + "e"


TEMPLATE = "# $title\n\n## Contexte\n\n- Activité :\n- De : $entrepreneur\n\n## Décisions\n"
TEMPLATE_BITS = st.sampled_from(
    ["## Contexte", "- Activité :", "- De :", "## Décisions", "Contexte", "\n", "\r\n", " ",
     "\t", "\r", "x", "- ", "## Décisions et suite", "  ## Contexte", "é", "e\u0301"]
)  # fmt: skip


@CASES
@given(st.lists(st.one_of(TEMPLATE_BITS, st.text(max_size=4)), max_size=30).map("".join))
def test_template_text_is_blanked_at_every_line_start_as_before(text):
    # Blanking looks for template text after each newline; a line-start pattern, as it was
    # written before, tells where it is.
    from garefil.core.boilerplate import Boilerplate

    template = Boilerplate.of(TEMPLATE)
    line_starts = re.compile(template._pattern.pattern.replace("(?m)\\n", "(?m)^", 1))
    nfc = unicodedata.normalize("NFC", text)
    expected = line_starts.sub(lambda found: " " * len(found.group()), nfc)
    assert template.blank(text) == expected and len(expected) == len(nfc)
    # Line by line (a search's snippets), the same blanks.
    assert template.blank_by_lines(text) == expected


# Markdown made of what makes or hides a heading, and of the register's heading words.
MARKDOWN_BITS = st.sampled_from(
    ["#", "## ", "###### ", "    ", "   ", "\t", "> ", "- ", "1. ", "\n", "\n\n", "===", "---",
     "  -", "Décisions", "De\u0301cisions", "DÉCISIONS", "Actions", "action", "Rôles",
     "Ro\u0302les", "Relevé de ", "**", "`", "<h2>", "texte", "[ ] ", "\\#"]
)  # fmt: skip


@CASES
@given(st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=5)), max_size=30).map("".join))
@example(body="Relevé de\nDe\u0301cisions\n---\n- un point")
@example(body="Compte rendu\r## Décisions\r- un point")  # a lone CR ends a Markdown line
def test_the_register_prefilter_never_hides_a_heading(body):
    from garefil.core.register import heading_lines, may_hold_register

    # heading_lines parses every body: what it finds, the cheap test must have let through.
    assert may_hold_register(body) or not heading_lines(body)


def split_by_lines(text: str) -> tuple[str, str, int] | None:
    """The header, body and body line of `text` read line by line: the definition (a line ends
    with its "\n"; the first is a fence, the header ends at the next one, blanks after either
    aside); None without a header, ValueError when it is not closed."""
    from garefil.core.frontmatter_text import BOUNDARY, TOML_BOUNDARY

    lines = text.removeprefix("\ufeff").split("\n")
    fence = next((f for f in (BOUNDARY, TOML_BOUNDARY) if f.fullmatch(lines[0].rstrip("\r"))), None)
    if fence is None:
        return None
    for index in range(1, len(lines)):
        if fence.fullmatch(lines[index].rstrip("\r")):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    raise ValueError("not closed")


FENCED_TEXT = st.lists(
    st.one_of(YAML_BITS, st.sampled_from(["---", "+++", "----", "--- \t", "\r", "\u2028"])),
    max_size=40,
).map("".join)


@CASES
@given(st.one_of(FENCED_TEXT, NOTE_TEXT))
@example(text="---\ntitle: a\n--- \x0b\r\nCorps\n---\n")
@example(text="+++\ntitle = 'a'\n+++\r")
def test_the_header_and_body_are_where_the_lines_say(text):
    from garefil.core.frontmatter_text import body_of
    from garefil.core.yaml_house import load_header

    try:
        expected = split_by_lines(text)
    except ValueError:
        with pytest.raises(FrontMatterError):
            parse(text)
        assert body_of(text) == text.removeprefix("\ufeff")
        return
    unfenced = (text.removeprefix("\ufeff"), 1)
    body, body_line = unfenced if expected is None else expected[1:]
    assert body_of(text) == body
    with contextlib.suppress(FrontMatterError):  # the header's YAML or TOML may be broken
        parsed = parse(text)
        if expected is not None and not parsed.toml:
            assert repr(parsed.metadata) == repr(load_header(expected[0], 2)[0])
        assert (parsed.body, parsed.body_line, parsed.has_front_matter) == (
            body,
            body_line,
            expected is not None,
        )


# Every blank str.split() knows, and runs of them, among words.
BLANKS = [chr(code) for code in range(0x110000) if chr(code).isspace()]
SPACED_TEXT = st.lists(
    st.one_of(st.sampled_from(BLANKS), st.sampled_from(BLANKS).map(lambda b: b * 3), st.text()),
    max_size=40,
).map("".join)


@CASES
@given(SPACED_TEXT)
@example(body="un  deux\u3000trois\n\n quatre\u2028cinq ")
@example(body="".join(f"mot{blank}" for blank in BLANKS))  # each blank, between two words
def test_the_text_key_is_the_words_with_one_space_between(body):
    # As its definition says it, by a list of every word: what `jardin` compares.
    import zlib

    from garefil.core.remarks import remarks

    words = " ".join(body.split()).encode("utf-8", "surrogatepass")
    text = f"---\ntitle: T\n---\n{body}"
    found = [r for r in remarks(parse(text), CONFIG, text) if r[0] == "text"]
    counted = len(body.split()) >= 5 and re.search(r"[^\W\d_]", body)
    assert found == ([("text", 0, f"{len(words)}-{zlib.crc32(words):08x}")] if counted else [])


# Lines a coach writes (headings, items, checkboxes, paragraphs, blank lines), and the ones that
# look alike but are something else for Markdown (a lazy line, an underline, a numbered item…).
REGISTER_LINES = st.sampled_from(
    ["## Décisions", "# Actions", "### Rôles  ", "## Échanges #", "#Décisions", "- Un point.",
     "* Autre point ^d-k7m3q", "+ Troisième", "- [ ] Sophie — envoyer — 2024-04-01", "- [x] fait",
     "- [X]", "- 12 mars", "- 1. sous-liste", "- # titre", "-  deux espaces", "- > cité",
     "Un paragraphe.", "« Citation »", "2024-01-08 réunion", "1. numéro", "1) numéro", "",
     "   ", "  - retrait", "    code", "===", "---", "- - -", "* * *", "<!-- note -->",
     "[ref]: /lien", "```", "Suite\u00a0", "\u00a0espace", "Point#", "- a\u2028b", "\\#"]
)  # fmt: skip
PLAIN_LINES = st.sampled_from(
    ["## Décisions", "# Actions", "#### Rôles", "- Un point.", "* Autre ^d-k7m3q", "+ Trois",
     "- [ ] Sophie — envoyer — 2024-04-01", "- [x] fait", "1. Premier", "2) Second", "Texte.",
     "« Citation »", "2024-01-08 réunion", "", "  ", "<!-- note -->", "- 12 mars", "Suite\u00a0",
     "- **Hugo** : point", "**Gras** seul", "__x__", "`code`", "```", "~~~x", "#tag", "##",
     "[lien](https://x)", "[x]: /def", "- [lien](u)", "\\# pas un titre", "*** ", "_ _ _",
     "-x", "+x", "=x", "== ==", "- ~~barré~~", "*\u00a0x", "[a\\]b]: c", "[x] suite"]
)  # fmt: skip
# Half the bodies of plain-looking lines only, so that many are read line by line.
BODIES = st.one_of(
    st.lists(PLAIN_LINES, max_size=25),
    st.lists(st.one_of(PLAIN_LINES, REGISTER_LINES, st.text(max_size=6)), max_size=25),
).map("\n".join)


@CASES
@given(BODIES)
@example(body="## Décisions\n- a\n\n- b\n\npara\n## Actions\n- x\n\n\n")
@example(body="- a\nlazy")
def test_the_plain_reading_of_a_body_is_markdown_its(body):
    from garefil.core.register_blocks import _parsed_blocks, plain_blocks

    # When the line-by-line reading answers, it must be what the parser reads, to the line.
    plain = plain_blocks(body)
    assert plain is None or plain == _parsed_blocks(body)


def test_the_notes_garefil_writes_are_read_without_the_parser():
    import garefil
    from garefil.core.register_blocks import _parsed_blocks, plain_blocks

    # The templates' bodies, filled in as the docs show, are plain: most notes cost no parser.
    items = "- Les demandes sont attribuées. ^d-k7m3q\n- [ ] Sophie — envoyer — 2024-04-01\n"
    for name in ("reunion", "cr", "rdv", "demande", "fiche", "note"):
        body = (Path(garefil.__file__).parent / "templates" / f"{name}.md").read_text("utf-8")
        filled = body.replace("$title", "Réunion").replace("## Actions\n", "## Actions\n" + items)
        assert plain_blocks(filled) == _parsed_blocks(filled), name


# French words as coaches type them: accents, ligatures, capitals, inclusive and feminine forms,
# stop words, elisions, digits, and the search's operators.
FRENCH_BITS = st.sampled_from(
    ["pôle", "Pôle", "PÔLE", "emploi", "emplois", "œuvre", "Œuvre", "mise", "en", "de", "la", "l",
     "entrepreneur·e·s", "entrepreneurEs", "accompagnatrice", "créée", "Élodie", "ÉTÉ", "ça",
     "Ça", "ß", "straße", "ﬁnance", "ǅ", "2024", "3e", "urssaf", "ET", "OU", "SAUF", "NOT", "AND",
     "OR", "et", "ou", "sauf", "y", "yeux", "ïle", "e\u0301te\u0301", "ǈ", "ﬀ"]
)  # fmt: skip
FRENCH_TEXT = st.lists(st.one_of(FRENCH_BITS, st.text(min_size=1, max_size=6)), max_size=8)


@CASES
@given(FRENCH_TEXT.map(" ".join))
@example(text="Ꭰ")  # casefold keeps Cherokee capitals, the stemmer lowers them
def test_a_term_begins_with_its_words_initial(text):
    from garefil.adapters.french_analysis import _WORD, FrenchAnalyzer, initial

    # Snippets look up only the words whose initial a sought term begins with (find()).
    analyzer = FrenchAnalyzer()
    for match in _WORD.finditer(unicodedata.normalize("NFC", text)):
        term = analyzer.term(match.group())
        assert term is None or term.startswith(initial(match.group())), match.group()


# Words whose inclusive ending is also a word (« boulangère·ère » and « ère »), and marks glued
# between words that are no ending (« pole-emploi.fr »).
GLUED_BITS = st.sampled_from(
    ["boulangère·ère", "ère", "accompagnateur/trice", "trice", "salarié(e)s", "e", "s", "(", ")",
     "·", "/", ".", "pole-emploi.fr", "fr/ere", "un·e", "es"]
)  # fmt: skip


@CASES
@given(
    st.lists(st.one_of(FRENCH_BITS, GLUED_BITS, st.text(min_size=1, max_size=6)), max_size=8).map(
        " ".join
    ),
    st.data(),
)
@example(text="Ꭰ ŉa ａｂ 𝔞x Œuvre ÉTÉ _arrêt", data=None)  # initials that folding changes
@example(text="la boulangère·ère, une ère ; un·e accompagnateur/trice, trice", data=None)
def test_a_snippet_highlights_every_word_whose_term_is_sought(text, data):
    from garefil.adapters.french_analysis import _WORD, FrenchAnalyzer, _apart
    from garefil.core.search import Sought
    from garefil.core.text import APOSTROPHES

    # find() looks only at the words that may begin as a sought term does: never fewer.
    analyzer, text = FrenchAnalyzer(), unicodedata.normalize("NFC", text)
    words = [(match.span(), analyzer.term(match.group())) for match in _WORD.finditer(text)]
    terms = sorted({term for _, term in words if term})
    picked = data.draw(st.sets(st.sampled_from(terms))) if data and terms else set(terms)
    found = analyzer.find(text, Sought(terms=frozenset(picked)))
    expected = _apart([span for span, term in words if term in picked])
    if any(mark in text for mark in APOSTROPHES):  # names with a particle are highlighted whole
        assert all(any(a <= s and e <= b for a, b in found) for s, e in expected), text
    else:
        assert found == expected, text


PART_WEIGHTS = st.sampled_from([1.0, 1.5, 2.5, 3.0])  # the weights of TEXT_PARTS


@CASES
@given(st.lists(st.tuples(PART_WEIGHTS, FRENCH_TEXT.map(" ".join)), max_size=4))
@example(parts=[(3.0, "Fatou N'Diaye"), (1.0, "N'Diaye et Ndiaye, Ndiaye")])
@example(parts=[(3.0, "urssaf"), (1.0, "urssaf " * 25), (2.5, "N'Diaye " * 21)])
def test_the_combined_field_places_and_weighs_each_word_as_its_part_does(parts):
    from garefil.adapters.whoosh_index import build_schema

    # Each occurrence counts its part's weight at its position (parts 100 positions apart), up
    # to REPEATS_COUNTED occurrences a part, and the positions are encoded exactly as Whoosh
    # encodes them (lone ones kept once made).
    field = build_schema()["text"]
    positions: dict[str, list[int]] = {}
    weights: dict[str, float] = {}
    start = 0
    for weight, text in parts:
        found, joined = field.analyzer.indexed(text)
        counts: dict[str, int] = {}
        for position, term in [*enumerate(found, start), *((start + p, t) for p, t in joined)]:
            positions.setdefault(term, []).append(position)
            counts[term] = counts.get(term, 0) + 1
            if counts[term] <= field.REPEATS_COUNTED:
                weights[term] = weights.get(term, 0.0) + weight
        start += len(found) + field.POSITION_GAP
    for _ in range(2):  # the second time, lone positions come from what was kept
        postings = {term.decode(): rest for term, *rest in field.index(parts)}
        assert postings == {
            term: [len(found), weights[term], field.format.encode(sorted(found))]
            for term, found in positions.items()
        }


# What core/search.py sends for a tag with synonyms: the words, ORed with its other names.
WITH_SYNONYMS = st.tuples(
    FRENCH_TEXT.map(" ".join), st.lists(FRENCH_TEXT.map(" ".join), min_size=1, max_size=3)
).map(lambda parts: f"({parts[0]}) OR " + " OR ".join(f'"{p}"' for p in parts[1]))


@CASES
@given(
    st.one_of(
        FRENCH_TEXT.map(" ".join), FRENCH_TEXT.map(" ".join).map('"{}"'.format), WITH_SYNONYMS
    )
)
@example(text="emploi emploi")
@example(text="pôle SAUF pôle")
@example(text="de la")
@example(text="pôle ET emploi")
@example(text='(pôle emploi) OR "france travail"')
@example(text='(pôle emploi) OR "travail" OR "de la"')
@example(text='(de la) OR "france travail"')
@example(text='"arrêt maladie"')
@example(text='"de la"')
@example(text="¹'0")  # an elided word: both forms, whichever way the query is read
def test_plain_words_give_the_query_whooshs_parser_gives(text):
    from garefil.adapters.whoosh_index import build_schema
    from garefil.adapters.whoosh_query import _excluding_rightly, _parser, both_forms, parse

    schema = build_schema()
    try:  # an elided word is sought under both forms (« l'emploi » → l'emploi OR lemploi);
        # an exclusion (SAUF) is garefil's own, which parse() gives whichever way it reads
        parsed = _parser(schema).parse(both_forms(schema["text"].analyzer, text))
        expected = _excluding_rightly(parsed)
    except Exception:  # Whoosh's parser fails on "SAUF SAUF", "(-)": then so must parse()
        with pytest.raises(Exception):  # noqa: B017 (the search says: the query is unreadable)
            parse(schema, text)
        return
    assert parse(schema, text) == expected
