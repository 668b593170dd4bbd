"""The sommaire as Markdown pages, readable on a git forge (GitHub, GitLab, Gitea) and in a
local viewer: SOMMAIRE.md at the notebook root, one page per entrepreneur, tag and référent in
`sommaire/`.

Links are relative and percent-encoded (a note's path may hold spaces or accents), so that they
resolve from wherever the page is. Anchors are the headings slugged as the forges do it: lower
case, every character that is not a letter, a digit, a space or '-' dropped, spaces made '-'
(`## À traiter` → `#à-traiter`); no page repeats a heading, so no `-1` suffix is ever needed.
Text from the notes is escaped, so that a title cannot open a link, a table cell or a comment.
The pages are the team's content, written in French like the notes' templates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote

from garefil.core import appointments, reports
from garefil.core.dates import day_of, iso
from garefil.core.documents import Filed
from garefil.core.followup import Due, oldest_first
from garefil.core.french_dates import spelled_out
from garefil.core.model import Note
from garefil.core.notetypes import is_type
from garefil.core.pads import Pad
from garefil.core.register import ADOPTED, ROLE_LABELS
from garefil.core.summary import PAGES_DIR, SUMMARY_FILE, PersonPage, ReferentPage, Summary

GENERATED_NOTICE = (
    "<!-- Page générée par garefil (`garefil sommaire`) à partir des notes : ne pas la modifier "
    "à la main, elle est réécrite à chaque changement. -->"
)
SECTIONS = (
    "À traiter",
    "Entrepreneurs",
    "Pads",
    "Réunions",
    "Décisions récentes",
    "Thèmes",
    "Documents",
)
DUE_LABELS = {
    "rdv-sans-cr": "rendez-vous sans compte-rendu",
    "cr-brouillon": "compte-rendu en brouillon",
    "demande-sans-referent": "demande sans référent·e",
    "demande-ouverte": "demande ouverte",
    "sans-nouvelles": "sans nouvelles",
    "referent-hors-equipe": "référent·e hors de l'équipe",
    "action-en-retard": "action en retard",
}
DUE_PAGE = f"{PAGES_DIR}/a-traiter.md"
DUE_SHOWN = 10  # the oldest items in SOMMAIRE.md; every item is on DUE_PAGE and its référent's
TAG_PAGE_NOTES = 200  # a tag on thousands of notes: its newest, and the command for the rest
# Note text made inert: markup characters escaped, control characters (and newlines) made spaces;
# str.translate does it in one pass of C, for the tens of thousands of titles of a big notebook.
_ESCAPES = {ord(c): "\\" + c for c in "\\`*_{}[]<>()#+!|~"} | {
    code: " " for code in (*range(0x20), *range(0x7F, 0xA0))
}
_NOT_ANCHOR = re.compile(r"[^\w\- ]")


def anchor(heading: str) -> str:
    """The anchor a forge gives `heading` (GitHub, GitLab and Gitea agree on these)."""
    return _NOT_ANCHOR.sub("", heading.strip().lower()).replace(" ", "-")


def text(value: str | None) -> str:
    """Note text made inert in Markdown: control characters and newlines become spaces, and
    every character that could start markup is escaped."""
    return (value or "").translate(_ESCAPES).strip()


def link(label: str, target: str, depth: int, fragment: str = "") -> str:
    """`[label](target)` from a page `depth` folders below the root; `target` is relative to
    the root and percent-encoded."""
    href = "../" * depth + _quoted(target)
    return f"[{text(label) or '…'}]({href}{'#' + quote(fragment) if fragment else ''})"


@lru_cache(maxsize=65536)  # each note is linked from several pages
def _quoted(path: str) -> str:
    return quote(path)


class MarkdownPages:
    """Implements core.summary.PageRenderer: the sommaire as Markdown files."""

    def pages(self, summary: Summary) -> dict[str, bytes | None]:
        """SOMMAIRE.md, what is due, then every entrepreneur's, tag's and référent's page (None
        for a page outside the scope of an update: kept as it is)."""
        pages: dict[str, bytes | None] = {SUMMARY_FILE: _page(_summary_lines(summary))}
        pages[DUE_PAGE] = _page(_all_due_lines(summary))
        for person in summary.people:
            detail = _person_lines(summary, person) if person.detailed else None
            pages[person_path(person.key)] = _page(detail) if detail is not None else None
        for tag in summary.tags:
            pages[tag_path(tag.key)] = _page(_tag_lines(tag)) if tag.detailed else None
        for referent in summary.referents:
            pages[referent_path(referent.key)] = _page(_referent_lines(referent))
        return pages


def person_path(key: str) -> str:
    return f"{PAGES_DIR}/entrepreneurs/{key}.md"


def tag_path(key: str) -> str:
    return f"{PAGES_DIR}/etiquettes/{key}.md"


def referent_path(key: str) -> str:
    return f"{PAGES_DIR}/referents/{key}.md"


def _page(lines: Iterable[str]) -> bytes:
    return ("\n".join([GENERATED_NOTICE, *lines]).rstrip("\n") + "\n").encode("utf-8")


def _summary_lines(summary: Summary) -> list[str]:
    lines = [f"# Sommaire — {text(summary.name)}", ""]
    lines.append(" · ".join(link(s, SUMMARY_FILE, 0, anchor(s)) for s in SECTIONS))
    lines += ["", "## À traiter", "", *_due_summary(summary)]
    lines += ["", "## Entrepreneurs", "", *_people_table(summary, summary.people, 0)]
    lines += ["", "## Pads", "", *_pad_lines(summary.pads, 0)]
    lines += ["", "## Réunions", "", *_meeting_lines(summary)]
    lines += ["", "## Décisions récentes", "", *_decision_lines(summary)]
    lines += ["", "## Thèmes", "", *_tag_line(summary)]
    lines += ["", "## Documents", "", *_document_lines(summary.documents, 0)]
    return lines


def _due_lines(summary: Summary, items: tuple[Due, ...], depth: int) -> list[str]:
    if not items:
        return ["Rien à traiter."]
    lines = []
    for item in items:
        who = _referent_link(summary, item.referent, depth) if item.referent else "personne"
        label = DUE_LABELS.get(item.kind, item.kind)
        since = f"depuis le {iso(day_of(item.since))} · " if item.since else ""
        shown = link(item.note.title, item.note.path, depth) + _about(item)
        lines.append(f"- {since}{label} : {shown} ({who})")
    return lines


def _about(item: Due) -> str:
    """What a late action is, and its id (`garefil action faite`), after its note's link."""
    return f" — « {text(item.about)} » ({text(item.target)})" if item.about else ""


def _due_summary(summary: Summary) -> list[str]:
    """How much is due for whom, and the oldest items: the whole list has its own page."""
    if not summary.due:
        return ["Rien à traiter."]
    counts: dict[str, int] = {}
    for item in summary.due:
        counts[item.referent or ""] = counts.get(item.referent or "", 0) + 1
    lines = [f"{link('Tout ce qui est à traiter', DUE_PAGE, 0)} ({len(summary.due)}) :", ""]
    for name, count in counts.items():
        who = _referent_link(summary, name, 0) if name else "sans référent·e"
        lines.append(f"- {who} : {count}")
    oldest = oldest_first(summary.due)  # as `suivi` lists them, across référents
    lines += ["", "Les plus anciens :", "", *_due_lines(summary, tuple(oldest[:DUE_SHOWN]), 0)]
    return lines


def _all_due_lines(summary: Summary) -> list[str]:
    lines = ["# À traiter", "", _back("À traiter", 1), ""]
    return lines + _due_lines(summary, summary.due, 1)


def _people_table(summary: Summary, people: Iterable[PersonPage], depth: int) -> list[str]:
    rows = [
        "| Entrepreneur·e | Référent·e | Statut | Dernier contact | Notes |",
        "|---|---|---|---|---|",
    ]
    for page in people:
        person = page.person
        rows.append(
            f"| {link(person.name, person_path(page.key), depth)} "
            f"| {_referent_link(summary, person.referent, depth) if person.referent else '—'} "
            f"| {text(person.status) or '—'} | {iso(person.last_contact) or '—'} "
            f"| {person.notes} |"
        )
    return rows if len(rows) > 2 else ["Aucun·e entrepreneur·e pour l'instant."]


def _referent_link(summary: Summary, name: str | None, depth: int) -> str:
    page = summary.referent(name)
    return link(name or "", referent_path(page.key), depth) if page else text(name)


def _pad_lines(found: Iterable[Pad], depth: int) -> list[str]:
    lines = [
        f"- {link(pad.note.title, pad.note.path, depth)} — <{_address(pad.url)}> · "
        + (f"copié le {text(pad.copied_on)}" if pad.copied_on else "jamais copié")
        for pad in found
    ]
    return lines or ["Aucun pad enregistré : `garefil pad ajouter ADRESSE --titre TITRE`."]


def _address(url: str) -> str:
    """A pad's address as an autolink: nothing in it may close the `<…>`."""
    return quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~.-_")


def _meeting_lines(summary: Summary) -> list[str]:
    meetings = summary.meetings
    lines = [f"- Dernière : {_meeting(meetings.last, with_roles=True)}"]
    upcoming = _meeting(meetings.next, with_roles=True) if meetings.next else ""
    when = meetings.next_start
    day = spelled_out(when) if when else "à fixer"
    lines.append(f"- Prochaine : {day}" + (f" — {upcoming}" if upcoming else ""))
    if meetings.roles:
        roles = " · ".join(f"{ROLE_LABELS[c.role]} : {text(c.person)}" for c in meetings.roles)
        lines.append(f"- Rôles proposés pour la prochaine (rotation équitable) : {roles}")
    return lines


def _meeting(note: Note | None, with_roles: bool) -> str:
    if note is None:
        return "aucune"
    shown = f"{link(note.title, note.path, 0)} ({iso(day_of(note.date))})"
    roles = " · ".join(f"{ROLE_LABELS.get(r, r)} : {text(p)}" for r, p in note.roles)
    return shown + (f" — {roles}" if with_roles and roles else "")


def _decision_lines(summary: Summary) -> list[str]:
    lines = []
    for entry in summary.decisions:
        note = entry.source.note
        status = "" if entry.status == ADOPTED else f" ({text(entry.status)})"
        lines.append(
            f"- {text(entry.decision.text)}{status} — {link(note.title, note.path, 0)}"
            f" ({iso(day_of(note.date))})"
        )
    return lines or ["Aucune décision notée."]


def _tag_line(summary: Summary) -> list[str]:
    tags = [f"{link(t.tag, tag_path(t.key), 0)} ({t.count})" for t in summary.tags]
    return [" · ".join(tags)] if tags else ["Aucune étiquette."]


def _document_lines(documents: Iterable[Filed], depth: int) -> list[str]:
    lines = [
        f"- {link(d.path.rsplit('/', 1)[-1], d.path, depth)} — "
        f"{link(d.note.title, d.note.path, depth)}"
        for d in documents
    ]
    return lines or ["Aucun document rangé : `garefil doc ajouter FICHIER --note REF`."]


def _back(section: str, depth: int = 2) -> str:
    return link("← Sommaire", SUMMARY_FILE, depth, anchor(section))


def _person_lines(summary: Summary, page: PersonPage) -> list[str]:
    person = page.person
    referent = _referent_link(summary, person.referent, 2) if person.referent else "—"
    fiche = link("fiche", person.fiche.path, 2) if person.fiche else "pas de fiche"
    lines = [f"# {text(person.name)}", "", _back("Entrepreneurs"), ""]
    lines += [f"- Référent·e : {referent}", f"- Statut : {text(person.status) or '—'}"]
    lines += [f"- Dernier contact : {iso(person.last_contact) or '—'}", f"- {fiche}", ""]
    lines += ["## Le fil", "", *[_note_line(n, 2) for n in page.thread]]
    if page.pads:
        lines += ["", "## Pads", "", *_pad_lines(page.pads, 2)]
    if page.documents:
        lines += ["", "## Documents", "", *_document_lines(page.documents, 2)]
    return lines


def _state(note: Note) -> str:
    """A note's state as the team writes it in a sentence; a state of its own, as written."""
    if is_type(note, appointments.APPOINTMENT):
        return appointments.label(note.status or "")
    if is_type(note, reports.REPORT):
        return reports.label(note.status)
    return note.status or ""


def _note_line(note: Note, depth: int) -> str:
    # The state as `fil`, `list` and the docs say it (« envoyé »), not as the file spells it.
    status = f" · {text(_state(note))}" if note.status else ""
    when = iso(day_of(note.date)) or "—"
    return f"- {when} · {text(note.type)} · {link(note.title, note.path, depth)}{status}"


def _tag_lines(tag) -> list[str]:
    lines = [f"# Étiquette {text(tag.tag)}", "", _back("Thèmes"), ""]
    lines += [f"{tag.count} note(s), la plus récente d'abord.", ""]
    lines += [_note_line(n, 2) for n in tag.notes[:TAG_PAGE_NOTES]]
    if tag.count > TAG_PAGE_NOTES:
        lines += ["", f"Les autres : `garefil list --tag {tag.tag}`."]
    return lines


def _referent_lines(page: ReferentPage) -> list[str]:
    lines = [f"# {text(page.name)}", "", _back("Entrepreneurs"), ""]
    lines += ["## Entrepreneurs suivi·es", ""]
    lines += [f"- {link(p.person.name, person_path(p.key), 2)}" for p in page.people] or [
        "Personne pour l'instant."
    ]
    lines += ["", "## À traiter", ""]
    lines += [
        f"- {DUE_LABELS.get(d.kind, d.kind)} : {link(d.note.title, d.note.path, 2)}{_about(d)}"
        for d in page.due
    ] or ["Rien à traiter."]
    return lines
