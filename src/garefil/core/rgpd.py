"""Personal data (RGPD): what the notebook holds about one person, their copy of it, their
pseudonym, and how long the team keeps people who left.

A person is found by the one person-matching rule (core/people.py) among everyone the notes
name (entrepreneur, référent, participants). A note is about them when it names them in one of
those fields, or writes their full name, e-mail or phone anywhere. A conflict copy waiting for
`resolve` is a note like any other here: it is shared with the team, so their export holds it,
and anonymising them waits until it is settled (otherwise their data would stay in the copy,
and the copy's version could bring it back). The pseudonym is drawn at
random and kept nowhere: a pseudonym derived from the name could be recomputed from a list of
names, which would undo the anonymisation.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .atomic_files import atomic_write, writing_output
from .conflict_copies import conflict_pairs, is_conflict_copy
from .dates import day_of, iso, parse_date
from .entrepreneurs import entrepreneurs
from .errors import (
    ConflictPending,
    ExportInNotebook,
    GarefilError,
    InvalidDate,
    NoteExists,
)
from .model import Note
from .notebook import Notebook, decode_text
from .notetypes import is_type
from .people import find_person, unknown_entrepreneur
from .rgpd_documents import Attached, document_moves, move_documents, relinked
from .rgpd_passages import NO_EXTRACTS, Extracts, described
from .text import APOSTROPHES, fold, person_id, person_key, plain_apostrophes, slugify

CONTACT_FIELDS = ("email", "courriel", "mail", "telephone", "tel", "phone", "portable")
_PHONE_DIGITS = re.compile(r"\d")
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud without doubt


@dataclass(frozen=True)
class PersonData:
    """Everything the notebook holds about one person."""

    name: str
    notes: tuple[Note, ...]
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    spellings: tuple[str, ...] = ()  # the other ways notes write the name (« Ndiaye »)

    def names(self) -> tuple[str, ...]:
        """Every way the notes write the person's name, the longest first (replaced first)."""
        return tuple(sorted({self.name, *self.spellings}, key=lambda n: (-len(n), n)))

    def manifest(
        self, today: date, documents: Iterable[Attached] = (), extracts: Extracts = NO_EXTRACTS
    ) -> dict[str, Any]:
        """The JSON manifest of an export (documented in docs/rgpd.md); `extracts` gives, for
        each note of which only passages are exported, their lines."""
        return {
            "person": self.name,
            "exported_on": iso(today),
            "emails": list(self.emails),
            "phones": list(self.phones),
            "notes": [described(note, extracts.get(note.path)) for note in self.notes],
            "documents": [document.described() for document in documents],
        }

    def patterns(self) -> list[re.Pattern[str]]:
        """What finds the person in a text: each spelling of their full name, in either order
        and any case, their e-mails and phones (however spaced)."""
        found = [_full_name_pattern(name) for name in self.names()]
        return found + [_value_pattern(v) for v in (*self.emails, *self.phones)]


def people_named(notes: Iterable[Note]) -> set[str]:
    """Everyone a note names in a person field: entrepreneurs, référents, participants."""
    named: set[str] = set()
    for note in notes:
        named.update(n for n in (note.entrepreneur, note.referent, *note.participants) if n)
    return {name for name in named if person_key(name)}


def person_data(notebook: Notebook, notes: list[Note], typed: str) -> PersonData:
    """What the notes hold about the person `typed` designates; UnknownEntrepreneur if nobody.
    Each note's whole file is read: the catalogue keeps fields, not every word of the text."""
    known = people_named(notes)
    name = find_person(typed, known)
    if person_id(name) not in {person_id(k) for k in known}:
        raise unknown_entrepreneur(typed, known)
    # The person however the notes spell them (person_id): « N'Diaye » and « Ndiaye » both go.
    spellings = tuple(sorted(k for k in known if person_id(k) == person_id(name) and k != name))
    texts = {note.path: _readable(notebook, note.path) for note in notes}
    names = (name, *spellings)
    named = [_whole(notebook, n) for n in notes if _names(n, names, texts[n.path])]
    emails = _contact_values(named, name, ("email", "courriel", "mail"))
    phones = _contact_values(named, name, ("telephone", "tel", "phone", "portable"))
    values = [_value_pattern(v) for v in (*emails, *phones)]
    paths = {n.path for n in named}
    about = named + [
        _whole(notebook, n)
        for n in notes
        if n.path not in paths and any(v.search(texts[n.path]) for v in values)
    ]
    about = tuple(sorted(about, key=lambda n: n.path))
    return PersonData(name, about, emails, phones, spellings)


def _names(note: Note, names: tuple[str, ...], text: str) -> bool:
    key = person_id(names[0])
    people = (note.entrepreneur, note.referent, *note.participants)
    if any(person and person_id(person) == key for person in people):
        return True
    return any(_full_name_pattern(name).search(text) for name in names)


def _whole(notebook: Notebook, note: Note) -> Note:
    """The note with its whole front-matter (the catalogue leaves e-mail addresses out)."""
    from .notes import read

    try:
        return read(notebook, note.path)
    except (OSError, GarefilError):  # reported by every listing; exported as the index has it
        return note


def _contact_values(notes: list[Note], name: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    """Contact values of the notes whose entrepreneur is `name` (their fiche, mostly)."""
    found: dict[str, None] = {}
    for note in notes:
        if note.entrepreneur and person_id(note.entrepreneur) == person_id(name):
            for key, value in note.metadata.items():
                values = value if isinstance(value, list) else [value]
                if fold(str(key)) in keys:
                    found.update(dict.fromkeys(str(v).strip() for v in values if str(v).strip()))
    return tuple(found)


def new_pseudonym() -> str:
    """A pseudonym drawn at random, such as `Personne-K7QM`."""
    return "Personne-" + "".join(secrets.choice(_ALPHABET) for _ in range(4))


def replace_person(text: str, data: PersonData, pseudonym: str) -> str:
    """`text` with the person's full name (any case, either order), e-mails and phones
    replaced by `pseudonym`."""
    for name in data.names():
        text = _full_name_pattern(name).sub(pseudonym, text)
    for value in (*data.emails, *data.phones):
        text = _value_pattern(value).sub(pseudonym, text)
    return text


def leftovers(text: str, data: PersonData) -> list[tuple[int, str]]:
    """Lines (number, word) still naming the person by one of their names alone: free text
    that names them differently, for a coach to rewrite by hand."""
    spelled = " ".join(person_key(name).replace("'", " ") for name in data.names())
    words = {w for w in spelled.split() if len(w) > 2}
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        # Split at every apostrophe, as the name's words are: « D’Almeida » leaves « almeida »
        hits = sorted(words & set(re.findall(r"[\w-]+", plain_apostrophes(fold(line)))))
        found.extend((number, word) for word in hits)
    return found


def _full_name_pattern(name: str, space: str = r"[\s\u00a0]+") -> re.Pattern[str]:
    words = [_any_apostrophe(w) for w in name.split()]
    orders = {space.join(words), space.join(reversed(words))}
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(orders)) + r")(?!\w)", re.IGNORECASE)


def _any_apostrophe(word: str) -> str:
    """A pattern of `word` where each of its apostrophes may be written with any of them."""
    return "".join(f"[{APOSTROPHES}]" if c in APOSTROPHES else re.escape(c) for c in word)


def _value_pattern(value: str) -> re.Pattern[str]:
    digits = _PHONE_DIGITS.findall(value)
    if len(digits) >= 8 and "@" not in value:  # a phone: any spacing, dots or dashes
        return re.compile(r"(?<!\d)" + r"[\s.\-]?".join(digits) + r"(?!\d)")
    return re.compile(r"(?<![\w.])" + re.escape(value) + r"(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class RetentionDue:
    """An entrepreneur kept beyond the notebook's retention rule."""

    name: str
    left_on: date
    years: int
    fiche: str

    def summary(self) -> dict[str, Any]:
        """The stable JSON shape (docs/json.md)."""
        return {"name": self.name, "left_on": iso(self.left_on), "years": self.years,
                "fiche": self.fiche}  # fmt: skip


def retention_due(notes: Iterable[Note], years: int | None, today: date) -> list[RetentionDue]:
    """Entrepreneurs whose fiche says `sorti` for more than `years` years (since the fiche's
    `sorti_le` field, else their last contact): their data should be anonymised or deleted.
    Empty when the notebook sets no rule. Called by `garefil rgpd`, meant for `jardin` too:
    give it `with_whole_fiches(notes)` so that `sorti_le` is known."""
    if years is None:
        return []
    due = []
    for person in entrepreneurs(notes, today):
        if person.fiche is None or fold(person.status or "") != "sorti":
            continue
        left = _left_on(person.fiche) or person.last_contact or day_of(person.fiche.date)
        if left is not None and _years_between(left, today) >= years:
            due.append(RetentionDue(person.name, left, years, person.fiche.path))
    return sorted(due, key=lambda d: (d.left_on, person_key(d.name)))


def _left_on(fiche: Note) -> date | None:
    """The fiche's `sorti_le` (YAML reads it as a date: only a fiche read whole has it)."""
    value = fiche.metadata.get("sorti_le") or fiche.metadata.get("date_sortie")
    try:
        return day_of(parse_date(value)) if value else None
    except InvalidDate:  # a broken date: the last contact says it instead
        return None


def with_whole_fiches(notebook: Notebook, notes: Iterable[Note]) -> list[Note]:
    """`notes` from the catalogue, their fiches read whole (for `sorti_le`)."""
    return [_whole(notebook, n) if is_type(n, "fiche") else n for n in notes]


def _years_between(start: date, end: date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def export_target(notebook: Notebook, chosen: Path | None, name: str, today: date) -> Path:
    """Where an export goes: `chosen`, else the home folder; never inside the notebook,
    where the next `sync` would share a person's whole file with the team."""
    target = Path(os.path.abspath(chosen or Path.home() / export_name(name, today)))
    root = Path(os.path.abspath(notebook.root))
    if target == root or root in target.parents:
        raise ExportInNotebook(path=str(target))
    return target


def export_name(name: str, today: date) -> Path:
    """The default file of an export: `rgpd-jean-dupont-2026-11-29.zip`."""
    return Path(f"rgpd-{slugify(name) or 'personne'}-{iso(today)}.zip")


def write_private(target: Path, data: bytes) -> None:
    """Create `target` readable by this user only, whole or not at all; never overwrite."""
    import tempfile

    with writing_output(target):
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:  # mkstemp makes it 0600
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(temp, target)
            except FileExistsError:
                raise NoteExists(path=str(target)) from None
        finally:
            os.unlink(temp)


@dataclass(frozen=True)
class Anonymised:
    """What `rgpd anonymiser` changed, and what it could not."""

    pseudonym: str
    written: tuple[str, ...]  # notes rewritten in place
    renamed: tuple[tuple[str, str], ...]  # (old path, new path): names that held the person's
    leftovers: tuple[tuple[str, int, str], ...]  # (path, line, word) still naming them
    documents: tuple[tuple[str, str], ...] = ()  # (old path, new path) of renamed documents

    def count(self) -> int:
        """How many notes were changed."""
        return len(self.written) + len(self.renamed)

    def paths(self) -> list[str]:
        """Every path the commit records (renamed files: both the old and the new)."""
        pairs = (*self.renamed, *self.documents)
        return sorted({*self.written, *(p for pair in pairs for p in pair)})


def refuse_waiting_copies(notebook: Notebook, data: PersonData) -> None:
    """ConflictPending if a conflict copy about the person waits for `resolve`: anonymised
    around it, its version would keep their data (and bring it back if it is taken)."""
    waiting = [note.path for note in data.notes if is_conflict_copy(note.path)]
    if not waiting:
        return
    from .conflicts import conflict_copies  # sync's module: loaded only when a copy waits

    notes = {copy: note for note, copy in conflict_copies(notebook)}
    copy = waiting[0]
    raise ConflictPending(path=notes.get(copy) or conflict_pairs([copy])[0][0], copy=copy)


def anonymise(notebook: Notebook, data: PersonData, pseudonym: str) -> Anonymised:
    """Replace the person by `pseudonym` in every note about them and in the names of their
    notes and documents; every link to a renamed document follows it. ConflictPending (and
    nothing changed) while a conflict copy about them waits."""
    refuse_waiting_copies(notebook, data)
    written, renamed = [], []
    old_slug, new_slug = slugify(data.name), slugify(pseudonym)
    moves = move_documents(notebook, document_moves(notebook, old_slug, new_slug))
    for note in data.notes:
        target = notebook.absolute(note.path)
        text = decode_text(target.read_bytes())
        changed = relinked(replace_person(text, data, pseudonym), moves)
        new_path = _renamed_path(note.path, data, new_slug)
        if new_path != note.path:
            notebook.write_new(new_path, changed)
            target.unlink()
            renamed.append((note.path, new_path))
        elif changed != text:
            atomic_write(target, changed.encode("utf-8"), notebook.temp_dir())
            written.append(note.path)
    about = {note.path for note in data.notes}
    written += _relink_others(notebook, [p for p in notebook.note_paths() if p not in about], moves)
    left = [  # every note: the person may be named, differently, in notes not about them
        (path, line, word)
        for path in notebook.note_paths()
        for line, word in leftovers(_readable(notebook, path), data)
    ]
    return Anonymised(
        pseudonym, tuple(written), tuple(renamed), tuple(left), tuple(sorted(moves.items()))
    )


def _renamed_path(path: str, data: PersonData, new_slug: str) -> str:
    """`path` with the person's name, however the notes spell it, made the pseudonym's."""
    for name in data.names():
        if slugify(name):
            path = path.replace(slugify(name), new_slug)
    return path


def _relink_others(notebook: Notebook, paths: list[str], moves: dict[str, str]) -> list[str]:
    """Notes not about the person that link one of their renamed documents, rewritten."""
    written = []
    for path in paths if moves else []:
        text = _readable(notebook, path)
        if text and relinked(text, moves) != text:
            try:
                notebook.replace(path, relinked(notebook.read_exact(path), moves))
            except (OSError, GarefilError):  # not UTF-8: its stale link shows in `jardin`
                continue
            written.append(path)
    return written


def _readable(notebook: Notebook, path: str) -> str:
    try:
        return decode_text(notebook.absolute(path).read_bytes(), partial=True)
    except (OSError, GarefilError):  # unreadable notes are reported by every listing already
        return ""


def history_patterns(data: PersonData, pseudonym: str) -> tuple[dict[str, str], dict[str, str]]:
    """The rewrite rules of `--purger-historique`: regex → pseudonym for every version of
    every file, and the name's slug → the pseudonym's in every file name."""
    # filter-repo matches bytes: `\s` and case apply to ASCII, a no-break space is its UTF-8.
    space = r"(?:\s|\xc2\xa0)+"
    patterns = {_full_name_pattern(name, space).pattern: pseudonym for name in data.names()}
    for value in (*data.emails, *data.phones):
        patterns[_value_pattern(value).pattern] = pseudonym
    names = {slugify(name): slugify(pseudonym) for name in data.names() if slugify(name)}
    return {"(?i)" + pattern: text for pattern, text in patterns.items()}, names
