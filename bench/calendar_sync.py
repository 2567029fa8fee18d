"""Calendar sync of a 2,000-event calendar, end to end through the real container (SQLite, the sync use
case, the ICS and CalDAV adapters) against local servers: a feed served by http.server and a Radicale
started here. Prints, per source: the first (full) import, a sync of the unchanged calendar, a sync
after 20 events moved and 20 were deleted; seconds and the HTTP requests each made.

    .venv/bin/python bench/calendar_sync.py [--events 2000] [--rounds 3]

There is no incremental protocol yet (no ETag/If-None-Match for feeds, no CalDAV sync-token): every
sync reads the whole window; "unchanged" and "changed" show what the idempotent diff costs then.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.sql.migrate import upgrade  # noqa: E402
from domain import commands  # noqa: E402
from entrypoints.config import Settings  # noqa: E402
from entrypoints.container import build_container  # noqa: E402
from tests.calendar_server import ics  # noqa: E402
from tests.radicale_server import _free_port  # noqa: E402

REQUESTS = {"count": 0}
_send = requests.Session.send


def _counted(self, *args, **kwargs):
    REQUESTS["count"] += 1
    return _send(self, *args, **kwargs)


requests.Session.send = _counted  # counts the CalDAV client's requests (the bench only)


def calendar(n: int, moved: int = 0, deleted: int = 0) -> str:
    base = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    events = []
    for i in range(deleted, n):  # 2,000 meetings of 30 min, every 30 min over ~6 weeks of working hours
        start = base + timedelta(minutes=30 * i) + (timedelta(minutes=15) if i < deleted + moved else timedelta(0))
        events.append((f"e{i}@bench", start, start + timedelta(minutes=30), f"Meeting {i}"))
    return ics(*events)


class Feed:
    def __init__(self) -> None:
        self.body, self.hits = b"", 0
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                feed.hits += 1
                self.send_response(200)
                self.send_header("Content-Type", "text/calendar")
                self.send_header("Content-Length", str(len(feed.body)))
                self.end_headers()
                self.wfile.write(feed.body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed.ics"


def timed(fn):
    began = time.perf_counter()
    result = fn()
    return time.perf_counter() - began, result


def run(bus, user_id, values, publish, hits, n: int) -> dict[str, tuple[float, int, str]]:
    publish(calendar(n))
    before = hits()
    seconds, connection = timed(lambda: bus.handle(commands.ConnectCalendar(actor_id=user_id, values=values)))
    assert connection.status == "ok", connection.last_error
    out = {"full": (seconds, hits() - before, "")}
    sync = commands.SyncCalendar(user_id=user_id, connection_id=connection.id)
    before = hits()
    seconds, [outcome] = timed(lambda: bus.handle(sync))
    out["unchanged"] = (seconds, hits() - before, f"+{outcome.added} ~{outcome.updated} -{outcome.removed}")
    publish(calendar(n, moved=20, deleted=20))
    before = hits()
    seconds, [outcome] = timed(lambda: bus.handle(sync))
    out["changed"] = (seconds, hits() - before, f"+{outcome.added} ~{outcome.updated} -{outcome.removed}")
    bus.handle(commands.DisconnectCalendar(actor_id=user_id, connection_id=connection.id))
    return out


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
    bus = build_container(settings).bus()
    user_id = bus.handle(commands.RegisterUser(email="bench@example.com", password="bench-pass-1")).id

    feed = Feed()
    (folder / "users").write_text("bench:bench-pass\n")
    port = _free_port()
    radicale = subprocess.Popen([sys.executable, "-m", "radicale", f"--storage-filesystem-folder={folder / 'dav'}",
                                 f"--server-hosts=127.0.0.1:{port}", "--auth-type=htpasswd",
                                 f"--auth-htpasswd-filename={folder / 'users'}", "--auth-htpasswd-encryption=plain",
                                 "--logging-level=warning"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        dav = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                requests.get(dav, timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.1)
        results: dict[str, dict[str, list]] = {"ics": {}, "caldav": {}}
        for _ in range(args.rounds):
            def publish_feed(text):
                feed.body = text.encode()

            for phase, value in run(bus, user_id, {"kind": "ics_url", "name": "Feed", "url": feed.url}, publish_feed,
                                    lambda: feed.hits, args.events).items():
                results["ics"].setdefault(phase, []).append(value)
            collection = f"{dav}bench/{uuid.uuid4().hex}/"

            def publish_dav(text):  # Radicale takes a whole calendar in one PUT on its collection
                requests.put(collection, data=text.encode(), auth=("bench", "bench-pass"),
                             headers={"Content-Type": "text/calendar"}, timeout=300).raise_for_status()
                REQUESTS["count"] -= 1  # the bench's own upload is not the sync's

            values = {"kind": "caldav", "name": "Dav", "url": dav, "username": "bench", "password": "bench-pass",
                      "calendar_url": collection}
            for phase, value in run(bus, user_id, values, publish_dav, lambda: REQUESTS["count"], args.events).items():
                results["caldav"].setdefault(phase, []).append(value)
    finally:
        radicale.terminate()
        radicale.wait(timeout=10)
        feed.httpd.shutdown()
    print(f"calendar sync of {args.events:,} events, {args.rounds} rounds (median seconds; HTTP requests; change)")
    for source, phases in results.items():
        for phase, values in phases.items():
            seconds = statistics.median(v[0] for v in values)
            print(f"  {source:7} {phase:10} {seconds:7.2f} s  {values[0][1]:3d} requests  {values[0][2]}")


if __name__ == "__main__":
    main()
