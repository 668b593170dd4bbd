"""`garefil site --servir`: the site served on this computer only, with the standard library."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"  # never another interface: the notes are not for the network


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the library's name
        """Requests are not worth a line each in the coach's terminal."""


class LocalPreview:
    """A threaded HTTP server for one folder, on 127.0.0.1 (another free port if taken: `taken`
    is then the port asked for, which the command names)."""

    def __init__(self, folder: Path, port: int) -> None:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.taken = 0
        try:
            self._server = ThreadingHTTPServer((HOST, port), handler)
        except OSError:
            self.taken = port
            self._server = ThreadingHTTPServer((HOST, 0), handler)
        self.address = f"http://{HOST}:{self._server.server_address[1]}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> None:
        """Serve in the background."""
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and free the port."""
        self._server.shutdown()
        self._server.server_close()
