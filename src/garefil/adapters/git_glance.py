"""A quick look at the notebook's git state for the home screen, with git itself.

GitPython takes longer to import than these few questions take to answer, and the home screen
must answer at once: `git status` says what is changed and how far the branch is ahead, `git
config` who the coach is, and the reflog of the shared branch what the last fetch brought.
Nothing here writes; when git fails or is missing, the glance is simply empty.
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

from garefil.core.config import holds_notebook
from garefil.core.hand_changes import hand_changes
from garefil.core.home import GitGlance, Incoming
from garefil.core.model import Note
from garefil.core.notebook import NOTE_SUFFIX
from garefil.core.renames import paired_by_id

from .git_worktree import name_status, renames

_FIELD = "\x1f"
_REMOTE = "origin"  # the shared repository's name for git, as garefil sets it (git_repo.py)
# The reflog keeps whole seconds and FETCH_HEAD is written just around it: within this, the
# fetch that moved the branch and the last fetch are the same one.
_SAME_FETCH = timedelta(seconds=2)


def glance(top: Path) -> GitGlance:
    """What git says of the work tree at `top`; an empty glance when git cannot tell."""
    status = _git(top, "status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all")
    if status is None:
        return GitGlance()
    upstream, ahead, pending = _read_status(status)
    behind = any(r.startswith("# branch.ab ") and not r.endswith(" -0") for r in status.split("\0"))
    apart = _another_notebook(top, _shared_ref(top, status, upstream, bool(ahead and behind)))
    settings = _settings(top)
    # An address set, nothing shared there yet (`init --remote`, or a new `remote`): every
    # commit waits to be sent, and sync is the way, not `remote`.
    url = settings.get(f"remote.{_REMOTE}.url") if upstream is None else None
    address = bool(url)
    hand = hand_changes(top, _LastCommit(top), pending)  # a note renamed by hand: one change
    return GitGlance(
        user_name=settings.get("user.name") or None,
        signs=_signs(settings),
        pending=hand.changed,
        renamed=len(hand.renamed),
        ahead=_recorded(top) if address else ahead,
        has_remote=upstream is not None or address,
        incoming=_incoming(top, upstream) if upstream and not apart else Incoming(),
        blocked=_blocked(top, upstream) if upstream and behind and not apart else (),
        another_notebook=apart,
        never_synced=url if address and not apart else None,
    )


def _settings(top: Path) -> dict[str, str]:
    """The coach's name and e-mail, the shared repository's address, in one call to git."""
    keys = rf"^(user\.name|user\.email|remote\.{_REMOTE}\.url)$"
    found = _git(top, "config", "-z", "--get-regexp", keys) or ""
    pairs = (entry.partition("\n") for entry in found.split("\0") if entry)
    return {key: value.strip() for key, _, value in pairs}


def _signs(settings: dict[str, str]) -> bool:
    """Whether git can sign a commit: a name and an e-mail, as git_repo.author_name asks."""
    name = os.environ.get("GIT_AUTHOR_NAME") or settings.get("user.name")
    return bool(name and (os.environ.get("GIT_AUTHOR_EMAIL") or settings.get("user.email")))


def _recorded(top: Path) -> int:
    """The commits of the branch (none shared yet): what a first sync sends."""
    return int((_git(top, "rev-list", "--count", "HEAD") or "0").strip() or 0)


def _shared_ref(top: Path, status: str, upstream: str | None, diverged: bool) -> str | None:
    """The shared branch to look at for another notebook, only where `sync` may have refused
    one (so that the usual glance costs nothing more): a branch that shares with nothing yet
    but has fetched, or one diverged from its upstream."""
    if upstream is not None:
        return f"refs/remotes/{upstream}" if diverged else None
    head = next((r for r in status.split("\0") if r.startswith("# branch.head ")), "")
    branch = head.removeprefix("# branch.head ")
    if not branch or branch == "(detached)" or _last_fetch(top) is None:
        return None
    return f"refs/remotes/{_REMOTE}/{branch}"


def _another_notebook(top: Path, ref: str | None) -> str | None:
    """The shared repository's address when `ref` is another notebook, with no history in
    common with this one's (as `sync`, which refuses to merge it, tells); else None."""
    if ref is None or _run(top, "merge-base", "HEAD", ref) != (1, ""):  # related, or no ref
        return None
    if not holds_notebook((_git(top, "ls-tree", "-r", "--name-only", ref) or "").splitlines()):
        return None  # a README the server made: sync merges it
    remote = ref.removeprefix("refs/remotes/").split("/", 1)[0]
    return (_git(top, "config", "--get", f"remote.{remote}.url") or "").strip() or None


def _blocked(top: Path, upstream: str) -> tuple[tuple[str, str], ...]:
    """(path, who added it) for each symbolic link the team's changes bring: `sync` refuses
    them, so the home screen says so rather than sending the coach to a sync that fails."""
    diff = _git(top, "diff", "--raw", "--no-renames", "-z", f"HEAD...{upstream}", "--")
    fields = (diff or "").split("\0")
    pairs = zip(fields[0::2], fields[1::2], strict=False)
    links = [path for meta, path in pairs if meta.split()[1:2] == ["120000"]]
    return tuple((path, _adder(top, upstream, path)) for path in links)


def _adder(top: Path, upstream: str, path: str) -> str:
    return (_git(top, "log", "-1", "--format=%an", upstream, "--", path) or "").strip() or "?"


def _read_status(text: str) -> tuple[str | None, int, tuple[str, ...]]:
    """(upstream branch, commits ahead of it, changed paths) from `status --porcelain=v2 -z`."""
    upstream, ahead, pending = None, 0, []
    records = iter(text.split("\0"))
    for record in records:
        if record.startswith("# branch.upstream "):
            upstream = record.split(" ", 2)[2]
        elif record.startswith("# branch.ab "):
            ahead = int(record.split()[2].lstrip("+"))
        elif record[:2] in ("1 ", "u "):
            pending.append(record.split(" ", 8 if record[0] == "1" else 10)[-1])
        elif record.startswith("2 "):
            pending.append(record.split(" ", 9)[-1])
            pending.append(next(records, ""))  # the path it was renamed from, gone
        elif record.startswith("? "):
            pending.append(record[2:])
    return upstream, ahead, tuple(pending)


class _LastCommit:
    """What the last commit holds, asked of git only when a note was deleted by hand."""

    def __init__(self, top: Path) -> None:
        self.top = top

    def head(self) -> str | None:
        return (_git(self.top, "rev-parse", "-q", "--verify", "HEAD") or "").strip() or None

    def text_at(self, commit: str, path: Path) -> str | None:
        name = path.relative_to(self.top).as_posix()
        return _texts(self.top, commit, [name]).get(name)

    def files_at(self, commit: str, folder: Path) -> set[str]:
        names = _git(self.top, "ls-tree", "-r", "-z", "--name-only", commit) or ""
        return {name for name in names.split("\0") if name}

    def staged_renames(self, folder: Path) -> dict[str, str]:
        diff = _git(self.top, "diff", "--cached", "--name-status", "-z", "-M", "HEAD") or ""
        return {new: old for old, new, _alike in renames(diff)}


def _incoming(top: Path, upstream: str) -> Incoming:
    """What the last sync brought: the last fetch that moved the shared branch, unless a later
    fetch, whose branch is merged, brought nothing (it moves no ref, so only FETCH_HEAD's time
    tells of it)."""
    ref = f"refs/remotes/{upstream}"
    brought = _last_brought(top, ref)
    fetched = _last_fetch(top)
    if fetched is None or (brought.when and fetched - brought.when <= _SAME_FETCH):
        return brought
    return Incoming(fetched) if _merged(top, ref) else brought


def _last_brought(top: Path, ref: str) -> Incoming:
    """What the last fetch that brought something into the notebook moved the shared branch
    over. A fetch whose commits were not merged (a sync refused them) brought nothing in: the
    coach is shown the sync before it, and the refusal on its own line."""
    fields = _FIELD.join(["%H", "%gs", "%gd"])
    reflog = _git(top, "reflog", "show", "-n", "50", "--date=unix", f"--format={fields}", ref)
    entries = [line.split(_FIELD) for line in (reflog or "").splitlines()]
    for number, (new, subject, selector) in enumerate(entries[:-1]):
        if subject.startswith(("fetch", "pull")) and _merged(top, new):
            before, merge = _merge_of(top, new) or (entries[number + 1][0], new)
            return _brought(top, before, new, merge, selector)
    return Incoming()


def _merge_of(top: Path, fetched: str) -> tuple[str, str] | None:
    """(the coach's own commit, the merge) of the merge that brought `fetched` in; None when it
    came in by a fast-forward. What the team changed in their notebooks (a deletion both made,
    a rename both made, a note deleted there but kept here) is not what it changed in this one."""
    listed = _git(top, "rev-list", "--ancestry-path", "--parents", f"{fetched}..HEAD") or ""
    merges = [line.split() for line in listed.splitlines()]
    found = [(parents[0], commit) for commit, *parents in merges if fetched in parents[1:]]
    return found[-1] if found else None


def _last_fetch(top: Path) -> datetime | None:
    """When git last fetched from the shared repository: FETCH_HEAD is written by every fetch,
    even one that brings nothing."""
    where = ".git/FETCH_HEAD" if (top / ".git").is_dir() else ""  # no process, usually
    where = where or (_git(top, "rev-parse", "--git-path", "FETCH_HEAD") or "").strip()
    try:
        return datetime.fromtimestamp((top / where).stat().st_mtime) if where else None
    except OSError:  # never fetched (a fresh clone): the reflog says all there is
        return None


def _merged(top: Path, commit: str) -> bool:
    return _git(top, "merge-base", "--is-ancestor", commit, "HEAD") is not None


def _brought(top: Path, old: str, new: str, merge: str, selector: str) -> Incoming:
    """What the team's `new` changed here, from `old` (the coach's commit before it) to `merge`
    (the commit that brought it in), as `sync` told it: the difference between the two, not each
    of the team's commits (a conflict copy one teammate's merge made and their `resolve` removed
    was never this coach's note)."""
    diff = _git(top, "diff", "--name-status", "-z", "--no-ext-diff", "--no-renames", old, merge)
    last = {path: status[:1] for status, (path,) in name_status((diff or "").split("\0"))}
    renamed = _renamed(top, old, merge, last)
    authors = _authors(top, old, new, list(last)) if last else ""
    gone = {was for was, _title in renamed.values()}
    stamp = selector.rpartition("@{")[2].rstrip("}")
    when = datetime.fromtimestamp(int(stamp)) if stamp.isdigit() else None
    return Incoming(
        when,
        tuple(dict.fromkeys(authors.splitlines())),
        tuple(name for name in last if name not in gone),
        tuple(name for name, status in last.items() if status == "D" and name not in gone),
        tuple((name, title) for name, (_was, title) in renamed.items()),
    )


def _authors(top: Path, before: str, fetched: str, paths: list[str]) -> str:
    """Who, in the team's commits `fetched` brought over `before`, changed one of `paths`
    (anyone who brought them, if git names none: a copy the merge made)."""
    log = ("--literal-pathspecs", "log", "--format=%an", f"{before}..{fetched}", "--")
    return _git(top, *log, *paths) or _git(top, *log) or ""


def _renamed(top: Path, old: str, new: str, last: dict[str, str]) -> dict[str, tuple[str, str]]:
    """New path → (old path, the title it had) of each note renamed from `old` to `new`, by the
    rule `sync` follows (core/renames.py): the note's id; a note without one (from another
    tool), by git's own rename detection, as `sync` reads each commit."""
    deleted = [p for p, status in last.items() if status == "D" and p.endswith(NOTE_SUFFIX)]
    added = [p for p, status in last.items() if status == "A" and p.endswith(NOTE_SUFFIX)]
    if not (deleted and added):  # the usual sync: nothing to read
        return {}
    before = {p: _note(p, text) for p, text in _texts(top, old, deleted).items()}
    after = {p: _note(p, text) for p, text in _texts(top, new, added).items()}
    ids_before, ids_after = _own_ids(before), _own_ids(after)
    pairs = paired_by_id(ids_before, ids_after)
    gone = [p for p in deleted if p not in pairs.values() and not ids_before.get(p)]
    came = [p for p in added if p not in pairs and not ids_after.get(p)]
    if gone and came:
        pairs |= _similar(top, old, new, gone + came)
    return {now: (was, _title(before.get(was), was)) for now, was in pairs.items()}


def _own_ids(notes: dict[str, Note | None]) -> dict[str, str | None]:
    """Path → the id each note's header gives it (None: none written, or unreadable)."""
    return {p: note.id if note and note.metadata.get("id") else None for p, note in notes.items()}


def _note(path: str, text: str) -> Note | None:
    """The note `text` holds, read as `sync` reads it; None when it cannot be read."""
    # Only when the last sync deleted a note and added one: the glance reads no YAML else.
    from garefil.core.config import Config
    from garefil.core.errors import GarefilError
    from garefil.core.frontmatter_text import FrontMatterError
    from garefil.core.notefile import read_note

    try:
        return read_note(path, text, Config(), register=False)
    except (FrontMatterError, GarefilError):  # a teammate's broken note: named by its path
        return None


def _title(note: Note | None, path: str) -> str:
    return note.title if note is not None else Path(path).stem


def _similar(top: Path, old: str, new: str, paths: list[str]) -> dict[str, str]:
    """New path → old path of the notes among `paths` git itself finds renamed."""
    # The names as they are: a `[` in a note's name is no pattern to git.
    diff = _git(
        top, "--literal-pathspecs", "diff", "--name-status", "-z", "-M", old, new, "--", *paths
    )
    return {now: was for was, now, _alike in renames(diff or "")}


def _texts(top: Path, commit: str, paths: list[str]) -> dict[str, str]:
    """Path → the text of each of `paths` in `commit`, read by one git (`cat-file --batch`:
    a header `SHA blob SIZE` then the text, or `NAME missing` alone)."""
    asked = [path for path in paths if "\n" not in path]  # one name a line: no other way
    try:
        done = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=top,
            input="".join(f"{commit}:{path}\n" for path in asked).encode("utf-8"),
            capture_output=True,
            check=False,
        )
    except OSError:
        return {}
    out, texts, at = done.stdout, {}, 0
    for path in asked:
        end = out.find(b"\n", at)
        if end < 0:
            break
        header = out[at:end].rsplit(b" ", 2)  # a missing name holds spaces: read from the end
        at = end + 1
        if len(header) == 3 and header[1] == b"blob" and header[2].isdigit():
            size = int(header[2])
            texts[path] = out[at : at + size].decode("utf-8", "replace")
            at += size + 1
    return texts


def _git(top: Path, *args: str) -> str | None:
    """git's output, or None when it fails (no repository, no such ref, git missing)."""
    code, out = _run(top, *args)
    return out if code == 0 else None


def _run(top: Path, *args: str) -> tuple[int, str]:
    """git's exit code and output (-1 when git cannot be run)."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=top,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError:
        return -1, ""
    return done.returncode, done.stdout
