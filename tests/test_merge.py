"""The notes' merge (core/merge.py) with git's real text merge, on notes as other tools write."""

from __future__ import annotations

from garefil.adapters.git_merge import merge_text, merge_text_keeping_added
from garefil.core.merge import merge_note

BASE = "---\nid: n1\ntitle: Point\nstatus: brouillon\ntags: [urssaf]\n---\n\n# Point\n\nTexte.\n"


def merged(base: str, ours: str, theirs: str, encoding: str = "utf-8") -> str | None:
    result = merge_note(*(t.encode(encoding) for t in (base, ours, theirs)), merge_text)
    return None if result is None else result.decode(encoding)


def test_tags_added_on_both_sides_are_united_in_our_order():
    ours = BASE.replace("[urssaf]", "[urssaf, acre]")
    theirs = BASE.replace("[urssaf]", "[urssaf, pole-emploi]")
    assert merged(BASE, ours, theirs) == BASE.replace("[urssaf]", "[urssaf, acre, pole-emploi]")


def test_a_tag_removed_on_one_side_stays_removed():
    base = BASE.replace("[urssaf]", "[urssaf, acre]")
    ours = base.replace("[urssaf, acre]", "[acre]")
    theirs = base.replace("[urssaf, acre]", "[urssaf, acre, caf]")
    assert "tags: [acre, caf]" in merged(base, ours, theirs)


def test_different_keys_on_adjacent_lines_merge_and_untouched_lines_stay():
    ours = BASE.replace("title: Point", "title: Point statut")
    theirs = BASE.replace("status: brouillon", "status: envoye")
    result = merged(BASE, ours, theirs)
    assert "title: Point statut\n" in result and "status: envoye\n" in result
    assert result.endswith("# Point\n\nTexte.\n")


def test_the_same_key_set_to_two_values_is_a_clash():
    ours = BASE.replace("brouillon", "envoye")
    theirs = BASE.replace("brouillon", "tenu")
    assert merged(BASE, ours, theirs) is None


def test_crlf_notes_keep_their_line_endings():
    crlf = BASE.replace("\n", "\r\n")
    ours = crlf.replace("[urssaf]", "[urssaf, acre]")
    theirs = crlf.replace("Texte.", "Texte complété.")
    result = merged(crlf, ours, theirs)
    assert result == crlf.replace("[urssaf]", "[urssaf, acre]").replace("Texte.", "Texte complété.")


def test_latin1_notes_fall_back_to_keeping_both_versions():
    base = BASE.replace("Texte.", "Été.")
    ours = base.replace("[urssaf]", "[urssaf, acre]")
    theirs = base.replace("[urssaf]", "[urssaf, caf]")
    assert merged(base, ours, theirs, encoding="latin-1") is None


def test_a_comment_changed_beside_a_clashing_line_is_never_dropped():
    base = BASE.replace("tags: [urssaf]", "tags: [urssaf]  # à revoir")
    ours = base.replace("[urssaf]", "[urssaf, acre]")
    theirs = base.replace("[urssaf]  # à revoir", "[urssaf, caf]  # revu par Karim")
    result = merged(base, ours, theirs)
    assert result is None or "revu par Karim" in result


def test_unreadable_yaml_falls_back():
    broken = BASE.replace("title: Point", "title: [Point")
    assert merged(BASE, broken, BASE.replace("[urssaf]", "[caf]")) is None


def test_list_items_added_at_one_place_on_both_sides_are_kept_ours_first():
    base = "## Points\n\n## Décisions\n"
    ours = "## Points\n- Congés.\n\n## Décisions\n"
    theirs = "## Points\n- Budget.\n  1. revu\n\n## Décisions\n"
    assert merge_text_keeping_added(base, ours, theirs) == (
        "## Points\n- Congés.\n- Budget.\n  1. revu\n\n## Décisions\n"
    )
    assert merge_text(base, ours, theirs) is None  # git alone calls it a clash


def test_prose_added_at_one_place_or_a_line_changed_twice_stays_a_clash():
    base = "Texte.\n"
    assert merge_text_keeping_added(base, "Texte.\nChez Awa.\n", "Texte.\n- Chez Karim.\n") is None
    assert merge_text_keeping_added(base, "- Texte A.\n", "- Texte B.\n") is None
    fence = "=" * 40 + "\n"  # a line like a conflict marker: nothing is guessed
    assert merge_text_keeping_added(base, "Texte.\n- a\n" + fence, "Texte.\n- b\n") is None
