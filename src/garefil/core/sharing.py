"""Sharing the notebook through git: sync, status, conflicts, history — nothing ever lost.

`sync` is: commit what was changed by hand → fetch → merge → push, retried when someone pushed
in between. It merges rather than rebases: a coach's commits are never rewritten, an interrupted
sync leaves a state git itself can finish or undo, and conflicts are met once per sync rather
than once per replayed commit (docs/sharing.md).

When two coaches changed the same note, the merge keeps *this* coach's version in place (so the
notebook always parses: no conflict markers ever land in a file) and saves the other version
beside it as `NAME.conflit-AUTHOR.md`, committed and shared like any note, until `resolve`
settles it. A note deleted on one side and edited on the other is kept, edited.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from .addresses import another_notebook_there
from .config import CONFIG_DIR
from .conflict_copies import CONFLICT_MARK, conflict_pairs, is_conflict_copy
from .conflict_versions import CONFLICT_BY
from .errors import (
    AmbiguousReference,
    GarefilError,
    IncomingSymlinks,
    NoConflict,
    NotInNotebook,
    OutgoingSymlinks,
    PushRejected,
    RebaseInProgress,
    RemoteMissing,
    RemoteUnreachable,
    SharedBranchesSplit,
)
from .frontmatter_text import FrontMatterError, PatchRefused, parse, patch
from .notebook import Notebook, atomic_write
from .notefile import path_id, read_note
from .ports import Repository
from .setup import ensure_attributes
from .sharing_model import (
    Conflict,
    FileChange,
    HistoryEntry,
    Messages,
    MovedFiles,
    Progress,
    RepoState,
    StatusReport,
    SyncReport,
    Unmerged,
)
from .text import slugify

PUSH_ATTEMPTS = 3
NOTEBOOK_BRANCH = "main"  # a new notebook's branch, whatever git's own default is
DEFAULT_MESSAGES = Messages()


class SharingRepository(Repository, Protocol):
    """The git operations sharing needs (see adapters/git_repo.py)."""

    def pending(self, folder: Path) -> list[str]: ...
    def head(self) -> str | None: ...
    def state(self) -> RepoState: ...
    def clear_stale_lock(self) -> bool: ...
    def remote_url(self) -> str | None: ...
    def set_remote(self, url: str) -> None: ...
    def fetch(self) -> None: ...
    def branch(self) -> str: ...
    def notebook_branches(self) -> list[str]: ...
    def use_branch(self, name: str) -> None: ...
    def upstream(self) -> str | None: ...
    def shares_history(self, commit: str) -> bool: ...
    def incoming_symlinks(self, upstream: str, folder: Path) -> list[str]: ...
    def outgoing_symlinks(self, upstream: str | None, folder: Path) -> list[str]: ...
    def push(self) -> None: ...
    def ahead_behind(self) -> tuple[int, int]: ...
    def files_to_move(self) -> tuple[int, int]: ...
    def merge(self, commit: str, message: str) -> list[Unmerged]: ...
    def unmerged(self) -> list[Unmerged]: ...
    def blob(self, sha: str) -> bytes: ...
    def last_author(self, commit: str, path: str) -> str: ...
    def finish_merge(self, paths: Sequence[Path], message: str) -> str | None: ...
    def changes(self, since: str | None, until: str, folder: Path) -> list[FileChange]: ...
    def text_at(self, commit: str, path: Path) -> str | None: ...
    def files_at(self, commit: str, folder: Path) -> set[str]: ...
    def history(self, path: Path) -> list[HistoryEntry]: ...
    @property
    def top(self) -> Path: ...


def sync(
    notebook: Notebook,
    repo: SharingRepository,
    messages: Messages = DEFAULT_MESSAGES,
    generated: Sequence[str] = (),
    regenerate: Callable[[], None] | None = None,
    progress: Progress | None = None,
) -> SyncReport:
    """Commit local changes, merge the team's, push; retried if someone pushed in between.
    `progress(done, total)` follows its steps, sized by the files brought in and sent."""
    repo.author_name()  # no identity, no commit: say so before touching anything
    recovered, conflicts = _recover(notebook, repo, messages, generated)
    ensure_attributes(notebook)  # notebooks made before the merge driver: committed below
    committed, refused = _commit_hand_edits(notebook, repo, messages)
    start = repo.head()
    for attempt in range(1, PUSH_ATTEMPTS + 1):
        upstream = _fetch(repo)
        moved = MovedFiles(repo.files_to_move if progress else None, progress)
        if upstream is not None:
            conflicts += _integrate(notebook, repo, upstream, messages, generated)
            moved.merged()
            if regenerate:  # generated pages are rebuilt from the merged notes, then shared
                regenerate()
        moved.brought_in()
        outgoing = repo.ahead_behind()[0]
        try:
            if outgoing:
                _refuse_outgoing_links(notebook, repo, upstream)
                repo.push()
            moved.sent()
            break
        except PushRejected:
            if attempt == PUSH_ATTEMPTS:
                raise
    end = repo.head()
    incoming = repo.changes(start, end, notebook.root) if end != start else []
    incoming = [
        _as_it_was(notebook, repo, start, c) for c in _not_kept(notebook, repo, incoming, conflicts)
    ]
    incoming = _restored(notebook, repo, start, _mark_generated(notebook, incoming, generated))
    incoming = _resolved(incoming)
    return SyncReport(
        tuple(committed),
        tuple(incoming),
        outgoing,
        tuple(conflicts),
        attempt,
        tuple(recovered),
        tuple(refused),
        tuple(conflict_copies(notebook)),  # this sync's and older ones: all wait for `resolve`
    )


def _not_kept(
    notebook: Notebook,
    repo: SharingRepository,
    incoming: list[FileChange],
    conflicts: list[Conflict],
) -> list[FileChange]:
    """`incoming` but the notes deleted on one side and changed on the other: they were kept,
    which their conflict says; reported as brought in, they would read as deleted."""
    kept = {
        (repo.top / conflict.path).resolve()
        for conflict in conflicts
        if conflict.kind in ("deleted-here", "deleted-there")
    }
    if not kept:
        return incoming
    return [c for c in incoming if (notebook.root / c.path).resolve() not in kept]


def _mark_generated(
    notebook: Notebook, incoming: list[FileChange], generated: Sequence[str]
) -> list[FileChange]:
    """`incoming` with the pages garefil rebuilds marked: the team's notes moved them, nobody
    wrote them, and a coach reads them as one change (the sommaire), not one per page."""
    return [
        replace(c, generated=True)
        if _is_generated(notebook, notebook.root / c.path, generated)
        else c
        for c in incoming
    ]


def _restored(
    notebook: Notebook, repo: SharingRepository, start: str | None, incoming: list[FileChange]
) -> list[FileChange]:
    """`incoming` with the notes this coach had deleted marked `restored`: a teammate changed
    them meanwhile, so their sync kept them; "modified" alone would hide the deletion undone."""
    if start is None or not any(c.change == "modified" for c in incoming):
        return incoming
    had = repo.files_at(start, notebook.root)
    return [
        replace(c, restored=True) if c.change == "modified" and c.path not in had else c
        for c in incoming
    ]


def _resolved(incoming: list[FileChange]) -> list[FileChange]:
    """`incoming` with each deleted conflict copy marked with the note it belonged to: a
    teammate resolved that conflict, which is what the coach needs to read, not a path."""
    return [
        replace(c, resolves=conflict_pairs([c.path])[0][0])
        if c.change == "deleted" and is_conflict_copy(c.path)
        else c
        for c in incoming
    ]


def _as_it_was(
    notebook: Notebook, repo: SharingRepository, start: str | None, change: FileChange
) -> FileChange:
    """`change` with the note the coach had before it, when it deleted or renamed one: the
    index, refreshed after the merge, no longer knows it."""
    if start is None or change.change not in ("deleted", "renamed"):
        return change
    path = change.old_path or change.path
    text = repo.text_at(start, notebook.root / path)
    try:
        before = read_note(path, text, notebook.config) if text is not None else None
    except (FrontMatterError, GarefilError):  # unreadable then: its path says it
        before = None
    return replace(change, before=before)


def _fetch(repo: SharingRepository) -> str | None:
    """Fetch and settle on the notebook's one shared branch; its commit, if it has one.
    'Offline' becomes an error that says how much waits to be shared."""
    try:
        repo.fetch()
    except (RemoteMissing, RemoteUnreachable) as error:
        waiting = repo.ahead_behind()[0]
        raise type(error)(**(error.params | {"waiting": waiting})) from error
    repo.use_branch(shared_branch(repo.branch(), repo.notebook_branches()))
    return repo.upstream()


def shared_branch(local: str, on_remote: Sequence[str]) -> str:
    """The branch that holds the notebook: the shared repository's only one, or (when it has
    none yet) the local one. Two on the remote split the notebook: an error, never a guess."""
    if len(on_remote) > 1:
        raise branches_split(on_remote, local if local in on_remote else NOTEBOOK_BRANCH)
    return on_remote[0] if on_remote else local


def branches_split(branches: Sequence[str], keep: str) -> SharedBranchesSplit:
    """The error naming the branches that split the notebook, with the commands that join them."""
    keep = keep if keep in branches else sorted(branches)[0]
    others = [name for name in sorted(branches) if name != keep]
    return SharedBranchesSplit(
        branches=", ".join(sorted(branches)),
        keep=keep,
        merge=" ".join(f"origin/{name}" for name in others),
        delete=" ".join(f":{name}" for name in others),
    )


def _recover(
    notebook: Notebook, repo: SharingRepository, messages: Messages, generated: Sequence[str]
) -> tuple[list[str], list[Conflict]]:
    """Clean what a crash left behind (and the conflicts that settled), or say what to do."""
    state, recovered = repo.state(), []
    if state.lock_age is not None and repo.clear_stale_lock():
        recovered.append("stale-lock")  # a live lock is waited for by each git command
    if state.rebasing:
        raise RebaseInProgress()
    conflicts = []
    if state.merging:  # a sync died mid-merge: finish it the usual way, keeping both sides
        conflicts = _conclude_merge(
            notebook, repo, repo.unmerged(), "MERGE_HEAD", messages, generated
        )
        recovered.append("merge")
    return recovered, conflicts


def _commit_hand_edits(
    notebook: Notebook, repo: SharingRepository, messages: Messages
) -> tuple[list[str], list[str]]:
    """Record what was changed by hand; symbolic links are left out (the team's garefil would
    refuse them): (recorded, refused)."""
    pending = repo.pending(notebook.root)
    links = [path for path in pending if (notebook.root / path).is_symlink()]
    recorded = [path for path in pending if path not in links]
    if recorded:
        message = messages.hand_edits(len(recorded))
        repo.commit([notebook.root / path for path in recorded], message)
    return recorded, links


def _refuse_outgoing_links(
    notebook: Notebook, repo: SharingRepository, upstream: str | None
) -> None:
    """Refuse to share commits that add symbolic links: every teammate's sync would refuse
    them, and the whole team would be blocked until they are taken out."""
    links = repo.outgoing_symlinks(upstream, notebook.root)
    if links:
        raise OutgoingSymlinks(paths=", ".join(links), first=links[0])


def _integrate(
    notebook: Notebook,
    repo: SharingRepository,
    upstream: str,
    messages: Messages,
    generated: Sequence[str],
) -> list[Conflict]:
    links = blocking_links(notebook, repo)
    if links:  # refused before merging: the notebook stays exactly as it was
        raise IncomingSymlinks(paths=", ".join(f"{path} ({who})" for path, who in links))
    _refuse_another_notebook(notebook, repo, upstream)
    unmerged = repo.merge(upstream, messages.merge)
    if not unmerged:
        return []
    return _conclude_merge(notebook, repo, unmerged, upstream, messages, generated)


def _refuse_another_notebook(notebook: Notebook, repo: SharingRepository, upstream: str) -> None:
    """Refuse to merge a notebook made apart: the team's settings (its members) would be
    replaced by this one's. `remote` checks first; this is the guard for the rest (an address
    set offline, or by hand)."""
    if holds_another_notebook(repo, upstream):
        raise another_notebook_there(repo.remote_url() or "", notebook.root)


def holds_another_notebook(repo: SharingRepository, upstream: str | None) -> bool:
    """Whether the shared branch (at `upstream`, as of the last fetch) is another notebook, with
    no history in common with this one's. Unrelated history that holds no notebook (a README
    made by the server) is no other notebook: it is merged."""
    if upstream is None or repo.shares_history(upstream):
        return False
    return repo.branch() in repo.notebook_branches()


def _conclude_merge(
    notebook: Notebook,
    repo: SharingRepository,
    unmerged: Sequence[Unmerged],
    theirs: str,
    messages: Messages,
    generated: Sequence[str],
) -> list[Conflict]:
    """Settle every conflicting path, then record the merge."""
    renamed = _renamed_twice(repo, unmerged)
    paired = {u.path for pair in renamed for u in pair}
    settled = [_settle_renames(notebook, repo, ours, other, theirs) for ours, other in renamed]
    for u in unmerged:
        if u.path not in paired and (u.ours or u.theirs):  # both deleted it: gone, no clash
            settled.append(_settle(notebook, repo, u, theirs, generated))
    # Every unmerged path is recorded, those both sides deleted or renamed away included.
    touched = [repo.top / u.path for u in unmerged] + [repo.top / c.copy for c in settled if c.copy]
    kept_twice = [conflict for conflict in settled if conflict.copy]
    message = messages.merge_conflicts(len(kept_twice)) if kept_twice else messages.merge
    repo.finish_merge(touched, message)
    return settled


def _settle(
    notebook: Notebook,
    repo: SharingRepository,
    unmerged: Unmerged,
    theirs_commit: str,
    generated: Sequence[str],
) -> Conflict:
    """Resolve one path so that both versions survive and the notebook still parses."""
    target = repo.top / unmerged.path
    ours, theirs = unmerged.ours, unmerged.theirs
    if _is_generated(notebook, target, generated):
        atomic_write(target, repo.blob(theirs or ours))  # rebuilt after the merge anyway
        return Conflict(unmerged.path, "generated")
    if ours is None or theirs is None:
        atomic_write(target, repo.blob(ours or theirs))  # edited beats deleted
        return Conflict(unmerged.path, "deleted-here" if ours is None else "deleted-there")
    atomic_write(target, repo.blob(ours))
    author = repo.last_author(theirs_commit, unmerged.path)
    copy = _free_copy_path(target, author)
    atomic_write(copy, _mark_copy(repo.blob(theirs), notebook, target, author))
    return Conflict(unmerged.path, "both-changed", copy.relative_to(repo.top).as_posix())


def _renamed_twice(
    repo: SharingRepository, unmerged: Sequence[Unmerged]
) -> list[tuple[Unmerged, Unmerged]]:
    """(our path, their path) for each note both sides renamed, each to its own name: the
    same note id arrives at a path only we have and at a path only they have."""
    ours = {_note_id(repo, u.ours): u for u in unmerged if u.ours and not u.theirs}
    pairs = []
    for other in unmerged:
        if other.theirs and not other.ours:
            note_id = _note_id(repo, other.theirs)
            if note_id is not None and note_id in ours:
                pairs.append((ours.pop(note_id), other))
    return pairs


def _note_id(repo: SharingRepository, sha: str | None) -> str | None:
    if sha is None:
        return None
    try:
        found = parse(repo.blob(sha).decode("utf-8", errors="replace")).metadata.get("id")
    except FrontMatterError:
        return None
    return str(found) if found else None


def _settle_renames(
    notebook: Notebook, repo: SharingRepository, ours: Unmerged, other: Unmerged, theirs: str
) -> Conflict:
    """Keep our name and version in place; their renamed version becomes the conflict copy."""
    target, their_path = repo.top / ours.path, repo.top / other.path
    atomic_write(target, repo.blob(ours.ours or ""))
    author = repo.last_author(theirs, other.path)
    copy = _free_copy_path(target, author)
    atomic_write(copy, _mark_copy(repo.blob(other.theirs or ""), notebook, target, author))
    their_path.unlink(missing_ok=True)  # one note, one id: their name lives on in the copy
    return Conflict(ours.path, "both-changed", copy.relative_to(repo.top).as_posix())


def _is_generated(notebook: Notebook, target: Path, generated: Sequence[str]) -> bool:
    """Whether `target` is one of the `generated` paths, or below a `generated` folder ('x/')."""
    try:
        path = notebook.relative(target)
        return any(path == g or (g.endswith("/") and path.startswith(g)) for g in generated)
    except NotInNotebook:  # elsewhere in the repository: not one of the notebook's pages
        return False


def _free_copy_path(target: Path, author: str) -> Path:
    """`NAME.conflit-AUTHOR.EXT`, numbered if that name is taken."""
    base = f"{target.stem}{CONFLICT_MARK}{slugify(author) or 'autre'}"
    candidate, number = target.with_name(base + target.suffix), 1
    while candidate.exists():
        number += 1
        candidate = target.with_name(f"{base}-{number}{target.suffix}")
    return candidate


def _mark_copy(data: bytes, notebook: Notebook, original: Path, author: str) -> bytes:
    """The other version, with `conflict_of` (and a distinct id) so listings tell them apart,
    and `conflict_by`: whose version it is (see conflict_versions.py)."""
    if original.suffix != ".md":
        return data
    text = data.decode("utf-8", errors="replace")
    try:
        metadata = parse(text).metadata
        changes = {"conflict_of": notebook.relative(original)}
        if author != "?":
            changes[CONFLICT_BY] = author
        if "id" in metadata:
            changes["id"] = f"{metadata['id']}-conflit"
        return patch(text, changes).encode("utf-8")
    except (FrontMatterError, PatchRefused, ValueError):
        return data  # unreadable header: keep the other version exactly as it came


# -- status, conflicts, history ------------------------------------------------------------------


def conflict_copies(notebook: Notebook) -> list[tuple[str, str]]:
    """(file, conflict copy) for every copy in the notebook, notes and settings alike."""
    found = []
    for folder, dirs, files in os.walk(notebook.root):
        relative = Path(folder).relative_to(notebook.root).as_posix()
        # The repository and the derived index never hold a coach's conflict copies.
        dirs[:] = [d for d in dirs if d != ".git" and not (relative == CONFIG_DIR and d == "index")]
        prefix = "" if relative == "." else relative + "/"
        found += [prefix + name for name in files if CONFLICT_MARK in name]
    return conflict_pairs(sorted(found))


def status(notebook: Notebook, repo: SharingRepository) -> StatusReport:
    """Local changes, commits to share or bring in (as of the last sync), conflicts."""
    state = repo.state()
    ahead, behind = repo.ahead_behind() if state.remote else (repo.ahead_behind()[0], 0)
    # Commits on both sides: diverged, or two notebooks made apart (a sync refused to merge
    # them), whose counts mean nothing. Only then is a common history looked for.
    apart = bool(ahead and behind) and holds_another_notebook(repo, repo.upstream())
    return StatusReport(
        state.remote,
        tuple(repo.pending(notebook.root)),
        ahead,
        behind,
        tuple(conflict_copies(notebook)),
        _unfinished(state),
        tuple(blocking_links(notebook, repo)) if behind and not apart else (),
        another_notebook_there(state.remote or "", notebook.root) if apart else None,
    )


def _unfinished(state: RepoState) -> str | None:
    """The git operation a crash left unfinished: "rebase", "merge", "lock", or None."""
    if state.rebasing:
        return "rebase"
    if state.merging:
        return "merge"
    return "lock" if state.lock_age is not None else None


def blocking_links(notebook: Notebook, repo: SharingRepository) -> list[tuple[str, str]]:
    """(path, who added it) for each symbolic link the team's changes (as of the last fetch)
    bring: `sync` refuses them until that teammate takes them out."""
    upstream = repo.upstream()
    if upstream is None:
        return []
    links = repo.incoming_symlinks(upstream, notebook.root)
    return [(path, _adder(notebook, repo, upstream, path)) for path in links]


def _adder(notebook: Notebook, repo: SharingRepository, upstream: str, path: str) -> str:
    top_relative = (notebook.root / path).relative_to(repo.top).as_posix()
    return repo.last_author(upstream, top_relative)


def resolve(
    notebook: Notebook,
    repo: SharingRepository,
    path: str,
    take_other: bool,
    messages: Messages = DEFAULT_MESSAGES,
) -> tuple[str, tuple[str, ...]]:
    """Settle the conflict of the note at `path` (or of its copy): keep the note as it is now,
    or with `take_other` replace it by the other version; the copies are then removed."""
    pairs = [pair for pair in conflict_copies(notebook) if path in pair]
    if not pairs:
        raise NoConflict(ref=path)
    note = pairs[0][0]
    copies = tuple(copy for original, copy in pairs if original == note)
    if take_other:
        if len(copies) > 1 and path == note:
            raise AmbiguousReference(ref=path, candidates=", ".join(copies))
        chosen = path if path in copies else copies[0]
        notebook.replace(note, _unmark_copy(notebook.read_text(chosen)))
    for copy in copies:
        notebook.absolute(copy).unlink()
    title = path_id(note)
    repo.commit(
        [notebook.absolute(p) for p in (note, *copies)], messages.resolved.format(note=title)
    )
    return note, copies


def _unmark_copy(text: str) -> str:
    try:
        metadata = parse(text).metadata
    except FrontMatterError:
        return text
    changes = {}
    if str(metadata.get("id", "")).endswith("-conflit"):
        changes["id"] = str(metadata["id"]).removesuffix("-conflit")
    return patch(text, changes, remove=["conflict_of", CONFLICT_BY])


def history(notebook: Notebook, repo: SharingRepository, path: str) -> list[HistoryEntry]:
    """Who changed the note at `path`, and when (newest first)."""
    return repo.history(notebook.absolute(path))
