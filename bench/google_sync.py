"""Google Calendar sync of a 2,000-event calendar, end to end through the real container (SQLite, the OAuth
and sync use cases, the Google adapter with google-api-python-client) against the local Google of the
tests (tests/google_server.py). Prints, side by side: a full read (the baseline: the first import, or a
410 on the sync token) and incremental reads with the sync token (nothing changed; 20 events moved and
20 deleted); median seconds over the rounds, Calendar API requests each made, and the ratio to the full read.

    .venv/bin/python bench/google_sync.py [--events 2000] [--rounds 3]
"""
from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.sql.migrate import upgrade  # noqa: E402
from domain import commands  # noqa: E402
from entrypoints.config import Settings  # noqa: E402
from entrypoints.container import build_container  # noqa: E402
from tests.google_server import CLIENT_ID, CLIENT_SECRET, GoogleServer  # noqa: E402

REDIRECT = "http://planloom.bench/api/v1/calendar/google/callback"


def meeting(i: int, shift: timedelta = timedelta(0)) -> dict:
    base = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    start = base + timedelta(minutes=30 * i) + shift  # 30-minute meetings back to back over ~6 weeks
    return {"id": f"bench{i:05d}", "summary": f"Meeting {i}", "start": {"dateTime": start.isoformat()},
            "end": {"dateTime": (start + timedelta(minutes=30)).isoformat()}}


def timed(fn):
    began = time.perf_counter()
    result = fn()
    return time.perf_counter() - began, result


def connect(bus, google: GoogleServer, user_id) -> object:
    url = bus.handle(commands.StartOAuthConnect(actor_id=user_id, kind="google", redirect_uri=REDIRECT))
    back = parse_qs(urlsplit(requests.get(url, allow_redirects=False, timeout=10).headers["Location"]).query)
    return bus.handle(commands.FinishOAuthConnect(state=back["state"][0], code=back["code"][0], error="",
                                                  redirect_uri=REDIRECT))


def one_round(bus, google: GoogleServer, user_id, n: int, round_no: int) -> dict[str, tuple[float, int, str]]:
    email = google.consent_email = f"bench{round_no}-{uuid.uuid4().hex[:6]}@example.com"
    for i in range(n):
        google.put_event(email, meeting(i))
    out = {}
    calls = len(google.calls)
    seconds, connection = timed(lambda: connect(bus, google, user_id))
    assert connection.status == "ok", connection.last_error
    out["full (connect)"] = (seconds, len(google.calls) - calls, "")
    sync = commands.SyncCalendar(user_id=user_id, connection_id=connection.id)

    def step(name: str) -> None:
        before = len(google.calls)
        took, [outcome] = timed(lambda: bus.handle(sync))
        assert not outcome.error, outcome.error
        out[name] = (took, len(google.calls) - before, f"+{outcome.added} ~{outcome.updated} -{outcome.removed}")

    step("incremental, unchanged")
    for i in range(20):
        google.put_event(email, meeting(i, timedelta(minutes=15)))
        google.delete_event(email, f"bench{n - 1 - i:05d}")
    step("incremental, 40 changed")
    google.expire_sync_tokens()
    step("full again (410)")
    bus.handle(commands.DisconnectCalendar(actor_id=user_id, connection_id=connection.id))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    google = GoogleServer()
    folder = Path(tempfile.mkdtemp(prefix="planloom-googlebench-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    upgrade(url)
    settings = Settings(data_dir=folder, database_url=url, secret_key=uuid.uuid4().hex * 2, argon2_time_cost=1,
                        argon2_memory_kib=1024, google_client_id=CLIENT_ID, google_client_secret=CLIENT_SECRET,
                        google_authorize_url=f"{google.base}/o/oauth2/v2/auth", google_token_url=f"{google.base}/token",
                        google_revoke_url=f"{google.base}/revoke", google_api_url=google.api_url)
    bus = build_container(settings).bus()
    user_id = bus.handle(commands.RegisterUser(email="bench@example.com", password="bench-pass-1")).id
    rounds = [one_round(bus, google, user_id, args.events, k) for k in range(args.rounds)]
    google.close()

    print(f"Google Calendar sync, {args.events:,} events, median of {args.rounds} rounds (SQLite, local Google)")
    print(f"{'sync':<26}{'seconds':>9}{'API calls':>11}{'x full':>8}  changes")
    baseline = statistics.median(r["full (connect)"][0] for r in rounds)
    for name in rounds[0]:
        seconds = statistics.median(r[name][0] for r in rounds)
        calls = statistics.median(r[name][1] for r in rounds)
        print(f"{name:<26}{seconds:>9.3f}{calls:>11.0f}{seconds / baseline:>8.2f}  {rounds[-1][name][2]}")


if __name__ == "__main__":
    main()
