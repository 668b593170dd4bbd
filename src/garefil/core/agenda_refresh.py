"""A prepared meeting note's agenda brought up to date, without touching what coaches wrote.

Four points of the agenda are gathered by garefil (requests nobody took, actions due, decisions
proposed, subjects queued): an item open now and missing from its point is added at the end of
it; a line garefil wrote for an item that is no longer open (a request taken or closed, an
action done or postponed, a decision adopted) goes away, but only while it reads as garefil
wrote it. Every other line stays as it is: a line a coach wrote or changed, the other points,
every other section. A note without an agenda gets one, before its « Points ».
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .agenda import Agenda
from .frontmatter_text import body_of
from .meeting_note import AGENDA, POINTS, action_line, decision_line, gathered, request_line
from .model import Note
from .notetypes import is_type
from .register_list import action_entries, decision_entries
from .requests import REQUEST
from .text import fold

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_POINT = re.compile(r"^(\d+)[.)]\s+(.+?)\s*$")
_ITEM = re.compile(r"^\s+[-*+]\s+(.*?)\s*$")
_ID = re.compile(r"\(([^()\s]+)\)$")
# What garefil updates itself in its lines: a line differing only there is still its own.
_UPDATED = re.compile(r", (pour le \d{4}-\d{2}-\d{2}|référent·e hors de l'équipe : [^(]*?)(?= \()")
_BOM = "\ufeff"


@dataclass(frozen=True)
class Refreshed:
    """The note's new text, and how many agenda lines were added and removed."""

    text: str
    added: int = 0
    removed: int = 0


def known_lines(notes: Iterable[Note]) -> dict[str, str]:
    """The line garefil would write now for every request, action and decision, by id: how a
    line it wrote for an item no longer open is told from one a coach wrote."""
    notes = list(notes)
    known = {n.id: request_line(n) for n in notes if is_type(n, REQUEST)}
    known.update((e.action.id, action_line(e)) for e in action_entries(notes))
    known.update((e.decision.id, decision_line(e)) for e in decision_entries(notes))
    return known


def refresh(text: str, agenda: Agenda, known: Mapping[str, str]) -> Refreshed:
    """`text` (a whole note) with its agenda's gathered points brought in line with `agenda`;
    `known` (see known_lines) says which lines of items no longer open are garefil's."""
    plain = text.removeprefix(_BOM)
    head = len(plain) - len(body_of(plain))
    lines = plain[head:].splitlines(keepends=True)
    end = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    section = _section(lines)
    wanted = gathered(agenda)
    if section is None:
        lines, added = _with_new_section(lines, wanted, end), sum(map(len, wanted.values()))
        return Refreshed(_joined(text, plain[:head], lines, end), added, 0)
    start, stop = section
    inside, added, removed = _points(lines[start + 1 : stop], wanted, known, end)
    lines[start + 1 : stop] = inside
    return Refreshed(_joined(text, plain[:head], lines, end), added, removed)


def subjects_in(text: str) -> list[str]:
    """The lines of the « subjects » point of the note's agenda, as written."""
    lines = body_of(text.removeprefix(_BOM)).splitlines()
    section = _section(lines)
    if section is None:
        return []
    inside = lines[section[0] + 1 : section[1]]
    found = [b for b in _blocks(inside) if b[0] == "subjects"]
    if not found:
        return []
    _key, first, last = found[0]
    return [m.group(1) for line in inside[first + 1 : last] if (m := _ITEM.match(line))]


def _joined(original: str, head: str, lines: list[str], end: str) -> str:
    body = "".join(line if line.endswith(("\n", "\r")) else line + end for line in lines[:-1])
    body += lines[-1] if lines else ""
    return (_BOM if original.startswith(_BOM) else "") + head + body


def _section(lines: list[str]) -> tuple[int, int] | None:
    """Where the agenda section is: its heading's line and the line of the next heading of the
    same or a higher level (or the end)."""
    start = level = None
    for number, line in enumerate(lines):
        match = _HEADING.match(line.rstrip("\r\n"))
        if match is None:
            continue
        if start is None and fold(match.group(2)) == fold(AGENDA):
            start, level = number, len(match.group(1))
        elif start is not None and len(match.group(1)) <= level:
            return start, number
    return None if start is None else (start, len(lines))


def _blocks(inside: list[str]) -> list[tuple[str, int, int]]:
    """The numbered points of the section: (key of a gathered point or "", first, last line)."""
    keys = {fold(heading): key for key, heading in POINTS}
    starts = [
        (number, keys.get(fold(m.group(2)), ""))
        for number, line in enumerate(inside)
        if (m := _POINT.match(line.rstrip("\r\n")))
    ]
    if not starts:
        return []
    ends = [number for number, _key in starts[1:]] + [len(inside)]
    return [(key, first, last) for (first, key), last in zip(starts, ends, strict=True)]


def _points(
    inside: list[str], wanted: dict[str, list[tuple[str, str]]], known: Mapping[str, str], end: str
) -> tuple[list[str], int, int]:
    """The section's lines with each gathered point refreshed; lines added and removed."""
    added = removed = 0
    blocks = _blocks(inside)
    result = inside[: blocks[0][1]] if blocks else list(inside)
    done = set()
    for key, first, last in blocks:
        block = inside[first:last]
        if key in wanted and key not in done:
            done.add(key)
            block, more, fewer = _point(block, wanted[key], known, end)
            added, removed = added + more, removed + fewer
        result += block
    missing = [(k, h) for k, h in POINTS if k in wanted and k not in done and wanted[k]]
    if missing:
        number = len(blocks)
        extra = []
        for offset, (key, heading) in enumerate(missing, 1):
            extra += [f"{number + offset}. {heading}{end}"]
            extra += [f"   - {line}{end}" for _k, line in wanted[key]]
            added += len(wanted[key])
        result = _before_blank_tail(result, extra, end)
    return result, added, removed


def _point(
    block: list[str], wanted: list[tuple[str, str]], known: Mapping[str, str], end: str
) -> tuple[list[str], int, int]:
    """One gathered point: the lines kept, the items missing added after its last item."""
    keys = {key for key, _line in wanted}
    kept, seen, removed = [block[0]], set(), 0
    for line in block[1:]:
        item = _ITEM.match(line.rstrip("\r\n"))
        key = _key(item.group(1)) if item else None
        if item and key not in keys and _plain(known.get(key, "")) == _plain(item.group(1)):
            removed += 1  # garefil's own line for an item no longer open
            continue
        seen.add(key)
        kept.append(line)
    new = [f"   - {line}{end}" for key, line in wanted if key not in seen]
    return _after_last_item(kept, new, end), len(new), removed


def _key(text: str) -> str:
    """An agenda line's key: the id in parentheses that ends it, else its whole text."""
    found = _ID.search(text)
    return found.group(1) if found else _plain(text)


def _plain(text: str) -> str:
    return " ".join(_UPDATED.sub("", text).split())


def _after_last_item(block: list[str], new: list[str], end: str) -> list[str]:
    """`new` lines after the point's last non-blank line (its heading when it has no item)."""
    last = max(n for n, line in enumerate(block) if line.strip())
    head = block[: last + 1]
    if new and not head[-1].endswith(("\n", "\r")):
        head[-1] += end
    return head + new + block[last + 1 :]


def _before_blank_tail(lines: list[str], new: list[str], end: str) -> list[str]:
    filled = [n for n, line in enumerate(lines) if line.strip()]
    last = filled[-1] if filled else -1
    head = lines[: last + 1]
    if head and not head[-1].endswith(("\n", "\r")):
        head[-1] += end
    return head + new + lines[last + 1 :]


def _with_new_section(lines: list[str], wanted: dict, end: str) -> list[str]:
    """The body with a whole agenda, before the « Points » section (or at the end)."""
    section = [f"## {AGENDA}{end}"]
    for number, (key, heading) in enumerate(POINTS, 1):
        section.append(f"{number}. {heading}{end}")
        section += [f"   - {line}{end}" for _key, line in wanted.get(key, ())]
    section.append(end)
    points = next(
        (
            n
            for n, line in enumerate(lines)
            if (m := _HEADING.match(line.rstrip("\r\n"))) and fold(m.group(2)) == "points"
        ),
        None,
    )
    if points is None:
        return _before_blank_tail(lines, [end] + section, end)
    return lines[:points] + section + lines[points:]
