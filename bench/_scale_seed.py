"""Seeding for ``bench/scale.py``: a fresh database in Planloom's real schema, filled with COPY.

Per user: one row in ``users`` (a cheap Argon2 hash made once, its parameters in the string) and its
address in ``user_emails`` (what sign-in looks up), 3 tags, ``tasks_per_user`` tasks with a realistic mix
(status, due, priority, duration, some tagged), a week of ``time_blocks`` for the open ones (what
``GET /api/v1/schedule`` reads) and a ``plans`` summary.

Identifiers are derived from indexes by a bijective mix (no memory per row, so ``--users 1000000``
needs no more RAM than 1,000), and the tasks are written round by round (task 0 of every user, then
task 1, ...), so a user's tasks lie on different heap pages as they do after months of use, not
side by side as a user-by-user load would leave them (which would flatter the page read).

Secondary indexes are dropped before the COPY and rebuilt after it (from their own definitions, in
the same transaction), the usual way to bulk-load; the foreign keys stay and are checked per row.
"""
from __future__ import annotations

import json
import random
import shutil
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

PASSWORD = "scale-password-1"
ARGON2 = {"time_cost": 1, "memory_cost": 1024, "parallelism": 4}  # the server gets the same (no rehash)
TAGS = ("work", "home", "errand")
SEEDED_TABLES = ("users", "user_emails", "tags", "tasks", "task_tags", "time_blocks", "plans")
# Bytes on disk per user with 20 tasks, all seeded tables and indexes: bench/scale.py measured 13.4 KiB
# (100,000 users, 5 Dec 2026); ~20 % more here for margin. The disk check asks for 2x this (WAL, index builds).
BYTES_PER_USER_20 = 16_500
RESERVE_BYTES = 2 * 1024 ** 3

_MIX = 0x9E3779B97F4A7C15F39CC0605CEDC835  # odd: multiplying by it mod 2**128 is a bijection
_MASK = (1 << 128) - 1


def ident(kind: int, i: int, j: int = 0) -> uuid.UUID:
    """A random-looking, unique, version-4 UUID for row ``(kind, i, j)``."""
    n = ((kind << 120) | (i << 16) | j) * _MIX & _MASK
    return uuid.UUID(int=n, version=4)


def email(i: int) -> str:
    return f"u{i:07d}@scale.planloom.test"


def week_of(now: datetime) -> tuple[datetime, datetime]:
    """Monday 00:00 UTC of ``now``'s week, and the Monday after."""
    start = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=7)


# --------------------------------------------------------------------------------------------
# disk
# --------------------------------------------------------------------------------------------
def estimate_bytes(users: int, tasks_per_user: int) -> int:
    return int(users * BYTES_PER_USER_20 * (0.25 + 0.75 * tasks_per_user / 20))


def data_directory(admin_dsn: str) -> Path:
    import psycopg

    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        try:
            found = Path(conn.execute("SHOW data_directory").fetchone()[0])
        except psycopg.Error:  # not a superuser: the filesystem of / is the best guess
            return Path("/")
    return found if found.exists() else Path("/")


def fit_to_disk(admin_dsn: str, users: int, tasks_per_user: int, baseline_users: int, log) -> int:
    """The number of users that fits: ``users`` if 2 x the estimate + a reserve is free, else fewer."""
    where = data_directory(admin_dsn)
    free = shutil.disk_usage(where).free
    need = 2 * (estimate_bytes(users, tasks_per_user) + estimate_bytes(baseline_users, tasks_per_user)) + RESERVE_BYTES
    log(f"disk: {free / 1e9:.1f} GB free under {where}; {users:,} users need ~{need / 1e9:.1f} GB "
        f"(2 x {estimate_bytes(users, tasks_per_user) / 1e9:.2f} GB estimated + {RESERVE_BYTES / 1e9:.1f} GB reserve)")
    if need <= free:
        return users
    room = (free - RESERVE_BYTES) / 2 - estimate_bytes(baseline_users, tasks_per_user)
    fitting = int(room / max(1, estimate_bytes(1, tasks_per_user))) // 1000 * 1000
    if fitting < 1000:
        raise SystemExit(f"refusing: not even 1,000 users fit in {free / 1e9:.1f} GB free")
    log(f"disk: scaling down to {fitting:,} users; figures for {users:,} are extrapolated linearly")
    return fitting


# --------------------------------------------------------------------------------------------
# rows
# --------------------------------------------------------------------------------------------
VERBS = ("write", "call", "review", "plan", "fix", "book", "email", "draft", "prepare", "read")
THINGS = ("Q3 report", "dentist", "sprint demo", "bike repair", "tax return", "client proposal",
          "team offsite", "budget", "slides", "invoice", "garden", "car insurance")
DURATIONS = (15, 30, 30, 45, 60, 60, 60, 90, 120, 180)
PRIORITIES = (1, 2, 2, 3, 3, 3, 3, 4, 4, 4)


@dataclass
class TaskFacts:
    """What the time blocks and plan need from a user's tasks, kept as bytes (20 per user)."""
    open_flags: bytearray
    durations: bytearray  # in units of 15 minutes


def task_row(rng: random.Random, i: int, j: int, now: datetime) -> tuple[tuple, bool, int, int | None]:
    """A task: (row, open?, duration minutes, tag index or None)."""
    created = now - timedelta(days=rng.random() * 180, seconds=j)
    roll = rng.random()
    status = "todo" if roll < .55 else "done" if roll < .93 else "cancelled"
    roll = rng.random()
    due = (None if roll < .45 else now + timedelta(days=rng.random() * 30) if roll < .9
           else now - timedelta(days=rng.random() * 10))  # a tenth overdue
    duration = rng.choice(DURATIONS)
    tag = None if rng.random() < .5 else rng.randrange(len(TAGS))
    splittable = duration >= 90 and rng.random() < .5
    updated = created + timedelta(hours=rng.random() * 48)
    row = (ident(3, i, j), ident(1, i), f"{rng.choice(VERBS)} {rng.choice(THINGS)}",
           "Notes: agenda, links, what was said last time." if rng.random() < .3 else "",
           duration, due, None, rng.choice(PRIORITIES), status, None, splittable, 30 if splittable else duration,
           None, updated if status == "done" else None, created, updated, 1 + (status != "todo"),
           None if tag is None else [TAGS[tag]])
    return row, status == "todo", duration, tag


def blocks_of(rng: random.Random, i: int, facts: TaskFacts, tasks_per_user: int, week: datetime):
    """A week of blocks for the user's open tasks: weekdays from 09:00, one after another, each task
    cut into at most two blocks (what a plan looks like), never past 17:00."""
    day, minute = 0, 9 * 60
    for j in range(tasks_per_user):
        k = i * tasks_per_user + j
        if not facts.open_flags[k]:
            continue
        left = facts.durations[k] * 15
        for part in range(2 if left >= 90 else 1):
            length = left // 2 if part == 0 and left >= 90 else left
            if minute + length > 17 * 60:
                day, minute = day + 1, 9 * 60 + rng.choice((0, 30, 60))
            if day >= 5:
                return
            start = week + timedelta(days=day, minutes=minute)
            yield (ident(4, i, j * 2 + part), ident(1, i), ident(3, i, j), start, start + timedelta(minutes=length),
                   rng.random() < .05, "earliest due first; fits before its due date")
            minute += length + rng.choice((0, 15, 30))
            left -= length


def plan_row(rng: random.Random, i: int, facts: TaskFacts, tasks_per_user: int, now: datetime) -> tuple:
    open_js = [j for j in range(tasks_per_user) if facts.open_flags[i * tasks_per_user + j]]
    unplaced = [j for j in open_js if rng.random() < .1]
    data = {"unscheduled": [{"task_id": str(ident(3, i, j)), "reason": "no free time before its due date",
                             "code": "no_capacity"} for j in unplaced],
            "lateness": [], "shortfalls": [],
            "metrics": {"weighted_tardiness_minutes": 0, "late_tasks": 0, "scheduled_tasks": len(open_js) - len(unplaced),
                        "unscheduled_tasks": len(unplaced), "moved_blocks": rng.randint(0, 3),
                        "runtime_ms": rng.randint(2, 40), "strategy": "greedy", "truncated": False, "overload": []}}
    return ident(1, i), now - timedelta(hours=rng.random() * 24), json.dumps(data)


# --------------------------------------------------------------------------------------------
# the load
# --------------------------------------------------------------------------------------------
@dataclass
class SeedReport:
    users: int
    tasks_per_user: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # per table COPY, "indexes", "analyze"

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def _secondary_indexes(cur) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the seeded tables' indexes that no constraint owns."""
    return cur.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' AND i.tablename = ANY(%s) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)",
        (list(SEEDED_TABLES),)).fetchall()


def seed(dsn: str, users: int, tasks_per_user: int, now: datetime, log, seed_value: int = 17) -> SeedReport:
    import psycopg

    from adapters.argon2.hasher import Argon2PasswordHasher

    rng = random.Random(seed_value)
    report = SeedReport(users, tasks_per_user)
    password_hash = Argon2PasswordHasher(**ARGON2).hash(PASSWORD)
    week, _ = week_of(now)
    facts = TaskFacts(bytearray(users * tasks_per_user), bytearray(users * tasks_per_user))

    def timed(table: str, columns: str, rows) -> None:
        started, n = time.perf_counter(), 0
        with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
        report.rows[table], report.seconds[table] = n, time.perf_counter() - started
        log(f"  {table:<12} {n:>11,} rows in {report.seconds[table]:6.1f} s ({n / max(1e-9, report.seconds[table]):>9,.0f} rows/s)")

    def user_rows():
        origin = now - timedelta(days=400)
        for i in range(users):
            yield (ident(1, i), email(i), password_hash, f"User {i}", "UTC", "user", True,
                   origin + timedelta(seconds=i * 30), 1)

    def email_rows():
        for i in range(users):
            yield email(i), ident(1, i)

    def tag_rows():
        for i in range(users):
            for k, name in enumerate(TAGS):
                yield ident(2, i, k), ident(1, i), name, now - timedelta(days=200)

    links: list = []

    def task_rows():
        for j in range(tasks_per_user):  # round by round: a user's tasks on different pages
            for i in range(users):
                row, is_open, duration, tag = task_row(rng, i, j, now)
                k = i * tasks_per_user + j
                facts.open_flags[k], facts.durations[k] = is_open, duration // 15
                if tag is not None:
                    links.append((i, j, tag))
                yield row

    def link_rows():
        for i, j, tag in links:
            yield ident(3, i, j), ident(2, i, tag), ident(1, i), 0

    def block_rows():
        for i in range(users):
            yield from blocks_of(rng, i, facts, tasks_per_user, week)

    def plan_rows():
        for i in range(users):
            yield plan_row(rng, i, facts, tasks_per_user, now)

    with psycopg.connect(dsn) as conn, conn.cursor() as cur:
        cur.execute("SET maintenance_work_mem = '256MB'")
        indexes = _secondary_indexes(cur)
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        log(f"seeding {users:,} users x {tasks_per_user} tasks ({len(indexes)} secondary indexes dropped, "
            "rebuilt after the COPY)")
        timed("users", "id, email, password_hash, display_name, timezone, role, is_active, created_at, version",
              user_rows())
        timed("user_emails", "email, user_id", email_rows())
        timed("tags", "id, user_id, name, created_at", tag_rows())
        timed("tasks", "id, user_id, title, notes, duration_minutes, due, earliest_start, priority, status, "
              "category_id, splittable, min_chunk_minutes, recurrence, completed_at, created_at, updated_at, version, "
              "tag_names", task_rows())
        timed("task_tags", "task_id, tag_id, user_id, position", link_rows())
        links.clear()
        timed("time_blocks", 'id, user_id, task_id, start, "end", pinned, reason', block_rows())
        timed("plans", "user_id, computed_at, data", plan_rows())
        started = time.perf_counter()
        for _, definition in indexes:
            cur.execute(definition)
        report.seconds["indexes"] = time.perf_counter() - started
        log(f"  rebuilt {len(indexes)} indexes in {report.seconds['indexes']:.1f} s")
        conn.commit()
    started = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    report.seconds["analyze"] = time.perf_counter() - started
    log(f"  VACUUM ANALYZE in {report.seconds['analyze']:.1f} s; total {report.total_seconds:.1f} s")
    return report


def sizes(dsn: str) -> tuple[int, list[tuple[str, int, int, int]]]:
    """pg_database_size, and (table, heap+toast bytes, index bytes, total) for every table with rows' worth."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        total = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        rows = conn.execute(
            "SELECT c.relname, pg_table_size(c.oid), pg_indexes_size(c.oid), pg_total_relation_size(c.oid) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 4 DESC").fetchall()
    return total, [r for r in rows if r[3] > 64 * 1024]
