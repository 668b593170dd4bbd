"""The text of a prepared meeting note: roles, then the meeting's steps, agenda filled in.

The steps follow the team's meeting: météo (how everyone arrives), the points of the agenda,
the decisions, the actions, and what is left for next time. The agenda refers to items by their
ids in parentheses, never with the `^…` form that defines an item: an action listed as due is
still written once, in the meeting that gave it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from .agenda import Agenda, Subject
from .dates import iso
from .meetings import WEEKDAYS, Choice
from .register import ROLE_LABELS, ROLES

TITLE = "Réunion d'équipe du {day}"
# « Sujet (proposé par Karim Benali le 2026-11-30) »: who and when, each when known (a line
# written before the day was kept has no « le »).
_PROPOSED = re.compile(r" \(proposé(?: par (?P<by>.+?))?(?: le (?P<day>\d{4}-\d{2}-\d{2}))?\)$")


def title(start: datetime) -> str:
    """The title of the meeting note of `start`'s day."""
    return TITLE.format(day=start.date().isoformat())


def body(start: datetime, end: time, roles: list[Choice], agenda: Agenda) -> str:
    """The Markdown body of the meeting note."""
    held = {c.role: c.person for c in roles}
    lines = [
        f"# {title(start)}",
        "",
        f"{WEEKDAYS[start.weekday()].capitalize()} {start:%d/%m/%Y}, "
        f"{start:%H}h{start:%M}–{end:%H}h{end:%M}.",
        "",
        "## Rôles",
        *(f"- {ROLE_LABELS[r]} : {held.get(r, '')}".rstrip() for r in ROLES),
        "",
        "## Météo",
        "<!-- Un mot chacun·e : comment j'arrive aujourd'hui. -->",
        "",
        f"## {AGENDA}",
        *_agenda(agenda),
        "",
        "## Points",
        "",
        "## Décisions",
        "<!-- Une décision par ligne : « - Texte. » ; « - Proposée : … » si elle attend. -->",
        "",
        "## Actions",
        "<!-- Une action par ligne : « - [ ] Qui — quoi — 2024-04-15 » ; [x] une fois faite. -->",
        "",
        "## Prochaine fois",
        "",
    ]
    return "\n".join(lines)


AGENDA = "Ordre du jour"
# The agenda's points, in order: the first four are gathered by garefil (their key names them
# for the refresh, core/agenda_refresh.py), the last two are the coaches' to fill in.
POINTS = (
    ("requests", "Demandes sans référent·e"),
    ("actions", "Actions arrivées à échéance"),
    ("proposed", "Décisions proposées"),
    ("subjects", "Sujets proposés dans la semaine"),
    ("", "Points d'accompagnement"),
    ("", "Actualités gestion coop"),
)


def gathered(agenda: Agenda) -> dict[str, list[tuple[str, str]]]:
    """The agenda's gathered items per point: (key, line) where the key is the item's id, or
    for a subject its line."""
    subjects = [subject_line(s) for s in agenda.subjects]
    return {
        "requests": [(n.id, request_line(n)) for n in agenda.requests],
        "actions": [(e.action.id, action_line(e)) for e in agenda.actions],
        "proposed": [(e.decision.id, decision_line(e)) for e in agenda.proposed],
        "subjects": [(line, line) for line in subjects],
    }


def _agenda(agenda: Agenda) -> list[str]:
    items = gathered(agenda)
    lines = []
    for number, (key, heading) in enumerate(POINTS, 1):
        lines.append(f"{number}. {heading}")
        lines += [f"   - {line}" for _key, line in items.get(key, ())]
    return lines


def request_line(note) -> str:
    """A request nobody took, as the agenda lists it."""
    named = note.entrepreneur and note.entrepreneur.casefold() not in note.title.casefold()
    who = f" — {note.entrepreneur}" if named else ""
    outside = f", référent·e hors de l'équipe : {note.referent}" if note.referent else ""
    return f"{note.title}{who}, depuis le {iso(note.date) or '?'}{outside} ({note.id})"


def action_line(entry) -> str:
    """An action due by the meeting, as the agenda lists it."""
    action = entry.action
    due = f", pour le {iso(action.due)}" if action.due else ""
    return f"{action.who or '?'} — {action.what}{due} ({action.id})"


def decision_line(entry) -> str:
    """A decision still proposed, as the agenda lists it."""
    return f"{entry.decision.text} ({entry.decision.id})"


def subject_line(subject: Subject) -> str:
    """A queued subject, as the agenda lists it: with who proposed it and when, so that
    `ordre-du-jour` still says both once the subject is in the note."""
    by = f" par {subject.by}" if subject.by else ""
    day = f" le {iso(subject.day)}" if subject.day else ""
    return f"{subject.text} (proposé{by}{day})" if by or day else subject.text


def subject_of_line(line: str, path: str) -> Subject:
    """The subject a line of the agenda of the note at `path` names, as subject_line wrote it:
    its text, who proposed it and when (None when the line does not say)."""
    found = _PROPOSED.search(line)
    if found is None or not (found["by"] or found["day"]):
        return Subject(line, None, None, path)
    return Subject(line[: found.start()], found["by"], _day(found["day"]), path)


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:  # a day a coach mistyped: the subject stays, its day unknown
        return None
