"""A second look at an HTTPS server's certificate when git refused it.

Git built on GnuTLS (Debian's) says the same "server certificate verification failed" for a
certificate signed by nobody it trusts and for one past its end date. The two call for
different actions (ask whether the connection is intercepted; ask for a renewal), so garefil
asks the server itself, trusting what git trusts, and reads OpenSSL's precise reason.
"""

from __future__ import annotations

import os
import socket
import ssl
from urllib.parse import urlsplit

import git

_EXPIRED = 10  # X509_V_ERR_CERT_HAS_EXPIRED
_TIMEOUT = 10  # seconds: this is only a diagnosis, after git already failed


def has_expired(url: str) -> bool:
    """Whether the HTTPS server at `url` shows a certificate past its end date."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return False
    context = ssl.create_default_context(cafile=_authority_for(url))
    try:
        address = (parts.hostname, parts.port or 443)
        with (
            socket.create_connection(address, _TIMEOUT) as raw,
            context.wrap_socket(raw, server_hostname=parts.hostname),
        ):
            return False
    except ssl.SSLCertVerificationError as error:
        return error.verify_code == _EXPIRED
    except (OSError, ValueError):  # unreachable, a proxy in between: no second opinion
        return False


def _authority_for(url: str) -> str | None:
    """The certificate authorities git trusts for `url`: GIT_SSL_CAINFO or http.sslCAInfo."""
    if os.environ.get("GIT_SSL_CAINFO"):
        return os.environ["GIT_SSL_CAINFO"]
    try:
        found = git.Git().execute(["git", "config", "--get-urlmatch", "http.sslCAInfo", url])
    except git.GitCommandError:
        return None
    return os.path.expanduser(found.strip()) or None
