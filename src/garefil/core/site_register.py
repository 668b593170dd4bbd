"""The site's pages of the team's meeting process: every meeting with who held its roles, and
the open actions, the earliest due first (those past due said so), each leading to its note."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .dates import iso
from .model import Note
from .notetypes import is_type
from .register import ROLE_LABELS
from .register_list import ActionEntry, action_entries, actions
from .requests import Recorded
from .site_model import Link, Page, Section, item_page, list_page, newest_first, note_link, when_of

MEETING = "reunion"
LATE = "action-en-retard"  # the state `suivi` names (followup.KIND_LABELS)


def register_pages(
    notes: list[Note], opt: str, recorded: Recorded, today: date, copies: Iterable[Note] = ()
) -> list[Page]:
    """The meetings page and the open actions page, with the actions only a conflict copy
    holds (`copies`), as `actions` lists them."""
    meetings = tuple(
        note_link(n, _with_roles(n)) for n in newest_first(notes, recorded) if is_type(n, MEETING)
    )
    # The day counts: an action falls past due as days go by, and its page says so.
    entries = action_entries([*notes, *copies])
    open_actions = tuple(_action_link(e, today) for e in actions(entries, today))
    return [
        list_page("pages/reunions.html", "meetings", "list", (Section("", meetings),), opt),
        list_page("pages/actions.html", "actions", "list", (Section("", open_actions),), opt),
    ]


def _with_roles(note: Note) -> str:
    """The meeting's day and type, then who held each role (« Animation : Awa Diallo »)."""
    held = [f"{ROLE_LABELS.get(role, role)} : {person}" for role, person in note.roles]
    return " · ".join([when_of(note), *held])


def _action_link(entry: ActionEntry, today: date) -> Link:
    """An open action: who — what, its due day and id (what `action faite` is given)."""
    a = entry.action
    text = f"{a.who} — {a.what}" if a.who else a.what
    detail = " · ".join(p for p in (iso(a.due), a.id, entry.source.note.title) if p)
    state = LATE if entry.late(today) else ""
    url, in_copy = item_page(entry.source.note)
    return Link(url, text, detail, state=state, in_copy=in_copy)
