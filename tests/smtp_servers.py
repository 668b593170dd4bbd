"""Real SMTP servers on 127.0.0.1 for the tests (aiosmtpd): plain, or STARTTLS with a login.

What a server received is kept as it arrived (envelope and raw bytes), to be read back with the
standard library's e-mail parser. The STARTTLS server uses a self-signed certificate made by
the test with `openssl`; a client trusts it through SSL_CERT_FILE, as a coach's computer would
trust a real one.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

LOGIN, PASSWORD = "awa@exemple.org", "mot de passe très secret"


@dataclass
class Received:
    """One message as the server accepted it."""

    sender: str
    recipients: list[str]
    data: bytes

    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=policy.default)


@dataclass
class Inbox:
    """What the handler collects; `refuse` lists addresses it answers 550 to."""

    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 Adresse inconnue"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.received.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        )
        return "250 Message accepted"


class AnyPortController(Controller):
    """aiosmtpd's threaded server on a port the system chooses (port 0), read back once bound:
    no other process can take it in between, as it could a port found free beforehand."""

    def __init__(self, handler, **options) -> None:
        super().__init__(handler, hostname="127.0.0.1", port=0, **options)

    def _create_server(self):
        return self._bound(super()._create_server())

    async def _bound(self, creating):
        server = await creating
        self.port = server.sockets[0].getsockname()[1]  # before aiosmtpd connects to it
        return server


def _check_login(server, session, envelope, mechanism, auth_data) -> AuthResult:
    good = isinstance(auth_data, LoginPassword) and (
        auth_data.login.decode(),
        auth_data.password.decode(),
    ) == (LOGIN, PASSWORD)
    return AuthResult(success=good, handled=False)


def start(inbox: Inbox, **options) -> Controller:
    controller = AnyPortController(inbox, **options)
    controller.start()
    return controller


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made by openssl (skips without it)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def starttls_options(cert: Path, key: Path) -> dict:
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return {
        "tls_context": context,
        "require_starttls": True,
        "authenticator": _check_login,
        "auth_require_tls": True,
    }
