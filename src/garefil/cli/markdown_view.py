"""A note's Markdown at a terminal, drawn without Rich's Markdown when the note is plain enough.

Rich's Markdown parses with markdown-it and highlights code with Pygments: importing it costs
30–50 ms, a third of `show` on a large notebook. Coaches write a small part of Markdown: headings,
paragraphs, emphasis, code, links, lists (nested, numbered, with task boxes), one-level quotes,
code blocks and rules. This module reads those blocks by CommonMark's rules and draws them with
Rich's console and text only, in the styles of Rich's Markdown theme (headings on the left rather
than centred, task items as ☐/☒, the register's `^d-…`/`^a-…` ids dimmed).

Anything else — tables, HTML, reference links and footnotes, nested quotes, lists in quotes,
headings or code in list items, a heading underline next to a list — is not guessed at: a cheap
scan (`plain_enough`) or the reading itself (`Unsure`) sends the whole note to Rich's Markdown,
as before. A test compares both drawings' words for the demo notebook and every construct here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text

from .markdown_inline import Unsure, inline_text

if TYPE_CHECKING:
    from rich.console import Console

# Lines that say "not for the light view": a reference (or footnote) definition, an image, HTML
# (but an autolink, and a comment opening a line: garefil's meeting notes hold such guidance),
# an entity, strikethrough, a pipe table's delimiter row, a tab in a line's indentation or after
# a list marker.
_RISKY = re.compile(
    r"^ {0,3}\[[^\]\n]*\]:"
    r"|\[\^|!\["
    r"|<(?![A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>|!--)[A-Za-z/!?]"
    r"|^(?! {0,3}<!--)[^\n]*<!--"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|^(?! {0,3}~~~)[^\n]*~~"
    r"|^(?=[^\n]*\|)(?=[^\n]*-)[ \t|:\-]+$"
    r"|^[ >*+\-0-9.)]*\t",
    re.MULTILINE,
)
_BLANK = re.compile(r"[ \t]*$")
_COMMENT = re.compile(r" {0,3}<!--")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"( {0,3})(`{3,}|~{3,})(.*)$")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_UNDERLINE = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_QUOTE = re.compile(r" {0,3}> ?")
_ITEM = re.compile(r"( {0,3})([-*+]|([0-9]{1,9})[.)])( +|$)")
_TASK = re.compile(r"\[([ xX])\] +(?=\S)")
# The register's item id at the end of a decision or action (core/register.py's ITEM_ID).
_ITEM_ID = re.compile(r"(?<=\s)\^[da]-[2-9a-hjkmnp-z]{5}\s*$")
_DEEPEST = 8  # lists in lists
_BOX = {" ": "☐ ", "x": "☒ ", "X": "☒ "}
_HEADINGS = {level: f"markdown.h{level}" for level in range(1, 7)}
# Rich's Markdown theme, so that both views look alike.
_STYLE_QUOTE, _STYLE_CODE = "markdown.block_quote", "markdown.code_block"
_STYLE_RULE = "markdown.hr"
_STYLE_BULLET, _STYLE_NUMBER = "markdown.item.bullet", "markdown.item.number"


class Block:
    """One block of the note: its kind and what it holds (text, lines, items). A plain class:
    making a dataclass costs a millisecond at import, a tenth of what this module saves."""

    __slots__ = ("items", "kind", "level", "lines", "text")

    def __init__(
        self,
        kind: str,  # heading, paragraph, code, quote, rule, list
        text: str = "",  # a heading's or paragraph's Markdown; "ordered" for a numbered list
        level: int = 0,  # a heading's level; a numbered list's first number
        lines: tuple[str, ...] = (),  # a code block's lines, a quote's paragraphs
        items: tuple[tuple[str, tuple[Block, ...]], ...] = (),  # (task box, blocks) per item
    ) -> None:
        self.kind, self.text, self.level, self.lines, self.items = kind, text, level, lines, items


def plain_enough(body: str) -> bool:
    """Whether nothing in `body` asks for more than the light view draws (one regex scan)."""
    return _RISKY.search(body) is None


def show(body: str, console: Console) -> bool:
    """Print `body` on `console`, or nothing and False when it is for Rich's Markdown."""
    text = rendered(body, console)
    if text is None:
        return False
    if text.plain:  # an empty body: no line at all, as Rich's Markdown prints none
        console.print(text, soft_wrap=True)  # wrapped here already, to the console's width
    return True


def rendered(body: str, console: Console) -> Text | None:
    """`body` drawn for `console`'s width, or None when it is for Rich's Markdown."""
    if not plain_enough(body):
        return None
    try:
        blocks = parse(body.split("\n"))
        drawn = [_draw(block, console, console.width) for block in blocks]
    except Unsure:  # met while reading a block, or its inline text
        return None
    return Text("\n\n").join(Text("\n").join(lines) for lines in drawn)  # a blank line between


def parse(lines: list[str], depth: int = 0) -> tuple[Block, ...]:
    """The blocks of `lines`, `depth` lists deep: in a list item only paragraphs and lists, and
    lists only so deep (else `Unsure`: Rich's Markdown has its own limits)."""
    if depth > _DEEPEST:
        raise Unsure
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        if _BLANK.match(lines[index]):
            index += 1
            continue
        if _COMMENT.match(lines[index]) and not depth:
            index = _after_comment(lines, index)
            continue
        block, index = _block(lines, index, depth)
        blocks.append(block)
    return tuple(blocks)


def _block(lines: list[str], at: int, depth: int) -> tuple[Block, int]:
    line = lines[at]
    if _ITEM.match(line) and not _RULE.match(line):
        return _list(lines, at, depth)
    if depth and _starts_block(line):
        raise Unsure  # a heading, a quote, code or a rule inside a list item
    if heading := _ATX.match(line):
        text = heading.group(2) or ""
        return Block("heading", "" if set(text) == {"#"} else text, len(heading.group(1))), at + 1
    if _RULE.match(line):
        return Block("rule"), at + 1
    if fence := _FENCE.match(line):
        return _fenced(lines, at, fence)
    if _QUOTE.match(line):
        return _quote(lines, at)
    if line.startswith("    "):
        return _indented(lines, at)
    return _paragraph(lines, at, in_item=depth > 0)


def _starts_block(line: str) -> bool:
    """Whether `line` begins a block other than a paragraph or a list (or is indented code)."""
    return bool(
        _ATX.match(line)
        or _RULE.match(line)
        or _FENCE.match(line)
        or _QUOTE.match(line)
        or _COMMENT.match(line)
        or line.startswith("    ")
    )


def _after_comment(lines: list[str], at: int) -> int:
    """The line after an HTML comment's block: the first line holding `-->`, that line
    included. Rich's Markdown shows nothing of it (nor do browsers)."""
    index = at
    while index < len(lines) and "-->" not in lines[index]:
        index += 1
    return index + 1


def _interrupts(line: str) -> bool:
    """Whether `line` ends the paragraph above it; `Unsure` for a list marker that would not."""
    if _BLANK.match(line) or _starts_block(line) and not line.startswith("    "):
        return True
    item = _ITEM.match(line)
    if item is None:
        return False
    filled = bool(line[item.end() :].strip())
    if filled and (item.group(3) is None or int(item.group(3)) == 1):
        return True  # a list can interrupt a paragraph when not empty and, numbered, from 1
    raise Unsure


def _paragraph(lines: list[str], at: int, in_item: bool) -> tuple[Block, int]:
    """Lines up to a blank line or another block; a setext underline makes them a heading."""
    text = [lines[at].lstrip()]
    index = at + 1
    while index < len(lines):
        underline = _UNDERLINE.match(lines[index])
        if underline:
            if in_item:
                raise Unsure  # a heading in a list item
            level = 1 if underline.group(1)[0] == "=" else 2
            return Block("heading", "\n".join(text).strip(), level), index + 1
        if _interrupts(lines[index]):
            break
        text.append(lines[index].lstrip())  # trailing spaces: maybe a hard line break
        index += 1
    return Block("paragraph", "\n".join(text).rstrip()), index


def _fenced(lines: list[str], at: int, fence: re.Match[str]) -> tuple[Block, int]:
    """A ``` or ~~~ block up to its closing fence (or the note's end), shown as written."""
    indent, marker, info = len(fence.group(1)), fence.group(2), fence.group(3)
    if marker[0] == "`" and "`" in info:
        raise Unsure
    closing = re.compile(r" {0,3}" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}[ \t]*$")
    code: list[str] = []
    index = at + 1
    while index < len(lines) and not closing.match(lines[index]):
        line = lines[index]
        spaces = len(line) - len(line.lstrip(" "))
        code.append(line[min(indent, spaces) :])
        index += 1
    return Block("code", lines=tuple(code)), index + 1


def _indented(lines: list[str], at: int) -> tuple[Block, int]:
    """Lines indented by four spaces (blank lines between them kept), shown as written."""
    code: list[str] = []
    index = at
    while index < len(lines) and (lines[index].startswith("    ") or _BLANK.match(lines[index])):
        code.append(lines[index][4:])
        index += 1
    while code and _BLANK.match(code[-1]):
        code.pop()
    return Block("code", lines=tuple(code)), at + len(code)


def _quote(lines: list[str], at: int) -> tuple[Block, int]:
    """`>` lines (and lazy lines continuing their paragraph): paragraphs only, one level."""
    paragraphs: list[list[str]] = [[]]
    index = at
    while index < len(lines):
        line = lines[index]
        quoted = _QUOTE.match(line)
        if quoted:
            line = line[quoted.end() :]
        elif _BLANK.match(line) or _starts_block(line) and not line.startswith("    "):
            break
        if _BLANK.match(line):
            paragraphs.append([])
        elif _starts_block(line) or _ITEM.match(line) or _UNDERLINE.match(line):
            raise Unsure  # a quote in a quote, a list, a heading or code in a quote
        elif quoted or paragraphs[-1]:
            paragraphs[-1].append(line.lstrip())
        else:
            break
        index += 1
    texts = tuple("\n".join(p).rstrip() for p in paragraphs if p)
    return Block("quote", lines=texts), index


def _list(lines: list[str], at: int, depth: int) -> tuple[Block, int]:
    """Items with the same marker, each with its lines (the deeper ones its own blocks)."""
    first = _ITEM.match(lines[at])
    assert first is not None
    kind = first.group(2)[-1]  # the bullet, or the number's "." or ")"
    start = int(first.group(3) or 0)
    items = []
    index = at
    while index < len(lines):
        item = _ITEM.match(lines[index])
        if item is None or item.group(2)[-1] != kind or _RULE.match(lines[index]):
            break
        content, index = _item_lines(lines, index, item)
        task = _TASK.match(content[0])
        if task:
            content[0] = content[0][task.end() :]
            if _ITEM.match(content[0]) or _starts_block(content[0]):
                raise Unsure  # text after the box, not a block: Markdown knows no box
        items.append((_BOX[task.group(1)] if task else "", parse(content, depth + 1)))
        while index < len(lines) and _BLANK.match(lines[index]):
            index += 1  # blank lines between items: the list goes on (loose)
    right_under = index < len(lines) and _BLANK.match(lines[index - 1]) is None
    if right_under and _UNDERLINE.match(lines[index]):
        raise Unsure  # a heading underline or a rule right under a list item
    return Block("list", "ordered" if first.group(3) else "", start, items=tuple(items)), index


def _item_lines(lines: list[str], at: int, item: re.Match[str]) -> tuple[list[str], int]:
    """The item's own lines, its indentation taken off, and where the next block starts."""
    spaces, width = item.group(4), item.end()
    if not spaces or len(spaces) > 4 or _BLANK.match(lines[at], width):
        raise Unsure  # an empty item, or code at its start
    content = [lines[at][width:]]
    index = at + 1
    blank = False
    while index < len(lines):
        line = lines[index]
        if _BLANK.match(line):
            blank = True
        elif len(line) - len(line.lstrip(" ")) >= width:
            if blank:
                content.append("")
            content.append(line[width:])
            blank = False
        elif blank or _ITEM.match(line) or _starts_block(line) and not line.startswith("    "):
            break
        elif _starts_block(line.lstrip()) or _ITEM.match(line.lstrip()) or _UNDERLINE.match(line):
            raise Unsure  # what a lazy line would be here is markdown-it's own reading
        else:
            content.append(line.lstrip())  # a lazy line: it continues the paragraph above
        index += 1
    return content, index


def _draw(block: Block, console: Console, width: int) -> list[Text]:
    """The lines of one block at `width` columns."""
    if block.kind == "paragraph":
        return _wrapped(_with_dim_id(inline_text(block.text)), console, width)
    if block.kind == "heading":
        heading = inline_text(block.text)
        heading.stylize(_HEADINGS[block.level])
        return _wrapped(heading, console, width)
    if block.kind == "rule":
        return [Text("─" * width, _STYLE_RULE)]
    if block.kind == "code":
        return _code(block.lines, console, width)
    if block.kind == "quote":
        return _quoted(block, console, width)
    return _drawn_list(block, console, width)


def _wrapped(text: Text, console: Console, width: int) -> list[Text]:
    lines = text.wrap(console, max(width, 1), justify="default", overflow="fold")
    for line in lines:
        line.rstrip()  # the space where a line was broken
    return list(lines)


def _with_dim_id(text: Text) -> Text:
    """A decision's or action's `^d-…` id dimmed: kept for commands, quiet for the eye."""
    found = _ITEM_ID.search(text.plain)
    if found:
        text.stylize("dim", found.start(), found.end())
    return text


def _code(code: tuple[str, ...], console: Console, width: int) -> list[Text]:
    """Each line as written, one space in, on the code background to the full width."""
    block = Text("\n".join(f" {line}" for line in code) or " ", _STYLE_CODE)
    return list(block.wrap(console, max(width, 1), justify="left", overflow="fold"))


def _quoted(block: Block, console: Console, width: int) -> list[Text]:
    lines: list[Text] = []
    for index, paragraph in enumerate(block.lines):
        if index:
            lines.append(Text())
        lines.extend(_wrapped(inline_text(paragraph), console, width - 2))
    bar = Text("▌ ", _STYLE_QUOTE)
    return [Text.assemble(bar, line, style=_STYLE_QUOTE) for line in lines]


def _drawn_list(block: Block, console: Console, width: int) -> list[Text]:
    """Each item's lines behind its bullet, number or task box, the next lines aligned."""
    ordered = bool(block.text)
    last = block.level + len(block.items) - 1
    marker_width = len(str(last)) + 2 if ordered else 3
    lines: list[Text] = []
    for number, (box, blocks) in enumerate(block.items, start=block.level):
        marker = _marker(number if ordered else None, box, marker_width)
        inner = width - marker.cell_len
        drawn = [line for child in blocks for line in _draw(child, console, inner)] or [Text()]
        for index, line in enumerate(drawn):
            lead = marker if index == 0 else Text(" " * marker.cell_len)
            lines.append(Text.assemble(lead, line))
    return lines


def _marker(number: int | None, box: str, width: int) -> Text:
    """` • `, ` 1 ` (to the list's widest number), a task's box in place of the bullet."""
    if number is not None:
        return Text.assemble((f"{number}".rjust(width - 1) + " ", _STYLE_NUMBER), box)
    return Text(f" {box}" if box else " • ", _STYLE_BULLET)
