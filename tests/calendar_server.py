"""A local HTTP server for calendar feeds, started by the tests: it serves what a test puts at a path
(.ics files from tests/data/calendars, or text), and misbehaves on demand (slow, huge, redirects, errors)."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "ics"  # real .ics files


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/calendar; charset=utf-8"})
    delay: float = 0.0         # seconds before the status line
    drip: float = 0.0          # seconds between chunks of the body
    endless: bool = False      # keep sending body bytes until the client goes away


class CalendarServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[str] = []
        self.not_modified = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                server.hits.append(self.path)
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                time.sleep(route.delay)
                etag = route.headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    server.not_modified += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if not route.endless:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    if route.endless:
                        for _ in range(100_000):  # bounded: at most ~6.5 GB, stopped by the client long before
                            self.wfile.write(b"X" * 65536)
                    elif route.drip:
                        for start in range(0, len(route.body), 16):
                            self.wfile.write(route.body[start:start + 16])
                            self.wfile.flush()
                            time.sleep(route.drip)
                    else:
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def serve(self, path: str, body: bytes | str = b"", **route) -> str:
        """Serve ``body`` at ``path``; the feed's full URL."""
        self.routes[path] = Route(body=body.encode() if isinstance(body, str) else body, **route)
        return self.base + path

    def serve_file(self, name: str, path: str | None = None) -> str:
        return self.serve(path or f"/{name}", (DATA / name).read_bytes())


@pytest.fixture
def calendar_server():
    server = CalendarServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def ics(*events: tuple, prodid: str = "-//Planloom tests//EN") -> str:
    """An iCalendar text of ``events``: (uid, start, end, summary, *extra property lines); aware datetimes
    are written in UTC, dates as all-day values."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{prodid}"]
    for uid, start, end, summary, *extra in events:
        lines += ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260101T000000Z", _when("DTSTART", start),
                  _when("DTEND", end), f"SUMMARY:{summary}", *extra, "END:VEVENT"]
    return "\r\n".join(lines + ["END:VCALENDAR", ""])


def _when(name: str, value) -> str:
    if hasattr(value, "hour"):
        return f"{name}:{value.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"
