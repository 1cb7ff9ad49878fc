"""Sending the notices (催报) by e-mail, through the office's SMTP server: one message per
department, from the office's address to the department's (the catalogue's calendar).

Every address is checked before the server is reached, so a missing one sends nothing. Each
notice is one SMTP transaction: the server takes it whole or not at all. When the server
refuses one, or stops answering, the command stops there and says which notices went out.
smtplib (the standard library's) is imported only here.
"""

from __future__ import annotations

from collections.abc import Callable

from targettrack.errors import InputError, StorageError, echo, os_reason
from targettrack.messages import Message, Text
from targettrack.usecases.late import Notice, NoticesView

DEFAULT_PORT = 25


def _server(text: str) -> tuple[str, int]:
    host, _, port = text.strip().rpartition(":") if ":" in text else (text.strip(), "", "")
    if not host or (port and not port.isdigit()) or (port and not 0 < int(port) < 65536):
        raise InputError(Message("mail.bad_server", text=echo(text)))
    return host, int(port) if port else DEFAULT_PORT


def send_notices(
    view: NoticesView,
    server: str,
    timeout: float,
    compose: Callable[[Notice], tuple[str, str]],
) -> list[Message]:
    """Send every notice; what went out, a line each. ``compose`` gives a notice's subject
    and text."""
    import smtplib
    from email.message import EmailMessage
    from email.utils import formataddr, formatdate, make_msgid

    host, port = _server(server)
    office = view.catalogue.calendar.office
    if office is None or not office.email:
        raise InputError(Message("mail.no_sender"))
    missing = [n.department for n in view.notices if not n.contact.email]
    if missing:
        raise InputError(Message("mail.no_recipient", departments=missing))
    messages = []
    for notice in view.notices:
        subject, body = compose(notice)
        mail = EmailMessage()
        mail["From"] = formataddr((office.person or office.name, office.email))
        mail["To"] = formataddr((notice.contact.person or notice.department, notice.contact.email))
        mail["Subject"] = subject
        mail["Date"] = formatdate(localtime=True)
        mail["Message-ID"] = make_msgid(domain=office.email.rpartition("@")[2])
        mail.set_content(body)
        messages.append((notice, mail))
    sent: list[Message] = []
    where = f"{host}:{port}"
    try:
        with smtplib.SMTP(host, port, timeout=max(timeout, 1)) as smtp:
            for notice, mail in messages:
                smtp.send_message(mail)
                sent.append(
                    Message("mail.sent", department=notice.department, to=notice.contact.email)
                )
    except (OSError, smtplib.SMTPException) as error:
        went = [line.values["department"] for line in sent]
        said = (
            Message("mail.failed", server=where, reason=_reason(error), sent=went)
            if went
            else Message("mail.failed_none", server=where, reason=_reason(error))
        )
        raise StorageError(said) from None
    return sent


def _reason(error: Exception) -> Text:
    """Why a server would not take the notices, in words (with the server's own reply, which
    is its words, where it gave one)."""
    import smtplib
    import socket

    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refused = ", ".join(sorted(error.recipients))
        return Message("mail.refused_recipients", to=echo(refused, 200))
    if isinstance(error, smtplib.SMTPResponseException):
        reply = error.smtp_error
        said = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
        return Message("mail.server_said", reply=error.smtp_code, said=echo(said, 120))
    if isinstance(error, TimeoutError | socket.timeout) or "timed out" in str(error):
        return Message("mail.timeout")
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return Message("mail.disconnected")
    if isinstance(error, ConnectionRefusedError):
        return Message("mail.connection_refused")
    if isinstance(error, OSError):
        return os_reason(error)
    text = str(error).strip()
    return echo(text.splitlines()[0], 200) if text else type(error).__name__
