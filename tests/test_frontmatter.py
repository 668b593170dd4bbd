"""Reading front-matter tolerantly, and patching it without touching any other line."""

from __future__ import annotations

from datetime import date

import frontmatter
import pytest
from hypothesis import given
from hypothesis import strategies as st

from garefil.core.frontmatter_text import FrontMatterError, parse, patch, render

HAND_WRITTEN = """\
---
# written by hand, with comments and odd quoting
title: 'Point statut'
custom_key: {nested: [1, 2]}   # an unknown key
tags:
- urssaf
- "pole-emploi"

# a comment before the date
date: 2020-04-10
---

Body with a --- line inside
---
and more.
"""


def test_parse_keeps_dates_as_dates_and_the_body_intact():
    parsed = parse(HAND_WRITTEN)
    assert parsed.metadata["date"] == date(2020, 4, 10)
    assert parsed.metadata["custom_key"] == {"nested": [1, 2]}
    assert parsed.body == "\nBody with a --- line inside\n---\nand more.\n"


def test_text_without_front_matter_is_all_body():
    parsed = parse("# Titre\n\ntexte\n")
    assert parsed == parsed.__class__({}, "# Titre\n\ntexte\n", False)


@pytest.mark.parametrize(
    "header",
    [
        "title: ok\ntags: [a, b\nreferent: x\n",
        "title: ok\ntags: [a, b\n",
        "title: ok\ntags: {a: 1\n",
    ],
)
def test_an_unclosed_list_is_reported_at_the_line_that_opens_it(header):
    # The parser gives up at the next line, or at the closing ---: the coach must look at 3.
    with pytest.raises(FrontMatterError) as caught:
        parse(f"---\n{header}---\nbody\n")
    assert caught.value.line == 3


def test_unclosed_front_matter_is_an_error_on_line_one():
    with pytest.raises(FrontMatterError) as caught:
        parse("---\ntitle: ok\n")
    assert caught.value.line == 1


def test_patch_changes_only_the_lines_of_the_key():
    result = patch(HAND_WRITTEN, {"tags": ["urssaf", "pole-emploi", "cpam"]})
    before, after = HAND_WRITTEN.splitlines(), result.splitlines()
    removed = [line for line in before if line not in after]
    added = [line for line in after if line not in before]
    assert removed == ["tags:", "- urssaf", '- "pole-emploi"']
    assert added == ["tags: [urssaf, pole-emploi, cpam]"]
    assert "# a comment before the date" in result  # the comment after the block stays
    assert parse(result).body == parse(HAND_WRITTEN).body


def test_patch_appends_a_new_key_and_removes_one():
    result = patch(HAND_WRITTEN, {"status": "envoye"}, remove=["custom_key"])
    assert "custom_key" not in result
    assert result.splitlines()[-6] == "status: envoye"
    assert parse(result).metadata["title"] == "Point statut"


def test_patch_without_change_returns_the_same_text():
    assert patch(HAND_WRITTEN, {"title": "Point statut"}) == HAND_WRITTEN


def test_patch_keeps_crlf_and_bom():
    text = "\ufeff---\r\ntitle: a\r\n---\r\nbody\r\n"
    result = patch(text, {"status": "ok"})
    assert result == "\ufeff---\r\ntitle: a\r\nstatus: ok\r\n---\r\nbody\r\n"


def test_patch_adds_front_matter_to_a_plain_note():
    assert patch("# Titre\n", {"tags": ["a"]}) == "---\ntags: [a]\n---\n# Titre\n"


def test_render_writes_dates_unquoted_and_short_lists_inline():
    text = render(
        {
            "id": "x",
            "date": date(2020, 4, 10),
            "tags": ["a", "b"],
            "decisions": ["Une décision, avec une virgule, qui est assez longue pour un bloc."],
        },
        "# Corps",
    )
    assert "date: 2020-04-10\n" in text and "tags: [a, b]\n" in text
    assert "decisions:\n- Une décision" in text
    assert text.endswith("---\n\n# Corps\n")


values = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.lists(st.text(max_size=10), max_size=4),
    st.dates(),
    st.booleans(),
    st.none(),
)


@given(key=st.sampled_from(["title", "status", "tags", "custom_key", "nouvelle"]), value=values)
def test_any_patch_reads_back_as_asked_and_keeps_the_rest(key, value):
    result = patch(HAND_WRITTEN, {key: value})
    parsed = parse(result)
    assert parsed.metadata[key] == value
    others = {k: v for k, v in parse(HAND_WRITTEN).metadata.items() if k != key}
    assert {k: v for k, v in parsed.metadata.items() if k != key} == others
    assert parsed.body == parse(HAND_WRITTEN).body


def test_the_fence_is_python_frontmatters_own():
    from garefil.core.frontmatter_text import BOUNDARY

    assert BOUNDARY.pattern == frontmatter.YAMLHandler.FM_BOUNDARY.pattern
    assert BOUNDARY.flags == frontmatter.YAMLHandler.FM_BOUNDARY.flags


# As a header may write them: booleans, nulls, numbers, dates, words, nothing, quoted.
PLAIN_VALUES = ["yes", "No", "~", "null", "12", "0x1f", "1_000", "1.5", ".inf", "2024-02-01"]
PLAIN_VALUES += ["2024-02-01 10:30:00", "Karim Benali", "", "'12'"]


def test_a_plain_value_reads_alike_however_often_it_was_read_before():
    # The tags of plain values are kept from one header to the next (yaml_house.resolve): a
    # value read again, after enough others for the kept ones to be cleared, reads as PyYAML.
    import yaml

    def read(value: str) -> list:
        found = parse(f"---\nmontant: {value}\n---\n").metadata["montant"]
        return [type(found), found]

    expected = []
    for value in PLAIN_VALUES:
        found = yaml.load(f"montant: {value}\n", Loader=yaml.CSafeLoader)["montant"]
        expected.append([type(found), found])
    assert [read(value) for value in PLAIN_VALUES] == expected
    assert [read(value) for value in PLAIN_VALUES] == expected
    for number in range(5000):
        read(f"Personne {number}")
    assert [read(value) for value in PLAIN_VALUES] == expected
