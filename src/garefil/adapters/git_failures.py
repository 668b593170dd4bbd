"""Git's own error text, read once here and turned into the domain error a coach understands.

Git speaks English whatever the coach's language, and its messages name internals ("fatal:
Could not read from remote repository."). The usual network failures are recognised by their
stable wording and become one of the RemoteUnreachable errors, whose messages are translated;
git's text itself stays attached as the cause, shown only with --debug.
"""

from __future__ import annotations

import git

from garefil.core.addresses import unshareable_folder, without_password
from garefil.core.errors import (
    GitFailure,
    NotebookNotWritable,
    RemoteAuthenticationFailed,
    RemoteCertificateExpired,
    RemoteCertificateProblem,
    RemoteCredentialsMissing,
    RemoteHostKeyChanged,
    RemoteHostUnknown,
    RemoteKeyRefused,
    RemoteNotFound,
    RemotePasswordRefused,
    RemotePermissionDenied,
    RemoteUnreachable,
    SharedFolderNotARepository,
)

from . import certificates

# Checked in this order: a certificate failure also says "unable to access", a changed host key
# also says "host key verification failed", and so on. The markers are curl's and OpenSSH's
# stable English wording (git passes them through), never a translation.
_NETWORK_FAILURES: tuple[tuple[type[RemoteUnreachable], tuple[str, ...]], ...] = (
    (RemoteCertificateExpired, ("certificate has expired", "certificate expired")),
    (RemoteCertificateProblem, ("certificate", "ssl")),
    (RemoteHostKeyChanged, ("remote host identification has changed",)),
    (RemoteHostUnknown, ("host key verification failed", "no matching host key")),
    (RemoteKeyRefused, ("permission denied (publickey",)),
    (RemotePasswordRefused, ("authentication failed", "returned error: 401")),
    (
        RemoteCredentialsMissing,
        ("could not read username", "could not read password", "terminal prompts disabled"),
    ),
    (RemoteAuthenticationFailed, ("permission denied (", "too many authentication failures")),
    (RemotePermissionDenied, ("permission denied", "returned error: 403", "read-only")),
    (
        RemoteNotFound,
        (
            "repository not found",
            "does not appear to be a git repository",
            "returned error: 404",
            "not found",
            "does not exist",
            "no such file or directory",
        ),
    ),
)
_NOT_WRITABLE = ("permission denied", "read-only file system", "unable to create", "insufficient")


def text_of(error: git.GitCommandError) -> str:
    """Everything git said, stderr first."""
    return f"{error.stderr or ''}\n{error.stdout or ''}".strip()


def network_error(remote: str, error: git.GitCommandError) -> RemoteUnreachable:
    """The domain error for a failed fetch, push or clone of `remote`."""
    text = text_of(error).lower()
    shown = without_password(remote)
    for kind, markers in _NETWORK_FAILURES:
        if any(marker in text for marker in markers):
            if kind is RemoteCertificateProblem and certificates.has_expired(remote):
                kind = RemoteCertificateExpired
            if kind is RemoteNotFound and isinstance(unshareable_folder(remote), RemoteNotFound):
                kind = SharedFolderNotARepository  # a folder emptied, or never made a repository
            return kind(remote=shown)
    return RemoteUnreachable(remote=shown)


def local_error(error: git.GitCommandError, top: str) -> GitFailure | NotebookNotWritable:
    """The domain error for a failed local git command in the repository at `top`."""
    text = text_of(error)
    lowered = text.lower()
    if any(marker in lowered for marker in _NOT_WRITABLE) and ".git" in text:
        return NotebookNotWritable(path=top)
    return GitFailure(detail=first_line(text) or str(error.status))


def first_line(text: str) -> str:
    """The line of git's output that says what went wrong."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    cleaned = [line.removeprefix("stderr: ").strip("'").strip() for line in lines]
    useful = [line for line in cleaned if line.lower().startswith(("fatal", "error"))]
    return (useful or cleaned or [""])[-1]
