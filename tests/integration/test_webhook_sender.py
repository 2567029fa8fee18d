"""HttpWebhookSender against a scripted local HTTP(S) receiver, plus its SSRF guard.

The receiver listens on 127.0.0.1, so every delivery test uses ``allow_private=True`` (as an admin
would for an on-premises receiver); the SSRF tests use the default and point at the same receiver,
so a guard that let a request through would be seen by the receiver.
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import ssl
import sys
import threading
from collections import deque
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from adapters.webhook import HttpWebhookSender, is_internal_address, verify_signature
from ports.notifications import DeliveryFailed

SECRET = "whsec_test_7f3a"
NOW = 1_800_000_000.0
EVENT = {"type": "block_starting", "id": "4b8e0c6e-2f1d-4a53-9c1e-0d7f4a1b2c3d",
         "title": "Deep work — Q3 report ✍", "starts_at": "2027-01-15T09:00:00+00:00"}


@dataclass
class Reply:
    status: int = 200
    headers: dict = field(default_factory=dict)
    body: bytes = b"ok"
    hang: bool = False  # hold the request open until the test ends (a receiver slower than any timeout)


@dataclass
class Seen:
    method: str
    path: str
    headers: dict
    body: bytes


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError)):
            return  # the sender hung up early (body cap, timeout, refused certificate): expected
        super().handle_error(request, client_address)


class Receiver:
    """A ThreadingHTTPServer in a thread that records requests and answers from a script."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.requests: list[Seen] = []
        self.script: deque[Reply] = deque()
        self.release = threading.Event()
        self.sni: list[str | None] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802 (http.server naming)
                length = int(self.headers.get("Content-Length", "0"))
                receiver.requests.append(Seen("POST", self.path, dict(self.headers), self.rfile.read(length)))
                reply = receiver.script.popleft() if receiver.script else Reply()
                if reply.hang:
                    receiver.release.wait(30)
                    return
                self.close_connection = True
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the sender stopped reading (body cap): expected

            do_GET = do_POST

            def log_message(self, *args):
                pass

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            tls.sni_callback = lambda sock, name, ctx: self.sni.append(name)
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str = "/hooks/planloom", host: str = "127.0.0.1", scheme: str = "http") -> str:
        return f"{scheme}://{host}:{self.port}{path}"

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.stop()


class Sleeps(list):
    """Injected ``sleep``: records the pauses instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def pinned(mapping: dict[str, list[str]], calls: list | None = None):
    """A resolver answering from ``mapping`` (host -> addresses), like getaddrinfo."""

    def resolve(host, port, *args, **kwargs):
        if calls is not None:
            calls.append(host)
        if host not in mapping:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        out = []
        for address in mapping[host]:
            ip = ipaddress.ip_address(address)
            if ip.version == 4:
                out.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)))
            else:
                out.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0)))
        return out

    return resolve


def sender(sleeps=None, **options) -> HttpWebhookSender:
    options.setdefault("allow_private", True)
    options.setdefault("timeout", 5)
    return HttpWebhookSender(sleep=sleeps if sleeps is not None else Sleeps(), clock=lambda: NOW, **options)


# -- delivery and signature ---------------------------------------------------------------------------------
def test_delivers_signed_json(receiver):
    sender().deliver(receiver.url("/hooks/planloom?tenant=7"), SECRET, EVENT)

    [seen] = receiver.requests
    assert seen.method == "POST" and seen.path == "/hooks/planloom?tenant=7"
    assert json.loads(seen.body) == EVENT
    h = seen.headers
    assert h["Content-Type"] == "application/json; charset=utf-8"
    assert h["X-Planloom-Event"] == "block_starting"
    assert h["X-Planloom-Delivery"] == EVENT["id"]
    assert h["User-Agent"].startswith("Planloom")
    assert h["Host"] == f"127.0.0.1:{receiver.port}"
    assert h["X-Planloom-Timestamp"] == str(int(NOW))
    assert h["X-Planloom-Signature"].startswith("sha256=")
    assert verify_signature(SECRET, h["X-Planloom-Timestamp"], seen.body, h["X-Planloom-Signature"], now=NOW)
    assert not verify_signature("another-secret", h["X-Planloom-Timestamp"], seen.body,
                                h["X-Planloom-Signature"], now=NOW)


def test_datetimes_and_uuids_in_events_are_serialised(receiver):
    import uuid
    event = {"type": "plan_changed", "user_id": uuid.UUID(int=7), "at": dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc)}
    sender().deliver(receiver.url(), SECRET, event)
    assert json.loads(receiver.requests[0].body) == {
        "type": "plan_changed", "user_id": str(uuid.UUID(int=7)), "at": "2027-01-01T00:00:00+00:00"}


def test_hostname_is_pinned_to_the_vetted_address_with_the_right_host_header(receiver):
    calls: list[str] = []
    # hooks.example.test exists only in this resolver: the request can only arrive if the sender
    # connects to the address it vetted instead of resolving the name again.
    s = sender(resolver=pinned({"hooks.example.test": ["127.0.0.1"]}, calls))
    s.deliver(receiver.url(host="hooks.example.test"), SECRET, EVENT)
    assert receiver.requests[0].headers["Host"] == f"hooks.example.test:{receiver.port}"
    assert calls == ["hooks.example.test"]


def test_next_address_is_tried_when_the_first_refuses_connections(receiver):
    # 127.0.0.2 is loopback too but nothing listens there: connection refused, then 127.0.0.1 answers.
    s = sender(resolver=pinned({"hooks.example.test": ["127.0.0.2", "127.0.0.1"]}))
    s.deliver(receiver.url(host="hooks.example.test"), SECRET, EVENT)
    assert len(receiver.requests) == 1


def test_event_fields_cannot_inject_headers(receiver):
    sender().deliver(receiver.url(), SECRET, {"type": "x\r\nX-Injected: 1", "id": "a\nb"})
    [seen] = receiver.requests
    assert "X-Injected" not in seen.headers
    assert "\n" not in seen.headers["X-Planloom-Event"] and "\n" not in seen.headers["X-Planloom-Delivery"]
    assert json.loads(seen.body)["type"] == "x\r\nX-Injected: 1"


def test_empty_secret_is_refused(receiver):
    with pytest.raises(DeliveryFailed) as info:
        sender().deliver(receiver.url(), "", EVENT)
    assert info.value.permanent and receiver.requests == []


# -- retries -------------------------------------------------------------------------------------------------
def test_500_then_200_retries_with_backoff(receiver, sleeps):
    receiver.script.extend([Reply(500), Reply(502), Reply(200)])
    sender(sleeps).deliver(receiver.url(), SECRET, EVENT)
    assert len(receiver.requests) == 3
    assert sleeps == [0.5, 2.0]
    # every attempt is signed afresh and carries the same delivery id
    for seen in receiver.requests:
        h = seen.headers
        assert verify_signature(SECRET, h["X-Planloom-Timestamp"], seen.body, h["X-Planloom-Signature"], now=NOW)
    assert len({seen.headers["X-Planloom-Delivery"] for seen in receiver.requests}) == 1


def test_gives_up_after_max_attempts_as_a_transient_failure(receiver, sleeps):
    receiver.script.extend([Reply(503, body=b"maintenance")] * 5)
    with pytest.raises(DeliveryFailed) as info:
        sender(sleeps, max_attempts=4, backoff=(1, 3)).deliver(receiver.url(), SECRET, EVENT)
    assert not info.value.permanent
    assert "503" in str(info.value) and "maintenance" in str(info.value)
    assert len(receiver.requests) == 4
    assert sleeps == [1, 3, 3]


def test_429_honours_retry_after_seconds(receiver, sleeps):
    receiver.script.extend([Reply(429, {"Retry-After": "7"}), Reply(200)])
    sender(sleeps).deliver(receiver.url(), SECRET, EVENT)
    assert len(receiver.requests) == 2
    assert sleeps == [7.0]


def test_503_honours_retry_after_http_date(receiver, sleeps):
    later = dt.datetime.fromtimestamp(NOW + 12, dt.timezone.utc)
    receiver.script.extend([Reply(503, {"Retry-After": format_datetime(later, usegmt=True)}), Reply(200)])
    sender(sleeps).deliver(receiver.url(), SECRET, EVENT)
    assert sleeps == [12.0]


def test_retry_after_beyond_the_cap_stops_early_as_transient(receiver, sleeps):
    receiver.script.extend([Reply(429, {"Retry-After": "3600"}), Reply(200)])
    with pytest.raises(DeliveryFailed) as info:
        sender(sleeps, retry_after_cap=30).deliver(receiver.url(), SECRET, EVENT)
    assert not info.value.permanent
    assert len(receiver.requests) == 1 and sleeps == []


def test_408_is_retried(receiver, sleeps):
    receiver.script.extend([Reply(408), Reply(204, body=b"")])
    sender(sleeps).deliver(receiver.url(), SECRET, EVENT)
    assert len(receiver.requests) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 422])
def test_other_4xx_are_permanent_without_retry(receiver, sleeps, status):
    receiver.script.append(Reply(status, body=b"no such hook"))
    with pytest.raises(DeliveryFailed) as info:
        sender(sleeps).deliver(receiver.url(), SECRET, EVENT)
    assert info.value.permanent
    assert str(status) in str(info.value)
    assert len(receiver.requests) == 1 and sleeps == []


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirects_are_not_followed(receiver, sleeps, status):
    receiver.script.append(Reply(status, {"Location": receiver.url("/elsewhere")}))
    with pytest.raises(DeliveryFailed) as info:
        sender(sleeps).deliver(receiver.url(), SECRET, EVENT)
    assert info.value.permanent
    assert [seen.path for seen in receiver.requests] == ["/hooks/planloom"]


def test_slow_receiver_times_out_and_is_retried(receiver, sleeps):
    receiver.script.extend([Reply(hang=True), Reply(200)])
    sender(sleeps, timeout=0.3).deliver(receiver.url(), SECRET, EVENT)
    assert len(receiver.requests) == 2
    assert sleeps == [0.5]


def test_slow_receiver_every_time_fails_transiently(receiver, sleeps):
    receiver.script.extend([Reply(hang=True)] * 2)
    with pytest.raises(DeliveryFailed) as info:
        sender(sleeps, timeout=0.3, max_attempts=2).deliver(receiver.url(), SECRET, EVENT)
    assert not info.value.permanent
    assert len(receiver.requests) == 2


def test_receiver_down_is_transient_after_retries(sleeps):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: connections are refused
    with pytest.raises(DeliveryFailed) as info:
        sender(sleeps).deliver(f"http://127.0.0.1:{port}/hook", SECRET, EVENT)
    assert not info.value.permanent
    assert sleeps == [0.5, 2.0]


def test_unresolvable_host_is_transient(sleeps):
    with pytest.raises(DeliveryFailed) as info:
        sender(sleeps, resolver=pinned({})).deliver("https://hooks.example.test/x", SECRET, EVENT)
    assert not info.value.permanent


def test_huge_error_body_is_read_only_up_to_the_cap(receiver, sleeps):
    receiver.script.append(Reply(400, body=b"x" * 5_000_000))
    with pytest.raises(DeliveryFailed) as info:
        sender(sleeps).deliver(receiver.url(), SECRET, EVENT)
    assert info.value.permanent
    assert len(str(info.value)) < 1000


# -- HTTPS with a pinned address ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hooks.example.test")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("hooks.example.test")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("webhook-tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return str(cert_path), str(key_path)


@pytest.fixture
def tls_receiver(tls_files):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(*tls_files)
    r = Receiver(tls=ctx)
    yield r
    r.stop()


def test_https_pins_the_address_but_sends_sni_host_and_checks_the_certificate_name(tls_receiver, tls_files):
    s = sender(resolver=pinned({"hooks.example.test": ["127.0.0.1"]}), ca_certs=tls_files[0])
    s.deliver(tls_receiver.url(host="hooks.example.test", scheme="https"), SECRET, EVENT)
    [seen] = tls_receiver.requests
    assert seen.headers["Host"] == f"hooks.example.test:{tls_receiver.port}"
    assert tls_receiver.sni == ["hooks.example.test"]
    h = seen.headers
    assert verify_signature(SECRET, h["X-Planloom-Timestamp"], seen.body, h["X-Planloom-Signature"], now=NOW)


def test_https_certificate_for_another_name_is_refused(tls_receiver, tls_files, sleeps):
    s = sender(sleeps, resolver=pinned({"evil.example.test": ["127.0.0.1"]}), ca_certs=tls_files[0])
    with pytest.raises(DeliveryFailed) as info:
        s.deliver(tls_receiver.url(host="evil.example.test", scheme="https"), SECRET, EVENT)
    assert info.value.permanent
    assert tls_receiver.requests == []


def test_https_untrusted_certificate_is_refused(tls_receiver, sleeps):
    s = sender(sleeps, resolver=pinned({"hooks.example.test": ["127.0.0.1"]}))  # system CAs only
    with pytest.raises(DeliveryFailed) as info:
        s.deliver(tls_receiver.url(host="hooks.example.test", scheme="https"), SECRET, EVENT)
    assert info.value.permanent
    assert tls_receiver.requests == []


# -- SSRF ----------------------------------------------------------------------------------------------------
def guarded(sleeps=None, **options) -> HttpWebhookSender:
    return HttpWebhookSender(sleep=sleeps if sleeps is not None else Sleeps(), timeout=2, **options)


@pytest.mark.parametrize("host", [
    "127.0.0.1", "localhost", "[::1]", "127.0.0.2", "127.1", "2130706433", "0x7f000001", "0.0.0.0", "0",
    "[::]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::127.0.0.1]",
])
def test_loopback_in_any_spelling_is_refused_and_never_reached(receiver, sleeps, host):
    with pytest.raises(DeliveryFailed) as info:
        guarded(sleeps).deliver(receiver.url(host=host), SECRET, EVENT)
    assert info.value.permanent
    assert receiver.requests == [] and sleeps == []


@pytest.mark.parametrize("host", [
    "10.0.0.1", "10.255.255.254", "172.16.0.1", "172.31.255.1", "192.168.1.10", "100.64.0.1",
    "169.254.169.254", "169.254.0.1", "100.100.100.200", "192.0.0.170", "198.18.0.1", "192.0.2.1",
    "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
    "[::ffff:10.0.0.1]", "[::ffff:169.254.169.254]", "[::ffff:192.168.0.1]",
    "[fe80::1]", "[fe80::1%25eth0]", "[fc00::1]", "[fd12:3456::1]", "[fec0::1]", "[ff02::1]",
    "[64:ff9b::a9fe:a9fe]", "[2002:a9fe:a9fe::1]", "[2001:db8::1]", "[2001::1]", "[100::1]",
])
def test_private_link_local_and_reserved_literals_are_refused(sleeps, host):
    calls: list[str] = []  # IP literals are vetted as they stand: no resolver involved
    with pytest.raises(DeliveryFailed) as info:
        guarded(sleeps, resolver=pinned({}, calls)).deliver(f"http://{host}/hook", SECRET, EVENT)
    assert info.value.permanent
    assert "non-public" in str(info.value)
    assert sleeps == [] and calls == []


@pytest.mark.parametrize("answers", [
    ["10.1.2.3"], ["169.254.169.254"], ["192.168.0.7"], ["127.0.0.1"], ["::1"], ["fd00::5"],
    ["::ffff:10.1.2.3"],
    ["93.184.216.34", "10.1.2.3"],          # ANY internal answer condemns the name
    ["2606:4700::6810:84e5", "fe80::1"],
])
def test_hostname_resolving_to_an_internal_address_is_refused(sleeps, answers):
    s = guarded(sleeps, resolver=pinned({"innocent.example.com": answers}))
    with pytest.raises(DeliveryFailed) as info:
        s.deliver("https://innocent.example.com/hook", SECRET, EVENT)
    assert info.value.permanent
    assert "non-public" in str(info.value)
    assert sleeps == []


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "gopher://127.0.0.1:6379/_FLUSHALL", "ftp://example.com/x", "dict://127.0.0.1:11211/",
    "ldap://example.com/", "javascript:alert(1)", "//example.com/hook", "example.com/hook", "",
    "http:///nohost", "http://user:pass@example.com/", "http://example.com@127.0.0.1/",
    "http://example.com:99999/", "http://example.com/a b", "http://example.com/\r\nX-Injected: 1",
])
def test_bad_schemes_and_malformed_urls_are_refused(sleeps, url):
    for allow_private in (False, True):
        with pytest.raises(DeliveryFailed) as info:
            guarded(sleeps, allow_private=allow_private, resolver=pinned({})).deliver(url, SECRET, EVENT)
        assert info.value.permanent, url


def test_allow_private_is_how_the_local_receiver_is_reached(receiver):
    with pytest.raises(DeliveryFailed):
        guarded().deliver(receiver.url(), SECRET, EVENT)
    guarded(allow_private=True).deliver(receiver.url(), SECRET, EVENT)
    assert len(receiver.requests) == 1


def test_public_addresses_pass_the_vetting():
    s = guarded(resolver=pinned({"hooks.example.com": ["93.184.216.34", "2606:4700::6810:84e5"],
                                 "mapped.example.com": ["::ffff:8.8.8.8"]}))
    assert s.vet("https://hooks.example.com/x") == ["93.184.216.34", "2606:4700::6810:84e5"]
    assert s.vet("https://mapped.example.com/x") == ["8.8.8.8"]  # connects to the IPv4 address itself


@pytest.mark.parametrize("address, internal", [
    ("8.8.8.8", False), ("1.1.1.1", False), ("93.184.216.34", False), ("2606:4700::1111", False),
    ("::ffff:8.8.8.8", False), ("64:ff9b::808:808", False), ("2002:808:808::1", False),
    ("127.0.0.1", True), ("10.0.0.1", True), ("172.20.0.1", True), ("192.168.0.1", True),
    ("169.254.169.254", True), ("100.64.0.1", True), ("0.0.0.0", True), ("224.0.0.1", True),
    ("::1", True), ("::", True), ("::ffff:127.0.0.1", True), ("::ffff:169.254.169.254", True),
    ("64:ff9b::7f00:1", True), ("2002:c0a8:1::1", True), ("fe80::1", True), ("fd00::1", True),
    ("ff02::1", True), ("2001:db8::1", True), ("::7f00:1", True),
])
def test_is_internal_address(address, internal):
    assert is_internal_address(ipaddress.ip_address(address)) is internal
