"""The light Markdown view of `show`: chosen only when sure, and the same words as Rich's Markdown.

Each body is drawn both ways at a fixed width; the words are compared once whitespace, bullets,
task boxes and rules are set aside (what the two drawings are allowed to show differently).
"""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.markdown import Markdown

from conftest import DEMO_NOTES
from garefil.cli.markdown_view import plain_enough, rendered, show
from test_terminal_output import ANSI, in_terminal

BODIES = {
    "atx headings": "# Titre\n\n## Sous-titre ##\n\n### Trois\n#### Quatre\n##### Cinq\n###### Six",
    "setext headings": "Titre principal\n===============\n\nSection\n-------\n\nTexte.",
    "paragraphs joined": "Une ligne\net sa suite\n  indentée.\n\nUn autre paragraphe.",
    "hard breaks": "Deux espaces  \nà la fin\\\net une barre.",
    "emphasis": "**gras** __gras__ *italique* _italique_ ***les deux*** **gras *et* italique**",
    "underscores in words": "snake_case_name et un_mot_ et _vrai_ et 2*3*4 et * seul",
    "unmatched": "**pas fermé et *pas non plus et __ni ça",
    "code spans": "Le `code` et ``avec ` dedans`` et ` espacé ` et `non fermé",
    "escapes": r"\*pas italique\* et \_ni ça\_ et \[crochets\] et \\ barre et \q",
    "links": "Voir [le site](https://exemple.fr/a) et [https://x.fr](https://x.fr) "
    "et <https://exemple.fr/auto> et [crochets] seuls et [vide]().",
    "bullets": "- un\n- deux\n  suite paresseuse\n- trois\n\n* étoile\n\n+ plus",
    "numbers": "1. un\n2. deux\n3. trois\n\n7) sept\n8) huit",
    "nested": "- un\n  - un.un\n    - un.un.un\n  - un.deux\n- deux\n    1. profond\n    2. encore",
    "numbered nested": "1. premier\n   - sous\n   - sous\n2. second\n\n   Paragraphe du second.",
    "tasks": "- [ ] à faire\n- [x] fait\n- [X] fait aussi\n1. [ ] numérotée",
    "register": "## Décisions\n\n- Adoptée : on essaie. ^d-fcqu3\n\n## Actions\n\n"
    "- [ ] Sophie Laurent — envoyer le prévisionnel — 2024-04-01 ^a-4kq9m",
    "quote": "> Une citation\n> sur deux lignes\nparesseuse\n>\n> second paragraphe\n\nAprès.",
    "fenced code": "```python\ndef f(x):\n    return  x * 2\n```\n\n~~~\n  **pas gras**\n~~~",
    "indented code": "Texte.\n\n    code  indenté\n\n    encore\n\nFin.",
    "rules": "Avant\n\n---\n\n***\n\n___\n\n* * *\n\nAprès",
    "long paragraph": " ".join(["mot"] * 60) + " " + " ".join(["accompagnement"] * 20),
    "markup": "[bold]gras ?[/bold] et [link=https://x.fr]lien[/link] et [red]rouge[/]",
    "numbers in text": "2024. Une année\n\nEn 2024. pas une liste\n1.5 million",
    "comments": "## Décisions\n<!-- Une décision par ligne. -->\n- Adoptée. ^d-fcqu3\n\n"
    "Texte\n<!--\n  sur deux lignes\n-->après\n\n<!-- --> fin",
    "numbers after bullets": "- un\n2. deux",
    "interrupting list": "Un paragraphe\n- et une liste\n- juste dessous",
}
FALLBACKS = {
    "pipe table": "| a | b |\n|---|---|\n| 1 | 2 |",
    "table without outer pipes": "a | b\n--|--\n1 | 2",
    "html block": "<div>\nbloc\n</div>",
    "inline html": "du <b>gras</b> en HTML",
    "html comment in a line": "texte <!-- remarque --> suite",
    "html comment indented": "texte\n    <!-- remarque -->",
    "html comment in an item": "- un\n  <!-- remarque -->",
    "html comment in a quote": "> un\n> <!-- remarque -->",
    "entity": "Tom &amp; Jerry",
    "reference link": "Voir [le site][site].\n\n[site]: https://exemple.fr",
    "shortcut reference": "Voir [site].\n\n[site]: https://exemple.fr",
    "footnote": "Une note[^1].\n\n[^1]: Le détail.",
    "image": "![logo](logo.png)",
    "strikethrough": "~~barré~~",
    "nested quote": "> un\n> > deux",
    "list in quote": "> - un\n> - deux",
    "heading in quote": "> # Titre",
    "code in quote": "> ```\n> x\n> ```",
    "heading in item": "- # Titre\n- autre",
    "code in item": "- un\n\n  ```\n  code\n  ```",
    "quote in item": "- > cité",
    "setext under a list": "- un\n- deux\n---",
    "setext in an item": "- un\n  ===",
    "lazy number in an item": "- un\n  2. deux",
    "link title": '[site](https://exemple.fr "titre")',
    "link with parentheses": "[page](https://fr.wikipedia.org/wiki/A_(b))",
    "nested brackets": "[un [deux]](https://x.fr)",
    "tab indentation": "-\tun\n-\tdeux",
    "empty item": "- un\n-\n- trois",
    "e-mail autolink": "<coach@exemple.fr>",
}


def light(body: str, width: int = 80, **console: object) -> str | None:
    """The light view's drawing of `body`, or None when it leaves the body to Rich."""
    out = Console(width=width, file=io.StringIO(), highlight=False, **console)
    if not show(body, out):
        return None
    return out.file.getvalue()


def rich(body: str, width: int = 80) -> str:
    """Rich's Markdown drawing, its links written out as the light view writes them."""
    out = Console(width=width, file=io.StringIO(), highlight=False)
    out.print(Markdown(body, hyperlinks=False))
    return out.file.getvalue()


def words(drawing: str) -> str:
    """The words of a drawing, without what the two views draw differently: bullets, quote bars,
    rules, task boxes (Rich writes `[ ]`), a link's address when it is its text."""
    lines = [line for line in drawing.splitlines() if not re.fullmatch(r"\s*[-─]{3,}\s*", line)]
    text = " ".join(w for w in " ".join(lines).split() if w not in ("•", "▌"))
    text = re.sub(r"\[[xX]\]", "☒", text.replace("[ ]", "☐"))
    return re.sub(r"(\S+) \(\1\)", r"\1", text).replace(" ()", "")  # an empty address


@pytest.mark.parametrize("name", BODIES)
def test_the_light_view_shows_the_words_rich_shows(name):
    drawing = light(BODIES[name])
    assert drawing is not None, name
    assert words(drawing) == words(rich(BODIES[name]))


@pytest.mark.parametrize("name", FALLBACKS)
def test_what_the_light_view_is_not_sure_of_goes_to_rich(name):
    assert light(FALLBACKS[name]) is None


def test_every_demo_note_is_drawn_light_with_rich_s_words():
    for path in sorted(DEMO_NOTES.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        drawing = light(body)
        assert drawing is not None, path.name
        assert words(drawing) == words(rich(body)), path.name


def test_a_meeting_note_as_garefil_writes_it_is_drawn_light_guidance_comments_hidden():
    from datetime import datetime, time

    from garefil.core.agenda import Agenda
    from garefil.core.meeting_note import body

    written = body(datetime(2024, 4, 8, 14), time(15), [], Agenda())
    filled = written.replace("faite. -->\n", "faite. -->\n- [ ] Awa — relancer — 2024-04-15\n")
    for note in (written, filled):
        drawing = light(note)
        assert drawing is not None and words(drawing) == words(rich(note))
        assert "<!--" not in drawing and "Une décision par ligne" not in drawing
    assert "☐ Awa — relancer — 2024-04-15" in (light(filled) or "")


def test_the_cheap_scan_lets_plain_notes_through_and_stops_tables():
    assert plain_enough(BODIES["register"]) and plain_enough(BODIES["fenced code"])
    assert not plain_enough(FALLBACKS["pipe table"])


def ansi(body: str, width: int = 80) -> str:
    drawing = light(body, width, force_terminal=True, color_system="standard")
    assert drawing is not None
    return drawing


def test_headings_are_styled_by_level_and_on_the_left():
    shown = ansi("# Titre\n\n## Sous-titre\n\n### Trois")
    assert shown.startswith("\x1b[1;4mTitre\x1b[0m\n")  # bold underlined, not centred
    assert "\n\x1b[4;35mSous-titre\x1b[0m\n" in shown  # Rich's h2: magenta underlined
    assert "\n\x1b[1;35mTrois\x1b[0m" in shown


def test_bullets_numbers_and_nesting_are_drawn():
    shown = light("- un\n  - sous\n- deux\n\n9. neuf\n10. dix")
    assert shown is not None
    assert shown.splitlines() == [" • un", "    • sous", " • deux", "", "  9 neuf", " 10 dix"]


def test_task_boxes_and_dim_register_ids():
    shown = ansi("- [ ] à faire ^a-4kq9m\n- [x] fait")
    assert "☐ \x1b[0mà faire \x1b[2m^a-4kq9m\x1b[0m" in shown
    assert "☒ \x1b[0mfait" in shown and "[x]" not in shown


def test_code_is_shown_verbatim_without_highlighting():
    shown = ansi("```python\ndef f(x):\n    return  x * 2  # **pas gras**\n```")
    lines = shown.splitlines()
    assert "    return  x * 2  # **pas gras**" in lines[1]
    assert lines[1].count("\x1b[") == 2  # one style for the block, no Pygments colours


def test_paragraphs_are_wrapped_at_the_width():
    shown = light(BODIES["long paragraph"], width=40)
    assert shown is not None
    lines = shown.splitlines()
    assert max(map(len, lines)) <= 40 and len(lines) > 5
    assert all(w in ("mot", "accompagnement") for line in lines for w in line.split())
    assert light("une\nphrase", width=40) == "une phrase\n"  # a line end is a space


def test_an_empty_body_prints_no_line():
    assert light("") == light("\n  \n") == rich("") == ""


def test_hard_breaks_keep_their_lines():
    assert light(BODIES["hard breaks"]) == "Deux espaces\nà la fin\net une barre.\n"


def test_a_note_s_markup_is_shown_as_written():
    shown = ansi(BODIES["markup"])
    assert "[bold]gras ?[/bold] et [link=https://x.fr]lien[/link] et [red]rouge[/]" in shown
    assert "\x1b[" not in shown and "\x1b]8" not in shown


def test_a_link_shows_its_address_when_it_says_something_else():
    shown = light("[le site](https://exemple.fr) et <https://x.fr> et [https://y.fr](https://y.fr)")
    assert shown == "le site (https://exemple.fr) et https://x.fr et https://y.fr\n"


# Inline Markdown made of the characters that matter, compared character by character with
# Rich's drawing, bold and italic included.
INLINE = st.lists(st.sampled_from([*"ab *_`\\[]()\n.!é", "  \n", "](u)"]), max_size=24).map("".join)


def styled(console: Console, renderable: object) -> list[tuple[str, bool, bool]]:
    """Each character shown but spaces and links' dim addresses (Rich's Markdown puts links on
    their text), with whether it is bold and italic."""
    segments = console.render(renderable)
    return [
        (char, bool(s.style and s.style.bold), bool(s.style and s.style.italic))
        for s in segments
        if not (s.style and s.style.dim)
        for char in s.text
        if not char.isspace()
    ]


@settings(max_examples=300, deadline=None)
@given(INLINE)
def test_inline_markdown_reads_as_markdown_it_reads_it(source):
    body = source.strip()
    assume(body and not re.match(r"[\s*+\-_=#>`~\d.)]", body) and "\n\n" not in body)
    assume(not re.search(r"\n[ ]*[*+\-_=#>`~]", body))  # one paragraph, no other block
    out = Console(width=200, file=io.StringIO(), highlight=False, force_terminal=True)
    text = rendered(body, out)
    assume(text is not None)
    assert styled(out, text) == styled(out, Markdown(body))


# Lines and characters of every construct, mixed: whatever a teammate's file holds, the light
# view draws it or leaves it to Rich, and never fails.
ANY_LINE = st.lists(
    st.sampled_from(
        [
            *"ab *_`\\[]()<>#=-+~|!&.1 \t",
            "  ",
            "    ",
            "- ",
            "1. ",
            "> ",
            "```",
            "~~~",
            "](u)",
            "<!--",
            "-->",
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(ANY_LINE, max_size=10))
def test_any_text_is_drawn_or_left_to_rich_never_failed(lines):
    body = "\n".join(lines)
    drawing = light(body)
    if drawing is not None:
        assert words(drawing) == words(rich(body))


@pytest.mark.parametrize("body", ["- " * 2000 + "profond", "*a " * 2000, "[" * 2000 + "a](b)"])
def test_a_generated_file_s_deep_lists_or_thousands_of_marks_are_left_to_rich(body):
    """No recursion as deep as the lists, no pairing time growing as the square of the marks."""
    assert light(body) is None


@pytest.mark.parametrize("body", ["`" * 5000, "<" * 5000 + " a", "ligne\n" * 5000])
def test_a_generated_file_s_long_runs_are_drawn_as_rich_draws_them(body):
    drawing = light(body)
    assert drawing is not None and words(drawing) == words(rich(body))


def test_show_draws_a_meeting_note_s_tasks_as_boxes_headings_on_the_left(demo_notebook):
    shown = in_terminal("show", "2024-01-08-reunion-983s9", cwd=demo_notebook, columns=80)
    lines = ANSI.sub("", shown).replace("\r\n", "\n").splitlines()
    assert " ☒ Sophie Laurent — mettre à jour la fiche entrepreneur — 2024-01-15 ^a-naxm6" in lines
    assert "\x1b[2m^a-naxm6" in shown  # the action's id, dim
    assert "Réunion d'équipe du 08/01/2024" in lines  # not centred
    assert max(len(line) for line in lines) <= 80
