"""Changes to one decision or action, made on its own line of the note's text and nowhere else.

`action faite` turns `[ ]` into `[x]` on the action's line; `decision adopter/abandonner` rewrites
the status word at the start of the decision's line; an item written by hand without id gets its
id (the one it was listed under) at the end of the same line. A new item is one line added under
its heading. Every edit is checked by reading the result again: the item must be found under the
same id, changed as asked, or nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import DecisionAlreadyReplaced, EmptyItem, ItemLineChanged, NoRegisterSection
from .frontmatter_text import body_of
from .model import Action, Decision, Note
from .register import ADOPTED, Item, heading_lines, items, own_text, read_register, without_status

HEADINGS = {"decisions": "Décisions", "actions": "Actions"}
_BOM = "\ufeff"


def _split(text: str) -> tuple[list[str], int]:
    """The text's lines (ends kept) and the number of lines before its body."""
    plain = text.removeprefix(_BOM)
    body = body_of(plain)
    lines = plain.splitlines(keepends=True)
    return lines, plain[: len(plain) - len(body)].count("\n")


def _join(text: str, lines: list[str]) -> str:
    return (_BOM if text.startswith(_BOM) else "") + "".join(lines)


def _item_at(text: str, line: int) -> Item:
    body = body_of(text.removeprefix(_BOM))
    for item in items(body):
        if item.first == line:
            return item
    raise LookupError(line)


def mark_done(text: str, path: str, note_id: str, action: Action) -> str:
    """`text` with `action` checked done (and its id written if it was derived)."""
    lines, offset = _split(text)
    item = _checked_item(text, path, action.line, offset, action.id)
    number = offset + item.first
    head, start = _content_start(lines[number], item.marker)
    content = lines[number][start:]
    if content.startswith("[ ]"):
        content = "[x]" + content[3:]
    elif content[:3].lower() != "[x]":
        content = "[x] " + content
    lines[number] = head + content
    lines = _with_id(lines, offset + item.last, action)
    result = _join(text, lines)
    _verify(result, path, note_id, "actions", action.id, lambda a: a.done, offset + item.first)
    return result


def set_status(text: str, path: str, note_id: str, decision: Decision, status: str) -> str:
    """`text` with `decision`'s status word set to `status` (no word: adopted)."""
    lines, offset = _split(text)
    item = _checked_item(text, path, decision.line, offset, decision.id)
    number = offset + item.first
    head, start = _content_start(lines[number], item.marker)
    prefix = "" if status == ADOPTED else f"{status.capitalize()} : "
    rest = without_status(lines[number][start:])
    if not prefix and rest != lines[number][start:]:
        rest = rest[:1].upper() + rest[1:]  # the status word began the sentence: its text now does
    lines[number] = head + prefix + rest
    lines = _with_id(lines, offset + item.last, decision)
    result = _join(text, lines)
    _verify(result, path, note_id, "decisions", decision.id, lambda d: d.status == status, number)
    return result


def has_heading(text: str, kind: str) -> bool:
    """Whether the note `text` has the heading items of `kind` are written under."""
    return kind in heading_lines(body_of(text.removeprefix(_BOM)))


def add_item(text: str, path: str, kind: str, line: str) -> str:
    """`text` with the list item `line` (without its marker) added last under its heading; a
    note without that heading gets it at the end of what the coaches wrote, as they would."""
    if not line.strip():
        raise EmptyItem()
    if not has_heading(text, kind):
        text = with_heading(text, kind)
    if not has_heading(text, kind):  # the new heading is not read as one: nothing written
        raise NoRegisterSection(path=path, heading=HEADINGS[kind])
    lines, offset = _split(text)
    body = body_of(text.removeprefix(_BOM))
    after = heading_lines(body)[kind]
    last = [i.end for i in items(body) if i.kind == kind and i.first >= after]
    at = offset + (max(last) if last else after)
    while last and at > offset + after and not lines[at - 1].strip():
        at -= 1  # a list's lines run to the blank line after it: insert before that line
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    new = [f"- {' '.join(line.split())}{newline}"]
    if at > 0 and lines[at - 1].strip() and not last:
        new.insert(0, newline)  # a list right under a heading reads better after a blank line
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += newline
    return _join(text, lines[:at] + new + lines[at:])


def with_heading(text: str, kind: str) -> str:
    """`text` with the heading of `kind` (« Décisions », « Actions ») added after what the
    coaches wrote (above a pad's copied text): a `##` heading, or `#` where a `##` one would
    be read as part of a `#` section above it."""
    for depth in (2, 1):
        new = _with_heading(text, HEADINGS[kind], depth)
        if has_heading(new, kind):
            return new
    return text


def _with_heading(text: str, heading: str, depth: int) -> str:
    plain = text.removeprefix(_BOM)
    body = body_of(plain)
    own = own_text(body)
    start = len(plain) - len(body)
    newline = "\r\n" if "\r\n" in plain else "\n"
    written = own.rstrip()
    rest = plain[start + len(own) :]
    new = plain[:start] + written + (newline * 2 if written else "") + f"{'#' * depth} {heading}"
    return _join(text, [new + newline + (newline + rest if rest else "")])


def _checked_item(text: str, path: str, line: int, offset: int, item_id: str) -> Item:
    """The list item at body line `line`; ItemLineChanged if the text moved since it was read."""
    try:
        return _item_at(text, line)
    except LookupError:
        raise ItemLineChanged(path=path, line=offset + line + 1, id=item_id) from None


def _content_start(line: str, marker: str) -> tuple[str, int]:
    """The line's list marker with what follows it up to its text, and where its text starts."""
    stripped = line.lstrip(" \t")
    start = len(line) - len(stripped)
    if marker in ".)":
        start += len(stripped) - len(stripped.lstrip("0123456789"))
    start += 1
    while start < len(line) and line[start] in " \t":
        start += 1
    return line[:start], start


def _with_id(lines: list[str], number: int, item: Decision | Action) -> list[str]:
    """The lines with `item`'s id written at the end of line `number` if it was derived."""
    if item.written_id:
        return lines
    line = lines[number]
    ending = line[len(line.rstrip("\r\n")) :]
    lines = list(lines)
    lines[number] = f"{line.rstrip()} ^{item.id}{ending}"
    return lines


def _verify(text: str, path: str, note_id: str, kind: str, item_id: str, changed, line: int):
    """Refuse an edit after which the item is not found under its id, changed as asked."""
    register = read_register(body_of(text.removeprefix(_BOM)), note_id)
    found = [i for i in getattr(register, kind) if i.id == item_id]
    if len(found) != 1 or not changed(found[0]):
        raise ItemLineChanged(path=path, line=line + 1, id=item_id)


def write_id(text: str, path: str, item: Decision | Action) -> str:
    """`text` with the derived id of `item` written at the end of its line (unchanged if the
    id is already written)."""
    if item.written_id:
        return text
    lines, offset = _split(text)
    found = _checked_item(text, path, item.line, offset, item.id)
    return _join(text, _with_id(lines, offset + found.last, item))


def new_line(text: str, item_id: str) -> str:
    """The text of a new item's line (without list marker), its id at the end."""
    return f"{' '.join(text.split())} ^{item_id}"


def check_not_replaced(notes: Iterable[Note], decision_id: str) -> None:
    """Refuse to replace a decision twice: the register keeps one line of succession."""
    for note in notes:
        for decision in note.decisions:
            if decision.replaces == decision_id:
                raise DecisionAlreadyReplaced(id=decision_id, by=decision.id)
