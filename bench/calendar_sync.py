"""Calendar sync of a 2,000-event calendar, end to end through the real container (SQLite, the sync use
case, the ICS and CalDAV adapters) against local servers: a feed served by http.server (with ETags, as
real feed servers send) and a Radicale started here. Prints, per source and phase, the median seconds,
the HTTP requests the sync made and what changed in the busy time, with baselines in the same run:

- ``full (before)``: the first import as it was done before this branch: the calendar read once to check
  it and again to import it, busy time written row by row (the port's one-by-one ``add``/``delete``);
  against ``full``: one read, bulk writes. The CalDAV adapter is today's in both (it also asks for the
  collection's sync token, and it remembers the auth scheme a server's first 401 asked for, so later
  syncs skip that round trip; the first connect of the run, ``full (before)``, pays it as every sync did).
- CalDAV ``... (whole read)``: the cursor forgotten before the sync, so the whole window is read (what every
  sync did before the sync-token support); against ``... (sync-token)``: RFC 6578 sync-collection.
- ``changed``: 20 events moved and 20 deleted, made one resource at a time (a whole-collection PUT would
  make Radicale forget every sync token); the whole-read run of CalDAV puts them back (+20 ~20).

Radicale indexes a freshly uploaded collection on the first request that lists it (many seconds for
2,000 events); the bench makes that request itself, uncounted, before timing.

    .venv/bin/python bench/calendar_sync.py [--events 2000] [--rounds 3]
"""
from __future__ import annotations

import argparse
import hashlib
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.sql.migrate import upgrade  # noqa: E402
from adapters.sql.repositories import SqlBusyRepository  # noqa: E402
from domain import commands  # noqa: E402
from domain.services.handlers.calendars import new_connection  # noqa: E402
from entrypoints.config import Settings  # noqa: E402
from entrypoints.container import build_container  # noqa: E402
from ports.repositories import BusyRepository  # noqa: E402
from tests.calendar_server import ics  # noqa: E402
from tests.radicale_server import _free_port  # noqa: E402

REQUESTS = {"count": 0}
_send = requests.Session.send
AUTH = ("bench", "bench-pass")
MOVED = DELETED = 20


def _counted(self, *args, **kwargs):
    REQUESTS["count"] += 1
    return _send(self, *args, **kwargs)


requests.Session.send = _counted  # counts the CalDAV client's requests (the bench only)


def _uncounted(method: str, url: str, **kwargs) -> requests.Response:
    REQUESTS["count"] -= 1  # the bench's own requests are not the sync's
    answer = requests.request(method, url, auth=AUTH, timeout=600, **kwargs)
    answer.raise_for_status()
    return answer


def _base() -> datetime:
    return datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def _event(i: int, moved: bool) -> tuple:
    start = _base() + timedelta(minutes=30 * i) + (timedelta(minutes=15) if moved else timedelta(0))
    return f"e{i}@bench", start, start + timedelta(minutes=30), f"Meeting {i}"


def calendar(n: int, moved: int = 0, deleted: int = 0) -> str:
    """2,000 meetings of 30 min, every 30 min over ~6 weeks; the first ``deleted`` gone, the next ``moved``
    15 minutes later."""
    return ics(*[_event(i, i < deleted + moved) for i in range(deleted, n)])


class Feed:
    def __init__(self) -> None:
        self.body, self.hits = b"", 0
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                feed.hits += 1
                tag = '"' + hashlib.sha256(feed.body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/calendar")
                self.send_header("ETag", tag)
                self.send_header("Content-Length", str(len(feed.body)))
                self.end_headers()
                self.wfile.write(feed.body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed.ics"


@contextmanager
def as_before():
    """Busy time written one row at a time (the port's default), as the sync did before bulk writes."""
    saved = SqlBusyRepository.add_many, SqlBusyRepository.delete_many
    SqlBusyRepository.add_many, SqlBusyRepository.delete_many = BusyRepository.add_many, BusyRepository.delete_many
    try:
        yield
    finally:
        SqlBusyRepository.add_many, SqlBusyRepository.delete_many = saved


class Bench:
    def __init__(self, bus, container, user_id, hits) -> None:
        self.bus, self.container, self.user_id, self.hits = bus, container, user_id, hits

    def timed(self, fn) -> tuple[float, int, object]:
        before = self.hits()
        began = time.perf_counter()
        result = fn()
        return time.perf_counter() - began, self.hits() - before, result

    def connect(self, values: dict, before: bool = False):
        def go():
            if not before:
                return self.bus.handle(commands.ConnectCalendar(actor_id=self.user_id, values=values))
            with as_before():
                checked = new_connection(self.user_id, values, datetime.now(timezone.utc))
                self.container.calendar_sources()[checked.kind].check(checked)  # the read the old connect made
                return self.bus.handle(commands.ConnectCalendar(actor_id=self.user_id, values=values))
        seconds, calls, connection = self.timed(go)
        assert connection.status == "ok", connection.last_error
        return (seconds, calls, f"+{self.busy_count(connection.id)}"), connection

    def busy_count(self, connection_id) -> int:
        with self.container.reader() as uow:
            return len(uow.busy.for_connection(self.user_id, connection_id))

    def sync(self, connection, whole: bool = False) -> tuple[float, int, str]:
        if whole:
            stored = self.container.calendars().get(self.user_id, connection.id)
            stored.cursor = ""
            self.container.calendars().put(stored)
        seconds, calls, [outcome] = self.timed(lambda: self.bus.handle(
            commands.SyncCalendar(user_id=self.user_id, connection_id=connection.id)))
        assert not outcome.error, outcome.error
        return seconds, calls, f"+{outcome.added} ~{outcome.updated} -{outcome.removed}"

    def disconnect(self, connection) -> None:
        self.bus.handle(commands.DisconnectCalendar(actor_id=self.user_id, connection_id=connection.id))


def ics_round(bench: Bench, feed: Feed, n: int) -> dict:
    values = {"kind": "ics_url", "name": "Feed", "url": feed.url}
    feed.body = calendar(n).encode()
    out = {}
    out["full (before)"], connection = bench.connect(values, before=True)
    bench.disconnect(connection)
    out["full"], connection = bench.connect(values)
    out["unchanged (ETag: 304)"] = bench.sync(connection)
    feed.body = calendar(n, moved=MOVED, deleted=DELETED).encode()
    out["changed"] = bench.sync(connection)
    bench.disconnect(connection)
    return out


def caldav_round(bench: Bench, dav: str, n: int) -> dict:
    def upload() -> str:
        collection = f"{dav}bench/{uuid.uuid4().hex}/"
        _uncounted("PUT", collection, data=calendar(n).encode(), headers={"Content-Type": "text/calendar"})
        _uncounted("PROPFIND", collection, headers={"Depth": "1"})  # Radicale indexes it now, not in a timing
        return collection

    def change(collection: str, back: bool) -> None:
        for i in range(DELETED + MOVED):
            href = f"{collection}{quote(f'e{i}@bench')}.ics"
            if i < DELETED and not back:
                _uncounted("DELETE", href)
            else:
                _uncounted("PUT", href, data=ics(_event(i, moved=not back)).encode(),
                           headers={"Content-Type": "text/calendar"})

    values = {"kind": "caldav", "name": "Dav", "url": dav, "username": AUTH[0], "password": AUTH[1]}
    out = {}
    out["full (before)"], connection = bench.connect(values | {"calendar_url": upload()}, before=True)
    bench.disconnect(connection)
    collection = upload()
    out["full"], connection = bench.connect(values | {"calendar_url": collection})
    out["unchanged (whole read)"] = bench.sync(connection, whole=True)
    out["unchanged (sync-token)"] = bench.sync(connection)
    change(collection, back=False)
    out["changed (sync-token)"] = bench.sync(connection)
    change(collection, back=True)
    out["changed (whole read)"] = bench.sync(connection, whole=True)
    bench.disconnect(connection)
    return out


def _radicale(folder: Path):
    (folder / "users").write_text(f"{AUTH[0]}:{AUTH[1]}\n")
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "radicale", f"--storage-filesystem-folder={folder / 'dav'}",
                                f"--server-hosts=127.0.0.1:{port}", "--auth-type=htpasswd",
                                f"--auth-htpasswd-filename={folder / 'users'}", "--auth-htpasswd-encryption=plain",
                                "--logging-level=warning"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    dav = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            requests.get(dav, timeout=1)
            break
        except requests.RequestException:
            time.sleep(0.1)
    return process, dav


def _report(results: dict, events: int, rounds: int) -> None:
    print(f"calendar sync of {events:,} events, {rounds} round(s): median seconds; HTTP requests the sync made; "
          "busy time added ~updated -removed")
    for source, phases in results.items():
        for phase, values in phases.items():
            seconds = statistics.median(v[0] for v in values)
            print(f"  {source:7} {phase:24} {seconds:7.2f} s  {values[0][1]:4d} requests  {values[0][2]}")
    for source, phases in results.items():
        pairs = [("full (before)", "full")]
        if source == "caldav":
            pairs += [("unchanged (whole read)", "unchanged (sync-token)"), ("changed (whole read)", "changed (sync-token)")]
        for slow, fast in pairs:
            a, b = (statistics.median(v[0] for v in phases[p]) for p in (slow, fast))
            print(f"  {source:7} {fast:24} is {a / b:5.1f}x faster than {slow}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="planloom-calbench-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    upgrade(url)
    settings = Settings(data_dir=folder, database_url=url, secret_key=uuid.uuid4().hex * 2,
                        calendar_allow_private=True, argon2_time_cost=1, argon2_memory_kib=1024)
    container = build_container(settings)
    bus = container.bus()
    user_id = bus.handle(commands.RegisterUser(email="bench@example.com", password="bench-pass-1")).id
    feed = Feed()
    radicale, dav = _radicale(folder)
    results: dict[str, dict[str, list]] = {"ics": {}, "caldav": {}}
    try:
        for _ in range(args.rounds):
            for phase, value in ics_round(Bench(bus, container, user_id, lambda: feed.hits), feed,
                                          args.events).items():
                results["ics"].setdefault(phase, []).append(value)
            for phase, value in caldav_round(Bench(bus, container, user_id, lambda: REQUESTS["count"]), dav,
                                             args.events).items():
                results["caldav"].setdefault(phase, []).append(value)
    finally:
        radicale.terminate()
        radicale.wait(timeout=10)
        feed.httpd.shutdown()
    _report(results, args.events, args.rounds)


if __name__ == "__main__":
    main()
