"""Scale, measured: seed a large PostgreSQL database with COPY, serve it with `planloom serve`, and hold an
open-loop load on a user's task page, a week's schedule and edits of their tasks, beside a small database in
the same run; then time the re-plan each edit causes.

    .venv/bin/python bench/scale.py                          # 100,000 users x 20 tasks, baseline 1,000 users
    .venv/bin/python bench/scale.py --users 1000000          # the full million (a quiet machine, ~35 GB free)
    .venv/bin/python bench/scale.py --users 20000 --duration 8 --rates 25   # a smoke run
    .venv/bin/python bench/scale.py --seed-only --keep       # seed and size only; keep the database

One run:
1. checks free disk (shutil.disk_usage on PostgreSQL's data directory) against an estimate of the two
   databases, and scales ``--users`` down with a message if they do not fit;
2. creates ``planloom_scale_<random>_baseline`` (``--baseline-users``) and ``..._scale`` (``--users``),
   migrates both with Planloom's migrations and seeds them (``bench/_scale_seed.py``: users with a cheap
   Argon2 hash, tags, tasks, task tags, a week of time blocks and a plan summary per user), printing
   seconds and rows/s per table, then pg_database_size and each table's heap and index sizes;
3. starts one ``planloom serve`` per database (production profile without Redis: no response cache, so
   every read reaches PostgreSQL; ``PLANLOOM_BACKGROUND=0``: no relay, consumers or jobs in the server, as
   in production), signs ``--signins`` random users in through ``POST /api/v1/auth/login`` and lists each
   one's open tasks (``GET /api/v1/tasks?status=todo``);
4. per rate in ``--rates``, per endpoint (``GET /api/v1/tasks?page_size=50``, ``GET /api/v1/schedule`` for
   this week, and the task write: ``PATCH /api/v1/tasks/{id}`` of a signed-in user's own open task, one of
   title, priority, duration or due changed to a new value, JSON with its Content-Type;
   ``bench/_scale_writes.py``), runs the open-loop generator of ``bench/_load.py`` (arrivals on a fixed
   schedule, latency from the intended send time: no coordinated omission) in ``--rounds`` segments
   alternating between the baseline and the large database (so both meet the same neighbours on a shared
   machine), keeping every latency, with the server's and its PostgreSQL backends' CPU seconds per request;
   any answer but a 2xx is an error;
5. times the re-plan a write causes, which the server leaves to ``planloom worker``: for ``--replans``
   random users of the large database, one change through the bus, then the scheduling consumer's handler
   in this process, its CPU (``time.process_time``) and its PostgreSQL backends' CPU per re-plan;
6. prints p50/p99 side by side with the ratio large/baseline, per-core throughput, the re-plan's cost beside
   the write's, the seeding figures extrapolated linearly to 1,000,000 users, and a capacity model
   (``bench/_capacity.py``: reads and writes weighted by its ``write_share``, scheduling workers from the
   re-plan's CPU) as Markdown;
7. stops the servers and drops both databases (``--keep`` keeps them), also on errors, Ctrl-C and SIGTERM.

Exit status: 0 when the large database's p99 <= 20 ms for both reads at every rate, and every endpoint,
the write included, had no errors and >= 95 % of its rate achieved; 1 when not; 2 on errors. The write's
p99 is printed and not judged: the 20 ms target is the one for showing a page, and a write's answer ends
with its commit's WAL flush, whose time is the disk's (this machine's, here, not a production volume's);
a write that fails or falls behind its rate does fail the run.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import shutil
import signal
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import _capacity  # noqa: E402
import _load  # noqa: E402
import _scale_seed as seeding  # noqa: E402
import _scale_writes as writes  # noqa: E402
from api import ROOT, CpuMeter, Server, create_database, drop_database, free_port, http  # noqa: E402

TARGET_P99_MS = 20.0
FULL_USERS = 1_000_000
READS = ("task page", "week schedule")
WRITE = "task write"
ENDPOINTS = (*READS, WRITE)


@dataclass
class Database:
    label: str
    users: int
    name: str
    dsn: str
    seed: seeding.SeedReport | None = None
    size: int = 0
    tables: list = field(default_factory=list)
    server: Server | None = None
    tokens: list[str] = field(default_factory=list)
    body_bytes: dict[str, float] = field(default_factory=dict)
    edits: writes.Edits | None = None


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def paths(now: datetime) -> dict[str, str]:
    start, end = seeding.week_of(now)
    query = urllib.parse.urlencode({"from": start.strftime("%Y-%m-%dT%H:%M:%SZ"), "to": end.strftime("%Y-%m-%dT%H:%M:%SZ")})
    return {"task page": "/api/v1/tasks?page=1&page_size=50", "week schedule": f"/api/v1/schedule?{query}"}


def create_and_seed(db: Database, admin_dsn: str, tasks_per_user: int, now: datetime) -> None:
    from adapters.sql.migrate import upgrade

    log(f"database {db.name}: creating, migrating")
    create_database(admin_dsn, db.name)
    upgrade(db.dsn)
    db.seed = seeding.seed(db.dsn, db.users, tasks_per_user, now, log)
    db.size, db.tables = seeding.sizes(db.dsn)
    log(f"  {db.name}: pg_database_size {db.size / 1e6:,.1f} MB ({db.size / db.users / 1024:.1f} KiB per user)")
    for table, heap, index, total in db.tables:
        log(f"    {table:<22} heap {heap / 1e6:9.1f} MB  indexes {index / 1e6:9.1f} MB  total {total / 1e6:9.1f} MB")


def server_env(db: Database, workdir: Path, workers: int, name: str = "") -> dict[str, str]:
    name = name or db.label
    env = {k: v for k, v in os.environ.items() if k not in ("PLANLOOM_REDIS_URL", "PLANLOOM_MONGO_URL")}
    return env | {
        "PLANLOOM_DATABASE_URL": f"{db.dsn}?application_name=bench-{name}",
        "PLANLOOM_SECRET_KEY": secrets.token_urlsafe(48),
        "PLANLOOM_DATA_DIR": str(workdir / name),
        "PLANLOOM_ACCESS_TOKEN_MINUTES": "240",
        "PLANLOOM_BACKGROUND": "0",  # production: relay, consumers and jobs run elsewhere
        "PLANLOOM_API_RATE_LIMIT": "1000000 per minute",  # ~100 users drive the whole load
        "PLANLOOM_LOGIN_RATE_LIMIT": "100000 per minute",
        "PLANLOOM_LOGIN_IP_RATE_LIMIT": "100000 per minute",
        "PLANLOOM_ARGON2_TIME_COST": str(seeding.ARGON2["time_cost"]),  # as seeded: sign-ins do not rehash
        "PLANLOOM_ARGON2_MEMORY_KIB": str(seeding.ARGON2["memory_cost"]),
        "WEB_CONCURRENCY": str(workers),
        "PYTHONPATH": str(ROOT),
    }


def launch(db: Database, workdir: Path, workers: int, threads: int, name: str = "", python: str = "",
           env: dict[str, str] | None = None) -> Server:
    """``planloom serve`` on ``db``; ``name`` (default the database's label) tells its log, data folder and
    PostgreSQL application_name apart; ``python``: statements run before the command (``python -c``),
    e.g. interpreter settings to compare; ``env`` overrides ``server_env``'s."""
    name = name or db.label
    port = free_port()
    if python:
        head = [sys.executable, "-c", f"{python}\nfrom entrypoints.cli import main\nraise SystemExit(main())"]
    else:
        binary = Path(sys.executable).with_name("planloom")
        head = [str(binary) if binary.exists() else shutil.which("planloom") or str(binary)]
    cmd = head + ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
                  "--threads", str(threads)]
    (workdir / name).mkdir(parents=True, exist_ok=True)
    return Server(name, cmd, server_env(db, workdir, workers, name) | (env or {}), port, workdir)


def start_server(db: Database, workdir: Path, workers: int, threads: int) -> None:
    db.server = launch(db, workdir, workers, threads)


def sign_in(db: Database, count: int, rng: random.Random, now: datetime) -> None:
    """Real sign-ins of random users, then one read of each endpoint per user as a check (the week's
    schedule must return blocks: the load does real work) that also measures response sizes."""
    base = f"http://127.0.0.1:{db.server.port}"
    for i in rng.sample(range(db.users), min(count, db.users)):
        status, _, body = http("POST", f"{base}/api/v1/auth/login", body={"email": seeding.email(i), "password": seeding.PASSWORD})
        if status != 200:
            raise RuntimeError(f"{db.label}: sign-in of {seeding.email(i)} failed: {status} {body}")
        db.tokens.append(body["access_token"])
    sizes: dict[str, list[int]] = {name: [] for name in READS}
    blocks = 0
    for token in db.tokens:
        for name, path in paths(now).items():
            req = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
            with urllib.request.urlopen(req, timeout=30) as resp:
                raw = resp.read()
            sizes[name].append(len(raw))
            if name == "week schedule":
                blocks += raw.count(b'"task_id"')
    db.body_bytes = {name: sum(v) / len(v) for name, v in sizes.items()}
    if not blocks:
        raise RuntimeError(f"{db.label}: the week's schedule returned no blocks")
    db.edits = writes.Edits(rng, now)
    open_tasks = sum(db.edits.collect(base, token) for token in db.tokens)
    if not open_tasks:
        raise RuntimeError(f"{db.label}: the signed-in users have no open tasks to edit")
    log(f"{db.label}: {len(db.tokens)} users signed in via /auth/login; mean body: task page "
        f"{db.body_bytes['task page']:,.0f} B, week schedule {db.body_bytes['week schedule']:,.0f} B "
        f"({blocks / len(db.tokens):.1f} blocks per user); {open_tasks / len(db.tokens):.1f} open tasks per user to edit")


@dataclass
class Pooled:
    """One (endpoint, rate, database) measurement, pooled over its interleaved segments: every latency
    kept, so p50/p99 are exact over the whole run; CPU and busy per segment add up."""
    rate: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    app_cpu: float = 0.0
    pg_cpu: float = 0.0
    segments: list[tuple[float, float]] = field(default_factory=list)  # (p99 ms, machine busy share)

    def add(self, latencies: list[float], errors: int, seconds: float, meter: CpuMeter) -> None:
        self.latencies += latencies
        self.errors, self.seconds = self.errors + errors, self.seconds + seconds
        self.app_cpu, self.pg_cpu = self.app_cpu + meter.app, self.pg_cpu + meter.pg
        self.segments.append((1000 * _load.percentile(sorted(latencies), 99), meter.busy))

    def pct(self, q: float) -> float:
        return 1000 * _load.percentile(sorted(self.latencies), q)

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def app_cpu_ms(self) -> float:
        return 1000 * self.app_cpu / max(1, self.requests)

    @property
    def pg_cpu_ms(self) -> float:
        return 1000 * self.pg_cpu / max(1, self.requests)

    @property
    def busy(self) -> float:
        return sum(b for _, b in self.segments) / max(1, len(self.segments))

    @property
    def quietest(self) -> tuple[float, float]:
        return min(self.segments, key=lambda seg: seg[1])


def requests_for(db: Database, endpoint: str, now: datetime, rng: random.Random) -> list[_load.Request]:
    """A segment's requests; made afresh per segment (an edit replayed would change nothing)."""
    if endpoint == WRITE:
        return db.edits.requests()
    path = paths(now)[endpoint]
    return [_load.Request("GET", path, {"Authorization": f"Bearer {rng.choice(db.tokens)}"}) for _ in range(2000)]


def segment(db: Database, reqs: list[_load.Request], rate: float, seconds: float, connections: int,
            into: Pooled | None, server: Server | None = None, detail: list | None = None) -> CpuMeter:
    """One open-loop segment (``bench/_load.py``'s generator: arrivals on schedule, latency from the
    intended send time) on ``server`` (default the database's); measured into ``into`` unless it is None
    (a warm-up); ``detail`` gets each request's timings (``_load._open_loop``)."""
    server = server or db.server
    with CpuMeter(server.proc.pid, db.dsn, db.name, server.app_name) as meter, _load._no_gc_pauses():
        latencies, errors, elapsed, _ = asyncio.run(
            _load._open_loop("127.0.0.1", server.port, reqs, rate, seconds, connections, detail))
    if into is not None:
        into.add(latencies, errors, elapsed, meter)
    return meter


def cell(r: Pooled) -> str:
    return (f"{r.pct(50):6.1f} {r.pct(99):7.1f} {r.rps:6.1f} {r.errors:4d} {r.app_cpu_ms:6.2f} {r.pg_cpu_ms:5.2f} "
            f"{100 * r.busy:4.0f}%")


def mean_cpu(results: list[Pooled], attr: str) -> float:
    n = sum(r.requests for r in results) or 1
    return sum(getattr(r, attr) * r.requests for r in results) / n


def report(args, base: Database, big: Database, results: dict, replan: writes.ReplanCost, full: int) -> int:
    head = f"{'p50':>6} {'p99':>7} {'rps':>6} {'err':>4} {'app ms':>6} {'pg ms':>5} {'busy':>5}"
    print()
    print(f"Scale: {big.users:,} users x {args.tasks_per_user} tasks beside {base.users:,} users; planloom serve "
          f"{args.workers} workers x {args.threads} threads, no Redis (every read reaches PostgreSQL); "
          f"open loop, {args.duration:g} s per run in {args.rounds} segments alternating baseline/large, "
          f"{args.open_connections} connections; {os.cpu_count()} CPUs shared")
    print(f"{'endpoint':<14} {'rate':>5}  | baseline {base.users:,} users: {head} | {big.users:,} users: {head} | p99 ratio")
    ok = True
    for (endpoint, rate), (r_base, r_big) in results.items():
        ratio = r_big.pct(99) / r_base.pct(99) if r_base.pct(99) else float("nan")
        print(f"{endpoint:<14} {rate:>5g}  | {cell(r_base)} | {cell(r_big)} | {ratio:5.2f}x")
        ok &= r_big.errors == 0 and r_big.rps >= 0.95 * rate and (endpoint == WRITE or r_big.pct(99) <= TARGET_P99_MS)
    print("p50/p99 ms from the scheduled send time, over all segments; rps achieved; app ms / pg ms: CPU per request "
          "of the server's processes / its PostgreSQL backends; busy: whole machine, mean of the segments, this "
          "load and other tenants included")
    print("per segment, p99 ms @ busy (baseline | large): the machine's neighbours move p99 far more than table size")
    for (endpoint, rate), pair in results.items():
        print(f"  {endpoint:<14} {rate:>5g}: " + " | ".join(
            " ".join(f"{p99:.0f}@{100 * busy:.0f}%" for p99, busy in r.segments) for r in pair)
            + f"  (quietest segment of the large one: p99 {pair[1].quietest[0]:.1f} ms at {100 * pair[1].quietest[1]:.0f}% busy)")
    read_runs = [pair[1] for (e, _), pair in results.items() if e in READS]
    write_runs = [pair[1] for (e, _), pair in results.items() if e == WRITE]
    for endpoint in ENDPOINTS:
        runs = [pair[1] for (e, _), pair in results.items() if e == endpoint]
        app, pg = mean_cpu(runs, "app_cpu_ms"), mean_cpu(runs, "pg_cpu_ms")
        print(f"per-core throughput, {endpoint}: API {1000 / app:,.0f} req/s per core ({app:.2f} ms), PostgreSQL "
              f"{1000 / pg:,.0f} req/s per core ({pg:.2f} ms), both on one core {1000 / (app + pg):,.0f} req/s")
    write_app, write_pg = mean_cpu(write_runs, "app_cpu_ms"), mean_cpu(write_runs, "pg_cpu_ms")
    print(f"re-plan: {replan.worker_mean_ms:.1f} ms worker CPU + {replan.pg_ms:.1f} ms PostgreSQL per change "
          f"(scheduling consumer's handler after one change, {replan.users} users of the large database; worker CPU "
          f"p50 {replan.pct(50):.1f} / p99 {replan.pct(99):.1f} ms; a seeded plan's first re-plan "
          f"{replan.first_worker_ms:.1f} + {replan.first_pg_ms:.1f} ms), beside the write itself: "
          f"{write_app:.2f} ms API CPU + {write_pg:.2f} ms PostgreSQL per PATCH")
    verdict = "MET" if ok else "MISSED"
    worst_write = max((r.pct(99) for r in write_runs), default=float("nan"))
    print(f"target p99 <= {TARGET_P99_MS:g} ms for both reads, every endpoint error-free at >= 95 % of "
          f"{args.rates} req/s, on {big.users:,} users: {verdict} (the write's p99, up to {worst_write:.1f} ms, "
          "is reported, not judged)")
    seed = big.seed
    factor = full / big.users
    marginal = (big.size - base.size) / max(1, big.users - base.users)
    print(f"seeding {big.users:,} users: {seed.total_seconds:.0f} s, "
          + ", ".join(f"{t} {seed.rows[t]:,} rows {seed.rows[t] / max(1e-9, seed.seconds[t]):,.0f}/s" for t in seed.rows)
          + f", index rebuild {seed.seconds['indexes']:.0f} s, VACUUM ANALYZE {seed.seconds['analyze']:.0f} s")
    print(f"extrapolated linearly to {full:,} users (x{factor:g}; index builds grow a little faster than linear): "
          f"seed ~{seed.total_seconds * factor / 60:.0f} min, database ~{(base.size + marginal * (full - base.users)) / 1024 ** 3:.1f} GiB "
          f"({marginal / 1024:.1f} KiB per user, from the difference between the two databases)")
    measured = _capacity.Measured(
        read_app_cpu_ms=mean_cpu(read_runs, "app_cpu_ms"), read_pg_cpu_ms=mean_cpu(read_runs, "pg_cpu_ms"),
        write_app_cpu_ms=write_app, write_pg_cpu_ms=write_pg,
        replan_cpu_ms=replan.worker_mean_ms, replan_pg_cpu_ms=replan.pg_ms,
        bytes_per_user=marginal, page_bytes=big.body_bytes["task page"],
        schedule_bytes=big.body_bytes["week schedule"], measured_users=big.users)
    print()
    print(f"Capacity for {full:,} users (assumptions in bench/_capacity.py; measured inputs: {measured})")
    print(_capacity.markdown(_capacity.model(measured, _capacity.Assumptions(users=full))))
    return 0 if ok else 1


def parse(argv: list[str] | None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--users", type=int, default=100_000, help="users in the large database (default 100,000)")
    p.add_argument("--baseline-users", type=int, default=1_000, help="users in the small database (default 1,000)")
    p.add_argument("--tasks-per-user", type=int, default=20)
    p.add_argument("--rates", default="25,50,100", help="open-loop rates in req/s, per endpoint, comma-separated")
    p.add_argument("--duration", type=float, default=20.0, help="seconds per measured run and database (default 20)")
    p.add_argument("--rounds", type=int, default=4,
                   help="each run is cut into this many segments alternating between the databases (default 4)")
    p.add_argument("--warmup", type=float, default=3.0, help="seconds of unmeasured load per server and endpoint")
    p.add_argument("--signins", type=int, default=100, help="users signed in to drive the load (default 100)")
    p.add_argument("--replans", type=int, default=50,
                   help="users of the large database whose re-plan after one change is timed (default 50)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--open-connections", type=int, default=32)
    p.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432"))
    p.add_argument("--admin-db", default="test")
    p.add_argument("--keep", action="store_true", help="keep both databases")
    p.add_argument("--seed-only", action="store_true", help="seed and size, no servers and no load")
    return p.parse_args(argv)


def _terminate(signum, frame) -> None:
    raise SystemExit(128 + signum)  # through main's finally: servers stopped, databases dropped


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    signal.signal(signal.SIGTERM, _terminate)
    base_url = args.pg.rstrip("/")
    admin_dsn = f"{base_url}/{args.admin_db}"
    rates = [float(r) for r in args.rates.split(",")]
    tag = secrets.token_hex(3)
    users = seeding.fit_to_disk(admin_dsn, args.users, args.tasks_per_user, args.baseline_users, log)
    dbs = [Database(label, n, f"planloom_scale_{tag}_{label}", f"{base_url}/planloom_scale_{tag}_{label}")
           for label, n in (("baseline", args.baseline_users), ("scale", users))]
    now = datetime.now(timezone.utc).replace(microsecond=0)
    rng = random.Random(5)
    workdir = Path(tempfile.mkdtemp(prefix="planloom-scale-"))
    created: list[Database] = []
    try:
        for db in dbs:
            created.append(db)
            create_and_seed(db, admin_dsn, args.tasks_per_user, now)
        if args.seed_only:
            return 0
        for db in dbs:
            start_server(db, workdir, args.workers, args.threads)
        for db in dbs:
            db.server.wait_ready("/healthz")
            sign_in(db, args.signins, rng, now)
        for db in dbs:
            for endpoint in ENDPOINTS:
                segment(db, requests_for(db, endpoint, now, rng), rates[0], args.warmup, args.open_connections, None)
        results = {}
        for rate in rates:
            for endpoint in ENDPOINTS:
                pair = (Pooled(rate), Pooled(rate))
                for _ in range(args.rounds):  # alternating, so both databases meet the same neighbours
                    for db, into in zip(dbs, pair):
                        segment(db, requests_for(db, endpoint, now, rng), rate, args.duration / args.rounds,
                                args.open_connections, into)
                log(f"{endpoint} @ {rate:g}/s: p99 {pair[0].pct(99):.1f} ms ({dbs[0].users:,} users) vs "
                    f"{pair[1].pct(99):.1f} ms ({dbs[1].users:,}); machine busy {100 * pair[1].busy:.0f}%")
                results[(endpoint, rate)] = pair
        big = dbs[1]
        replan = writes.replan_cost(big.dsn, big.name, rng.sample(range(big.users), min(big.users, args.replans + 1)),
                                    seeding.ident, rng, now, log)
        return report(args, dbs[0], big, results, replan, max(FULL_USERS, args.users))
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    except Exception as exc:  # noqa: BLE001
        log(f"ERROR: {type(exc).__name__}: {exc}")
        for db in dbs:
            if db.server is not None:
                print(f"--- {db.label} server log (last lines) ---\n{db.server.tail()}", file=sys.stderr)
        return 2
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C or TERM must not skip the clean-up
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        for db in dbs:
            if db.server is not None:
                db.server.stop()
        for db in created:
            if args.keep:
                log(f"kept database {db.name} ({db.dsn})")
                continue
            try:
                drop_database(admin_dsn, db.name)
                log(f"dropped database {db.name}")
            except Exception as exc:  # noqa: BLE001
                log(f"could not drop database {db.name}: {exc}")
        shutil.rmtree(workdir, ignore_errors=True)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


if __name__ == "__main__":
    sys.exit(main())
