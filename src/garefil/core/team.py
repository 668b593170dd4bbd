"""The team's members, `[team] members` in the notebook config: who may be a référent.

The list is edited in the config's text itself, one assignment rewritten, so that the team's
comments and layout stay as they were (the standard library reads TOML but does not write it).
An empty list means nobody has listed the team yet: référents are not checked.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable

from .config import Config
from .errors import BlankName, InvalidConfig, NotAMember, NotAMemberNearMiss
from .people import find_person, known_person, near_miss
from .text import person_id, same_person

_TABLE = re.compile(r"^\s*\[\s*([^\]]*?)\s*\]\s*(#.*)?$")
_MEMBERS = re.compile(r"^\s*members\s*=")


def member_named(config: Config, typed: str) -> str | None:
    """The member `typed` designates (full name, or a part only one member has); None when the
    team is not listed yet; NotAMember when nobody of the team has that name."""
    if not config.members:
        return None
    found = find_person(typed, config.members)
    if person_id(found) not in {person_id(m) for m in config.members}:
        close = near_miss(typed, config.members)
        if close:  # a misspelling ("Karim Benalli"): the member meant, not how to add them
            raise NotAMemberNearMiss(name=typed, close=close, members=", ".join(config.members))
        raise NotAMember(name=typed, members=", ".join(config.members))
    return found


def referent_named(config: Config, typed: str, named: Iterable[str]) -> str:
    """The référent `typed` designates among the team and the référents the notes name;
    NotAMember when nobody has that name (a figure about nobody would be all zeros)."""
    return known_person(typed, config.members, named)


def is_member(config: Config, name: str | None) -> bool:
    """Whether `name` is one of the team (always true while the team is not listed)."""
    if not config.members:
        return True
    return name is not None and person_id(name) in {person_id(m) for m in config.members}


def typed_name(name: str | None, what: str) -> str | None:
    """A person's name as typed on the command line, its spaces tidied; BlankName if nothing
    is left of it (an empty member, référent or entrepreneur would be written for real)."""
    if name is None:
        return None
    tidy = " ".join(name.split())
    if not tidy:
        raise BlankName(what=what)
    return tidy


def with_member(members: Iterable[str], name: str) -> tuple[str, ...]:
    """`members` with `name` added (unchanged if they are there, whatever the spelling)."""
    members = tuple(members)
    if any(same_person(m, name) for m in members):
        return members
    return (*members, " ".join(name.split()))


def without_member(members: Iterable[str], typed: str) -> tuple[str, ...]:
    """`members` without the one `typed` designates; NotAMember if nobody fits."""
    members = tuple(members)
    found = find_person(typed, members) if members else typed
    kept = tuple(m for m in members if person_id(m) != person_id(found))
    if len(kept) == len(members):
        raise NotAMember(name=typed, members=", ".join(members) or "—")
    return kept


def set_members(text: str, members: Iterable[str], path: str) -> str:
    """The config `text` with `[team] members` set to `members`, every other line untouched."""
    members = list(members)
    lines = text.splitlines(keepends=True)
    assignment = "members = " + _array(members)
    span = _members_span(lines)
    if span is not None:
        first = lines[span[0]]
        indent = first[: len(first) - len(first.lstrip())]
        ending = "\r\n" if first.endswith("\r\n") else "\n"
        lines[span[0] : span[1]] = [indent + assignment + ending]
    else:
        lines = _with_assignment(lines, assignment)
    result = "".join(lines)
    _check(text, result, members, path)
    return result


def _array(members: list[str]) -> str:
    # A JSON string is a TOML basic string: same quotes and escapes.
    return "[" + ", ".join(json.dumps(m, ensure_ascii=False) for m in members) + "]"


def _members_span(lines: list[str]) -> tuple[int, int] | None:
    """[start, end) of the lines of `members = …` in the [team] table, if it is there."""
    table = None
    for number, line in enumerate(lines):
        header = _TABLE.match(line.rstrip("\r\n"))
        if header:
            table = header.group(1)
        elif table == "team" and _MEMBERS.match(line):
            return number, _value_end(lines, number)
    return None


def _value_end(lines: list[str], start: int) -> int:
    """The line after the end of the value that starts on line `start` (arrays span lines)."""
    for end in range(start + 1, len(lines) + 1):
        try:
            tomllib.loads("".join(lines[start:end]).strip())
            return end
        except tomllib.TOMLDecodeError:
            continue
    return start + 1


def _with_assignment(lines: list[str], assignment: str) -> list[str]:
    """`lines` with the assignment put under [team], the table added at the end if missing."""
    for number, line in enumerate(lines):
        header = _TABLE.match(line.rstrip("\r\n"))
        if header and header.group(1) == "team":
            return [*lines[: number + 1], assignment + "\n", *lines[number + 1 :]]
    if lines and not lines[-1].endswith("\n"):
        lines = [*lines[:-1], lines[-1] + "\n"]
    return [*lines, "\n" if lines else "", "[team]\n", assignment + "\n"]


def _check(before: str, after: str, members: list[str], path: str) -> None:
    """Refuse an edit that would change anything but the members (an unusual layout)."""
    try:
        old, new = tomllib.loads(before), tomllib.loads(after)
    except tomllib.TOMLDecodeError as error:
        raise InvalidConfig(path=path, detail=str(error)) from None
    old.setdefault("team", {})["members"] = members
    if new != old:
        raise InvalidConfig(path=path, detail="members = […]")
