"""CalDAV connections are held to the vetted address (netguard's PinnedAdapter): a host name is resolved
once per client, every address it has is vetted, and connections go to the vetted address with the URL's
name as Host, so a second DNS answer (rebinding) is never used and a private or loopback address is
refused unless allowed. The names used here exist only in the tests' resolver: reaching the servers
through them proves the client never resolved them itself."""
from __future__ import annotations

import socket
import threading
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
import requests

from adapters.caldav.source import CaldavSource
from adapters.netguard import FetchRefused, pinned_session
from domain.model.calendar import CalendarConnection
from ports.calendars import CalendarUnavailable
from tests.calendar_server import ics

NAME = "dav.planloom.test"


class Resolver:
    """Answers ``NAME`` with ``answers`` in turn (the last one again once they run out)."""

    def __init__(self, *answers: str) -> None:
        self.answers, self.calls = list(answers), 0

    def __call__(self, host, port, type=0, **_):
        assert host == NAME
        self.calls += 1
        address = self.answers[min(self.calls, len(self.answers)) - 1]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]


@pytest.fixture
def server():
    hosts: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            hosts.append(self.headers["Host"])
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1], hosts
    httpd.shutdown()


def test_one_vetted_address_per_host_and_the_name_as_host(server):
    port, hosts = server
    resolver = Resolver("127.0.0.1", "10.9.9.9")  # the second answer (a rebinding) must never be used
    session = requests.Session()
    pinned_session(session, allow_private=True, resolver=resolver)
    for _ in range(3):
        assert session.get(f"http://{NAME}:{port}/x", timeout=5).text == "ok"
    assert resolver.calls == 1 and hosts == [f"{NAME}:{port}"] * 3


def test_a_private_address_is_refused_before_connecting(server):
    port, hosts = server
    session = requests.Session()
    pinned_session(session, allow_private=False, resolver=Resolver("127.0.0.1"))
    with pytest.raises(FetchRefused, match="non-public address") as caught:
        session.get(f"http://{NAME}:{port}/x", timeout=5)
    assert caught.value.permanent and hosts == []


def _account(radicale, **values) -> CalendarConnection:
    port = urlsplit(radicale.url).port
    base = dict(id=uuid.uuid4(), user_id=uuid.uuid4(), kind="caldav", name="Dav", created_at=datetime.now(timezone.utc),
                url=f"http://{NAME}:{port}/", username=radicale.username, secret=radicale.password)
    return CalendarConnection(**(base | values))


def test_the_caldav_client_goes_through_the_vetted_address(radicale):
    calendar = radicale.new_calendar()
    when = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=1)
    calendar.save_event(ics(("pinned@x", when, when + timedelta(hours=1), "Pinned")))
    path = urlsplit(str(calendar.url)).path
    port = urlsplit(radicale.url).port
    connection = _account(radicale, calendar_url=f"http://{NAME}:{port}{path}")
    resolver = Resolver("127.0.0.1")
    found = CaldavSource(allow_private=True, resolver=resolver).fetch(connection, when - timedelta(days=1),
                                                                      when + timedelta(days=1))
    assert [e.title for e in found.events] == ["Pinned"]
    with pytest.raises(CalendarUnavailable, match="non-public address") as caught:
        CaldavSource(allow_private=False, resolver=Resolver("127.0.0.1")).fetch(connection, when, when)
    assert caught.value.permanent
