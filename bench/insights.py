"""Insights benchmark: the summary endpoint over rollups vs. computed from the tasks table, the analytics
consumer's events/s, and rebuild time, on PostgreSQL and on the Mongo adapter.

    .venv/bin/python bench/insights.py            # 10,000 finished tasks; 1,000 users x 20 tasks to rebuild
    .venv/bin/python bench/insights.py --quick    # 2,000 finished tasks; 200 users x 20 tasks
    .venv/bin/python bench/insights.py --sql-only --users 1000 --per-user 200   # PostgreSQL column only

Needs PostgreSQL (``--pg``, trust auth). The Mongo side runs on nx-27017 (the MongoDB wire protocol on
SQLite, started here) unless ``--mongo URL`` names a real server: nx-27017 is a test double, NOT a
performance reference, so its column says how the adapter behaves, not how MongoDB would. Every run uses
a fresh database ``planloom_bench_insights_*``, dropped at the end.

Printed, side by side:
- summary p50/p99 (ms) for a user with two years of history (``--tasks`` finished tasks), over the longest
  range (366 days): through the HTTP app (Flask test client, JWT, schema) on the SQL store (PostgreSQL) and
  on the Mongo store, and in-process; the baseline computes the same summary from the tasks table (the
  closed tasks of the range read with one indexed query, then the same domain functions);
- consumer events/s: task events handled by the analytics use case (inbox claim, read the task, write its
  fact, recompute its day and week), against the baseline every consumer pays (inbox claim + commit);
- rebuild: the heavy user alone, and ``--users`` users with ``--per-user`` finished tasks each (scaled
  down from "1,000 users with 2 years each": say so when quoting it), against reading those tasks alone.
No figure is asserted; the machine is shared (2 cores), so medians move with its load.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, insert, select  # noqa: E402

from adapters.sql.tables import categories, tasks, users  # noqa: E402
from domain import commands  # noqa: E402
from domain.analytics import reports  # noqa: E402
from domain.analytics.facts import DAY, day_counters, fact_of, local, Rollup  # noqa: E402
from domain.model import TaskQuery, TaskStatus  # noqa: E402
from entrypoints.config import Settings  # noqa: E402
from entrypoints.http.app import create_app  # noqa: E402
from tests.databases import PG_ADMIN_URL, create_database, drop_database  # noqa: E402

TZ = "Europe/Berlin"
CATEGORIES = ("Work", "Personal", "Learning", "Health")
TAGS = ("deep", "email", "calls", "code", "reading", "admin")


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _task_rows(rng: random.Random, user_id, category_ids, count: int, end: datetime, days: int) -> list[dict]:
    rows = []
    for _ in range(count):
        closed = end - timedelta(days=rng.random() * days)
        planned = rng.choice((15, 20, 30, 45, 60, 90, 120, 180))
        cancelled = rng.random() < 0.08
        due = closed + timedelta(hours=rng.uniform(-30, 48)) if rng.random() < 0.7 else None
        rows.append({
            "id": uuid.uuid4(), "user_id": user_id, "title": "bench task", "notes": "",
            "duration_minutes": planned, "due": due, "earliest_start": None, "priority": rng.randint(1, 4),
            "status": "cancelled" if cancelled else "done", "category_id": rng.choice(category_ids),
            "splittable": False, "min_chunk_minutes": 15, "recurrence": None,
            "completed_at": None if cancelled else closed, "created_at": closed - timedelta(days=2),
            "updated_at": closed, "version": 2,
            "actual_minutes": (None if cancelled or rng.random() < 0.3
                               else max(5, int(planned * rng.lognormvariate(0.1, 0.35)))),
            "tag_names": rng.sample(TAGS, rng.randint(0, 2)) or None,
        })
    return rows


def _seed_user(conn, rng, user_id, count: int, end: datetime, days: int, email: str | None = None) -> None:
    if email is not None:
        conn.execute(insert(users).values(id=user_id, email=email, password_hash="x", display_name="", timezone=TZ,
                                          role="user", is_active=True, created_at=end - timedelta(days=days),
                                          version=1))
    category_ids = []
    for name in CATEGORIES:
        category_ids.append(uuid.uuid4())
        conn.execute(insert(categories).values(id=category_ids[-1], user_id=user_id, name=name, name_key=name.lower(),
                                               color="#2563eb", created_at=end - timedelta(days=days)))
    rows = _task_rows(rng, user_id, category_ids, count, end, days)
    for index in range(0, len(rows), 2000):
        conn.execute(insert(tasks), rows[index:index + 2000])


def _baseline_summary(engine, user_id, first: str, last: str, now: datetime) -> dict:
    """The summary computed straight from the tasks table: the closed tasks of the range, one indexed query."""
    start = datetime.fromisoformat(first).replace(tzinfo=timezone.utc) - timedelta(days=1)
    end = datetime.fromisoformat(last).replace(tzinfo=timezone.utc) + timedelta(days=2)
    columns = [tasks.c[n] for n in ("id", "user_id", "status", "completed_at", "updated_at", "due",
                                    "duration_minutes", "actual_minutes", "actual_reported", "category_id",
                                    "tag_names")]
    with engine.connect() as conn:
        rows = conn.execute(select(*columns).where(
            tasks.c.user_id == user_id, tasks.c.status.in_(("done", "cancelled")),
            tasks.c.updated_at >= start, tasks.c.updated_at < end)).all()
    by_day: dict[str, list] = {}
    for row in rows:
        task = SimpleNamespace(**row._mapping)
        task.tags = task.tag_names or ()
        fact = fact_of(task, TZ)
        if first <= fact.day <= last:
            by_day.setdefault(fact.day, []).append(fact)
    days = [Rollup(user_id=user_id, period=DAY, start=d, counters=day_counters(f, []))
            for d, f in sorted(by_day.items())]
    return reports.summary(days, first, last)


def _time(call, repeat: int) -> list[float]:
    call()  # warm
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


SECRET = uuid.uuid4().hex * 2  # one key: a token from one app is good for the other


def _app(tmp: Path, url: str, mongo_url: str | None):
    settings = Settings(data_dir=tmp, database_url=url, mongo_url=mongo_url, secret_key=SECRET,
                        argon2_time_cost=1, argon2_memory_kib=1024, log_level="WARNING",
                        register_rate_limit="100000 per minute", login_rate_limit="1000 per minute",
                        login_ip_rate_limit="1000 per minute")
    return create_app(settings)


def _events(bus, user_id, task_ids, baseline: bool) -> float:
    started = time.perf_counter()
    for task_id in task_ids:
        if baseline:
            uow = bus.uow
            with uow:
                uow.inbox.claim("bench", uuid.uuid4(), datetime.now(timezone.utc))
                uow.commit()
        else:
            bus.handle(commands.RecordTaskAnalytics(user_id=user_id, task_id=task_id, message_id=uuid.uuid4()))
    return len(task_ids) / (time.perf_counter() - started)


def _read_all(bus, user_ids) -> None:
    for user_id in user_ids:
        uow, offset = bus.uow, 0
        with uow:
            while True:
                page, total = uow.tasks.list(user_id, TaskQuery(status=(TaskStatus.DONE, TaskStatus.CANCELLED),
                                                                offset=offset, limit=500))
                offset += len(page)
                if not page or offset >= total:
                    break


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--tasks", type=int, default=None, help="finished tasks of the heavy user (10,000)")
    parser.add_argument("--users", type=int, default=None, help="users to rebuild (1,000)")
    parser.add_argument("--per-user", type=int, default=20, help="finished tasks per rebuilt user")
    parser.add_argument("--requests", type=int, default=None, help="summary requests per column (200)")
    parser.add_argument("--events", type=int, default=None, help="consumer events per column (1,000)")
    parser.add_argument("--mongo", default=None, help="a real MongoDB URL (default: start nx-27017)")
    parser.add_argument("--sql-only", action="store_true", help="the PostgreSQL column only (no Mongo side)")
    args = parser.parse_args()
    n_tasks = args.tasks or (2000 if args.quick else 10_000)
    n_users = args.users or (200 if args.quick else 1000)
    n_requests = args.requests or (50 if args.quick else 200)
    n_events = args.events or (200 if args.quick else 1000)
    rng = random.Random(7)
    name, url = create_database("planloom_bench_insights")
    tmp = Path(tempfile.mkdtemp(prefix="bench-insights-"))
    process = None
    try:
        if args.sql_only:
            mongo_url, where = None, "skipped (--sql-only)"
        elif args.mongo:
            mongo_url = args.mongo.rstrip("/") + f"/planloom_bench_{uuid.uuid4().hex[:8]}"
            where = "MongoDB (" + args.mongo.split("@")[-1] + ")"
        else:
            from tests.mongo_server import start_nx_27017

            process, server = start_nx_27017(tmp / "nx")
            mongo_url = server.rstrip("/") + "/planloom_bench"
            where = "nx-27017 (a test double, NOT a performance reference)"
        return _run(url, tmp, mongo_url, where, rng, n_tasks, n_users, args.per_user, n_requests, n_events)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
        drop_database(name)


def _run(url, tmp, mongo_url, where, rng, n_tasks, n_users, per_user, n_requests, n_events) -> int:
    sql_app = _app(tmp, url, None)
    client = sql_app.test_client()
    body = client.post("/api/v1/auth/register", json={"email": "heavy@bench.local", "password": "bench-password",
                                                      "timezone": TZ}).get_json()
    heavy, headers = uuid.UUID(body["user"]["id"]), {"Authorization": f"Bearer {body['access_token']}"}
    engine = create_engine(url)
    now = datetime.now(timezone.utc)
    started = time.perf_counter()
    with engine.begin() as conn:
        _seed_user(conn, rng, heavy, n_tasks, now, 730)
        light = [uuid.uuid4() for _ in range(n_users)]
        for index, user_id in enumerate(light):
            _seed_user(conn, rng, user_id, per_user, now, 730, email=f"u{index}@bench.local")
    print(f"seeded {n_tasks:,} finished tasks over 2 years for one user and {n_users:,} users x {per_user} "
          f"in {time.perf_counter() - started:.1f} s; PostgreSQL {PG_ADMIN_URL.split('@')[-1]}; Mongo side: {where}")

    stores = {"sql (PostgreSQL)": sql_app} | ({"mongo": _app(tmp, url, mongo_url)} if mongo_url else {})
    print("\nrebuild of the heavy user (s):")
    for label, app in stores.items():
        started = time.perf_counter()
        app.container.bus().handle(commands.RebuildAnalytics(user_id=heavy))
        print(f"  {label:<18} {time.perf_counter() - started:8.2f}")
    started = time.perf_counter()
    _read_all(sql_app.container.bus(), [heavy])
    print(f"  {'baseline: read':<18} {time.perf_counter() - started:8.2f}   (reading its closed tasks only)")

    today = local(now, TZ).date()
    first, last = (today - timedelta(days=365)).isoformat(), today.isoformat()
    query = f"/api/v1/analytics/summary?from={first}&to={last}"
    expected = _baseline_summary(engine, heavy, first, last, now)
    print(f"\nsummary of {expected['done']:,} done + {expected['cancelled']:,} cancelled tasks over {first}..{last} "
          f"({n_requests} requests each, ms):")
    print(f"  {'':<34}{'p50':>8}{'p99':>8}   ratio p50 to baseline")
    base = _time(lambda: _baseline_summary(engine, heavy, first, last, now), n_requests)
    rows = []
    for label, app in stores.items():
        http = app.test_client()
        got = http.get(query, headers=headers).get_json()
        assert got["done"] == expected["done"] and got["done_minutes"] == expected["done_minutes"], (got, expected)
        rows.append((f"HTTP, {label}", _time(lambda: http.get(query, headers=headers), n_requests)))
        container = app.container
        rows.append((f"in-process, {label}", _time(lambda: reports_call(container, heavy, first, last), n_requests)))
    rows.append(("baseline: from the tasks table", base))
    for label, samples in rows:
        print(f"  {label:<34}{statistics.median(samples):8.1f}{_pct(samples, 0.99):8.1f}   "
              f"{statistics.median(samples) / statistics.median(base):6.2f}x")

    print(f"\nconsumer: task events of the heavy user (events/s; {n_events} per column):")
    ids = [row[0] for row in engine.connect().execute(select(tasks.c.id).where(tasks.c.user_id == heavy)
                                                       .limit(n_events)).all()]
    for label, app in stores.items():
        print(f"  {label:<18} {_events(app.container.bus(), heavy, ids, baseline=False):8.0f}")
    print(f"  {'baseline: inbox':<18} {_events(sql_app.container.bus(), heavy, ids, baseline=True):8.0f}"
          "   (claim + commit only, what every consumer pays)")

    print(f"\nrebuild of {n_users:,} users x {per_user} finished tasks (s):")
    for label, app in stores.items():
        started = time.perf_counter()
        for user_id in light:
            app.container.bus().handle(commands.RebuildAnalytics(user_id=user_id))
        print(f"  {label:<18} {time.perf_counter() - started:8.2f}")
    started = time.perf_counter()
    _read_all(sql_app.container.bus(), light)
    print(f"  {'baseline: read':<18} {time.perf_counter() - started:8.2f}   (reading their closed tasks only)")
    for app in stores.values():
        store = app.container.analytics()
        if hasattr(store, "close"):
            store.close()
        app.container.engine().dispose()
    engine.dispose()
    return 0


def reports_call(container, user_id, first, last):
    from domain.services import insights

    return insights.report("summary", container.reader(), container.analytics(), container.preferences(), user_id,
                           datetime.fromisoformat(first).date(), datetime.fromisoformat(last).date(),
                           container.clock().now())


if __name__ == "__main__":
    sys.exit(main())
