"""Messages made with the standard library's `email`, sent with `smtplib`.

The message is multipart/alternative (the letter's Markdown as plain text, read as a mail program
without HTML shows it, and the HTML that markdown-it-py renders from it, raw HTML escaped),
inside multipart/mixed when files are attached. Headers are encoded as the RFC says, so accents
survive every mail program. Each way a server can fail becomes one domain error naming the
server: unreachable, the secure connection refused or not trusted, the login refused, a recipient
refused.
"""

from __future__ import annotations

import base64
import mimetypes
import smtplib
import socket
import ssl
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate, make_msgid

from garefil.core.errors import (
    N_,
    SmtpAuthRefused,
    SmtpRecipientRefused,
    SmtpRefused,
    SmtpTlsFailed,
    SmtpUnreachable,
)
from garefil.core.events import Person
from garefil.core.mail import Mail, SmtpServer
from garefil.core.mail_text import plain_text


class SmtpMailer:
    """The Mailer port, over SMTP."""

    def message(self, mail: Mail) -> bytes:
        """The whole message, CRLF line ends, as an .eml file or the server receives it."""
        return _message(mail).as_bytes(policy=SMTP)

    def send(self, mail: Mail, server: SmtpServer) -> tuple[str, ...]:
        """Send `mail`; the recipients the server accepted."""
        wanted = [p.email for p in mail.recipients]
        try:
            with _connected(server) as smtp:
                _secure_and_log_in(smtp, server)
                refused = smtp.send_message(_message(mail), mail.sender.email, wanted)
        except smtplib.SMTPRecipientsRefused as error:
            raise SmtpRecipientRefused(
                server=str(server), recipients=", ".join(error.recipients)
            ) from error
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
            raise SmtpRefused(server=str(server), detail=_said(error)) from error
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError) as error:
            if isinstance(error, ssl.SSLError):
                raise SmtpTlsFailed(server=str(server), detail=_said(error)) from error
            raise SmtpUnreachable(server=str(server), detail=_said(error)) from error
        return tuple(address for address in wanted if address not in refused)


# Checked in order: a refusal and an unknown name are OSErrors too (a TLS failure is one as well,
# and is told as the library says it: its words name the certificate's problem).
_NETWORK = (
    (ConnectionRefusedError, N_("connection refused")),
    (socket.gaierror, N_("unknown server name")),
    (TimeoutError, N_("no answer in time")),
    (smtplib.SMTPServerDisconnected, N_("the server closed the connection")),
    (ConnectionError, N_("connection lost")),
    (OSError, N_("no connection")),
)


def _connected(server: SmtpServer) -> smtplib.SMTP:
    if server.security == "ssl":
        context = ssl.create_default_context()
        return smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout, context=context)
    return smtplib.SMTP(server.host, server.port, timeout=server.timeout)


def _secure_and_log_in(smtp: smtplib.SMTP, server: SmtpServer) -> None:
    """STARTTLS when asked (a server that does not offer it is refused: the password would go
    in clear), then the login when there is one."""
    if server.security == "starttls":
        try:
            smtp.starttls(context=ssl.create_default_context())
        except smtplib.SMTPNotSupportedError as error:
            raise SmtpTlsFailed(server=str(server), detail="STARTTLS") from error
    if not server.login:
        return
    try:
        _log_in(smtp, server.login, server.password or "")
    except (
        smtplib.SMTPAuthenticationError,
        smtplib.SMTPNotSupportedError,
        UnicodeEncodeError,
    ) as error:
        raise SmtpAuthRefused(server=str(server), login=server.login) from error


def _log_in(smtp: smtplib.SMTP, login: str, password: str) -> None:
    """smtplib's login, except for an accented password, which smtplib can only send in ASCII:
    AUTH PLAIN is UTF-8 (RFC 4616), so it is sent that way when the server offers it."""
    smtp.ehlo_or_helo_if_needed()
    if (login + password).isascii() or "PLAIN" not in smtp.esmtp_features.get("auth", "").upper():
        smtp.login(login, password)
        return
    token = base64.b64encode(f"\0{login}\0{password}".encode()).decode("ascii")
    code, answer = smtp.docmd("AUTH", "PLAIN " + token)
    if code not in (235, 503):
        raise smtplib.SMTPAuthenticationError(code, answer)


def _said(error: BaseException) -> str:
    """What the server or the system said, on one line; the network's usual failures in a
    coach's words (a msgid the CLI translates), not the system's « [Errno 111] … »."""
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        said = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        return f"{error.smtp_code} {said}".strip()
    for kind, words in () if isinstance(error, ssl.SSLError) else _NETWORK:
        if isinstance(error, kind):
            return words
    return " ".join(str(error).split()) or type(error).__name__


def _message(mail: Mail) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = mail.subject
    message["From"] = _address(mail.sender)
    if mail.recipients:
        message["To"] = ", ".join(_address(p) for p in mail.recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=mail.sender.email.rpartition("@")[2] or None)
    message.set_content(plain_text(mail.markdown), subtype="plain", charset="utf-8")
    message.add_alternative(_html(mail), subtype="html", charset="utf-8")
    for attachment in mail.attachments:
        kind = mimetypes.guess_type(attachment.filename)[0] or "application/octet-stream"
        main, sub = kind.split("/", 1)
        message.add_attachment(
            attachment.data, maintype=main, subtype=sub, filename=attachment.filename
        )
    return message


def _address(person: Person) -> str:
    return formataddr((person.name or "", person.email))


def _html(mail: Mail) -> str:
    from html import escape

    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).render(mail.markdown)
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f"<title>{escape(mail.subject)}</title></head>\n<body>\n{body}</body></html>\n"
    )
