"""SmtpEmailSender against real aiosmtpd servers started on free 127.0.0.1 ports by the tests."""
from __future__ import annotations

import datetime as dt
import email
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from adapters.smtp import SmtpEmailSender
from ports.notifications import DeliveryFailed

USER, PASSWORD = "planner", "s3cret-ü"  # non-ASCII on purpose: smtplib.login alone cannot send it
ASCII_PASSWORD = "plain-ascii-s3cret"
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    message: EmailMessage
    tls: bool
    auth_login: bytes | None


class RecordingHandler:
    """Accepts mail, except: ``nobody@`` is refused with 550, ``busy@`` with 451."""

    def __init__(self) -> None:
        self.received: list[Received] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        if address.startswith("busy@"):
            return "451 4.3.0 Mailbox temporarily unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        auth = session.auth_data.login if isinstance(session.auth_data, LoginPassword) else None
        self.received.append(Received(
            envelope.mail_from, list(envelope.rcpt_tos), raw,
            email.message_from_bytes(raw, policy=default_policy), session.ssl is not None, auth,
        ))
        return "250 Message accepted for delivery"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode() and (
        auth_data.password in (PASSWORD.encode(), ASCII_PASSWORD.encode()))
    return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    """Start an aiosmtpd Controller with the given SMTP options; stopped after the test."""
    started: list[Controller] = []

    def start(**options) -> tuple[Controller, RecordingHandler]:
        handler = RecordingHandler()
        for attempt in range(5):  # the free port may be taken between probe and bind
            controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **options)
            try:
                controller.start()
                break
            except Exception:
                if attempt == 4:
                    raise
        started.append(controller)
        return controller, handler

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    """A self-signed certificate for localhost / 127.0.0.1 (cryptography ships with authlib)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([
            x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("smtp-tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_path, key_path


def server_context(tls_files) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(*tls_files)
    return ctx


def client_context(tls_files) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(tls_files[0]))


def text_of(part) -> str:
    """A text part's decoded content with line ends normalised (7bit parts keep the wire's CRLF)."""
    return part.get_content().replace("\r\n", "\n")


def plain_sender(controller: Controller, **options) -> SmtpEmailSender:
    return SmtpEmailSender(controller.hostname, controller.port, security="none", timeout=5, **options)


# -- delivery -----------------------------------------------------------------------------------------
def test_text_mail_arrives_with_proper_headers(smtp_server):
    controller, handler = smtp_server()
    plain_sender(controller).send("ada@example.com", "Your plan for today", "Deep work 09:00-11:00\n")

    [mail] = handler.received
    assert mail.mail_from == "planloom@localhost"
    assert mail.rcpt_tos == ["ada@example.com"]
    msg = mail.message
    assert msg["From"] == "Planloom <planloom@localhost>"
    assert msg["To"] == "ada@example.com"
    assert msg["Subject"] == "Your plan for today"
    assert msg["Message-ID"].startswith("<") and msg["Message-ID"].endswith("@localhost>")
    assert email.utils.parsedate_to_datetime(msg["Date"]).tzinfo is not None
    assert not msg.is_multipart()
    assert msg.get_content_type() == "text/plain"
    assert text_of(msg) == "Deep work 09:00-11:00\n"


def test_utf8_subject_names_and_html_alternative(smtp_server):
    controller, handler = smtp_server()
    sender = plain_sender(controller, sender="Planloom Büro <robot@planloom.example>")
    subject = "Grüße — 3 tâches à planifier 📅 " + "long " * 20
    sender.send("Zoë Ünal <zoe@example.com>", subject, "Hallo Zoë ✓\n", "<p>Hallo <b>Zoë</b> ✓</p>")

    [mail] = handler.received
    raw_headers = mail.raw.split(b"\r\n\r\n", 1)[0]
    assert raw_headers.isascii(), "headers must be RFC 2047 encoded, not raw 8-bit"
    assert all(len(line) <= 998 for line in mail.raw.split(b"\r\n"))
    msg = mail.message
    assert msg["Subject"] == subject.strip() or msg["Subject"] == subject
    assert msg["To"].addresses[0].display_name == "Zoë Ünal"
    assert msg["From"].addresses[0].display_name == "Planloom Büro"
    assert msg["Message-ID"].endswith("@planloom.example>")
    assert msg.get_content_type() == "multipart/alternative"
    assert text_of(msg.get_body(("plain",))) == "Hallo Zoë ✓\n"
    assert text_of(msg.get_body(("html",))) == "<p>Hallo <b>Zoë</b> ✓</p>\n"
    assert mail.rcpt_tos == ["zoe@example.com"]


def test_every_message_gets_its_own_message_id(smtp_server):
    controller, handler = smtp_server()
    sender = plain_sender(controller)
    for n in range(3):
        sender.send("ada@example.com", f"Reminder {n}", "text")
    assert len({m.message["Message-ID"] for m in handler.received}) == 3


@pytest.mark.parametrize("to, subject", [
    ("ada@example.com\r\nBcc: victim@example.com", "hi"),
    ("ada@example.com\nBcc: victim@example.com", "hi"),
    ("ada@example.com", "hi\r\nBcc: victim@example.com"),
    ("ada@example.com", "hi\nX-Injected: yes"),
    ("ada@example.com, eve@example.com", "two recipients"),
    ("not-an-address", "hi"),
])
def test_header_injection_and_bad_recipients_are_refused_before_connecting(smtp_server, to, subject):
    controller, handler = smtp_server()
    with pytest.raises(DeliveryFailed) as info:
        plain_sender(controller).send(to, subject, "body")
    assert info.value.permanent
    assert handler.received == []


# -- refusals --------------------------------------------------------------------------------------------
def test_recipient_refused_with_550_is_permanent(smtp_server):
    controller, handler = smtp_server()
    with pytest.raises(DeliveryFailed) as info:
        plain_sender(controller).send("nobody@example.com", "hi", "body")
    assert info.value.permanent
    assert "550" in str(info.value)
    assert handler.received == []


def test_recipient_deferred_with_451_is_transient(smtp_server):
    controller, _ = smtp_server()
    with pytest.raises(DeliveryFailed) as info:
        plain_sender(controller).send("busy@example.com", "hi", "body")
    assert not info.value.permanent
    assert "451" in str(info.value)


def test_server_down_is_transient():
    port = free_port()  # nothing listens here any more
    with pytest.raises(DeliveryFailed) as info:
        SmtpEmailSender("127.0.0.1", port, security="none", timeout=2).send("ada@example.com", "hi", "body")
    assert not info.value.permanent


def test_server_that_never_greets_times_out_as_transient():
    with socket.socket() as listener:  # accepts TCP (backlog) but never speaks SMTP
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        with pytest.raises(DeliveryFailed) as info:
            SmtpEmailSender("127.0.0.1", port, security="none", timeout=0.3).send("ada@example.com", "hi", "b")
    assert not info.value.permanent


# -- authentication ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("password", [PASSWORD, ASCII_PASSWORD])
def test_auth_with_right_credentials_delivers(smtp_server, password):
    controller, handler = smtp_server(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    plain_sender(controller, username=USER, password=password).send("ada@example.com", "hi", "body")
    [mail] = handler.received
    assert mail.auth_login == USER.encode()


@pytest.mark.parametrize("password", ["wrong", "wröng"])
def test_auth_with_wrong_password_is_permanent(smtp_server, password):
    controller, handler = smtp_server(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    with pytest.raises(DeliveryFailed) as info:
        plain_sender(controller, username=USER, password=password).send("ada@example.com", "hi", "body")
    assert info.value.permanent
    assert "535" in str(info.value)
    assert handler.received == []


def test_missing_credentials_on_auth_required_server_is_permanent(smtp_server):
    controller, handler = smtp_server(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    with pytest.raises(DeliveryFailed) as info:
        plain_sender(controller).send("ada@example.com", "hi", "body")
    assert info.value.permanent
    assert "530" in str(info.value)
    assert handler.received == []


def test_credentials_for_a_server_without_auth_are_a_permanent_misconfiguration(smtp_server):
    controller, _ = smtp_server()
    with pytest.raises(DeliveryFailed) as info:
        plain_sender(controller, username=USER, password=PASSWORD).send("ada@example.com", "hi", "body")
    assert info.value.permanent


# -- TLS ---------------------------------------------------------------------------------------------------
def test_starttls_then_auth(smtp_server, tls_files):
    controller, handler = smtp_server(
        tls_context=server_context(tls_files), require_starttls=True, authenticator=authenticator,
        auth_required=True,
    )
    sender = SmtpEmailSender("127.0.0.1", controller.port, USER, PASSWORD, security="starttls", timeout=5,
                             ssl_context=client_context(tls_files))
    sender.send("ada@example.com", "over TLS", "body")
    [mail] = handler.received
    assert mail.tls and mail.auth_login == USER.encode()


def test_starttls_refuses_an_untrusted_certificate_permanently(smtp_server, tls_files):
    controller, handler = smtp_server(tls_context=server_context(tls_files), require_starttls=True)
    sender = SmtpEmailSender("127.0.0.1", controller.port, security="starttls", timeout=5)  # system CAs
    with pytest.raises(DeliveryFailed) as info:
        sender.send("ada@example.com", "hi", "body")
    assert info.value.permanent
    assert handler.received == []


def test_starttls_required_but_not_offered_is_permanent(smtp_server):
    controller, handler = smtp_server()
    sender = SmtpEmailSender("127.0.0.1", controller.port, security="starttls", timeout=5)
    with pytest.raises(DeliveryFailed) as info:
        sender.send("ada@example.com", "hi", "body")
    assert info.value.permanent
    assert "STARTTLS" in str(info.value)
    assert handler.received == []


def test_implicit_tls(smtp_server, tls_files):
    controller, handler = smtp_server(ssl_context=server_context(tls_files))
    sender = SmtpEmailSender("localhost", controller.port, security="ssl", timeout=5,
                             ssl_context=client_context(tls_files))
    sender.send("ada@example.com", "implicit TLS", "body")
    [mail] = handler.received
    assert mail.message["Subject"] == "implicit TLS"


# -- construction -------------------------------------------------------------------------------------------
def test_construction_validates_and_does_not_connect():
    SmtpEmailSender("127.0.0.1", free_port(), security="none")  # nothing listening: fine, nothing connects
    with pytest.raises(ValueError):
        SmtpEmailSender("127.0.0.1", 25, security="tls-please")
    with pytest.raises(ValueError):
        SmtpEmailSender("127.0.0.1", 25, username="only-user")
    with pytest.raises(ValueError):
        SmtpEmailSender("127.0.0.1", 25, sender="Planloom <p@x>\r\nBcc: a@b")
