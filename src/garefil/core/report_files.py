"""The files that go with a report's e-mail: the documents filed on it, then the files it links to.

A document filed on the report (`garefil doc ajouter FILE --note CR`, listed under its
`documents:`) was put there to be sent: when it cannot go (missing, too big, a symbolic link or a
path leading outside the notebook) the report is not sent without it, and the coach is told
which and why. A file the text merely links to is attached when it can be, and said when it is
left out (core/reports.py `attachments`). Every file is read only from inside the notebook,
never through a symbolic link, and the whole message stays under what mail servers accept.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from .documents import KEY
from .errors import N_, AttachmentRefused, NotInNotebook, UnsafeAttachment
from .mail import Attachment
from .model import Note
from .notebook import Notebook
from .reports import MAX_ATTACHMENT, attachments

N_MISSING = N_("it is not in the notebook any more")
# MAX_ATTACHMENT, said in words: a detail is translated whole, its own words never formatted.
N_TOO_BIG = N_("it weighs more than 15 MB, more than mail servers accept")
N_TOO_MUCH = N_("with the other files, the message would weigh more than 15 MB")
N_NOT_A_FILE = N_("it is not a file")


@dataclass(frozen=True)
class Refused:
    """A document filed on the report that cannot be sent: which, why (a msgid), and whether
    for safety (a symbolic link, a path leading outside the notebook)."""

    document: str
    detail: str
    unsafe: bool = False


@dataclass(frozen=True)
class ReportFiles:
    """What goes with a report: the files attached, the documents refused, the links left out."""

    attached: tuple[Attachment, ...] = ()
    refused: tuple[Refused, ...] = ()
    left_out: tuple[str, ...] = ()

    def refuse(self, note: Note) -> None:
        """AttachmentRefused (UnsafeAttachment for safety) for the first document refused."""
        if self.refused:
            raise refused_error(note, self.refused[0])


def refused_error(note: Note, refused: Refused) -> AttachmentRefused:
    """The error that says why `refused` cannot go with report `note`."""
    kind = UnsafeAttachment if refused.unsafe else AttachmentRefused
    return kind(note=note.id, document=refused.document, detail=refused.detail)


def filed_on(note: Note) -> list[str]:
    """The documents filed on `note`, as its `documents:` writes them ({fichier: …} or a path)."""
    entries = note.metadata.get(KEY)
    found: list[str] = []
    for entry in entries if isinstance(entries, list) else []:
        path = entry.get("fichier") if isinstance(entry, dict) else entry
        if isinstance(path, str) and path.strip() and path.strip() not in found:
            found.append(path.strip())
    return found


def report_files(notebook: Notebook, note: Note) -> ReportFiles:
    """The files of report `note`'s e-mail: its documents first, then the files it links to."""
    attached: dict[str, Attachment] = {}
    refused: list[Refused] = []
    for path in filed_on(note):
        found = _document(notebook, path)
        if isinstance(found, Refused):
            refused.append(found)
        else:
            attached.setdefault(found.filename, found)
    linked, left_out = attachments(notebook, note)
    for attachment in linked:
        attached.setdefault(attachment.filename, attachment)
    kept = _within_limit(list(attached.values()), refused)
    return ReportFiles(tuple(kept), tuple(refused), tuple(left_out))


def _document(notebook: Notebook, path: str) -> Attachment | Refused:
    """The document at `path` (relative to the notebook), or why it cannot be sent."""
    try:
        where = notebook.absolute(path.lstrip("/"))  # UnsafePath through a link leading out
        info = os.lstat(where)
    except NotInNotebook:
        return Refused(path, "", unsafe=True)
    except OSError:
        return Refused(path, N_MISSING)
    if stat.S_ISLNK(info.st_mode):
        return Refused(path, "", unsafe=True)
    if not stat.S_ISREG(info.st_mode):
        return Refused(path, N_NOT_A_FILE)
    if info.st_size > MAX_ATTACHMENT:  # never read: a teammate's huge file
        return Refused(path, N_TOO_BIG)
    return Attachment(where.name, where.read_bytes())


def _within_limit(found: list[Attachment], refused: list[Refused]) -> list[Attachment]:
    """The attachments up to the message's limit; the first one beyond it is refused."""
    kept, total = [], 0
    for attachment in found:
        total += len(attachment.data)
        if total > MAX_ATTACHMENT:
            refused.append(Refused(attachment.filename, N_TOO_MUCH))
            break
        kept.append(attachment)
    return kept
