"""An e-mail as the core describes it, the mail server's settings, and the Mailer port.

The core says what is sent (subject, sender, recipients, the Markdown text, the files); an
adapter (adapters/mailer.py) makes the multipart message and talks to the server. The password
is never stored: it comes from the environment or is asked at the terminal, and is kept out of
`repr` so that a traceback under --debug never shows it. The server and the sender are the
coach's settings (core/settings.py: option > environment > their own file > the notebook).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from .errors import N_, SettingRefused
from .events import Person

TYPE_CHECKING = False  # the settings are only named here: `suivi` reads no settings
if TYPE_CHECKING:
    from .settings import SmtpSettings

LOOPBACK = ("127.0.0.1", "localhost", "::1")
CLEAR_PASSWORD = N_("a login without starttls or ssl is only for a server on this computer")


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message: its name and bytes."""

    filename: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Mail:
    """One e-mail: written in Markdown, sent as plain text and HTML."""

    subject: str
    sender: Person
    recipients: tuple[Person, ...]
    markdown: str
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class SmtpServer:
    """Where and how a coach's messages leave: a server, its port, its security, a login."""

    host: str
    port: int = 587
    security: str = "starttls"  # starttls, ssl or aucune (a server on this computer only)
    login: str | None = None
    password: str | None = field(default=None, repr=False)
    sender: str | None = None  # the From address, "Awa Diallo <awa@exemple.org>" or bare
    timeout: float = 30.0

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def smtp_server(settings: SmtpSettings, password: str | None) -> SmtpServer:
    """The server the coach's settings name, with the password given for this sending only;
    SettingRefused when a login would cross the network in clear."""
    clear = settings.security not in ("starttls", "ssl")  # "aucune"
    if clear and settings.login and settings.host not in LOOPBACK:
        raise SettingRefused(key="smtp.securite", value=settings.security, detail=CLEAR_PASSWORD)
    return SmtpServer(
        host=settings.host,
        port=settings.port,
        security=settings.security,
        login=settings.login,
        password=password,
        sender=settings.sender,
    )


class Mailer(Protocol):
    """Makes messages and sends them."""

    def message(self, mail: Mail) -> bytes:
        """The whole message, as an .eml file holds it."""

    def send(self, mail: Mail, server: SmtpServer) -> tuple[str, ...]:
        """Send `mail` through `server`; the addresses it accepted. A MailNotSent error (the
        subclass says why) when nothing was accepted."""
