"""The checks of `garefil jardin`, each a function from a `Garden` to findings (review.py lists
them in `CHECKS` and runs them), with the reasons they give.

Every check reads the catalogue, never a note file; where `suivi` already knows a fact (a past
appointment still `prevu`, a draft report, a référent outside the team) its function is reused.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace

from . import appointments, followup
from .conflict_copies import is_conflict_copy
from .dates import day_of, iso
from .errors import N_
from .fields import OWN_KEYS, field_name
from .ids import unsafe_in_a_file_name
from .import_presence import FROM_KEY
from .model import Note
from .notebook import DEAD_LINK, FOLDER_LINK, NOT_TEXT, UNSAFE_LINK
from .notefile import path_id
from .notetypes import declared_type, is_type
from .people import close_names
from .people import spellings as chosen_spellings
from .review_model import FIX, Finding, Garden, composed, quoted, to_edit, to_remove
from .text import fold, person_id

# Required front-matter keys per type, unless [jardin.champs] in the config says otherwise.
DEFAULT_REQUIRED: dict[str, tuple[str, ...]] = {
    "cr": ("entrepreneur", "referent"),
    "rdv": ("entrepreneur", "referent"),
    "fiche": ("entrepreneur", "referent"),
    "demande": ("entrepreneur",),
    "reunion": ("participants",),
}
DEFAULT_DRAFT_DAYS = 30


def symbolic_links(garden: Garden) -> Iterator[Finding]:
    """Symbolic links among the notes: a teammate's git commit, never a note to edit or keep
    (`garefil rm` removes the link itself, never what it leads to)."""
    paths = set(garden.digests) | {problem.path for problem in garden.problems}
    for path in sorted(paths):
        if garden.is_link(path):
            yield Finding("lien-symbolique", path, 0, N_SYMLINK, (), to_remove(path))


def unreadable(garden: Garden) -> Iterator[Finding]:
    """Files whose front-matter cannot be read, at the parser's line; a file that is no text
    at all (binary, unopenable) is removed or moved out, never opened in the editor."""
    for problem in garden.problems:
        if not is_conflict_copy(problem.path) and not garden.is_link(problem.path):
            params = (("detail", problem.detail),)
            if problem.detail in NOT_NOTES or not problem.line:
                reason, command = N_NOT_A_NOTE, to_remove(problem.path)
            else:
                reason, command = "{detail}", to_edit(problem.path)
            yield Finding("illisible", problem.path, problem.line, reason, params, command)


def remarks(garden: Garden) -> Iterator[Finding]:
    """What the reader noticed in a note: a key written twice, a link leading nowhere…"""
    for note in garden.notes:
        for kind, line, detail in note.remarks:
            finding = _remark(garden, note, kind, line, detail)
            if finding is not None:
                yield finding


def _remark(garden: Garden, note: Note, kind: str, line: int, detail: str) -> Finding | None:
    if kind == "duplicate-key":
        return Finding(
            "cle-en-double", note.path, line, N_DUPLICATE, (("key", detail),), to_edit(note.path)
        )
    if kind == "toml":
        return Finding("entete-toml", note.path, line, N_TOML, (), to_edit(note.path))
    if kind == "date":
        params = (("value", detail),)
        return Finding("date-illisible", note.path, line, N_BAD_DATE, params, to_edit(note.path))
    if kind == "tag":
        fix = (("tags", list(note.tags)),)
        return Finding("etiquette", note.path, line, N_TAG, (("tag", detail),), FIX, fix)
    if kind == "stub":
        return Finding("cr-vide", note.path, 0, N_STUB, (), to_edit(note.path))
    if kind == "pad-url":
        return Finding("pad-sans-url", note.path, 0, N_PAD, (), to_edit(note.path))
    if kind == "email":
        return Finding("adresse-invalide", note.path, line, N_EMAIL, (("value", detail),),
                       _to_correct_address(note))  # fmt: skip
    if kind == "link" and not _resolves(garden, note, detail):
        return Finding(
            "lien-casse", note.path, line, N_LINK, (("target", detail),), to_edit(note.path)
        )
    return None


def _to_correct_address(note: Note) -> str:
    """A fiche's address is changed by the command made for it; any other note's in the editor."""
    if is_type(note, "fiche") and note.entrepreneur:
        return f"garefil entrepreneur modifier {quoted(note.entrepreneur)} --email ADRESSE"
    return to_edit(note.path)


def missing_documents(garden: Garden) -> Iterator[Finding]:
    """Documents a note lists under `documents:` whose file is not in the notebook (a note
    imported or copied without them, a file removed by hand): the link leads nowhere."""
    from .documents import filed

    for document in filed(garden.notes):
        if not garden.exists(document.path):
            params = (("target", document.path),)
            path = document.note.path
            yield Finding("lien-casse", path, 0, N_DOCUMENT, params, to_edit(path))


def _resolves(garden: Garden, note: Note, target: str) -> bool:
    """Whether a link of `note` leads to a note (id or path) or to a file of the notebook."""
    target = target.split("#", 1)[0].split("?", 1)[0]
    if not target:
        return True  # an anchor in the same note
    from urllib.parse import unquote

    target = unquote(target)
    folder = note.path.rsplit("/", 1)[0] + "/" if "/" in note.path else ""
    candidates = {target, target.lstrip("/"), _normalised(folder + target)}
    candidates |= {c + ".md" for c in list(candidates)}
    # A link typed with decomposed accents (e + ◌́, as macOS writes them) names the same note.
    candidates |= {composed(c) for c in candidates}
    return bool(candidates & garden.targets) or any(garden.exists(c) for c in candidates)


def _normalised(path: str) -> str:
    import posixpath

    return posixpath.normpath(path)


def unknown_types(garden: Garden) -> Iterator[Finding]:
    """Notes whose type the notebook does not declare."""
    known = ", ".join(garden.config.types)
    for note in garden.notes:
        if note.type in garden.config.types:
            continue
        meant = declared_type(note.type, garden.config.types)
        if meant is None:
            params = (("type", note.type), ("known", known))
            yield Finding("type-inconnu", note.path, 0, N_TYPE, params, to_edit(note.path))
        else:  # "Demande" is the type "demande": every view reads it so, --corriger writes it
            params = (("type", note.type), ("known", meant))
            yield Finding(
                "type-inconnu", note.path, 0, N_TYPE_SPELLING, params, FIX, (("type", meant),)
            )


def required_fields(garden: Garden) -> Iterator[Finding]:
    """Keys a type requires ([jardin.champs]) that a note leaves empty."""
    required = {**DEFAULT_REQUIRED, **garden.config.jardin.get("champs", {})}
    for note in garden.notes:
        for key in required.get(declared_type(note.type, garden.config.types) or note.type, ()):
            if not _has(note, key):
                params = (("key", key), ("type", note.type))
                yield Finding("champ-manquant", note.path, 0, N_MISSING, params, to_edit(note.path))


def _has(note: Note, key: str) -> bool:
    if key in OWN_KEYS:
        return bool(getattr(note, key, None))
    return any(name == field_name(key) and values for name, values in note.extra_fields)


def missing_ids(garden: Garden) -> Iterator[Finding]:
    """Notes without an `id` (theirs is their path, which changes when they move). A note
    that is one of exact copies gets none from `--corriger`: ids would hide the copies."""
    copies = Counter(garden.digests.values())
    for note in garden.notes:
        if note.id != path_id(note.path):
            continue
        if _toml(note):
            yield Finding("sans-id", note.path, 0, N_NO_ID_TOML, (), to_edit(note.path))
        elif encoding := garden.not_utf8(note.path):
            params = (("encoding", encoding),)
            command = _to_convert(garden, note.path, encoding)
            yield Finding("sans-id", note.path, 0, N_NO_ID_NOT_UTF8, params, command)
        else:
            alone = copies[garden.digests.get(note.path, "")] <= 1
            command, fix = (FIX, (("id", None),)) if alone else (to_edit(note.path), ())
            yield Finding("sans-id", note.path, 0, N_NO_ID, (), command, fix)


def unfixed_where_never_rewritten(garden: Garden, found: list[Finding]) -> list[Finding]:
    """`found`, without the fix of a note garefil never rewrites (a TOML header, a file that is
    not UTF-8): `--corriger` would leave it, so it is not counted as fixed, and its command
    makes the note one garefil can rewrite."""
    notes = {note.path: note for note in garden.notes}
    kept = []
    for finding in found:
        note = notes.get(finding.path) if finding.fix else None
        command = _to_make_rewritable(garden, note) if note else None
        kept.append(replace(finding, command=command, fix=()) if command else finding)
    return kept


def _to_make_rewritable(garden: Garden, note: Note) -> str | None:
    """The command that makes `note` a file garefil rewrites; None when it is one already."""
    if _toml(note):
        return to_edit(note.path)
    encoding = garden.not_utf8(note.path)
    return _to_convert(garden, note.path, encoding) if encoding else None


def _toml(note: Note) -> bool:
    return any(kind == "toml" for kind, _line, _detail in note.remarks)


def _to_convert(garden: Garden, path: str, encoding: str) -> str:
    """The shell command that rewrites the note at `path` in UTF-8, through a copy so that the
    note is never read and written at once, and replaced only when iconv read all of it. It
    starts in the notebook's folder: the path is relative to it, not to where the coach is."""
    copy = quoted(f"{path}.utf8")
    convert = f"iconv -f {encoding} -t utf-8 {quoted(path)} > {copy} && mv {copy} {quoted(path)}"
    return f"cd {quoted(garden.root)} && {convert}"


def unsafe_ids(garden: Garden) -> Iterator[Finding]:
    """Ids written by hand that no file name can be made of (`../x`, `a/b`, a control
    character): garefil makes a slug of them, but the coach is told. Not fixed by
    `--corriger`: other notes may name the id in their links."""
    for note in garden.notes:
        if note.id != path_id(note.path) and unsafe_in_a_file_name(note.id):
            params = (("id", note.id),)
            yield Finding("id-invalide", note.path, 0, N_UNSAFE_ID, params, to_edit(note.path))


def spellings(garden: Garden) -> Iterator[Finding]:
    """One person written several ways: the other spellings are set to the chosen one."""
    for role in ("entrepreneur", "referent"):
        chosen = _chosen_spellings(garden, role)
        for note in garden.notes:
            name = getattr(note, role)
            if name and chosen.get(person_id(name), name) != name:
                params = (("name", name), ("chosen", chosen[person_id(name)]), ("role", role))
                fix = ((role, chosen[person_id(name)]),)
                yield Finding("orthographe", note.path, 0, N_SPELLING, params, FIX, fix)


def _chosen_spellings(garden: Garden, role: str) -> dict[str, str]:
    """For each person written several ways, the spelling to keep, as every listing shows
    them (`people.spellings`): the team list's (then the fiches') for a référent, the fiche's
    for an entrepreneur, else the most used."""
    names = [name for n in garden.notes if (name := getattr(n, role))]
    fiches = [n for n in garden.notes if is_type(n, "fiche")]
    preferred = [f.entrepreneur for f in fiches]
    if role == "referent":
        preferred = [*garden.config.members, *(f.referent for f in fiches)]
    written: dict[str, set[str]] = defaultdict(set)
    for name in names:
        written[person_id(name)].add(name)
    chosen = chosen_spellings(names, preferred)
    return {key: name for key, name in chosen.items() if written[key] - {name}}


def close_spellings(garden: Garden) -> Iterator[Finding]:
    """Names close to another one's (a typo, or two people): listed, never changed."""
    for role in ("entrepreneur", "referent"):
        names = Counter(getattr(n, role) for n in garden.notes if getattr(n, role))
        close = _close_pairs(names)
        for note in garden.notes:
            name = getattr(note, role)
            if name and person_id(name) in close:
                params = (("name", name), ("other", close[person_id(name)]), ("role", role))
                yield Finding("nom-proche", note.path, 0, N_CLOSE, params, to_edit(note.path))


def _close_pairs(names: Counter[str]) -> dict[str, str]:
    """Each rarer person (by key) with the more used name it is close to, as written most."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for name, count in names.most_common():
        counts[person_id(name)] += count
        shown.setdefault(person_id(name), name)
    found = {}
    for key in counts:
        others = [shown[k] for k in counts if k != key]
        for name in close_names(shown[key], others, limit=1) if others else ():
            other = person_id(name)
            if (counts[other], other) > (counts[key], key):
                found[key] = shown[other]
    return found


def followup_facts(garden: Garden) -> Iterator[Finding]:
    """What `suivi` already knows: old drafts, past appointments without report, référents
    outside the team."""
    days = int(garden.config.jardin.get("brouillon_jours", DEFAULT_DRAFT_DAYS))
    thresholds = replace(followup.thresholds(garden.config.suivi), draft_cr_days=days)
    context = followup.Context(
        garden.notes, garden.config, thresholds, garden.today, written=garden.written
    )
    for due in followup.draft_reports(context):
        params = (("days", str(days)),)
        yield Finding("brouillon-ancien", due.note.path, 0, N_DRAFT, params, to_edit(due.note.path))
    for due in followup.rdv_without_report(context):
        # The report written from its appointment: both notes then name each other.
        command = f"garefil new cr --rdv {quoted(due.note.id)}"
        postponed = appointments.state_of(due.note) == appointments.POSTPONED
        reason = N_RDV_POSTPONED if postponed else N_RDV
        yield Finding("rdv-sans-cr", due.note.path, 0, reason, (), command)
    for due in followup.imported_history(context):  # left out of `suivi`: said here
        params = (("id", due.detail), ("what", due.about), ("due", iso(due.since) or ""))
        command = f"garefil action faite {due.detail}"
        yield Finding("action-historique", due.note.path, 0, N_HISTORY, params, command)
    for due in followup.referents_outside_team(context):
        command = f"garefil config membre ajouter {quoted(due.detail)}"
        params = (("name", due.detail),)
        yield Finding("referent-hors-equipe", due.note.path, 0, N_OUTSIDE, params, command)


def duplicates(garden: Garden) -> Iterator[Finding]:
    """Notes with exactly the same bytes as another (the first path is kept). A symbolic link
    reads as its target's bytes but is no copy: counting it would have the real note removed."""
    repeated = {d for d, n in Counter(garden.digests.values()).items() if n > 1 and d}
    by_digest: dict[str, list[str]] = defaultdict(list)
    for path, digest in garden.digests.items():
        if digest in repeated and not is_conflict_copy(path) and not garden.is_link(path):
            by_digest[digest].append(path)
    for paths in by_digest.values():
        first, *others = sorted(paths)
        for path in others:
            params = (("other", first),)
            yield Finding(
                "doublon", path, 0, N_DUPLICATE_NOTE, params, f"garefil rm {quoted(path)}"
            )


def undated_imports(garden: Garden) -> Iterator[Finding]:
    """Imported notes whose file gave no date (`date_inconnue`): in no period of a bilan, last
    in every listing, until a coach writes the date they know."""
    imported = field_name(FROM_KEY)
    for note in garden.notes:
        if note.date is None and any(name == imported for name, _v in note.extra_fields):
            yield Finding("date-inconnue", note.path, 0, N_UNDATED, (), to_edit(note.path))


def near_duplicates(garden: Garden) -> Iterator[Finding]:
    """Notes of one type, one day, one entrepreneur and one title (accents and case aside) but
    other bytes: most likely one note written or imported twice, one copy edited since. Listed
    with the other, never removed: only the coach can tell what each adds."""
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for note in garden.notes:
        key = near_key(note)
        if key is not None and not _set_aside(garden, note.path):
            groups[key].append(note.path)
    for paths in groups.values():
        first, *others = sorted(paths)
        for path in others:
            if garden.digests.get(path) != garden.digests.get(first):  # else a `doublon`
                params = (("other", first),)
                yield Finding(
                    "doublon-probable", path, 0, N_NEAR_DUPLICATE, params, to_remove(path)
                )


def near_key(note: Note) -> tuple[str, ...] | None:
    """What two notes share when `doublon-probable` takes them for one note written twice:
    type, title (accents and case aside), day, entrepreneur; None for a note without them."""
    if note.date is None or not note.title.strip():
        return None
    return (note.type, fold(note.title), str(day_of(note.date)), person_id(note.entrepreneur or ""))


def _set_aside(garden: Garden, path: str) -> bool:
    """Whether the file at `path` is no note of its own (a conflict copy, a symbolic link)."""
    return is_conflict_copy(path) or garden.is_link(path)


def shared_ids(garden: Garden) -> Iterator[Finding]:
    """Notes carrying another note's id (a copy made by hand, say): `show` and links cannot tell
    them apart. The first path keeps it; byte-identical notes are `doublon`s already."""
    by_id: dict[str, list[str]] = defaultdict(list)
    for note in garden.notes:
        if not is_conflict_copy(note.path) and not garden.is_link(note.path):
            by_id[note.id].append(note.path)
    for note_id, paths in by_id.items():
        first, *others = sorted(paths)
        for path in others:
            if garden.digests.get(path) != garden.digests.get(first):
                params = (("id", note_id), ("other", first))
                yield Finding("id-en-double", path, 0, N_SHARED_ID, params, to_edit(path))


def conflict_copies(garden: Garden) -> Iterator[Finding]:
    """The other versions of notes, waiting for `garefil resolve`."""
    for path in sorted(garden.digests):
        if is_conflict_copy(path):
            yield Finding(
                "copie-de-conflit", path, 0, N_CONFLICT, (), f"garefil resolve {quoted(path)}"
            )


N_DUPLICATE = N_("the field '{key}' is written twice: only its last value is read")
N_TOML = N_("TOML header: read, never rewritten (garefil writes YAML)")
N_BAD_DATE = N_(
    "'{value}' is no date garefil can read (a real day, written YYYY-MM-DD): the note is dated "
    "from its file name, or not at all"
)
N_TAG = N_("the tag '{tag}' is not written in its normalised form")
N_STUB = N_("the report is still its empty template")
N_PAD = N_("the pad has no web address")
N_EMAIL = N_("'{value}' is not an e-mail address: no message can be sent to it")
N_LINK = N_("the link '{target}' leads to no note and no file")
N_DOCUMENT = N_("the document '{target}' it lists is not in the notebook")
N_TYPE = N_("unknown type '{type}' (known: {known})")
N_TYPE_SPELLING = N_("the type '{type}' is written '{known}' by garefil")
N_MISSING = N_("the field '{key}' is empty, and notes of type {type} require it")
N_NO_ID = N_("the note has no id")
N_NO_ID_TOML = N_(
    "the note has no id, and garefil never rewrites its TOML header: write the header in YAML, "
    "between two --- lines, then `garefil jardin --corriger` gives it one"
)
N_NO_ID_NOT_UTF8 = N_(
    "the note has no id, and garefil never rewrites a file that is not UTF-8 ({encoding}): "
    "convert it to UTF-8, then `garefil jardin --corriger` gives it one"
)
N_UNSAFE_ID = N_(
    "the id '{id}' holds a '/', a '\\', '..' or a control character: give the note an id of "
    "letters, digits and hyphens"
)
N_SPELLING = N_("'{name}' is written '{chosen}' elsewhere")
N_CLOSE = N_("'{name}' is close to '{other}': the same person mistyped, or two people?")
N_DRAFT = N_("draft for more than {days} days")
N_RDV = N_("past appointment still planned, without report")
N_RDV_POSTPONED = N_("appointment postponed to a day now past, without report")
N_HISTORY = N_(
    "action {id} (“{what}”, due {due}) was still open when imported long after: late for "
    "nobody, `suivi` leaves it out; close it if it was done"
)
N_OUTSIDE = N_("the référent '{name}' is not a member of the team")
N_DUPLICATE_NOTE = N_("same content as {other}")
N_UNDATED = N_(
    "imported without a date: counted in no period of a bilan and listed last; write its date "
    "in its `date` field when you know it"
)
N_NEAR_DUPLICATE = N_(
    "same title and same date as {other}: one note twice? Compare them, copy into one what the "
    "other adds, then remove the other"
)
N_SHARED_ID = N_("id {id} is also the id of {other}")
N_CONFLICT = N_("conflict copy waiting to be resolved")
N_SYMLINK = N_("symbolic link, not a note: garefil does not share it; remove the link")
N_NOT_A_NOTE = N_(
    "{detail}: not a note garefil can read; remove it, or move it out of the notebook"
)
NOT_NOTES = (NOT_TEXT, UNSAFE_LINK, FOLDER_LINK, DEAD_LINK)
