"""Fetching a pad's text export over HTTP(S) with urllib3 (imported only when a pad is copied).

Every way a fetch can go wrong becomes one domain error, raised before anything is written: the
network (no connection, a timeout, a certificate), the pad (404, 410), a private pad (401, 403, or
a redirect that ends on a login page, seen as HTML where text was expected), a too large answer
(announced by Content-Length, or counted while reading: a server may not announce it).
"""

from __future__ import annotations

import time
from urllib.parse import urljoin, urlsplit

from garefil.core.errors import (
    N_,
    PadNeedsLogin,
    PadNotFound,
    PadRedirected,
    PadTooLarge,
    PadUnreachable,
)

MAX_REDIRECTS = 5
# Why the network failed (msgids: the CLI translates the error's detail).
TIMEOUT = N_("no answer in time")
NO_CONNECTION = N_("no connection")
TLS = N_("its certificate cannot be trusted")
DNS = N_("unknown server name")
REDIRECTS = N_("too many redirections")
CHUNK = 64 * 1024
_GONE = (404, 410)
_PRIVATE = (401, 403)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")


class HttpPadFetcher:
    """Implements core.pads.PadFetcher with urllib3 (timeouts, redirects, a size limit)."""

    def fetch(self, url: str, max_bytes: int, timeout: float) -> str:
        """The text at `url`, decoded; a domain error when it is not the pad's text."""
        import urllib3

        http = urllib3.PoolManager(
            retries=urllib3.Retry(total=MAX_REDIRECTS, connect=0, read=0, status=0),
            timeout=urllib3.Timeout(connect=timeout, read=timeout),
            headers={"User-Agent": "garefil", "Accept": "text/plain, text/markdown, */*;q=0.1"},
        )
        try:
            response = http.request("GET", url, preload_content=False)
        except urllib3.exceptions.HTTPError as error:
            raise PadUnreachable(pad=url, detail=_reason(error)) from error
        try:
            _check_redirect(url, _redirected_to(response), response.status)
            _check_status(url, response.status)
            raw = _read_bounded(url, response, max_bytes, timeout)
        except urllib3.exceptions.HTTPError as error:
            raise PadUnreachable(pad=url, detail=_reason(error)) from error
        finally:
            response.release_conn()
        return _text(url, raw, response.headers.get("Content-Type", ""))


def _redirected_to(response) -> str | None:
    """Where the redirections of `response` ended (None: it was not redirected)."""
    history = response.retries.history if response.retries is not None else ()
    places = [h.redirect_location for h in history if h.redirect_location]
    return places[-1] if places else None


def _check_redirect(url: str, final: str | None, status: int) -> None:
    """A pad sent elsewhere (a login page, a portal) that then fails is not a missing pad:
    private pads' servers redirect to their login, whose page may well answer 404."""
    if final is None or status == 200:
        return
    final = urljoin(url, final)  # a Location may be relative
    asked, reached = urlsplit(url), urlsplit(final)
    if (asked.netloc, asked.path.rstrip("/")) != (reached.netloc, reached.path.rstrip("/")):
        raise PadRedirected(pad=url, page=final)


def _check_status(url: str, status: int) -> None:
    if status in _GONE:
        raise PadNotFound(pad=url, status=status)
    if status in _PRIVATE:
        raise PadNeedsLogin(pad=url)
    if status != 200:
        raise PadUnreachable(pad=url, detail=f"HTTP {status}")


def _read_bounded(url: str, response, max_bytes: int, timeout: float) -> bytes:
    """At most `max_bytes` of the body, within a few `timeout`s in all: a server that sends a
    byte a second would otherwise never hit the read timeout."""
    announced = response.headers.get("Content-Length", "")
    if announced.isdigit() and int(announced) > max_bytes:
        raise PadTooLarge(pad=url, limit=max_bytes // 1024)
    deadline = time.monotonic() + 3 * timeout
    chunks, size = [], 0
    for chunk in response.stream(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise PadTooLarge(pad=url, limit=max_bytes // 1024)
        if time.monotonic() > deadline:
            raise PadUnreachable(pad=url, detail=TIMEOUT)
        chunks.append(chunk)
    return b"".join(chunks)


def _text(url: str, raw: bytes, content_type: str) -> str:
    """The body as text; PadNeedsLogin when it is a web page (or not text at all)."""
    kind = content_type.split(";")[0].strip().lower()
    start = raw[:512].lstrip().lower()
    if kind in ("text/html", "application/xhtml+xml") or start.startswith(_HTML_STARTS):
        raise PadNeedsLogin(pad=url)
    if b"\x00" in raw:
        raise PadNeedsLogin(pad=url)
    charset = _charset(content_type)
    try:
        return raw.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return raw.decode("latin-1")


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip('"').strip()
    return "utf-8"


def _reason(error: Exception) -> str:
    """Why the network failed, in a coach's words (urllib3's own are long and technical)."""
    import urllib3

    cause = getattr(error, "reason", None) or error
    # A refused connection and an unknown name are kinds of ConnectTimeoutError in urllib3 2:
    # they are told apart before a real timeout.
    if isinstance(cause, urllib3.exceptions.NameResolutionError):
        return DNS
    if isinstance(cause, urllib3.exceptions.NewConnectionError):
        return NO_CONNECTION
    if isinstance(cause, urllib3.exceptions.TimeoutError):
        return TIMEOUT
    if isinstance(cause, urllib3.exceptions.SSLError):
        return TLS
    if isinstance(error, urllib3.exceptions.MaxRetryError) and "redirect" in str(error).lower():
        return REDIRECTS
    return NO_CONNECTION
