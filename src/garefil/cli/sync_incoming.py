"""What `sync` says the team brought in: one line per note, named as the coach knows it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from garefil.core.config import CONFIG_DIR, CONFIG_FILE
from garefil.core.documents import FOLDER as DOCUMENTS
from garefil.core.errors import N_
from garefil.core.ids import SUFFIX_ALPHABET, SUFFIX_LENGTH
from garefil.core.import_sources import MAX_SOURCE_BYTES
from garefil.core.index_model import IndexReport
from garefil.core.model import Note, Problem
from garefil.core.sharing_model import FileChange, Settlement
from garefil.core.text import megabytes
from garefil.i18n import _, ngettext

from . import render
from .type_labels import type_label


def show_incoming(incoming: Sequence[FileChange], index: IndexReport | None) -> None:
    """One line per note the team changed; garefil's own files (its settings, the sommaire's
    pages it rebuilds) are no one's notes: one line each kind, if they changed. Without an
    `index` (the notebook's settings refused), each note is told by its path."""
    told = _with_resolutions(incoming)
    for change in told:
        if change.resolves:  # a settings conflict too: its copy is garefil's file, not a note
            render.info("↓ " + _resolution(change, index))
        elif not (change.generated or _is_garefils(change.path)):
            render.info("↓ " + _describe(change, index))
    if any(change.path == f"{CONFIG_DIR}/{CONFIG_FILE}" for change in told):
        render.info("↓ " + _("Notebook settings updated."))
    if any(change.generated for change in incoming):
        render.info("↓ " + _("Sommaire updated."))


def show_unreadable(
    incoming: Sequence[FileChange],
    oversized: Sequence[tuple[FileChange, int]],
    index: IndexReport | None,
) -> None:
    """One line for each file brought in that no command can read, said as `list` says it
    (they are left as they came: the teammate's work), and for each note far too large."""
    if index is not None:
        render.problems(unreadable(incoming, index))
    for change, size in oversized:
        render.problem_line(
            _(
                "{path} is {size} MB, more than a note should hold ({limit} MB): it is kept as "
                "it came; ask {who} whether it belongs in the notebook."
            ).format(
                path=change.path,
                size=megabytes(size),
                limit=megabytes(MAX_SOURCE_BYTES),
                who=", ".join(change.authors),
            )
        )


def unreadable(incoming: Sequence[FileChange], index: IndexReport) -> list[Problem]:
    """The files brought in that the index could not read, by path."""
    return unreadable_among({c.path for c in incoming if c.change != "deleted"}, index)


def unreadable_among(paths: set[str], index: IndexReport | None) -> list[Problem]:
    """The files among `paths` that the index could not read."""
    return [p for p in index.problems() if p.path in paths] if index is not None else []


def show_unreadable_sent(sent: Sequence[str], index: IndexReport | None) -> None:
    """One line for each note this coach just shared that no command can read: the team gets
    it as it is and is warned; its author must hear it too, with how to mend it."""
    render.problems(unreadable_among(set(sent), index))


def unreadable_sent_json(sent: Sequence[str], index: IndexReport | None) -> list[dict]:
    """`sync --json`'s `unreadable_sent`: each note shared by this sync that no command can read."""
    return [
        {"path": p.path, "line": p.line or None, "reason": _(p.detail) if p.detail else ""}
        for p in unreadable_among(set(sent), index)
    ]


def unreadable_json(
    incoming: Sequence[FileChange], index: IndexReport | None
) -> list[dict[str, object]] | None:
    """`sync --json`'s `unreadable` (docs/json.md): each file brought in that no command can
    read, why (as the text report says it) and who brought it; None when the notes were not
    read (the notebook's settings refused, or the index could not be refreshed)."""
    if index is None:
        return None
    authors = {change.path: list(change.authors) for change in incoming}
    return [
        {
            "path": problem.path,
            "line": problem.line or None,
            "reason": _(problem.detail) if problem.detail else "",
            "authors": authors.get(problem.path, []),
        }
        for problem in unreadable(incoming, index)
    ]


def incoming_json(c: FileChange) -> dict[str, object]:
    """One change brought in, as docs/json.md says it: where the note is here (renamed on both
    sides, the team's path is not), and for a note in conflict the copy of the other version."""
    settled = c.settled
    return {
        "path": c.here or c.path,
        "change": c.change,
        "authors": list(c.authors),
        "old_path": c.old_path,
        "restored": c.restored,
        "gone_here": c.gone_here,
        "generated": c.generated,
        "resolves": c.resolves,
        "in_conflict": c.conflicted,
        "copy": c.other_version,
        "kept_by": settled.kept_by if settled else None,
        "set_aside_by": settled.set_aside_by if settled else None,
        "set_aside": settled.set_aside if settled else None,
    }


def _with_resolutions(incoming: Sequence[FileChange]) -> list[FileChange]:
    """`incoming` with each resolved conflict told once: the note a resolution changed (the
    other version taken) is said by the line of its resolution, with its authors."""
    resolved = {c.resolves: c for c in incoming if c.resolves}
    changed = {c.path: c for c in incoming if c.path in resolved and c.change == "modified"}
    folded = []
    for change in incoming:
        if change.path in changed:
            continue
        note = changed.get(change.resolves or "")
        if note is not None:  # the copy's deletion carries the note's change: `modified` below
            authors = tuple(dict.fromkeys((*change.authors, *note.authors)))
            change = replace(change, authors=authors, change="modified")
        folded.append(change)
    return folded


def _indexed(index: IndexReport | None, path: str) -> Note | None:
    """The note at `path` as the index has it; None without an index."""
    return index.note(path) if index is not None else None


def _named_there_only(index: IndexReport | None, path: str) -> Note | None:
    """The note of `path`'s folder whose file name ends with the same id suffix: a teammate who
    renamed a note, then took the other version in a conflict (its title, so its name),
    resolved it under a name it never had here. None for a name without garefil's suffix."""
    folder, _, name = path.rpartition("/")
    suffix = name.removesuffix(".md").rsplit("-", 1)[-1]
    if index is None or len(suffix) != SUFFIX_LENGTH or set(suffix) - set(SUFFIX_ALPHABET):
        return None
    ending, within = f"-{suffix}.md", folder + "/" if folder else ""
    for candidate, entry in index.entries.items():  # rare: read only for such a resolution
        rest = candidate.removeprefix(within)
        if candidate.startswith(within) and "/" not in rest and rest.endswith(ending):
            return entry.note
    return None


def _is_garefils(path: str) -> bool:
    """Whether `path` is one of garefil's own files (its settings), no one's note."""
    return path.startswith(CONFIG_DIR + "/")


def _describe(change: FileChange, index: IndexReport | None) -> str:
    """Who did what to which note, named as the coach knows it: a deleted note as it was here
    (the index no longer has it), a renamed one by its new title and the one it had (the
    team's title when this coach renamed it too)."""
    note = change.before if change.change == "deleted" else _indexed(index, change.path)
    note = note or change.theirs  # renamed here too: the team's version is the conflict copy
    if note is None or _is_document(change.path):  # a document is indexed, not a note
        return _describe_file(change)
    what = _note_words(note)
    verb = {
        "added": _("added"),
        "modified": _("modified"),
        "deleted": _("deleted"),
        "renamed": _("renamed"),
    }[change.change]
    if change.in_conflict:  # the team's version is not in the note: it is in the copy
        verb = _in_conflict_words(change)
    if change.copy:  # a teammate's sync kept the other version (this coach's, if mine) aside
        verb = _copy_words(change)
    if change.gone_here:  # « their side »: one teammate's, or several's
        verb = ngettext(
            "deleted by them too: it stays deleted, as here",
            "deleted by each of them too: it stays deleted, as here",
            len(change.authors),
        )
    if change.restored:
        verb = _(
            "back: you had deleted it, but it was changed meanwhile; nothing is lost "
            "(`garefil rm` deletes it for everyone)"
        )
    renamed = change.change == "renamed" and not change.conflicted
    if renamed and change.before and note and change.before.title != note.title:
        verb = _('renamed (it was "{title}")').format(title=change.before.title)
    # The sentence's punctuation is the language's: « : » and « … » in French.
    return _("{who}: {what} — {verb}").format(who=", ".join(change.authors), what=what, verb=verb)


def _in_conflict_words(change: FileChange) -> str:
    """The note kept in two versions by this sync: the copy that holds the team's version."""
    if change.other_version is None:  # not found: the conflict's own line names it
        return {
            "renamed": _("renamed: in conflict, this version is the copy above"),
        }.get(change.change, _("modified: in conflict, this version is the copy above"))
    text = {
        "renamed": _("renamed: in conflict, this version is the copy {copy}"),
    }.get(change.change, _("modified: in conflict, this version is the copy {copy}"))
    return text.format(copy=change.other_version)


def _copy_words(change: FileChange) -> str:
    """The note is in conflict since this sync: the copy that holds the other version, and
    whether it is this coach's own (they shared first: their text is no longer in the note)."""
    if change.copy_mine:
        text = {
            "renamed": _("renamed: in conflict, your version is now the copy {copy}"),
        }.get(change.change, _("modified: in conflict, your version is now the copy {copy}"))
    else:
        text = {
            "renamed": _("renamed: in conflict, the other version is the copy {copy}"),
        }.get(change.change, _("modified: in conflict, the other version is the copy {copy}"))
    return text.format(copy=change.copy)


# A document, or any other file, is masculine in French (« ajouté »), a note feminine: each
# line about a file is one whole sentence, so that its words agree in every language.
FILE_LINES = {
    ("document", "added"): N_('{who}: document "{path}" — added'),
    ("document", "modified"): N_('{who}: document "{path}" — modified'),
    ("document", "deleted"): N_('{who}: document "{path}" — deleted'),
    ("document", "renamed"): N_('{who}: document "{path}" — renamed'),
    ("document", "restored"): N_(
        '{who}: document "{path}" — back: you had deleted it, but it was changed meanwhile'
    ),
    ("file", "added"): N_('{who}: file "{path}" — added'),
    ("file", "modified"): N_('{who}: file "{path}" — modified'),
    ("file", "deleted"): N_('{who}: file "{path}" — deleted'),
    ("file", "renamed"): N_('{who}: file "{path}" — renamed'),
    ("file", "restored"): N_(
        '{who}: file "{path}" — back: you had deleted it, but it was changed meanwhile'
    ),
}


def _is_document(path: str) -> bool:
    return path.startswith(DOCUMENTS + "/")


def _describe_file(change: FileChange) -> str:
    """Who did what to a file that is not a note: a document (under documents/) or another."""
    kind = "document" if _is_document(change.path) else "file"
    what = "restored" if change.restored else change.change
    line = _(FILE_LINES[(kind, what)])
    return line.format(who=", ".join(change.authors), path=change.path)


def _resolution(change: FileChange, index: IndexReport | None) -> str:
    """A teammate resolved a conflict: said of the note, not of the copy they removed (its
    `change` is `modified` when the resolution changed the note: the other version taken).
    A conflict on the settings is said of them, whichever file of garefil's it was on."""
    settled, changed = change.resolves or "", change.change == "modified"
    if _is_garefils(settled):
        what = _("notebook settings")
        verb = _("conflict resolved, settings changed") if changed else _("conflict resolved")
    else:
        note = _indexed(index, settled) or change.before or _named_there_only(index, settled)
        what = _note_words(note) if note is not None else settled
        verb = _("conflict resolved, note modified") if changed else _("conflict resolved")
        if change.settled and change.settled.set_aside_title:  # a conflict on its name
            verb = _settled_name_words(change.settled)
        elif change.old_path:  # the other version's title taken: the note has another name
            verb = _renamed_resolution(change, note)
        elif change.settled is not None:
            verb = _settled_words(change.settled)
    if change.clashes:  # resolved here too, another way: the two wait for `resolve` again
        verb = _("conflict resolved another way than yours: both versions are kept")
    return _("{who}: {what} — {verb}").format(who=", ".join(change.authors), what=what, verb=verb)


def _settled_words(settled: Settlement) -> str:
    """Whose version the resolution kept, and for the one set aside where git still has it:
    the coach whose text just left the note must hear it, and how to read it again."""
    if settled.mine == "kept":
        return _("conflict resolved keeping your version")
    if settled.mine == "set_aside":
        text = _(
            "conflict resolved keeping {kept}'s version; yours is set aside, still in the "
            "history: `{show}` shows it"
        )
    else:
        text = _(
            "conflict resolved keeping {kept}'s version; {aside}'s is set aside, still in the "
            "history: `{show}` shows it"
        )
    return text.format(kept=settled.kept_by, aside=settled.set_aside_by, show=_shown(settled))


def _shown(settled: Settlement) -> str:
    """The command that shows the version set aside."""
    from .render_sharing import version_command

    return version_command(settled.path, settled.set_aside.partition(":")[0])


def _settled_name_words(settled: Settlement) -> str:
    """A conflict on the note's name settled: whose version (and so whose name) was kept,
    whether the note has another name here now, and the name set aside, where git has it."""
    if settled.mine == "kept":
        whose = _("conflict resolved keeping your version")
    else:
        whose = _("conflict resolved keeping {kept}'s version").format(kept=settled.kept_by)
    if settled.renamed_here:
        name = _("the note is renamed")
    else:
        name = _("the note keeps the name it has here")
    if settled.mine == "set_aside":
        aside = _('yours, "{title}", is set aside, still in the history: `{show}` shows it')
    else:
        aside = _('{aside}\'s, "{title}", is set aside, still in the history: `{show}` shows it')
    aside = aside.format(
        aside=settled.set_aside_by, title=settled.set_aside_title, show=_shown(settled)
    )
    # One sentence in three parts: its punctuation is the language's (« : » and « ; »).
    return _("{whose}: {name}; {aside}").format(whose=whose, name=name, aside=aside)


def _renamed_resolution(change: FileChange, note: Note | None) -> str:
    """A resolution of a conflict on the note's name: said against the name this coach knew
    it by (core/incoming.py: `old_path` is where they had it)."""
    if change.old_path == change.resolves:
        return _("conflict resolved: the note keeps the name it has here")
    if change.before is not None and note is not None and change.before.title != note.title:
        return _('conflict resolved, note renamed (it was "{title}")').format(
            title=change.before.title
        )
    return _("conflict resolved, note renamed")


def _note_words(note) -> str:
    """« note "Titre" (compte-rendu, Jean Dupont) »: the note stays the sentence's subject, so
    that the verb after it agrees in French (« modifiée ») whatever the type's word."""
    what = _('note "{title}"').format(title=note.title)
    details = [type_label(note.type)] if note.type != "note" else []
    details += [note.entrepreneur] if note.entrepreneur else []
    return what + (f" ({', '.join(details)})" if details else "")
