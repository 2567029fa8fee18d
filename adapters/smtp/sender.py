"""EmailSender over SMTP: one connection per message, STARTTLS / implicit TLS / plain, optional AUTH.

Failures map onto ``DeliveryFailed``: 5xx replies (recipient or sender refused, message rejected),
authentication failures and missing server features are permanent; connection errors, timeouts,
dropped connections and 4xx replies are transient.
"""
from __future__ import annotations

import base64
import smtplib
import ssl
from datetime import datetime, timezone
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime, getaddresses, make_msgid

from ports.notifications import DeliveryFailed, EmailSender

SECURITY_MODES = ("starttls", "ssl", "none")


def _reject_line_breaks(name: str, value: str) -> None:
    if any(ch in value for ch in "\r\n\x00"):
        raise DeliveryFailed(f"{name} contains a line break or NUL", permanent=True)


def _parse_single_address(name: str, value: str) -> tuple[str, str]:
    """(display name, addr-spec) of exactly one mailbox, or a permanent DeliveryFailed."""
    _reject_line_breaks(name, value)
    parsed = getaddresses([value])
    if len(parsed) != 1:
        raise DeliveryFailed(f"{name} must hold exactly one address", permanent=True)
    display, addr = parsed[0]
    local, at, domain = addr.rpartition("@")
    if not at or not local or not domain or any(ch.isspace() for ch in addr):
        raise DeliveryFailed(f"{name} is not an email address: {value!r}", permanent=True)
    return display, addr


def _permanent(code: int | None) -> bool:
    return code is not None and 500 <= code < 600


def _reply(code: int | None, message: bytes | str | None) -> str:
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return f"{code} {message}".strip() if code is not None else str(message or "")


class SmtpEmailSender(EmailSender):
    """Hands each message to the configured SMTP server on a fresh connection.

    ``security``: ``"starttls"`` (submission port 587, TLS required), ``"ssl"`` (implicit TLS, 465)
    or ``"none"`` (plain; for a local relay). ``ssl_context`` defaults to the system trust store
    with hostname checking. Nothing connects before the first ``send``.
    """

    def __init__(
        self,
        host: str,
        port: int,
        username: str | None = None,
        password: str | None = None,
        security: str = "starttls",
        sender: str = "Planloom <planloom@localhost>",
        timeout: float = 10,
        *,
        ssl_context: ssl.SSLContext | None = None,
        local_hostname: str | None = None,
    ) -> None:
        if security not in SECURITY_MODES:
            raise ValueError(f"security must be one of {SECURITY_MODES}, not {security!r}")
        if (username is None) != (password is None):
            raise ValueError("username and password go together")
        try:
            display, addr = _parse_single_address("sender", sender)
        except DeliveryFailed as exc:
            raise ValueError(str(exc)) from None
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.security = security
        self.timeout = timeout
        self.local_hostname = local_hostname
        self._ssl_context = ssl_context
        try:
            self._sender = Address(display_name=display, addr_spec=addr)
        except (ValueError, IndexError, MessageError) as exc:
            raise ValueError(f"sender is not an email address: {exc}") from None
        self._envelope_from = addr
        self._msgid_domain = addr.rpartition("@")[2]

    # -- building -----------------------------------------------------------------------------
    def build_message(self, to: str, subject: str, text: str, html: str | None = None) -> EmailMessage:
        """The message ``send`` would transmit (public so callers can preview it)."""
        display, addr = _parse_single_address("recipient", to)
        _reject_line_breaks("subject", subject)
        msg = EmailMessage(policy=SMTP_POLICY)
        msg["From"] = self._sender
        try:
            msg["To"] = Address(display_name=display, addr_spec=addr)
            msg["Subject"] = subject
        except (ValueError, IndexError, MessageError) as exc:
            raise DeliveryFailed(f"cannot build the message: {exc}", permanent=True) from exc
        msg["Date"] = format_datetime(datetime.now(timezone.utc))
        msg["Message-ID"] = make_msgid(domain=self._msgid_domain)
        msg["Auto-Submitted"] = "auto-generated"
        msg.set_content(text, charset="utf-8")
        if html is not None:
            msg.add_alternative(html, subtype="html", charset="utf-8")
        return msg

    # -- sending ------------------------------------------------------------------------------
    def send(self, to: str, subject: str, text: str, html: str | None = None) -> None:
        msg = self.build_message(to, subject, text, html)
        recipient = _parse_single_address("recipient", to)[1]
        try:
            with self._connect() as smtp:
                self._secure_and_login(smtp)
                smtp.send_message(msg, from_addr=self._envelope_from, to_addrs=[recipient])
        except DeliveryFailed:
            raise
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()), (None, b""))
            raise DeliveryFailed(f"recipient refused: {_reply(code, reply)}", _permanent(code)) from exc
        except smtplib.SMTPAuthenticationError as exc:
            # 535 bad credentials is permanent; 454 "temporary authentication failure" is not.
            transient = 400 <= exc.smtp_code < 500
            raise DeliveryFailed(
                f"SMTP authentication failed: {_reply(exc.smtp_code, exc.smtp_error)}", not transient
            ) from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise DeliveryFailed(f"SMTP server lacks a needed feature: {exc}", permanent=True) from exc
        except smtplib.SMTPResponseException as exc:  # sender refused, data refused, connect refused
            raise DeliveryFailed(
                f"SMTP server replied {_reply(exc.smtp_code, exc.smtp_error)}", _permanent(exc.smtp_code)
            ) from exc
        except ssl.SSLCertVerificationError as exc:
            raise DeliveryFailed(f"SMTP server certificate rejected: {exc}", permanent=True) from exc
        except (smtplib.SMTPException, OSError) as exc:  # disconnects, refused, timeouts, TLS errors
            raise DeliveryFailed(
                f"SMTP {self.host}:{self.port} unreachable: {type(exc).__name__}: {exc}", permanent=False
            ) from exc

    def _context(self) -> ssl.SSLContext:
        if self._ssl_context is None:
            self._ssl_context = ssl.create_default_context()
        return self._ssl_context

    def _connect(self) -> smtplib.SMTP:
        if self.security == "ssl":
            return smtplib.SMTP_SSL(
                self.host, self.port, local_hostname=self.local_hostname,
                timeout=self.timeout, context=self._context(),
            )
        return smtplib.SMTP(self.host, self.port, local_hostname=self.local_hostname, timeout=self.timeout)

    def _secure_and_login(self, smtp: smtplib.SMTP) -> None:
        if self.security == "starttls":
            smtp.ehlo()
            if not smtp.has_extn("starttls"):
                raise DeliveryFailed("SMTP server does not offer STARTTLS", permanent=True)
            smtp.starttls(context=self._context())
            smtp.ehlo()
        if self.username is not None:
            self._login(smtp, self.username, self.password or "")

    @staticmethod
    def _login(smtp: smtplib.SMTP, username: str, password: str) -> None:
        if (username + password).isascii():
            smtp.login(username, password)
            return
        # smtplib encodes credentials as ASCII; RFC 4616 PLAIN carries UTF-8, so send it ourselves.
        smtp.ehlo_or_helo_if_needed()
        if not smtp.has_extn("auth"):
            raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
        if "PLAIN" not in smtp.esmtp_features["auth"].upper().split():
            raise DeliveryFailed("non-ASCII SMTP credentials need AUTH PLAIN", permanent=True)
        token = base64.b64encode(b"\0" + username.encode() + b"\0" + password.encode()).decode("ascii")
        code, reply = smtp.docmd("AUTH", "PLAIN " + token)
        if code != 235:
            raise smtplib.SMTPAuthenticationError(code, reply)
