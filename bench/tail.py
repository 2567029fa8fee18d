"""Tail latency, taken apart: where the slowest requests' time goes, and server configurations side by side.

    .venv/bin/python bench/tail.py                                # 1,000 users; every configuration below
    .venv/bin/python bench/tail.py --configs default,switch1ms --rates 50 --duration 20

One run seeds a small PostgreSQL database as ``bench/scale.py`` does (``--users``, default 1,000), starts one
``planloom serve`` per configuration on it (all at once: an idle one costs no CPU), signs ``--signins`` users
in, and holds the open-loop load of ``bench/_load.py`` on the task page and the week's schedule, at each rate,
in ``--rounds`` segments that visit the configurations in turn (the order rotated each round), so every
configuration meets the same neighbours on a shared machine. Per request it keeps:

- the generator's own wait: intended send time to the write (a free connection, its own event loop);
- the server's ``Server-Timing`` (``entrypoints/http/timing.py``): ``total`` inside the async front, of
  which ``queue`` (waiting for a pool thread), ``app`` (Flask, wall) with its thread's ``cpu``, and ``gc``
  (garbage-collector pauses while it was in the server);
- what is left, "outside": the network, uvicorn's event loop before it hands the request over and after,
  and the generator reading the answer.

It prints, per endpoint, rate and configuration, p50/p99 pooled over the segments, the median over segments
of each segment's p99 (the noise-robust figure on a shared machine) and its ratio to the first
configuration's, CPU per request; then, per configuration, the median request's parts beside the mean parts
of the requests at or above p99; and the checkpoints and autovacuums PostgreSQL ran during each segment.
``/healthz``, answered by each worker's event loop without a pool thread, Flask or PostgreSQL, is loaded the
same way as a control: its tail is the generator's, the network's and the machine's, not the app's.
``--nice -10`` runs this run's processes (servers, their PostgreSQL backends, the generator) ahead of
other work on a shared machine. Nothing is judged (exit 0; 2 on errors).
"""
from __future__ import annotations

import argparse
import os
import random
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import _load  # noqa: E402
import scale  # noqa: E402
from api import drop_database  # noqa: E402

from entrypoints.http.timing import parse as parse_timing  # noqa: E402


@dataclass(frozen=True)
class Config:
    workers: int = 2
    threads: int = 4
    python: str = ""  # statements run before ``planloom serve`` (interpreter settings)

    def __str__(self) -> str:
        return f"{self.workers}x{self.threads}" + (f" [{self.python}]" if self.python else "")


CONFIGS = {
    "default": Config(),
    "switch1ms": Config(python="import sys; sys.setswitchinterval(0.001)"),
    "threads2": Config(threads=2),
    "w4t1": Config(workers=4, threads=1),
    "gc-lazy": Config(python="import gc; gc.set_threshold(50_000, 20, 100)"),
}
CONTROL = "healthz"  # answered by the event loop itself: no pool thread, no Flask, no PostgreSQL
PARTS = ("wait", "outside", "queue", "handoff", "app", "cpu", "runq", "asleep", "gc")


@dataclass
class Run:
    """One (endpoint, rate, configuration): scale.Pooled's latencies and CPU, plus each request's parts."""
    pooled: scale.Pooled
    parts: list[dict[str, float]] = field(default_factory=list)
    checkpoints: list[int] = field(default_factory=list)  # per segment
    gen_runq: list[float] = field(default_factory=list)  # per segment: share of it the generator waited for a core
    loop_runq: list[float] = field(default_factory=list)  # the same for the workers' event loops (mean of them)

    def add_detail(self, detail: list) -> None:
        for waited, latency, raw in detail:
            server = parse_timing(raw.decode("latin-1")) if raw else {}
            total = server.get("total", 0.0)
            self.parts.append({
                "latency": 1000 * latency, "wait": 1000 * waited,
                "outside": 1000 * (latency - waited) - total, "total": total,
                "queue": server.get("queue", 0.0), "app": server.get("app", 0.0), "cpu": server.get("cpu", 0.0),
                "runq": server.get("runq", 0.0), "gc": server.get("gc", 0.0),
                "asleep": server.get("app", 0.0) - server.get("cpu", 0.0) - server.get("runq", 0.0),
                "handoff": total - server.get("queue", 0.0) - server.get("app", 0.0)})

    def segment_p99(self) -> float:
        return statistics.median(p99 for p99, _ in self.pooled.segments)

    def breakdown(self, low: float, high: float) -> dict[str, float]:
        """Mean parts of the requests whose latency lies between percentiles ``low`` and ``high``."""
        ranked = sorted(self.parts, key=lambda p: p["latency"])
        chosen = ranked[int(len(ranked) * low / 100): max(int(len(ranked) * low / 100) + 1, int(len(ranked) * high / 100))]
        return {k: statistics.fmean(p[k] for p in chosen) for k in ("latency", "total", *PARTS)} | {
            "n": len(chosen), "with_gc": sum(p["gc"] >= 1.0 for p in chosen) / len(chosen)}


def requests_for(db: scale.Database, endpoint: str, now: datetime, rng: random.Random) -> list[_load.Request]:
    if endpoint == CONTROL:
        return [_load.Request("GET", "/healthz")]
    return scale.requests_for(db, endpoint, now, rng)


def runq_seconds(pid: int, tid: int) -> float:
    """Seconds a thread has been runnable but waiting for a core (the kernel's schedstat)."""
    try:
        with open(f"/proc/{pid}/task/{tid}/schedstat") as handle:
            return int(handle.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def renice(niceness: int, servers, dsn: str, db_name: str) -> None:
    """This generator, each server's process group and their PostgreSQL backends at ``niceness``: on a
    shared machine, neighbours then get only the CPU this run leaves (what "the machine to itself" means)."""
    import psycopg

    os.setpriority(os.PRIO_PROCESS, 0, niceness)
    with psycopg.connect(dsn, autocommit=True) as conn:
        backends = [r[0] for r in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND application_name = ANY(%s)",
            (db_name, [server.app_name for server in servers]))]
    for server in servers:
        os.setpriority(os.PRIO_PGRP, server.proc.pid, niceness)  # gunicorn's master and its workers
    for pid in backends:
        try:
            os.setpriority(os.PRIO_PROCESS, pid, niceness)
        except ProcessLookupError:
            pass


def pg_counters(dsn: str) -> dict[str, int]:
    """Checkpoints (the whole cluster: other databases' writes cause them too) and this database's
    autovacuum and autoanalyze runs."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        cp = conn.execute("SELECT checkpoints_timed + checkpoints_req, buffers_checkpoint FROM pg_stat_bgwriter").fetchone()
        av = conn.execute("SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0) FROM pg_stat_all_tables").fetchone()
    return {"checkpoints": cp[0], "buffers_checkpoint": cp[1], "autovacuums": int(av[0])}


def diff(after: dict[str, int], before: dict[str, int]) -> dict[str, int]:
    return {k: after[k] - before[k] for k in after}


def report(args, names: list[str], results: dict, counters: dict) -> None:
    first = names[0]
    print()
    print(f"Tail: {args.users:,} users, open loop, {args.duration:g} s per configuration and rate in {args.rounds} "
          f"segments visiting the configurations in turn, {args.open_connections} connections; {os.cpu_count()} CPUs shared")
    for name in names:
        print(f"  {name:<10} planloom serve {args.configs_resolved[name]}")
    print(f"{'endpoint':<14} {'rate':>5} {'config':<10} {'p50':>6} {'p99':>7} {'seg p99':>8} {'vs ' + first:>9} "
          f"{'rps':>6} {'err':>4} {'app ms':>6} {'pg ms':>5} {'busy':>5} {'gen rq':>6} {'loop rq':>7}  segment p99s")
    for (endpoint, rate), by_config in results.items():
        ref = by_config[first].segment_p99()
        for name in names:
            run = by_config[name]
            r = run.pooled
            print(f"{endpoint:<14} {rate:>5g} {name:<10} {r.pct(50):6.1f} {r.pct(99):7.1f} {run.segment_p99():8.1f} "
                  f"{run.segment_p99() / ref:8.2f}x {r.rps:6.1f} {r.errors:4d} {r.app_cpu_ms:6.2f} {r.pg_cpu_ms:5.2f} "
                  f"{100 * r.busy:4.0f}% {100 * statistics.median(run.gen_runq):5.1f}% "
                  f"{100 * statistics.median(run.loop_runq):6.1f}%  " + " ".join(
                      f"{p99:.0f}{'C' * n}" for (p99, _), n in zip(r.segments, run.checkpoints)))
    print("p50/p99 ms over all segments from the scheduled send time; seg p99: median over segments of each "
          "segment's p99, and its ratio to the first configuration's; app ms / pg ms: CPU per request of the "
          "server's processes / its PostgreSQL backends; busy: whole machine; gen rq / loop rq: share of the segment "
          "the generator / a worker's event loop was ready to run but waited for a core (median over segments); "
          "C: a checkpoint ended in that segment")
    print()
    print("Where the time went, ms: the median requests (p45-p55) | the slowest (>= p99), means; wait: generator "
          "before the write; outside: network + uvicorn's loop + reading the answer; queue: for a pool thread; "
          "handoff: the rest of the server's total (reading the body, back to the loop); app: Flask's wall time = "
          "cpu: its thread's CPU + runq: ready, waiting for a core + asleep: for PostgreSQL or the GIL; "
          "gc: collector pauses while in the server; gc>=1: share of requests with one >= 1 ms")
    cols = ("latency", "wait", "outside", "total", "queue", "handoff", "app", "cpu", "runq", "asleep", "gc")
    print(f"{'endpoint':<14} {'rate':>5} {'config':<10} " + " ".join(f"{c:>7}" for c in cols) + "  gc>=1  |  "
          + " ".join(f"{c:>7}" for c in cols) + "  gc>=1   n")
    for (endpoint, rate), by_config in results.items():
        for name in names:
            mid, tail = by_config[name].breakdown(45, 55), by_config[name].breakdown(99, 100)
            print(f"{endpoint:<14} {rate:>5g} {name:<10} " + " ".join(f"{mid[c]:7.2f}" for c in cols)
                  + f"  {100 * mid['with_gc']:4.0f}%  |  " + " ".join(f"{tail[c]:7.2f}" for c in cols)
                  + f"  {100 * tail['with_gc']:4.0f}% {tail['n']:3d}")
    print()
    print(f"PostgreSQL during the measured segments: {counters['checkpoints']} checkpoints "
          f"({counters['buffers_checkpoint']} buffers written), {counters['autovacuums']} autovacuum/autoanalyze "
          "runs on the bench database")
    print("Medians over every (endpoint, rate) of the segment-p99 ratio to the first configuration: " + ", ".join(
        f"{name} {statistics.median(results[key][name].segment_p99() / results[key][first].segment_p99() for key in results):.2f}x"
        for name in names))


def parse(argv: list[str] | None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--users", type=int, default=1_000)
    p.add_argument("--tasks-per-user", type=int, default=20)
    p.add_argument("--configs", default=",".join(CONFIGS),
                   help=f"comma-separated, the first is the reference; known: {', '.join(CONFIGS)}")
    p.add_argument("--rates", default="25,50,100", help="open-loop rates in req/s, comma-separated")
    p.add_argument("--duration", type=float, default=20.0, help="seconds per configuration, endpoint and rate")
    p.add_argument("--rounds", type=int, default=4, help="segments each run is cut into (default 4)")
    p.add_argument("--warmup", type=float, default=3.0, help="seconds of unmeasured load per server and endpoint")
    p.add_argument("--signins", type=int, default=100)
    p.add_argument("--open-connections", type=int, default=32)
    p.add_argument("--nice", type=int, default=None,
                   help="run the servers, their PostgreSQL backends and the generator at this niceness (root for < 0), "
                        "e.g. -10 on a machine shared with other work")
    p.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432"))
    p.add_argument("--admin-db", default="test")
    args = p.parse_args(argv)
    unknown = [n for n in args.configs.split(",") if n not in CONFIGS]
    if unknown:
        p.error(f"unknown configuration(s): {', '.join(unknown)}")
    args.configs_resolved = {n: CONFIGS[n] for n in args.configs.split(",")}
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    base_url = args.pg.rstrip("/")
    admin_dsn = f"{base_url}/{args.admin_db}"
    rates = [float(r) for r in args.rates.split(",")]
    name = f"planloom_tail_{secrets.token_hex(3)}"
    db = scale.Database("tail", args.users, name, f"{base_url}/{name}")
    now = datetime.now(timezone.utc).replace(microsecond=0)
    rng = random.Random(5)
    workdir = Path(tempfile.mkdtemp(prefix="planloom-tail-"))
    names = list(args.configs_resolved)
    servers = {}
    created = False
    try:
        created = True
        scale.create_and_seed(db, admin_dsn, args.tasks_per_user, now)
        secret = {"PLANLOOM_SECRET_KEY": secrets.token_urlsafe(48)}  # one token signs in everywhere
        for n, config in args.configs_resolved.items():
            servers[n] = scale.launch(db, workdir, config.workers, config.threads, name=n, python=config.python or "pass",
                                      env=secret)
        for server in servers.values():
            server.wait_ready("/healthz")
        db.server = servers[names[0]]
        scale.sign_in(db, args.signins, rng, now)
        for server in servers.values():
            for endpoint in scale.READS:
                scale.segment(db, scale.requests_for(db, endpoint, now, rng), rates[0], args.warmup,
                              args.open_connections, None, server)
        results: dict = {}
        totals = {"checkpoints": 0, "buffers_checkpoint": 0, "autovacuums": 0}
        for rate in rates:
            for endpoint in (*scale.READS, CONTROL):
                runs = {n: Run(scale.Pooled(rate)) for n in names}
                for k in range(args.rounds):
                    for n in names[k % len(names):] + names[:k % len(names)]:
                        detail: list = []
                        if args.nice is not None:  # again each time: the pools open connections as the rate needs
                            renice(args.nice, servers.values(), db.dsn, db.name)
                        before, workers = pg_counters(db.dsn), servers[n].worker_pids()
                        loops0 = [runq_seconds(pid, pid) for pid in workers]
                        gen0, t0 = runq_seconds(os.getpid(), os.getpid()), time.monotonic()
                        scale.segment(db, requests_for(db, endpoint, now, rng), rate, args.duration / args.rounds,
                                      args.open_connections, runs[n].pooled, servers[n], detail)
                        wall = time.monotonic() - t0
                        runs[n].gen_runq.append((runq_seconds(os.getpid(), os.getpid()) - gen0) / wall)
                        runs[n].loop_runq.append(statistics.fmean(
                            runq_seconds(pid, pid) - r0 for pid, r0 in zip(workers, loops0)) / wall)
                        delta = diff(pg_counters(db.dsn), before)
                        totals = {key: totals[key] + delta[key] for key in totals}
                        runs[n].add_detail(detail)
                        runs[n].checkpoints.append(delta["checkpoints"])
                results[(endpoint, rate)] = runs
                scale.log(f"{endpoint} @ {rate:g}/s: segment-median p99 " + ", ".join(
                    f"{n} {runs[n].segment_p99():.1f} ms" for n in names))
        report(args, names, results, totals)
        return 0
    except KeyboardInterrupt:
        scale.log("interrupted")
        return 130
    except Exception as exc:  # noqa: BLE001
        scale.log(f"ERROR: {type(exc).__name__}: {exc}")
        for server in servers.values():
            print(f"--- {server.name} server log (last lines) ---\n{server.tail()}", file=sys.stderr)
        return 2
    finally:
        for server in servers.values():
            server.stop()
        if created:
            try:
                drop_database(admin_dsn, name)
                scale.log(f"dropped database {name}")
            except Exception as exc:  # noqa: BLE001
                scale.log(f"could not drop database {name}: {exc}")
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
