"""API benchmark: Planloom's ``GET/POST /api/v1/tasks`` beside a bare Flask + psycopg endpoint.

    .venv/bin/python bench/api.py             # full run: 10,000 users, 200,000 tasks, 15 s per phase
    .venv/bin/python bench/api.py --quick     # smoke run: small data, 3 s per phase
    .venv/bin/python bench/api.py --help

What it does, in one run:
1. creates a fresh PostgreSQL database (``planloom_bench_<pid>``), migrates it with Planloom's own
   migrations and bulk-seeds it with COPY: users (one real argon2 hash shared by all), 4 tags each,
   tasks (some tagged, some with a dependency). The default ``--layout full-page`` gives the
   ``--token-users`` sampled users 60 tasks each (so every ``GET`` returns a full page of 50) and
   spreads the rest over the other users; ``--layout uniform`` gives everyone the same number.
2. mints access tokens for the sampled users with Planloom's own code (``auth.issue_tokens``: a real
   token family row per user) and, as a check, signs two of them in through ``POST /auth/login``;
3. starts ``planloom serve`` (gunicorn + uvicorn workers, the Flask app behind the buffering front of
   ``entrypoints/http/bridge.py`` with ``--threads`` pool threads per worker) and a bare Flask +
   psycopg_pool app (in this file) under gunicorn's gthread worker with the same workers x threads,
   timeout and max_requests (what ``planloom serve`` ran before the front; the simplest and fastest
   way to serve a WSGI app, so the bare side stays the strongest simple baseline) and each worker's
   ``gc.freeze()`` after loading the app, as ``planloom serve`` does (``--baseline-tree DIR`` adds
   ``planloom serve`` from another checkout, e.g. the code before a change, on the same data); the bare
   endpoint runs the very statement Planloom's list sends (compiled from ``SqlTaskRepository`` at
   start-up: ``count(*) over ()``, tag names from the row, dependencies as an array,
   ``ORDER BY created_at IS NULL, created_at, id``, LIMIT 50) and returns its rows as JSON;
4. checks both answer the same page, then measures (each after a warm-up):
   closed-loop peak of Planloom GET, bare GET, Planloom POST (wrk), and open-loop latency of
   Planloom GET (and bare GET) at half of Planloom GET's peak rate (see ``bench/_load.py``);
5. prints requests/s, p50, p99, the Planloom/bare ratio and whether the targets are met:
   Planloom GET >= 60 % of bare GET's peak, and p99 < 50 ms at half of its own peak rate;
6. stops the servers and drops the database, also on errors, Ctrl-C and SIGTERM.

Requirements: PostgreSQL reachable with ``--pg`` (default trust auth as postgres on 127.0.0.1:5432),
``psycopg_pool`` (``.venv/bin/pip install psycopg-pool``), and wrk for the closed-loop runs
(``apt-get update && apt-get install -y wrk``; without it a slower pure-Python generator is used).
``--profile`` additionally samples the Planloom workers with py-spy (``.venv/bin/pip install py-spy``)
during one extra GET run and one extra POST run (not counted in the figures) and prints where the
Python CPU goes; the collapsed stacks stay in ``--profile-dir`` (default: a folder in /tmp).

The exit status is 0 when both targets are met, 1 when one is missed, 2 on errors.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import _load  # noqa: E402

PASSWORD = "bench-password-1"
TAG_NAMES = ("work", "home", "errand", "deep")
PAGE = 50
HEAVY_TASKS = 60  # tasks per sampled user in the full-page layout (> one page of 50)
TARGET_RATIO = 0.60
TARGET_P99_MS = 50.0
SERVE_MODEL = "planloom serve (gunicorn + %d uvicorn workers, buffering front, %d pool threads each)"



# ============================================================================================
# gunicorn: the bare server's configuration
# ============================================================================================
def gunicorn_settings(host: str, port: int, workers: int, threads: int) -> dict:
    """The bare endpoint's server: gunicorn's gthread worker (``planloom serve`` before its uvicorn
    front) with ``planloom serve``'s workers, timeout, graceful timeout and max_requests
    (entrypoints/server.py). It has no slow-client protection; Planloom pays for its own."""
    return {
        "bind": f"{host}:{port}", "workers": workers, "threads": threads, "worker_class": "gthread",
        "accesslog": None, "timeout": 60, "graceful_timeout": 20, "max_requests": 10000,
        "max_requests_jitter": 1000,
    }


def create_bare_app(dsn: str, pool_max: int, sql: str):
    """A bare Flask + psycopg_pool endpoint: the page SELECT, rows to JSON, nothing else
    (no auth, no schema validation, no ORM layer, no access log)."""
    from flask import Flask, Response, request
    from psycopg_pool import ConnectionPool

    app = Flask("bare")
    # Opened in each worker (load() runs after fork): min = max so it is warm, like a busy engine pool.
    pool = ConnectionPool(dsn, min_size=pool_max, max_size=pool_max, open=True)

    def _value(v):
        if isinstance(v, uuid.UUID):
            return str(v)
        if isinstance(v, datetime):
            return v.isoformat()
        if isinstance(v, list):
            return [_value(x) for x in v]
        return v

    @app.get("/bare/tasks")
    def bare_tasks():
        user_id = request.args["user_id"]
        page_size = int(request.args.get("page_size", PAGE))
        page = int(request.args.get("page", 1))
        with pool.connection() as conn:
            cur = conn.execute(sql, (user_id, page_size, (page - 1) * page_size))
            names = [d.name for d in cur.description]
            rows = cur.fetchall()
        at = names.index("_total")
        total = rows[0][at] if rows else 0
        items = [{n: _value(v) for n, v in zip(names, row) if n not in ("user_id", "_total")} for row in rows]
        return Response(json.dumps(items), mimetype="application/json", headers={"X-Total": str(total)})

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}

    return app


def serve_bare(argv: list[str]) -> int:
    from gunicorn.app.base import BaseApplication

    parser = argparse.ArgumentParser(prog="api.py _serve-bare")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--sql", required=True, help="the page SELECT, placeholders: user id, limit, offset")
    args = parser.parse_args(argv)

    class _Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in gunicorn_settings(args.host, args.port, args.workers, args.threads).items():
                self.cfg.set(key, value)

        def load(self):
            app = create_bare_app(args.dsn, pool_max=args.threads, sql=args.sql)
            gc.collect()  # as `planloom serve` does in each worker: start-up objects leave the collector
            gc.freeze()
            return app

    _Server().run()
    return 0


# ============================================================================================
# database
# ============================================================================================
def _admin_exec(admin_dsn: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(sql)


def create_database(admin_dsn: str, name: str) -> None:
    _admin_exec(admin_dsn, f'CREATE DATABASE "{name}"')


def drop_database(admin_dsn: str, name: str) -> None:
    _admin_exec(admin_dsn, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _email(i: int) -> str:
    return f"user{i:05d}@bench.planloom.test"


def task_counts(n_users: int, n_tasks: int, n_sampled: int, layout: str) -> list[int]:
    """Tasks per user; the first ``n_sampled`` users are the ones whose tokens drive the load."""
    if layout == "uniform" or n_tasks < n_sampled * HEAVY_TASKS + (n_users - n_sampled):
        base, extra = divmod(n_tasks, n_users)
        return [base + (1 if i < extra else 0) for i in range(n_users)]
    rest_tasks, rest_users = n_tasks - n_sampled * HEAVY_TASKS, n_users - n_sampled
    base, extra = divmod(rest_tasks, rest_users)
    return [HEAVY_TASKS] * n_sampled + [base + (1 if i < extra else 0) for i in range(rest_users)]


def seed(dsn: str, n_users: int, n_tasks: int, n_sampled: int, layout: str, log) -> list[uuid.UUID]:
    """COPY the data in; returns the user ids, sampled users first."""
    import psycopg

    from adapters.argon2.hasher import Argon2PasswordHasher

    rng = random.Random(42)
    password_hash = Argon2PasswordHasher().hash(PASSWORD)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    origin = now - timedelta(days=365)
    counts = task_counts(n_users, n_tasks, n_sampled, layout)
    user_ids = [uuid.uuid4() for _ in range(n_users)]
    stats = Counter()
    t0 = time.perf_counter()
    with psycopg.connect(dsn) as conn, conn.cursor() as cur:
        with cur.copy("COPY users (id, email, password_hash, display_name, timezone, role, is_active, "
                      "created_at, version) FROM STDIN") as copy:
            for i, uid in enumerate(user_ids):
                copy.write_row((uid, _email(i), password_hash, f"User {i}", "UTC",
                                "user", True, origin + timedelta(seconds=i), 1))
        with cur.copy("COPY user_emails (email, user_id) FROM STDIN") as copy:  # what sign-in looks up
            for i, uid in enumerate(user_ids):
                copy.write_row((_email(i), uid))
        tag_ids: list[dict[str, uuid.UUID]] = []
        with cur.copy("COPY tags (id, user_id, name, created_at) FROM STDIN") as copy:
            for uid in user_ids:
                ids = {name: uuid.uuid4() for name in TAG_NAMES}
                tag_ids.append(ids)
                for name, tid in ids.items():
                    copy.write_row((tid, uid, name, origin))
                    stats["tags"] += 1
        links: list[tuple] = []
        deps: list[tuple] = []
        with cur.copy("COPY tasks (id, user_id, title, notes, duration_minutes, due, earliest_start, priority, "
                      "status, category_id, splittable, min_chunk_minutes, recurrence, completed_at, created_at, "
                      "updated_at, version, tag_names) FROM STDIN") as copy:
            for i, (uid, count) in enumerate(zip(user_ids, counts)):
                previous = None
                for j in range(count):
                    tid = uuid.uuid4()
                    created = origin + timedelta(minutes=j * 90 + rng.randint(0, 59), seconds=i % 60)
                    roll = rng.random()
                    status = "todo" if roll < .85 else "done" if roll < .95 else "cancelled"
                    due = created + timedelta(days=rng.randint(1, 30)) if rng.random() < .6 else None
                    duration = rng.choice((15, 30, 45, 60, 90, 120))
                    kind = j % 3
                    names = (["work"], ["home", "deep"], None)[kind]  # as task_tags below links them
                    copy.write_row((tid, uid, f"Task {j} of user {i}: {rng.choice(('write', 'call', 'plan', 'fix'))} "
                                    f"{rng.choice(('report', 'client', 'sprint', 'bike', 'taxes'))}",
                                    "Some notes about this task." if j % 3 == 0 else "", duration, due, None,
                                    rng.randint(1, 4), status, None, False, 30, None,
                                    created + timedelta(hours=1) if status == "done" else None, created, created, 1,
                                    names))
                    stats["tasks"] += 1
                    if kind == 0:
                        links.append((tid, tag_ids[i]["work"], uid, 0))
                    elif kind == 1:
                        links.append((tid, tag_ids[i]["home"], uid, 0))
                        links.append((tid, tag_ids[i]["deep"], uid, 1))
                    if previous is not None and j % 4 == 0:
                        deps.append((tid, previous, uid))
                    previous = tid
        with cur.copy("COPY task_tags (task_id, tag_id, user_id, position) FROM STDIN") as copy:
            for row in links:
                copy.write_row(row)
        with cur.copy("COPY task_dependencies (task_id, depends_on_id, user_id) FROM STDIN") as copy:
            for row in deps:
                copy.write_row(row)
        conn.commit()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        astray = conn.execute(  # tasks.tag_names is the copy of task_tags that pages read
            "SELECT count(*) FROM tasks WHERE tag_names IS DISTINCT FROM (SELECT array_agg(tags.name::text ORDER BY "
            "task_tags.position) FROM task_tags JOIN tags ON tags.id = task_tags.tag_id "
            "WHERE task_tags.task_id = tasks.id)").fetchone()[0]
        if astray:
            raise RuntimeError(f"seed: {astray} tasks' tag_names differ from their task_tags")
    log(f"seeded {n_users:,} users, {stats['tasks']:,} tasks, {stats['tags']:,} tags, {len(links):,} task tags, "
        f"{len(deps):,} dependencies in {time.perf_counter() - t0:.1f}s "
        f"(sampled users: {counts[0]} tasks each; others: {min(counts[n_sampled:] or [0])}-{max(counts[n_sampled:] or [0])})")
    return user_ids


def mint_tokens(env: dict[str, str], user_ids: list[uuid.UUID]) -> list[str]:
    """Access tokens made by Planloom's own code: each starts a real, un-revoked token family."""
    from entrypoints.config import Settings
    from entrypoints.http import auth
    from entrypoints.http.app import create_app

    app = create_app(Settings.from_env(env))
    try:
        with app.app_context():
            return [auth.issue_tokens(uid)["access_token"] for uid in user_ids]
    finally:
        app.container.engine().dispose()


def describe_planloom_pool(dsn: str) -> str:
    """What make_engine() gives Planloom's workers (an Engine connects lazily: nothing opens here)."""
    from adapters.sql.engine import make_engine

    engine = make_engine(dsn)
    try:
        pool = engine.pool
        return (f"pool_size={pool.size()} max_overflow={getattr(pool, '_max_overflow', '?')} "
                f"pre_ping={getattr(pool, '_pre_ping', '?')} recycle={getattr(pool, '_recycle', '?')}")
    finally:
        engine.dispose()


# ============================================================================================
# processes and HTTP helpers
# ============================================================================================
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, name: str, cmd: list[str], env: dict[str, str], port: int, logdir: Path,
                 cwd: Path = ROOT) -> None:
        self.name, self.port = name, port
        self.app_name = f"bench-{name}"  # the application_name of its PostgreSQL connections
        self.log_path = logdir / f"{name}.log"
        self._log = open(self.log_path, "wb")
        # Own session: the whole gunicorn tree (master + workers) is stopped by its process group.
        self.proc = subprocess.Popen(cmd, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True, cwd=str(cwd))

    def wait_ready(self, path: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited ({self.proc.returncode}):\n{self.tail()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready after {timeout}s:\n{self.tail()}")

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.proc.pid)], capture_output=True, text=True)
        return [int(p) for p in out.stdout.split()]

    def tail(self, n: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            for sig, wait in ((signal.SIGTERM, 25), (signal.SIGKILL, 5)):
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.proc.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        self._log.close()


def http(method: str, url: str, token: str | None = None, body: dict | None = None):
    """(status, headers, body); the headers are looked up case-insensitively, as HTTP's are (uvicorn
    sends them in lower case, gunicorn as the app wrote them)."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode(errors="replace")


# ============================================================================================
# CPU accounting: the machine is shared, so CPU time per request is the figure noise hurts least
# ============================================================================================
_TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process, its reaped children and its live children (gunicorn master + workers)."""
    fields = _stat(pid)
    if fields is None:
        return 0.0
    total = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            child = _stat(int(entry))
            if child is not None and child[1] == str(pid):
                total += sum(int(x) for x in child[11:15])
    return total / _TICK


def backends_cpu(dsn: str, db_name: str, app_name: str) -> dict[int, float]:
    """CPU seconds of each live PostgreSQL backend one server opened on the bench database (each
    server's connections carry their own application_name)."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        pids = [r[0] for r in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s "
                                           "AND application_name = %s AND pid <> pg_backend_pid()",
                                           (db_name, app_name))]
    cpu = {}
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            cpu[pid] = (int(fields[11]) + int(fields[12])) / _TICK
    return cpu


def machine_busy() -> tuple[float, float]:
    with open("/proc/stat") as handle:
        values = [int(x) for x in handle.readline().split()[1:]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / _TICK, sum(values) / _TICK


class CpuMeter:
    """Around one measured run: app CPU ms/request, its PostgreSQL backends' CPU ms/request and how
    busy the whole machine was (anything above app + PG + load generator is someone else)."""

    def __init__(self, server_pid: int, dsn: str, db_name: str, app_name: str) -> None:
        self.server_pid, self.dsn, self.db_name, self.app_name = server_pid, dsn, db_name, app_name

    def __enter__(self) -> "CpuMeter":
        self.app0, self.pg0 = tree_cpu(self.server_pid), backends_cpu(self.dsn, self.db_name, self.app_name)
        self.busy0, self.all0 = machine_busy()
        return self

    def __exit__(self, *exc) -> None:
        self.app = tree_cpu(self.server_pid) - self.app0
        # per backend, so that a connection closed during the run (its CPU gone with it) cannot
        # make the figure negative; it is a lower bound when the server's pool churns
        self.pg = sum(cpu - self.pg0.get(pid, 0.0)
                      for pid, cpu in backends_cpu(self.dsn, self.db_name, self.app_name).items())
        busy, total = machine_busy()
        self.busy = (busy - self.busy0) / max(1e-9, total - self.all0)

    def attach(self, result: _load.Result) -> _load.Result:
        n = max(1, result.requests)
        result.app_cpu_ms = 1000 * self.app / n
        result.pg_cpu_ms = 1000 * self.pg / n
        result.machine_busy = self.busy
        return result


# ============================================================================================
# checks
# ============================================================================================
def planloom_list_sql(log, columns_only: bool = False) -> str:
    """The exact statement SqlTaskRepository.list() sends to PostgreSQL for the default query
    (sort=created_at, page 1 of 50), with psycopg placeholders: the bare endpoint runs it too,
    so both sides make the same SELECT and the figures compare everything around it.
    ``columns_only`` drops the dependencies subquery from the bare endpoint's copy."""
    from sqlalchemy.dialects import postgresql

    from adapters.sql.task_repository import SqlTaskRepository
    from domain.model import TaskQuery

    seen = []
    dialect = postgresql.psycopg.dialect()

    class _Conn:
        def __init__(self) -> None:
            self.dialect = dialect

        def execute(self, stmt, params=None):
            compiled = stmt.compile(dialect=dialect)
            seen.append((" ".join(str(compiled).split()), list(compiled.positiontup or compiled.params)))

            class _R:
                def all(self):
                    return []

                def scalar_one(self):
                    return 0
            return _R()

    SqlTaskRepository(_Conn()).list(uuid.uuid4(), TaskQuery())
    sql, names = seen[0]
    order = re.findall(r"%\((\w+)\)s", sql)
    kinds = ["user" if "user_id" in n else "limit" if "limit" in n else "offset" if "offset" in n else n
             for n in order]
    if kinds != ["user", "limit", "offset"]:
        raise RuntimeError(f"unexpected parameters in Planloom's list SELECT: {order}\n  {sql}")
    sql = re.sub(r"%\(\w+\)s", "%s", sql)
    log(f"page SELECT (Planloom): {sql}")
    if columns_only:
        head, _, tail = sql.partition(" AS _total")
        sql = head + " AS _total" + tail[tail.index(" FROM tasks WHERE "):]
        log(f"page SELECT (bare, task columns only): {sql}")
    return sql


def sanity(planloom: str, bare: str, tokens: list[str], user_ids: list[uuid.UUID], log) -> list[str]:
    """Real sign-ins, both endpoints answer the same page, POST works. Returns the login tokens."""
    login_tokens = []
    for i in (0, 1):
        status, _, body = http("POST", f"{planloom}/api/v1/auth/login",
                               body={"email": _email(i), "password": PASSWORD})
        if status != 200:
            raise RuntimeError(f"login failed: {status} {body}")
        login_tokens.append(body["access_token"])
    status, headers, items = http("GET", f"{planloom}/api/v1/tasks", login_tokens[0])
    if status != 200:
        raise RuntimeError(f"GET /api/v1/tasks failed: {status} {items}")
    b_status, b_headers, b_items = http("GET", f"{bare}/bare/tasks?user_id={user_ids[0]}")
    if b_status != 200 or [t["id"] for t in items] != [t["id"] for t in b_items]:
        raise RuntimeError("the bare endpoint does not return the same page as Planloom")
    if "tag_names" in b_items[0] and [t["tags"] for t in items] != [t["tag_names"] or [] for t in b_items]:
        raise RuntimeError("the bare endpoint does not return the same tags as Planloom")
    total = json.loads(headers.get("X-Pagination", "{}")).get("total")
    if str(total) != b_headers.get("X-Total"):
        raise RuntimeError(f"totals differ: Planloom {total}, bare {b_headers.get('X-Total')}")
    status, _, body = http("GET", f"{planloom}/api/v1/tasks", tokens[-1])
    if status != 200:
        raise RuntimeError(f"a minted token is refused: {status} {body}")
    log(f"checks ok: 2 sign-ins via /auth/login, same page of {len(items)} (total {total}) from both "
        f"endpoints, minted tokens accepted")
    return login_tokens


def check_post(planloom: str, token: str, log) -> None:
    """Run just before the POST phase: a created task can start background work in the workers
    (the outbox relay and consumers, e.g. a re-plan), which must not overlap the GET runs."""
    status, _, body = http("POST", f"{planloom}/api/v1/tasks", token,
                           {"title": "sanity task", "priority": 2, "tags": ["work"]})
    if status != 201:
        raise RuntimeError(f"POST /api/v1/tasks failed: {status} {body}")
    log("check ok: POST /api/v1/tasks answers 201")


# ============================================================================================
# profiling (--profile)
# ============================================================================================
# The frame every request thread's stack holds: the buffering front's pool thread (or, for a tree from
# before it, gunicorn's gthread worker).
REQUEST_THREAD = re.compile(r"BufferedWsgi\._run \(|ThreadWorker\.handle \(")
PROFILE_PHASES = [  # (label, substring of a py-spy frame); a sample goes to the innermost matching frame
    ("server/front/Flask/werkzeug (outside the view)", REQUEST_THREAD),
    ("middleware before/after_request + access log", "entrypoints/http/middleware.py"),
    ("JWT decode + verify (flask_jwt_extended, PyJWT)", "verify_jwt_in_request ("),
    ("JWT revocation lookup (family_owner: connect+SELECT)", "SqlTokenStore.family_owner ("),
    ("query-args parsing (webargs, TaskListArgs)", "Parser.parse ("),
    ("unit of work: connect + pre-ping + BEGIN / ROLLBACK", "SqlUnitOfWork.__"),
    ("page SELECT (build, compile, execute, fetch)", "SqlTaskRepository.list ("),
    ("tags + dependencies queries (_hydrate)", "SqlTaskRepository._hydrate ("),
    ("Task entities (__post_init__ validation)", "Task.__init__ ("),
    ("marshmallow dump (TaskDumpSchema many)", "Schema.dump ("),
    ("pagination header (X-Pagination schema)", "PaginationMixin._set_pagination_metadata ("),
    ("JSON encoding of the response", "JSONProvider.response ("),
]


def summarise_profile(raw: Path, log) -> None:
    """Share of samples per phase of the request (innermost matching frame), from py-spy's
    collapsed stacks recorded with --gil (samples = a thread holding the GIL = Python CPU)."""
    phases = Counter()
    in_db = Counter()
    total = outside = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        if not REQUEST_THREAD.search(stack):
            outside += int(count)  # the event loop (HTTP parsing, the front) or another thread
            continue
        n = int(count)
        frames = stack.split(";")
        total += n
        label = "other"
        for frame in reversed(frames):
            hit = next((lab for lab, needle in PROFILE_PHASES
                        if (needle.search(frame) if isinstance(needle, re.Pattern) else needle in frame)), None)
            if hit:
                label = hit
                break
        phases[label] += n
        if "psycopg/" in frames[-1] or "psycopg_binary" in frames[-1]:
            in_db[label] += n
    if not total:
        log("profile: no request samples (py-spy could not attach?)")
        return
    log(f"profile: {total + outside} GIL-holding samples, {100 * outside / (total + outside):.1f}% outside request "
        "threads (event loop: HTTP parsing and the front; or other threads)")
    log(f"profile: {total} GIL-holding samples in request threads; share per phase (of which in psycopg calls)")
    for label, n in phases.most_common():
        log(f"  {100 * n / total:5.1f}%  ({100 * in_db[label] / total:4.1f}%)  {label}")


# ============================================================================================
# main
# ============================================================================================
def pool_results(segments: list[_load.Result]) -> _load.Result:
    """Segments of one closed-loop measurement as one result: counts and CPU add up; p50 is the
    request-weighted mean of the segments' p50s and p99/max the worst segment's (wrk reports
    percentiles, not histograms, so these two are approximations, p99 an upper bound)."""
    if len(segments) == 1:
        return segments[0]
    n = sum(r.requests for r in segments) or 1
    secs = sum(r.seconds for r in segments)
    first = segments[0]
    cpu = lambda attr: (sum(getattr(r, attr) * r.requests for r in segments) / n  # noqa: E731
                        if all(getattr(r, attr) is not None for r in segments) else None)
    return _load.Result(
        name=first.name, mode=first.mode, requests=sum(r.requests for r in segments), seconds=secs,
        errors=sum(r.errors for r in segments), p50_ms=sum(r.p50_ms * r.requests for r in segments) / n,
        p99_ms=max(r.p99_ms for r in segments), max_ms=max(r.max_ms for r in segments),
        connections=first.connections, generator=f"{first.generator} x{len(segments)}",
        app_cpu_ms=cpu("app_cpu_ms"), pg_cpu_ms=cpu("pg_cpu_ms"),
        machine_busy=(sum(r.machine_busy * r.seconds for r in segments) / secs
                      if all(r.machine_busy is not None for r in segments) else None))


def fmt_row(name: str, r: _load.Result | None) -> str:
    if r is None:
        return f"{name:<36} {'-':>8}"
    rate = f"{r.target_rate:.0f}/s" if r.target_rate else "peak"
    cpu = lambda v: f"{v:6.2f}" if v is not None else f"{'-':>6}"  # noqa: E731
    busy = f"{100 * r.machine_busy:4.0f}%" if r.machine_busy is not None else "   -"
    return (f"{name:<36} {r.rps:>8.1f} {r.p50_ms:>8.2f} {r.p99_ms:>8.2f} {r.max_ms:>8.1f} {r.errors:>6} "
            f"{r.requests:>7} {cpu(r.app_cpu_ms)} {cpu(r.pg_cpu_ms)} {busy}  {r.mode}/{rate} c={r.connections} "
            f"{r.generator}")


HEADER = (f"{'run':<36} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>6} {'reqs':>7} "
          f"{'app ms':>6} {'pg ms':>6} {'busy':>5}  mode")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_serve-bare"]:
        return serve_bare(argv[1:])

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="smoke run: 500 users, 10,000 tasks, 1 s warm-up, 3 s runs")
    p.add_argument("--duration", type=float, help="seconds per measured run (default 15, quick 3)")
    p.add_argument("--warmup", type=float, help="seconds of warm-up before each closed-loop run (default 5, quick 1)")
    p.add_argument("--users", type=int, help="default 10,000 (quick 500)")
    p.add_argument("--tasks", type=int, help="default 200,000 (quick 10,000)")
    p.add_argument("--token-users", type=int, help="users whose tokens the load rotates over (default 200, quick 50)")
    p.add_argument("--layout", choices=("full-page", "uniform"), default="full-page",
                   help="full-page: sampled users have 60 tasks so each GET returns 50 rows (default); "
                        "uniform: every user has tasks/users tasks")
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers for both servers (default 2)")
    p.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker for both servers (default 4)")
    p.add_argument("--connections", type=int, default=16, help="closed-loop connections (default 16)")
    p.add_argument("--rounds", type=int, default=3,
                   help="the two GET peak runs alternate in this many segments of duration/rounds each, so "
                        "both meet the same background load (default 3; 1 = one run each)")
    p.add_argument("--open-connections", type=int, default=32, help="open-loop connection pool (default 32)")
    p.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432"),
                   help="PostgreSQL server URL without database (default: $BENCH_PG or postgresql://postgres@127.0.0.1:5432)")
    p.add_argument("--admin-db", default="test", help="existing database to connect to for CREATE/DROP DATABASE")
    p.add_argument("--keep-db", action="store_true", help="do not drop the bench database at the end")
    p.add_argument("--profile", action="store_true",
                   help="extra Planloom GET and POST runs sampled with py-spy (not counted in the figures)")
    p.add_argument("--profile-dir", type=Path, default=Path(tempfile.gettempdir()) / "planloom-bench-profile",
                   help="where --profile leaves its collapsed stacks (default: %(default)s)")
    p.add_argument("--bare-select", choices=("same", "columns"), default="same",
                   help="same: the bare endpoint runs Planloom's whole page SELECT (default); columns: only the "
                        "tasks table's columns, without each task's dependencies (a stricter baseline that "
                        "returns less than Planloom does)")
    p.add_argument("--baseline-tree", type=Path,
                   help="also run `planloom serve` from this checkout (e.g. the code before a change: "
                        "mkdir /tmp/before && git archive COMMIT | tar -x -C /tmp/before) on the same data, "
                        "interleaved with the other two in the peak rounds and at the same open-loop rate")
    p.add_argument("--no-python-fallback", action="store_true", help="fail instead of using Python when wrk is missing")
    args = p.parse_args(argv)

    q = args.quick
    duration = args.duration or (3.0 if q else 15.0)
    warmup = args.warmup if args.warmup is not None else (1.0 if q else 5.0)
    n_users = args.users or (500 if q else 10_000)
    n_tasks = args.tasks or (10_000 if q else 200_000)
    n_sampled = min(args.token_users or (50 if q else 200), n_users)

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)

    import importlib.util

    if importlib.util.find_spec("psycopg_pool") is None:
        print("psycopg_pool is needed for the bare endpoint: .venv/bin/pip install psycopg-pool", file=sys.stderr)
        return 2
    use_wrk = _load.have_wrk()
    if not use_wrk:
        if args.no_python_fallback:
            print(f"wrk is not installed: {_load.WRK_INSTALL_HINT}", file=sys.stderr)
            return 2
        log(f"WARNING: wrk not found ({_load.WRK_INSTALL_HINT}); using the pure-Python closed loop, "
            "which competes for the same 2 cores and under-reads peaks")

    def _terminate(signum, frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, _terminate)

    base = args.pg.rstrip("/")
    admin_dsn = f"{base}/{args.admin_db}"
    db_name = f"planloom_bench_{os.getpid()}"
    dsn = f"{base}/{db_name}"
    workdir = Path(tempfile.mkdtemp(prefix="planloom-bench-"))
    servers: list[Server] = []
    db_created = False
    results: dict[str, _load.Result] = {}
    try:
        list_sql = planloom_list_sql(log, columns_only=args.bare_select == "columns")
        log(f"database {db_name}: creating, migrating")
        create_database(admin_dsn, db_name)
        db_created = True
        from adapters.sql.migrate import upgrade
        upgrade(dsn)
        user_ids = seed(dsn, n_users, n_tasks, n_sampled, args.layout, log)
        sampled = user_ids[:n_sampled]

        env = dict(os.environ)
        env.update({
            "PLANLOOM_DATABASE_URL": f"{dsn}?application_name=bench-planloom",
            "PLANLOOM_SECRET_KEY": secrets.token_urlsafe(48),
            "PLANLOOM_DATA_DIR": str(workdir / "data"),
            "PLANLOOM_ACCESS_TOKEN_MINUTES": "240",  # the run must not outlive its tokens
            # The production profile: the relay, consumers and jobs run in `planloom worker` / `planloom
            # jobs` processes (RabbitMQ), not in the web workers measured here.
            "PLANLOOM_BACKGROUND": "0",
            "PLANLOOM_API_RATE_LIMIT": "100000 per minute",  # the load is a few users hammering
            "WEB_CONCURRENCY": str(args.workers),
            # Serve the code of the tree this script is in (a copy with changes, say), not whatever
            # an editable install points at.
            "PYTHONPATH": os.pathsep.join([str(ROOT)] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])),
        })
        tokens = mint_tokens(env, sampled)
        log(f"minted {len(tokens)} access tokens (one token family each)")

        p_port, b_port = free_port(), free_port()
        planloom_bin = str(Path(sys.executable).with_name("planloom"))
        if not Path(planloom_bin).exists():
            planloom_bin = shutil.which("planloom") or planloom_bin
        servers.append(Server("planloom", [planloom_bin, "serve", "--host", "127.0.0.1", "--port", str(p_port),
                                           "--workers", str(args.workers), "--threads", str(args.threads)],
                              env, p_port, workdir))
        servers.append(Server("bare", [sys.executable, str(Path(__file__).resolve()), "_serve-bare",
                                       "--port", str(b_port), "--workers", str(args.workers),
                                       "--threads", str(args.threads), "--dsn", f"{dsn}?application_name=bench-bare",
                                       "--sql", list_sql], env, b_port, workdir))
        planloom_srv, bare_srv = servers
        before_srv = None
        if args.baseline_tree:
            tree = args.baseline_tree.resolve()
            before_env = env | {"PLANLOOM_DATABASE_URL": f"{dsn}?application_name=bench-before",
                                "PYTHONPATH": str(tree)}
            before_port = free_port()
            before_srv = Server("before", [planloom_bin, "serve", "--host", "127.0.0.1", "--port", str(before_port),
                                           "--workers", str(args.workers), "--threads", str(args.threads)],
                                before_env, before_port, workdir, cwd=tree)
            servers.append(before_srv)
        for srv in servers:
            srv.wait_ready("/healthz")
        planloom_url, bare_url = f"http://127.0.0.1:{p_port}", f"http://127.0.0.1:{b_port}"
        tokens = sanity(planloom_url, bare_url, tokens, user_ids, log) + tokens
        ids_for_tokens = [user_ids[0], user_ids[1]] + sampled

        settings = gunicorn_settings("127.0.0.1", 0, args.workers, args.threads)
        settings.pop("bind")
        log(f"Planloom: {SERVE_MODEL % (args.workers, args.threads)}; bare: gunicorn {settings}")
        log(f"Planloom engine pool (adapters/sql/engine.py): {describe_planloom_pool(dsn)}; "
            f"bare psycopg_pool: {args.threads} connections per worker, opened at start")
        log(f"load: closed loop {args.connections} connections via {'wrk' if use_wrk else 'python'}, "
            f"{warmup:g}s warm-up + {duration:g}s; open loop {args.open_connections} connections, {duration:g}s; "
            f"rotating over {len(tokens)} tokens / {len(ids_for_tokens)} users")

        get_path = "/api/v1/tasks?page=1&page_size=50"
        bare_paths = [f"/bare/tasks?user_id={uid}&page=1&page_size=50" for uid in ids_for_tokens]
        post_fmt = '{"title": "bench task %d-%d", "priority": 2, "duration_minutes": 45, "tags": ["work"]}'

        def runner(name: str, srv: Server, method: str, paths: list[str], auths: list[str]):
            """A function seconds -> Result running one closed-loop segment against ``srv``."""
            if use_wrk:
                url = f"http://127.0.0.1:{srv.port}"
                return lambda secs: _load.wrk_closed_loop(name, url, method, paths, auths, secs,  # noqa: E731
                                                          args.connections, threads=2, body_fmt=post_fmt)
            reqs = []
            for i in range(max(len(paths), 2000 if method == "POST" else 1)):
                headers = {"Authorization": f"Bearer {auths[i % len(auths)]}"} if auths[i % len(auths)] else {}
                body = b""
                if method == "POST":
                    headers["Content-Type"] = "application/json"
                    body = (post_fmt % (0, i)).encode()
                reqs.append(_load.Request(method, paths[i % len(paths)], headers, body))
            return lambda secs: _load.python_closed_loop(name, "127.0.0.1", srv.port, reqs, secs,  # noqa: E731
                                                         args.connections)

        def measured(run, srv: Server, secs: float) -> _load.Result:
            with CpuMeter(srv.proc.pid, dsn, db_name, srv.app_name) as meter:
                result = run(secs)
            return meter.attach(result)

        def closed(name: str, srv: Server, method: str, paths: list[str], auths: list[str]) -> _load.Result:
            run = runner(name, srv, method, paths, auths)
            if warmup > 0:
                run(warmup)
            result = measured(run, srv, duration)
            log(fmt_row(name, result))
            return result

        def closed_group(*specs: tuple) -> list[_load.Result]:
            """Peak runs of several servers, interleaved in ``--rounds`` segments (a, b, a, b, ...) so that
            all see the same neighbours on a shared machine; the segments are then pooled. The last
            spec is the reference: each other's per-round ratio to it is kept."""
            runs = [runner(*spec) for spec in specs]
            if warmup > 0:
                for run in runs:
                    run(warmup)
            segments: list[list[_load.Result]] = [[] for _ in specs]
            for i in range(args.rounds):
                for k, (run, spec) in enumerate(zip(runs, specs)):
                    segments[k].append(measured(run, spec[1], duration / args.rounds))
            pooled = [pool_results(segs) for segs in segments]
            for r in pooled:
                log(fmt_row(r.name, r))
            if args.rounds > 1:
                for k in range(len(specs) - 1):
                    ratios = [x.rps / y.rps for x, y in zip(segments[k], segments[-1]) if y.rps]
                    log(f"per-round {specs[k][0].split(' (')[0]} / {specs[-1][0].split(' (')[0]}: "
                        + " ".join(f"{x:.1%}" for x in ratios))
                    pooled[k].round_ratios = ratios
            return pooled

        def opened(name: str, srv: Server, reqs: list[_load.Request], rate: float) -> _load.Result:
            with CpuMeter(srv.proc.pid, dsn, db_name, srv.app_name) as meter:
                result = _load.open_loop(name, "127.0.0.1", srv.port, reqs, rate, duration, args.open_connections)
            result = meter.attach(result)
            log(fmt_row(name, result))
            return result

        get_specs = [("Planloom GET /api/v1/tasks (peak)", planloom_srv, "GET", [get_path] * len(tokens), tokens)]
        if before_srv:
            get_specs.append(("Planloom before GET (peak)", before_srv, "GET", [get_path] * len(tokens), tokens))
        get_specs.append(("bare Flask+psycopg GET (peak)", bare_srv, "GET", bare_paths, [""] * len(bare_paths)))
        peaks = closed_group(*get_specs)
        results["planloom_get"], results["bare_get"] = peaks[0], peaks[-1]
        if before_srv:
            results["before_get"] = peaks[1]
        rate = results["planloom_get"].rps / 2
        get_reqs = [_load.Request("GET", get_path, {"Authorization": f"Bearer {t}"}) for t in tokens]
        bare_reqs = [_load.Request("GET", path) for path in bare_paths]
        results["planloom_open"] = opened("Planloom GET @ half Planloom peak", planloom_srv, get_reqs, rate)
        if before_srv:
            results["before_open"] = opened("Planloom before GET @ same rate", before_srv, get_reqs, rate)
        results["bare_open"] = opened("bare GET @ same rate", bare_srv, bare_reqs, rate)
        if args.profile:
            profile(planloom_srv, "GET", "GET", [get_path] * len(tokens), tokens, post_fmt, duration,
                    args.connections, use_wrk, args.profile_dir, log)
        # POST last: it adds tasks to the sampled users, which would change the GETs' pages.
        check_post(planloom_url, tokens[-1], log)
        results["planloom_post"] = closed("Planloom POST /api/v1/tasks (peak)", planloom_srv, "POST",
                                          ["/api/v1/tasks"] * len(tokens), tokens)
        if args.profile:
            profile(planloom_srv, "POST", "POST", ["/api/v1/tasks"] * len(tokens), tokens, post_fmt, duration,
                    args.connections, use_wrk, args.profile_dir, log)

        return report(results, args, n_users, n_tasks, duration, warmup, log)
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    except Exception as exc:
        log(f"ERROR: {exc}")
        for srv in servers:
            if srv.proc.poll() is not None:
                print(f"--- {srv.name} log ---\n{srv.tail()}", file=sys.stderr)
        return 2
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not skip the clean-up
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        for srv in servers:
            srv.stop()
        if db_created and not args.keep_db:
            try:
                drop_database(admin_dsn, db_name)
                log(f"dropped database {db_name}")
            except Exception as exc:  # noqa: BLE001
                log(f"could not drop database {db_name}: {exc}")
        elif db_created:
            log(f"kept database {db_name} ({dsn})")
        shutil.rmtree(workdir, ignore_errors=True)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def profile(srv: Server, label: str, method: str, paths: list[str], auths: list[str], body_fmt: str,
            duration: float, connections: int, use_wrk: bool, out_dir: Path, log) -> None:
    """One extra closed-loop run with py-spy sampling the GIL holder of every worker (--gil: where the
    Python CPU goes; waiting on PostgreSQL is not sampled)."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        log("profile skipped: py-spy not installed (.venv/bin/pip install py-spy)")
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    raw = out_dir / f"planloom-{label.lower()}.collapsed"
    raw.unlink(missing_ok=True)
    spy_proc = subprocess.Popen([spy, "record", "--pid", str(srv.proc.pid), "--subprocesses", "--format", "raw",
                                 "--gil", "--rate", "250", "--duration", str(int(duration)), "--output", str(raw),
                                 "--nonblocking"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.0)
    if use_wrk:
        r = _load.wrk_closed_loop(f"profiled {label}", f"http://127.0.0.1:{srv.port}", method, paths, auths,
                                  duration - 1, connections, body_fmt=body_fmt)
    else:
        reqs = [_load.Request(method, paths[i % len(paths)],
                              {"Authorization": f"Bearer {auths[i % len(auths)]}", "Content-Type": "application/json"},
                              (body_fmt % (0, i)).encode() if method == "POST" else b"")
                for i in range(max(len(paths), 500))]
        r = _load.python_closed_loop(f"profiled {label}", "127.0.0.1", srv.port, reqs, duration - 1, connections)
    try:
        _, err = spy_proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        spy_proc.kill()
        _, err = spy_proc.communicate()
    log(f"profiled {method} run (py-spy attached, so slower): {r.rps:.0f} req/s; collapsed stacks in {raw} "
        "(flamegraph.pl or speedscope.app read them)")
    if not raw.exists():
        log(f"py-spy produced nothing: {err.decode(errors='replace')[-500:]}")
    elif method == "GET":
        summarise_profile(raw, log)
    else:
        summarise_frames(raw, log)


def summarise_frames(raw: Path, log, top: int = 12) -> None:
    """Samples in request threads vs other threads (e.g. a relay or consumers running inside the
    workers), and the innermost Planloom function of each sample."""
    where, funcs = Counter(), Counter()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        frames = stack.split(";")
        kind = "request threads" if REQUEST_THREAD.search(stack) else "other threads"
        where[kind] += n
        mine = [f for f in frames if re.search(r"\((adapters|domain|entrypoints|ports)/", f)]
        funcs[(kind, re.sub(r":\d+\)", ")", mine[-1]) if mine else "(outside Planloom code)")] += n
    total = sum(where.values()) or 1
    log("profile: " + ", ".join(f"{k} {100 * v / total:.1f}%" for k, v in where.most_common()) +
        "; innermost Planloom function:")
    for (kind, func), n in funcs.most_common(top):
        log(f"  {100 * n / total:5.1f}%  [{kind}] {func}")


def report(results: dict[str, _load.Result], args, n_users: int, n_tasks: int, duration: float, warmup: float,
           log) -> int:
    pg, bare, opn, bopen, post, before, before_open = (results.get(k) for k in (
        "planloom_get", "bare_get", "planloom_open", "bare_open", "planloom_post", "before_get", "before_open"))
    ratio = pg.rps / bare.rps if bare and bare.rps else float("nan")
    achieved = opn.rps / opn.target_rate if opn and opn.target_rate else float("nan")
    ok_ratio = ratio >= TARGET_RATIO
    ok_p99 = opn.p99_ms < TARGET_P99_MS and opn.errors == 0 and achieved > 0.95
    print()
    print(f"Planloom API benchmark: {n_users:,} users, {n_tasks:,} tasks, page of {PAGE}, layout {args.layout}; "
          f"Planloom: {SERVE_MODEL % (args.workers, args.threads)}; bare: gunicorn gthread {args.workers} "
          f"workers x {args.threads} threads; "
          f"{warmup:g}s warm-up + {duration:g}s per run; {os.cpu_count()} CPUs")
    print(HEADER)
    print("-" * len(HEADER) + "-" * 40)
    for r in (pg, before, bare, opn, before_open, bopen, post):
        if r is not None:
            print(fmt_row(r.name, r))
    print("-" * len(HEADER) + "-" * 40)
    print("app ms / pg ms: CPU time per request of the server's processes / of its PostgreSQL backends; "
          "busy: whole machine (2 cores) during the run, load generator and other tenants included")
    for label, r in (("Planloom", pg), ("Planloom before", before)):
        if r is None or r.app_cpu_ms is None or bare.app_cpu_ms is None:
            continue
        cpu_ratio = (bare.app_cpu_ms + bare.pg_cpu_ms) / max(1e-9, r.app_cpu_ms + r.pg_cpu_ms)
        print(f"CPU per GET (app + PostgreSQL): {label} {r.app_cpu_ms + r.pg_cpu_ms:.2f} ms, bare "
              f"{bare.app_cpu_ms + bare.pg_cpu_ms:.2f} ms: bare/{label} {cpu_ratio:.1%} (the throughput ratio a "
              "quiet CPU-bound machine tends to, a little above it as the kernel and wrk cost the same for both)")
    if before is not None and bare.rps:
        rounds = getattr(before, "round_ratios", None)
        spread = (f"; per round {min(rounds):.1%}-{max(rounds):.1%}" if rounds else "")
        print(f"Planloom before/bare GET throughput: {before.rps / bare.rps:.1%}{spread}")
    rounds = getattr(pg, "round_ratios", None)
    spread = (f"; per round {min(rounds):.1%}-{max(rounds):.1%}" if rounds else "")
    print(f"Planloom/bare GET throughput: {ratio:.1%}{spread}  (target >= {TARGET_RATIO:.0%}): "
          f"{'MET' if ok_ratio else 'MISSED'}")
    print(f"Planloom GET p99 at {opn.target_rate:.0f} req/s (half its peak; achieved {opn.rps:.0f} req/s, "
          f"{opn.errors} errors, generator lag max {opn.max_dispatch_lag_ms:.1f} ms): {opn.p99_ms:.1f} ms "
          f"(target < {TARGET_P99_MS:.0f} ms): {'MET' if ok_p99 else 'MISSED'}")
    for name, r in results.items():
        if r.errors:
            log(f"WARNING: {name} had {r.errors} errors (non-2xx or transport)")
    return 0 if ok_ratio and ok_p99 else 1


if __name__ == "__main__":
    sys.exit(main())
