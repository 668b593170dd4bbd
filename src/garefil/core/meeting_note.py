"""The text of a prepared meeting note: roles, then the meeting's steps, agenda filled in.

The steps follow the team's meeting: météo (how everyone arrives), the points of the agenda,
the decisions, the actions, and what is left for next time. The agenda refers to items by their
ids in parentheses, never with the `^…` form that defines an item: an action listed as due is
still written once, in the meeting that gave it.
"""

from __future__ import annotations

from datetime import datetime, time

from .agenda import Agenda
from .dates import iso
from .meetings import WEEKDAYS, Choice
from .register import ROLE_LABELS, ROLES

TITLE = "Réunion d'équipe du {day}"


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
        "## Ordre du jour",
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


def _agenda(agenda: Agenda) -> list[str]:
    sections = [
        ("Demandes sans référent·e", [_request(n) for n in agenda.requests]),
        ("Actions arrivées à échéance", [_action(e) for e in agenda.actions]),
        ("Décisions proposées", [f"{e.decision.text} ({e.decision.id})" for e in agenda.proposed]),
        ("Sujets proposés dans la semaine", [_subject(s) for s in agenda.subjects]),
        ("Points d'accompagnement", []),
        ("Actualités gestion coop", []),
    ]
    lines = []
    for number, (heading, items) in enumerate(sections, 1):
        lines.append(f"{number}. {heading}")
        lines += [f"   - {item}" for item in items]
    return lines


def _request(note) -> str:
    named = note.entrepreneur and note.entrepreneur.casefold() not in note.title.casefold()
    who = f" — {note.entrepreneur}" if named else ""
    outside = f", référent·e hors de l'équipe : {note.referent}" if note.referent else ""
    return f"{note.title}{who}, depuis le {iso(note.date) or '?'}{outside} ({note.id})"


def _action(entry) -> str:
    action = entry.action
    due = f", pour le {iso(action.due)}" if action.due else ""
    return f"{action.who or '?'} — {action.what}{due} ({action.id})"


def _subject(subject) -> str:
    return f"{subject.text} (proposé par {subject.by})" if subject.by else subject.text
