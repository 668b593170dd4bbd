"""Sharing the notebook through git: sync, status, history — nothing ever lost.

`sync` is: fetch → refuse what garefil refuses of the team's work (nothing recorded yet) →
commit what was changed by hand → merge → push, retried when someone pushed in between. It
merges rather than rebases: a coach's commits are never rewritten, an interrupted sync leaves
a state git itself can finish or undo, and conflicts are met once per sync rather than once
per replayed commit (docs/sharing.md). The conflicts it meets are settled in conflicts.py (both
versions kept), what it brought in is told by incoming.py, and which branch it shares, or
which notebook it refuses to merge, is notebook_branch.py's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Protocol

from .addresses import another_notebook_there
from .conflicts import conclude_merge, conflict_copies, resolved_twice
from .errors import (
    GitIdentityMissing,
    IncomingSettingsRefused,
    IncomingSymlinks,
    OutgoingSymlinks,
    PushRejected,
    RebaseInProgress,
    RemoteMissing,
    RemoteUnreachable,
)
from .hand_changes import HandChanges, hand_changes
from .incoming import brought_in, is_generated, oversized
from .incoming_settings import refuse_refused_settings, refuse_sending_refused
from .merge_renames import renamed_only_above
from .notebook import Notebook
from .notebook_branch import holds_another_notebook, refuse_another_notebook, shared_branch
from .ports import Repository
from .settlement import with_arrived_copies, with_conflicts_now
from .setup import ensure_attributes
from .sharing_model import (
    DEFAULT_MESSAGES,
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

PUSH_ATTEMPTS = 3


class SharingRepository(Repository, Protocol):
    """The git operations sharing needs (see adapters/git_repo.py)."""

    def pending(self, folder: Path) -> list[str]: ...
    def head(self) -> str | None: ...
    def state(self) -> RepoState: ...
    def clear_stale_lock(self) -> bool: ...
    def undo_interrupted_update(self) -> list[str]: ...
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
    def sent_files(self, upstream: str | None, folder: Path) -> list[str]: ...
    def push(self) -> None: ...
    def ahead_behind(self) -> tuple[int, int]: ...
    def files_to_move(self) -> tuple[int, int]: ...
    def merge(
        self, commit: str, message: str, conclude: bool = True, alike: int | None = None
    ) -> list[Unmerged]: ...
    def renamed_between(
        self, since: str, until: str, folder: Path
    ) -> list[tuple[str, str, int]]: ...
    def gone_and_new(self, since: str, until: str, folder: Path) -> tuple[set[str], set[str]]: ...
    def blob_id(self, commit: str, path: Path) -> str | None: ...
    def unmerged(self) -> list[Unmerged]: ...
    def blob(self, sha: str) -> bytes: ...
    def last_author(self, commit: str, path: str) -> str: ...
    def last_commit(self, commit: str, path: str) -> str: ...
    def finish_merge(self, paths: Sequence[Path], message: str) -> str | None: ...
    def changes(self, since: str | None, until: str, folder: Path) -> list[FileChange]: ...
    def text_at(self, commit: str, path: Path) -> str | None: ...
    def staged_renames(self, folder: Path) -> dict[str, str]: ...
    def files_at(self, commit: str, folder: Path) -> set[str]: ...
    def last_change(self, since: str, path: Path) -> str | None: ...
    def merge_base(self, commit: str, other: str | None) -> str | None: ...
    def history(self, path: Path) -> list[HistoryEntry]: ...
    def commit_id(self, commit: str) -> str | None: ...
    def path_at(self, commit: str, path: Path) -> Path | None: ...
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
    # The team's work is looked at before anything is recorded: a sync refused for it leaves
    # the notebook, its history too, as it was (what the refusal says).
    record = partial(_record, notebook, repo, messages)
    upstream = _fetch(repo, record)
    if upstream is not None:
        _refuse_incoming(notebook, repo, upstream)
    committed, refused = record()
    start, sent = repo.head(), []
    for attempt in range(1, PUSH_ATTEMPTS + 1):
        upstream = upstream if attempt == 1 else _fetch(repo)
        moved = MovedFiles(repo.files_to_move if progress else None, progress)
        if upstream is not None:
            conflicts += _integrate(notebook, repo, upstream, messages, generated, attempt > 1)
            moved.merged()
            if regenerate:  # generated pages are rebuilt from the merged notes, then shared
                regenerate()
        moved.brought_in()
        outgoing = repo.ahead_behind()[0]
        try:
            if outgoing:
                _refuse_outgoing_links(notebook, repo, upstream)
                refuse_sending_refused(notebook, repo, upstream)
                sent = _sent(notebook, repo, upstream, generated)
                repo.push()
            moved.sent()
            break
        except PushRejected:
            if attempt == PUSH_ATTEMPTS:
                raise
    incoming = brought_in(notebook, repo, start, conflicts, generated, upstream)
    waiting = conflict_copies(notebook)  # this sync's and older ones: all wait for `resolve`
    incoming, arrived = with_arrived_copies(notebook, repo, start, incoming, waiting, conflicts)
    incoming = with_conflicts_now(incoming, waiting)
    return SyncReport(
        committed.paths(),
        tuple(incoming),
        outgoing,
        tuple(conflicts),
        attempt,
        tuple(recovered),
        tuple(refused),
        tuple(waiting),
        tuple(oversized(notebook, incoming)),
        arrived,
        tuple(sent),
        committed.renamed,
    )


def _sent(
    notebook: Notebook, repo: SharingRepository, upstream: str | None, generated: Sequence[str]
) -> list[str]:
    """The files a push changes for the team, the pages garefil rebuilds aside: what the
    coach shares, counted in notes rather than in commits (a sync makes several)."""
    files = repo.sent_files(upstream, notebook.root)
    return [path for path in files if not is_generated(notebook, notebook.root / path, generated)]


def _fetch(repo: SharingRepository, offline: Callable[[], object] | None = None) -> str | None:
    """Fetch and settle on the notebook's one shared branch; its commit, if it has one.
    'Offline' becomes an error that says how much waits to be shared (after `offline()`: the
    hand edits are recorded all the same, to wait with the rest)."""
    try:
        repo.fetch()
    except (RemoteMissing, RemoteUnreachable) as error:
        if offline is not None:
            offline()
        waiting = repo.ahead_behind()[0]
        raise type(error)(**(error.params | {"waiting": waiting})) from error
    repo.use_branch(shared_branch(repo.branch(), repo.notebook_branches()))
    return repo.upstream()


def _recover(
    notebook: Notebook, repo: SharingRepository, messages: Messages, generated: Sequence[str]
) -> tuple[list[str], list[Conflict]]:
    """Clean what a crash left behind (and the conflicts that settled), or say what to do."""
    state, recovered = repo.state(), []
    if state.lock_age is not None and repo.clear_stale_lock():
        recovered.append("stale-lock")  # a live lock is waited for by each git command
    if state.rebasing:
        raise RebaseInProgress()
    # A merge killed while git wrote the files (no MERGE_HEAD): those it left half-written
    # are put back, never recorded as the coach's edits; this sync merges again.
    if state.updating and repo.undo_interrupted_update():
        recovered.append("update")
    conflicts = []
    if state.merging:  # a sync died mid-merge: finish it the usual way, keeping both sides
        unmerged = _with_resolved_twice(notebook, repo, repo.unmerged(), "MERGE_HEAD")
        conflicts = conclude_merge(notebook, repo, unmerged, "MERGE_HEAD", messages, generated)
        recovered.append("merge")
    return recovered, conflicts


def _record(
    notebook: Notebook, repo: SharingRepository, messages: Messages
) -> tuple[HandChanges, list[str]]:
    """Record garefil's own attributes if they are new, then the hand edits."""
    if ensure_attributes(notebook):  # a notebook made before a merge garefil does: its own
        # commit, never counted as the coach's edits (« 1 file changed outside garefil »)
        repo.commit([notebook.root / ".gitattributes"], messages.attributes)
    return _commit_hand_edits(notebook, repo, messages)


def _commit_hand_edits(
    notebook: Notebook, repo: SharingRepository, messages: Messages
) -> tuple[HandChanges, list[str]]:
    """Record what was changed by hand; symbolic links are left out (the team's garefil would
    refuse them): (recorded, refused)."""
    pending = repo.pending(notebook.root)
    links = [path for path in pending if (notebook.root / path).is_symlink()]
    hand = hand_changes(
        notebook.root, repo, [p for p in pending if p not in links], notebook.config
    )
    if hand:
        message = messages.hand_edits(len(hand.changed), len(hand.renamed))
        repo.commit([notebook.root / path for path in hand.paths()], message)
    return hand, links


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
    check: bool = True,
) -> list[Conflict]:
    if check:
        _refuse_incoming(notebook, repo, upstream)
    twice = resolved_twice(notebook, repo, upstream)
    # A merge git finds clean would take one coach's resolution over the other's: it is left
    # pending so that both are kept, as any conflict is.
    alike = renamed_only_above(notebook, repo, upstream)
    unmerged = repo.merge(upstream, messages.merge, conclude=not twice, alike=alike)
    unmerged = _with_resolved_twice(notebook, repo, unmerged, upstream, twice)
    if not unmerged:
        return []
    return conclude_merge(notebook, repo, unmerged, upstream, messages, generated)


def _refuse_incoming(notebook: Notebook, repo: SharingRepository, upstream: str) -> None:
    """Refuse the team's work, before anything is merged or recorded, when it brings symbolic
    links, another notebook or settings garefil refuses."""
    links = blocking_links(notebook, repo)
    if links:
        raise IncomingSymlinks(paths=", ".join(f"{path} ({who})" for path, who in links))
    refuse_another_notebook(notebook, repo, upstream)
    refuse_refused_settings(notebook, repo, upstream)


def _with_resolved_twice(
    notebook: Notebook,
    repo: SharingRepository,
    unmerged: list[Unmerged],
    theirs: str,
    twice: list[Unmerged] | None = None,
) -> list[Unmerged]:
    """`unmerged` and the notes both sides resolved differently (conflicts.resolved_twice),
    those git already left in conflict counted once; also after a sync died mid-merge."""
    if twice is None:
        twice = resolved_twice(notebook, repo, theirs)
    clashing = {u.path for u in unmerged}
    return unmerged + [u for u in twice if u.path not in clashing]


def status(notebook: Notebook, repo: SharingRepository) -> StatusReport:
    """Local changes, commits to share or bring in (as of the last sync), conflicts."""
    state = repo.state()
    ahead, behind = repo.ahead_behind() if state.remote else (repo.ahead_behind()[0], 0)
    # Commits on both sides: diverged, or two notebooks made apart (a sync refused to merge
    # them), whose counts mean nothing. Only then is a common history looked for.
    apart = bool(ahead and behind) and holds_another_notebook(repo, repo.upstream())
    # Before the first commit, what git sees is the notebook's own creation, recorded as soon as
    # git knows who signs it (`config user`): no coach's edit to list.
    pending = repo.pending(notebook.root) if repo.head() is not None else []
    return StatusReport(
        state.remote,
        tuple(pending),
        ahead,
        behind,
        tuple(conflict_copies(notebook)),
        _unfinished(state),
        tuple(blocking_links(notebook, repo)) if behind and not apart else (),
        another_notebook_there(state.remote or "", notebook.root) if apart else None,
        _refused_settings(notebook, repo) if behind and not apart else None,
        hand_changes(notebook.root, repo, pending, notebook.config).renamed,
        _signs(repo),
    )


def _signs(repo: SharingRepository) -> bool:
    """Whether git knows who signs the changes (else every change and sync is refused)."""
    try:
        repo.author_name()
    except GitIdentityMissing:
        return False
    return True


def _refused_settings(
    notebook: Notebook, repo: SharingRepository
) -> IncomingSettingsRefused | None:
    """The refusal the team's settings (as of the last fetch) would meet at the next sync."""
    upstream = repo.upstream()
    try:
        if upstream is not None:
            refuse_refused_settings(notebook, repo, upstream)
    except IncomingSettingsRefused as refused:
        return refused
    return None


def _unfinished(state: RepoState) -> str | None:
    """The git operation a crash left unfinished: "rebase", "merge", "update", "lock", or
    None."""
    if state.rebasing:
        return "rebase"
    if state.merging:
        return "merge"
    if state.updating:
        return "update"
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


def history(notebook: Notebook, repo: SharingRepository, path: str) -> list[HistoryEntry]:
    """Who changed the note at `path`, and when (newest first)."""
    return repo.history(notebook.absolute(path))
