"""The inline Markdown of one paragraph or heading, as a styled Rich `Text` (see markdown_view).

It follows CommonMark as markdown-it (which Rich's Markdown uses) reads it: backslash escapes,
code spans, `*`/`_` emphasis with the delimiter-run rules (so `_` inside a word stays a letter),
inline links `[texte](adresse)` and autolinks `<https://…>`, hard and soft line breaks. What it
cannot be sure to read the same way (a link title, nested brackets, parentheses in an address, a
code span in a link's text, a dangerous scheme) raises `Unsure`, and the whole note goes to Rich's
Markdown. The note's text only ever goes into `Text.append` as plain text: `[bold]` in a note
stays `[bold]` on screen.
"""

from __future__ import annotations

import re
import unicodedata

from rich.text import Text

STRONG, EM, CODE = "markdown.strong", "markdown.em", "markdown.code"
LINK, ADDRESS = "markdown.link", "dim"
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# Unicode whitespace as markdown-it tests it (Zs, tabs and line ends).
_WHITESPACE = frozenset("\t\n\x0b\x0c\r \xa0\u1680\u202f\u205f\u3000") | {
    chr(code) for code in range(0x2000, 0x200B)
}
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*)>")
# What may follow `](`: an address without spaces or parentheses, then `)`. Anything else after
# `](` (a title, `<…>`, nested parentheses) is left to Rich's Markdown.
_DESTINATION = re.compile(r"\(\s*([^\s()<>\\]*)\s*\)")
# markdown-it refuses these as link addresses (and shows the brackets as text).
_REFUSED = re.compile(r"(?:javascript|vbscript|file|data):", re.IGNORECASE)
# More emphasis marks and brackets than a coach's paragraph holds (a generated or broken file):
# markdown-it's linear bookkeeping is for those.
_MOST_MARKS = 400
_SPECIAL = re.compile(r"[\\`*_\[<\n]")


class Unsure(Exception):
    """The light view cannot be sure to show this Markdown as Rich's Markdown would."""


class _Piece:
    """A run of text with its styles, or a delimiter run still waiting for its pair."""

    __slots__ = ("can_close", "can_open", "delimiter", "length", "styles", "text")

    def __init__(
        self,
        text: str,
        styles: list[str] | None = None,
        delimiter: str = "",  # "*" or "_" while the run may still open or close emphasis
        can_open: bool = False,
        can_close: bool = False,
        length: int = 0,  # the run's length as written (the "rule of 3" looks at it)
    ) -> None:
        self.text, self.styles, self.delimiter = text, styles or [], delimiter
        self.can_open, self.can_close, self.length = can_open, can_close, length


def inline_text(source: str) -> Text:
    """`source` (a paragraph's lines joined by line breaks) as styled text."""
    if sum(map(source.count, "*_[")) > _MOST_MARKS:
        raise Unsure  # pairing delimiters and brackets here takes time growing as their square
    text = Text()
    for piece in _pieces(source):
        start = len(text)
        text.append(piece.text)
        for style in piece.styles:  # nested emphasis: one span each, Rich combines them
            text.stylize(style, start, len(text))
    return text


def _pieces(source: str, start: int = 0, limit: int | None = None) -> list[_Piece]:
    """The pieces of `source[start:limit]`, emphasis paired (a link's text is read in place:
    the characters around it count for its delimiters, as in markdown-it)."""
    pieces = _scan(source, start, len(source) if limit is None else limit)
    _emphasise(pieces)
    return [p for p in pieces if p.text]


def _scan(source: str, position: int, limit: int) -> list[_Piece]:
    """The text cut into plain runs, code spans, links, breaks and delimiter runs."""
    pieces: list[_Piece] = []
    while position < limit:
        found = _SPECIAL.search(source, position, limit)
        end = found.start() if found else limit
        if end > position:
            pieces.append(_Piece(source[position:end]))
        if found is None:
            break
        position = _special(source, end, limit, pieces)
    return pieces


def _special(source: str, at: int, limit: int, pieces: list[_Piece]) -> int:
    """Read the construct starting at `at` into `pieces`; where the text resumes."""
    char = source[at]
    if char == "\\":
        return _escape(source, at, pieces)
    if char == "`":
        return _code_span(source, at, pieces)
    if char in "*_":
        return _delimiter_run(source, at, limit, pieces)
    if char == "[":
        return _link(source, at, pieces)
    if char == "<":
        return _autolink(source, at, pieces)
    return _line_break(source, at, pieces)


def _escape(source: str, at: int, pieces: list[_Piece]) -> int:
    following = source[at + 1 : at + 2]
    if following == "\n":
        _strip_trailing_spaces(pieces)
        pieces.append(_Piece("\n"))
    elif following and following in _ASCII_PUNCTUATION:
        pieces.append(_Piece(following))
    else:
        pieces.append(_Piece("\\"))
        return at + 1
    return at + 2


def _line_break(source: str, at: int, pieces: list[_Piece]) -> int:
    """A line end: hard after two spaces, else a space; the spaces around it dropped."""
    hard = _plain_last(pieces) and pieces[-1].text.endswith("  ")
    _strip_trailing_spaces(pieces)
    pieces.append(_Piece("\n" if hard else " "))
    return at + 1


def _strip_trailing_spaces(pieces: list[_Piece]) -> None:
    if _plain_last(pieces):
        pieces[-1].text = pieces[-1].text.rstrip(" ")


def _plain_last(pieces: list[_Piece]) -> bool:
    """Whether the last piece is plain text (not code, a link or a delimiter run)."""
    return bool(pieces) and not pieces[-1].delimiter and not pieces[-1].styles


def _code_span(source: str, at: int, pieces: list[_Piece]) -> int:
    """`code` (the same number of backticks closes it); unclosed, the backticks are text."""
    run = re.match(r"`+", source[at:])
    assert run is not None
    ticks = run.group()
    after = at + len(ticks)
    closing = re.compile(r"(?<!`)" + ticks + r"(?!`)")
    found = closing.search(source, after)
    if found is None:
        pieces.append(_Piece(ticks))
        return after
    code = source[after : found.start()].replace("\n", " ")
    if code.startswith(" ") and code.endswith(" ") and code.strip(" "):
        code = code[1:-1]
    pieces.append(_Piece(code, [CODE]))
    return found.end()


def _delimiter_run(source: str, at: int, limit: int, pieces: list[_Piece]) -> int:
    """A run of `*` or `_`, with whether it may open or close emphasis (markdown-it's rules)."""
    char = source[at]
    end = at
    while end < limit and source[end] == char:
        end += 1
    before = source[at - 1] if at > 0 else " "
    after = source[end] if end < limit else " "  # a link's text ends as a line does
    left, right = _flanking(after, before), _flanking(before, after)
    if char == "*":
        can_open, can_close = left, right
    else:  # `_` never opens or closes inside a word
        can_open = left and (not right or _punctuation(before))
        can_close = right and (not left or _punctuation(after))
    pieces.append(_Piece(source[at:end], [], char, can_open, can_close, end - at))
    return end


def _flanking(inside: str, outside: str) -> bool:
    """Whether a run with `inside` on the emphasised side and `outside` on the other flanks it:
    not before a space, and before punctuation only when after a space or punctuation."""
    if _space(inside):
        return False
    return not _punctuation(inside) or _space(outside) or _punctuation(outside)


def _space(char: str) -> bool:
    return char in _WHITESPACE


def _punctuation(char: str) -> bool:
    return char in _ASCII_PUNCTUATION or unicodedata.category(char)[0] in "PS"


def _link(source: str, at: int, pieces: list[_Piece]) -> int:
    """`[texte](adresse)`: the text, then the address in brackets when it says something else;
    brackets followed by anything but `(` are text (references were ruled out before)."""
    close = source.find("]", at + 1)
    label = source[at + 1 : close] if close > 0 else ""
    if close < 0 or not source.startswith("(", close + 1):
        if close > 0 and any(c in label for c in "[`<\\"):
            raise Unsure  # brackets inside brackets, code or escapes: markdown-it's own rules
        pieces.append(_Piece("["))
        return at + 1
    destination = _DESTINATION.match(source, close + 1)
    if destination is None or not label.strip() or any(c in label for c in "[`<\\"):
        raise Unsure
    address = destination.group(1)
    if _REFUSED.match(address):
        raise Unsure
    inner = _pieces(source, at + 1, close)
    for piece in inner:  # what the link's text left unpaired never pairs outside it
        piece.styles.append(LINK)
        piece.delimiter = ""
    pieces.extend(inner)
    if address and address != "".join(piece.text for piece in inner):
        pieces.append(_Piece(f" ({address})", [ADDRESS]))
    return destination.end()


def _autolink(source: str, at: int, pieces: list[_Piece]) -> int:
    found = _AUTOLINK.match(source, at)
    if found is None:
        pieces.append(_Piece("<"))
        return at + 1
    pieces.append(_Piece(found.group(1), [LINK]))
    return found.end()


def _emphasise(pieces: list[_Piece]) -> None:
    """CommonMark's "process emphasis": pair closers with the nearest fitting opener, innermost
    characters first, styling everything between; unpaired delimiters stay text."""
    index = 0
    while index < len(pieces):
        closer = pieces[index]
        if not (closer.delimiter and closer.can_close and closer.text):
            index += 1
            continue
        opener_at = _opener(pieces, index)
        if opener_at is None:
            if not closer.can_open:
                closer.delimiter = ""  # it will never pair: plain text from now on
            index += 1
            continue
        opener = pieces[opener_at]
        used = 2 if len(opener.text) >= 2 and len(closer.text) >= 2 else 1
        for piece in pieces[opener_at + 1 : index]:
            piece.styles.append(STRONG if used == 2 else EM)
            piece.delimiter = ""  # a run between the pair can no longer pair
        opener.text = opener.text[used:]
        closer.text = closer.text[used:]


def _opener(pieces: list[_Piece], closer_at: int) -> int | None:
    """The nearest opener before the closer that may pair with it (the "rule of 3")."""
    closer = pieces[closer_at]
    for index in range(closer_at - 1, -1, -1):
        opener = pieces[index]
        if opener.delimiter != closer.delimiter or not opener.can_open or not opener.text:
            continue
        both = opener.can_close or closer.can_open
        total = opener.length + closer.length
        if both and total % 3 == 0 and (opener.length % 3 or closer.length % 3):
            continue
        return index
    return None
