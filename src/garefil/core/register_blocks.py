"""The headings and top-level list items of a note's body: the blocks the register is read from.

markdown-it-py is the reference reading. But most bodies are made only of plain lines: `#`
headings, one-line `- ` items, paragraphs of ordinary words and blank lines. Such a body is read
here line by line, without loading the parser (62 modules, a third of what updating the index
after a pull imports) or running it. The moment a line could be anything else (indentation, a
tab, a quote, a fence, HTML, a numbered list, a setext underline, an item continued on the next
line…), the whole body goes to markdown-it. tests/test_properties.py checks on generated bodies
that both readings give the same blocks whenever the plain one answers.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from typing import NamedTuple


class Heading(NamedTuple):
    """A heading: its level (1–6), its text, and the line after it (0-based)."""

    depth: int
    text: str
    after: int


class ListItem(NamedTuple):
    """A top-level list item: its first paragraph's text (lines joined by spaces), the lines
    where it starts and where that paragraph ends, its marker, and the line after the item."""

    text: str
    first: int
    last: int
    marker: str
    end: int


Block = Heading | ListItem

_HEADING = re.compile(r"(#{1,6}) +(.*)")
_BULLET = re.compile(r"([-*+]) (\S.*)")
_ORDERED_ITEM = re.compile(r"(\d{1,9}[.)]) (\S.*)")
# What an item may start with: a checkbox, or a character that starts no block of its own.
_CHECKBOX = re.compile(r"\[[ xX]\](?: |$)")
_ORDERED = re.compile(r"\d{1,9}[.)](?: |$)")
_PLAIN_PUNCTUATION = frozenset("«»\"'(),.;:!?%€$@&/§°\\")
_HEADING_START = re.compile(r"#{1,6}(?: |$)")
_LINK_LABEL = re.compile(r"\[[^\]\\]*\](.?)")


def blocks(text: str) -> list[Block]:
    """The headings and top-level list items of `text`, in order, read by markdown-it."""
    plain = plain_blocks(text)
    return plain if plain is not None else _parsed_blocks(text)


def plain_blocks(text: str) -> list[Block] | None:
    """The blocks of `text` when every line is plain (see the module's docstring), else None."""
    if "\r" in text or "\t" in text or "\0" in text:
        return None
    lines = text.split("\n")
    if not lines[-1].strip(" "):
        lines.pop()  # the parser counts lines, not line ends, and a last blank line is no line
    found: list[Block] = []
    previous = "blank"  # what the line before was: blank, heading, paragraph or item
    for number, line in enumerate(lines):
        kind = _plain_line(line, previous, found, number)
        if kind is None:
            return None
        previous = kind
    return _with_ends(found, lines)


def _plain_line(line: str, previous: str, found: list[Block], number: int) -> str | None:
    """What `line` is (appending its block to `found`), or None when it is not plain."""
    if not line.strip(" "):
        return "blank"
    if line.startswith("<!--") and "-->" in line[4:]:
        return "comment"  # a template's hint: a block of one line
    heading = _HEADING.fullmatch(line)
    if heading:
        content = heading.group(2).strip()
        if not content or content.endswith("#"):
            return None  # a closing sequence: the parser's rule, not worth copying
        found.append(Heading(len(heading.group(1)), content, number + 1))
        return "heading"
    item = _item(line, previous)
    if item:
        found.append(item[1]._replace(first=number, last=number))
        return item[0]
    # A paragraph's line: after an item it would continue the item's text (a lazy line).
    return "paragraph" if not previous.startswith("item") and _starts_nothing(line) else None


def _item(line: str, previous: str) -> tuple[str, ListItem] | None:
    """The list item `line` starts, with its list's kind, when it is plain."""
    bullet, ordered = _BULLET.fullmatch(line), _ORDERED_ITEM.fullmatch(line)
    match = bullet or ordered
    if not match:
        return None
    marker, content = match.group(1)[-1], match.group(2)
    if not (_CHECKBOX.match(content) or _starts_nothing(content)):
        return None
    kind = "item" + marker
    # A numbered item after a paragraph, or after another list's item, is the parser's to read.
    if ordered and previous not in ("blank", "heading", "comment", kind):
        return None
    return kind, ListItem(" ".join(content.split()), 0, 0, marker, 0)


def _starts_nothing(content: str) -> bool:
    """Whether a line beginning with `content` can only be a paragraph's text: no list marker,
    heading, rule, underline, fence, quote, HTML or link definition can start that way."""
    first = content[0]
    if first.isalpha() or first in _PLAIN_PUNCTUATION:
        return True
    if first.isdigit():
        return not _ORDERED.match(content)
    if first in "*_-+=":  # emphasis, not a marker (`* `) nor a rule or underline (`***`, `===`)
        return content[1:2] not in (" ", "") and not set(content) <= {first, " "}
    if first == "#":  # `#tag`, not `# Titre`
        return not _HEADING_START.match(content)
    if first in "`~":
        return not content.startswith(first * 3)
    if first == "[":  # a link, not a definition `[texte]: adresse`
        link = _LINK_LABEL.match(content)
        return link is not None and link.group(1) != ":"
    return False


def _with_ends(found: list[Block], lines: list[str]) -> list[Block]:
    """Each item ends where the next block starts (blank lines between are the item's)."""
    starts = [b.after - 1 if isinstance(b, Heading) else b.first for b in found]
    result: list[Block] = []
    for index, block in enumerate(found):
        if isinstance(block, ListItem):
            following = starts[index + 1] if index + 1 < len(found) else len(lines)
            block = block._replace(end=_next_text(lines, block.first + 1, following))
        result.append(block)
    return result


def _next_text(lines: list[str], start: int, limit: int) -> int:
    """The first line from `start` that is not blank (a paragraph's), or `limit`."""
    for number in range(start, limit):
        if lines[number].strip(" "):
            return number
    return limit


def _parsed_blocks(text: str) -> list[Block]:
    """The blocks of `text` as markdown-it reads it."""
    tokens = _block_parser().parse(text)
    found: list[Block] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            found.append(Heading(int(token.tag[1]), tokens[index + 1].content, token.map[1]))
        elif token.type == "list_item_open" and token.level == 1 and token.map:
            found.append(_parsed_item(tokens, index))
    return found


@cache
def _block_parser():
    """One CommonMark parser, made once (making one costs as much as parsing a note), that stops
    at blocks: an item's text is its source, so the inline rules would be work thrown away."""
    from markdown_it import MarkdownIt  # imported here: only bodies that are not plain need it

    return MarkdownIt("commonmark").disable(["inline", "text_join"])


def _parsed_item(tokens: list, index: int) -> ListItem:
    """The item whose `list_item_open` is tokens[index]: its first paragraph's text and lines."""
    opening = tokens[index]
    following = itertools.islice(tokens, index + 1, None)  # not a copy: a note has thousands
    inline = next((t for t in following if t.type in ("inline", "list_item_close")), None)
    first, end = opening.map
    if inline is None or inline.type != "inline" or inline.level != 3 or not inline.map:
        return ListItem("", first, first, opening.markup, end)
    text = " ".join(inline.content.split())
    return ListItem(text, first, inline.map[1] - 1, opening.markup, end)
