"""CPU per request of ``GET /api/v1/tasks``: this tree, other trees, and the bare endpoint, side by
side in one run, with the app alone and served.

    .venv/bin/python bench/api_cpu.py                                   # this tree against bare
    .venv/bin/python bench/api_cpu.py --tree old=/tmp/before            # + another checkout
    .venv/bin/python bench/api_cpu.py --tree old=/tmp/before --profile  # + where each one's CPU goes (py-spy)

Wall-clock throughput on a shared machine moves with the neighbours; the CPU spent per request moves
much less. So this measures only that, twice:

1. the app alone: a subprocess per tree (``PYTHONPATH=DIR``) builds the WSGI app as ``planloom serve``
   does (``load_app``) and calls it ``--calls`` times in one thread with a ready environ, timing its
   own CPU (``os.times``: user and system): no server, no sockets, no threads, so this is the steadiest figure
   and shows what the app itself costs; the bare Flask app is called the same way;
2. served: each server runs with ONE worker (``--threads`` request threads), wrk keeps
   ``--connections`` requests in flight (fewer than the threads, so no queue builds up), and the
   server's CPU (its process tree, from /proc: user and system) and its PostgreSQL backends' CPU are
   divided by the requests answered. Served minus alone is what the server model (HTTP parsing,
   hand-offs between threads, socket calls) costs.

The candidates take turns in ``--rounds`` rounds (a, b, c, a, b, c, ...) so that all meet the same
neighbours; the figure per candidate is the median over rounds, and the ratios are medians of the
per-round ratios.

The data, tokens, bare endpoint and servers are ``bench/api.py``'s (its ``--quick`` data set: each
token user has 60 tasks, so every GET returns a full page of 50). ``--tree NAME=DIR`` adds ``planloom
serve`` from another checkout (``mkdir -p /tmp/before && git archive 528634d | tar -x -C /tmp/before``:
528634d is the last gthread server), run on the same data with ``PYTHONPATH=DIR``.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _load  # noqa: E402
import api  # noqa: E402

GET_PATH = "/api/v1/tasks?page=1&page_size=50"


# ============================================================================================
# the app alone, in a subprocess per candidate: `api_cpu.py _app`, driven over stdin/stdout
# ============================================================================================
def _environ(path: str, query: str, token: str) -> dict:
    """What a server hands a WSGI app for ``GET path?query`` (a fresh body stream per call)."""
    environ = {
        "REQUEST_METHOD": "GET", "SCRIPT_NAME": "", "PATH_INFO": path, "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "REMOTE_ADDR": "127.0.0.1", "REMOTE_PORT": "40000",
        "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.version": (1, 0), "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr, "wsgi.multithread": True,
        "wsgi.multiprocess": True, "wsgi.run_once": False, "HTTP_HOST": "127.0.0.1:8000", "HTTP_USER_AGENT": "wrk",
    }
    if token:
        environ["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return environ


def app_child() -> int:
    """Reads one JSON line (kind, tokens or bare paths, dsn, sql), builds the app, answers ``ready``;
    then for each line N on stdin calls the app N times and prints its CPU and wall seconds."""
    import gc

    config = json.loads(sys.stdin.readline())
    sys.path.insert(0, config["tree"])  # before this tree, which api.py put first
    if config.get("kind") == "bare":
        app = api.create_bare_app(config["dsn"], pool_max=1, sql=config["sql"])
        gc.collect()
        gc.freeze()
        calls = [_environ(path.split("?")[0], path.split("?")[1], "") for path in config["paths"]]
    else:
        from entrypoints.cli import load_app
        from entrypoints.config import Settings

        if not Path(sys.modules["entrypoints"].__file__).is_relative_to(config["tree"]):
            raise RuntimeError(f"entrypoints imported from {sys.modules['entrypoints'].__file__}")
        app = load_app(Settings.from_env())
        path, query = GET_PATH.split("?")
        calls = [_environ(path, query, token) for token in config["tokens"]]

    def call(environ: dict) -> None:
        status = []
        body = b"".join(app(dict(environ, **{"wsgi.input": io.BytesIO(b"")}),
                            lambda s, h, exc_info=None: status.append(s)))
        if not status[0].startswith("200"):
            raise RuntimeError(f"{status[0]}: {body[:300]!r}")

    for i in range(200):
        call(calls[i % len(calls)])
    print("ready", flush=True)
    callgrind = os.environ.get("BENCH_CALLGRIND") == "1"  # count instructions of the calls only
    for line in sys.stdin:
        n = int(line)
        if callgrind:
            subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, stdout=subprocess.DEVNULL)
        before, wall = os.times(), time.perf_counter()
        for i in range(n):
            call(calls[i % len(calls)])
        after, wall = os.times(), time.perf_counter() - wall
        user, system = after.user - before.user, after.system - before.system
        if callgrind:
            subprocess.run(["callgrind_control", "-i", "off", str(os.getpid())], check=True, stdout=subprocess.DEVNULL)
        print(json.dumps({"user": user, "sys": system, "wall": wall}), flush=True)
    return 0


# ============================================================================================
# the server model alone: `api_cpu.py _front`, each tree's front around the same fixed WSGI app
# ============================================================================================
FIXED_BODY = b'[' + b",".join(b'{"id":"%032d","title":"a task of about four hundred bytes","notes":"%s"}'
                              % (i, b"n" * 330) for i in range(50)) + b"]"
FIXED_HEADERS = [  # what Planloom's page of tasks carries
    ("Content-Type", "application/json"), ("Content-Length", str(len(FIXED_BODY))),
    ("X-Pagination", '{"total":60,"total_pages":2,"first_page":1,"last_page":2,"page":1,"next_page":2}'),
    ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Opener-Policy", "same-origin"), ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
    ("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
                                "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"),
    ("Cache-Control", "no-store"), ("X-Request-ID", "0123456789abcdef0123456789abcdef"),
]


def fixed_app(environ, start_response):
    start_response("200 OK", list(FIXED_HEADERS))
    return [FIXED_BODY]


def front_child(argv: list[str]) -> int:
    """Serves ``fixed_app`` on one worker as the tree's ``planloom serve`` would (its ``entrypoints.server``
    and bridge; a tree without them, or ``--gthread``, under gunicorn's gthread worker)."""
    from gunicorn.app.base import BaseApplication

    p = argparse.ArgumentParser(prog="api_cpu.py _front")
    p.add_argument("--tree", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--gthread", action="store_true")
    args = p.parse_args(argv)
    sys.path.insert(0, args.tree)
    if not args.gthread and Path(args.tree, "entrypoints", "server.py").exists():
        from entrypoints.http.bridge import BufferedWsgi
        from entrypoints.server import Server

        Server(lambda: BufferedWsgi(fixed_app, threads=args.threads), f"127.0.0.1:{args.port}", 1).run()
        return 0

    class _Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in api.gunicorn_settings("127.0.0.1", args.port, 1, args.threads).items():
                self.cfg.set(key, value)

        def load(self):
            return fixed_app

    _Server().run()
    return 0


class AppAlone:
    """One candidate's app in its own process (``PYTHONPATH`` = its tree)."""

    def __init__(self, name: str, tree: Path, env: dict, config: dict, logdir: Path, callgrind: bool = False) -> None:
        self.name, self.app_name = name, f"bench-{name}-alone"
        self.log_path = logdir / f"{name}-alone.log"
        self.log = open(self.log_path, "wb")  # the access log, as a served worker's goes to a file
        command = [sys.executable, str(HERE / "api_cpu.py"), "_app"]
        if callgrind:
            command = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
                       f"--callgrind-out-file={logdir / f'callgrind.{name}'}"] + command
            env = env | {"BENCH_CALLGRIND": "1"}
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.log, text=True, cwd=str(tree),
                                     env=env | {"PYTHONPATH": str(tree)})
        self.proc.stdin.write(json.dumps(config | {"tree": str(tree)}) + "\n")
        self.proc.stdin.flush()
        if self.proc.stdout.readline().strip() != "ready":
            raise RuntimeError(f"{name}: the app did not start")

    def run(self, n: int) -> dict:
        self.proc.stdin.write(f"{n}\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def stop(self) -> int | None:
        """Ends the process; under callgrind, returns the instructions it counted."""
        self.proc.stdin.close()
        self.proc.wait(300)
        self.log.close()
        found = re.search(r"Collected : (\d+)", self.log_path.read_text(errors="replace"))
        return int(found.group(1)) if found else None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_app"]:
        return app_child()
    if argv[:1] == ["_front"]:
        return front_child(argv[1:])
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tree", action="append", default=[], metavar="NAME=DIR",
                   help="also measure `planloom serve` from this checkout (repeatable)")
    p.add_argument("--rounds", type=int, default=5, help="measured rounds per server (default 5)")
    p.add_argument("--seconds", type=float, default=4, help="seconds per measured segment (default 4)")
    p.add_argument("--warmup", type=float, default=2, help="seconds of warm-up per server (default 2)")
    p.add_argument("--calls", type=int, default=300, help="app calls per round, app alone (default 300)")
    p.add_argument("--callgrind", action="store_true",
                   help="app alone only, each app once under valgrind's callgrind: instructions per call over "
                        "--calls calls (50 is plenty), repeatable to the digit on a busy machine, but slow "
                        "(minutes per app)")
    p.add_argument("--threads", type=int, default=4, help="request threads of the one worker (default 4)")
    p.add_argument("--connections", type=int, default=2, help="requests in flight (default 2)")
    p.add_argument("--users", type=int, default=500)
    p.add_argument("--tasks", type=int, default=10_000)
    p.add_argument("--token-users", type=int, default=50)
    p.add_argument("--no-bare", action="store_true", help="leave the bare endpoint out")
    p.add_argument("--phase", choices=("all", "alone", "served", "front"), default="all",
                   help="the app alone, served, the server model around a fixed app, or all three (default)")
    p.add_argument("--profile", action="store_true",
                   help="after the rounds, sample each Planloom server's GIL holder with py-spy for --seconds x 3 "
                        "and print its hottest frames")
    p.add_argument("--profile-dir", type=Path, default=Path(tempfile.gettempdir()) / "planloom-api-cpu-profile")
    p.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432"))
    p.add_argument("--admin-db", default="test")
    args = p.parse_args(argv)
    if not _load.have_wrk():
        print(f"wrk is needed: {_load.WRK_INSTALL_HINT}", file=sys.stderr)
        return 2
    trees = []
    for spec in args.tree:
        name, _, path = spec.partition("=")
        if not path or not Path(path, "entrypoints").is_dir():
            print(f"--tree {spec}: expected NAME=DIR of a Planloom checkout", file=sys.stderr)
            return 2
        trees.append((name, Path(path).resolve()))

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)

    def _terminate(signum, frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, _terminate)

    base = args.pg.rstrip("/")
    admin_dsn, db_name = f"{base}/{args.admin_db}", f"planloom_cpu_{os.getpid()}"
    dsn = f"{base}/{db_name}"
    workdir = Path(tempfile.mkdtemp(prefix="planloom-api-cpu-"))
    servers: list[api.Server] = []
    created = False
    try:
        list_sql = api.planloom_list_sql(lambda msg: None)
        api.create_database(admin_dsn, db_name)
        created = True
        from adapters.sql.migrate import upgrade
        upgrade(dsn)
        user_ids = api.seed(dsn, args.users, args.tasks, args.token_users, "full-page", log)
        sampled = user_ids[:args.token_users]
        env = dict(os.environ) | {
            "PLANLOOM_DATABASE_URL": f"{dsn}?application_name=bench-new",
            "PLANLOOM_SECRET_KEY": secrets.token_urlsafe(48),
            "PLANLOOM_DATA_DIR": str(workdir / "data"),
            "PLANLOOM_ACCESS_TOKEN_MINUTES": "240",
            "PLANLOOM_BACKGROUND": "0",
            "PLANLOOM_API_RATE_LIMIT": "1000000 per minute",
            "PYTHONPATH": str(api.ROOT),
        }
        tokens = api.mint_tokens(env, sampled)
        bare_paths = [f"/bare/tasks?user_id={uid}&page=1&page_size=50" for uid in sampled]
        candidates = [("new", api.ROOT)] + trees

        if args.callgrind:
            callgrind(args, env, dsn, workdir, candidates, tokens, bare_paths, list_sql, log)
            return 0
        if args.phase in ("all", "alone"):
            alone: list[AppAlone] = []
            try:
                alone = start_alone(env, dsn, workdir, candidates, tokens, bare_paths, list_sql, args.no_bare)
                log(f"app alone: {len(alone)} apps x {args.rounds} rounds of {args.calls} calls in one thread; "
                    "CPU ms per GET of a page of 50")

                def measure_alone(app: AppAlone) -> dict:
                    pg0 = api.backends_cpu(dsn, db_name, app.app_name)
                    out = app.run(args.calls)
                    pg = sum(cpu - pg0.get(pid, 0.0) for pid, cpu in api.backends_cpu(dsn, db_name, app.app_name).items())
                    return {"app": 1000 * (out["user"] + out["sys"]) / args.calls, "user": 1000 * out["user"] / args.calls,
                            "sys": 1000 * out["sys"] / args.calls, "pg": 1000 * pg / args.calls,
                            "rps": args.calls / out["wall"]}

                report(play_rounds(alone, measure_alone, args.rounds, log), log)
            finally:
                for app in alone:
                    app.stop()
        if args.phase in ("all", "served"):
            served(args, env, dsn, db_name, workdir, candidates, tokens, bare_paths, list_sql, servers, log)
        if args.phase in ("all", "front"):
            for srv in servers:
                srv.stop()
            servers.clear()
            served(args, env, dsn, db_name, workdir, candidates, tokens, bare_paths, list_sql, servers, log,
                   front=True)
        return 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for srv in servers:
            srv.stop()
        if created:
            api.drop_database(admin_dsn, db_name)
        shutil.rmtree(workdir, ignore_errors=True)
        signal.signal(signal.SIGINT, signal.default_int_handler)


def start_alone(env, dsn, workdir, candidates, tokens, bare_paths, list_sql, no_bare, callgrind=False) -> list[AppAlone]:
    apps = [AppAlone(name, tree, env | {"PLANLOOM_DATABASE_URL": f"{dsn}?application_name=bench-{name}-alone"},
                     {"tokens": tokens}, workdir, callgrind) for name, tree in candidates]
    if not no_bare:
        apps.append(AppAlone("bare", api.ROOT, env, {"kind": "bare", "paths": bare_paths, "sql": list_sql,
                                                     "dsn": f"{dsn}?application_name=bench-bare-alone"},
                             workdir, callgrind))
    return apps


def callgrind(args, env, dsn, workdir, candidates, tokens, bare_paths, list_sql, log) -> None:
    """Each app alone under callgrind at once (they are independent): instructions per call. Access
    tokens' revocation answers are remembered for the whole run (under valgrind the default 5 s would
    expire between calls, and the count would follow the machine's speed)."""
    env = env | {"PLANLOOM_REVOCATION_CACHE_SECONDS": "3600"}
    log(f"callgrind: {len(candidates) + (not args.no_bare)} apps, {args.calls} calls each after 200 uncounted "
        "(this takes minutes)")
    apps = start_alone(env, dsn, workdir, candidates, tokens, bare_paths, list_sql, args.no_bare, callgrind=True)
    for app in apps:
        app.proc.stdin.write(f"{args.calls}\n")
        app.proc.stdin.flush()
    for app in apps:
        app.proc.stdout.readline()
    counts = {app.name: app.stop() for app in apps}
    log("instructions per GET of a page of 50 (millions; the app's process only, PostgreSQL not counted):")
    for name, count in counts.items():
        log(f"  {name:<8} {count / args.calls / 1e6:8.3f}")
    if counts.get("bare"):
        for name, count in counts.items():
            if name != "bare":
                log(f"  instruction-bound rate {name}/bare: {counts['bare'] / count:.1%}")


def served(args, env, dsn, db_name, workdir, candidates, tokens, bare_paths, list_sql, servers, log,
           front: bool = False) -> None:
    planloom_bin = str(Path(sys.executable).with_name("planloom"))
    for name, tree in candidates:
        port = api.free_port()
        if front:
            servers.append(api.Server(name, [sys.executable, str(HERE / "api_cpu.py"), "_front", "--tree", str(tree),
                                             "--port", str(port), "--threads", str(args.threads)],
                                      env, port, workdir, cwd=tree))
            continue
        servers.append(api.Server(name, [planloom_bin, "serve", "--host", "127.0.0.1", "--port", str(port),
                                         "--workers", "1", "--threads", str(args.threads)],
                                  env | {"PLANLOOM_DATABASE_URL": f"{dsn}?application_name=bench-{name}",
                                         "PYTHONPATH": str(tree)}, port, workdir, cwd=tree))
    if not args.no_bare and front:
        port = api.free_port()
        servers.append(api.Server("bare", [sys.executable, str(HERE / "api_cpu.py"), "_front", "--tree", str(api.ROOT),
                                           "--port", str(port), "--threads", str(args.threads), "--gthread"],
                                  env, port, workdir))
    elif not args.no_bare:
        port = api.free_port()
        servers.append(api.Server("bare", [sys.executable, str(HERE / "api.py"), "_serve-bare", "--port", str(port),
                                           "--workers", "1", "--threads", str(args.threads),
                                           "--dsn", f"{dsn}?application_name=bench-bare", "--sql", list_sql],
                                  env, port, workdir))
    for srv in servers:
        srv.wait_ready("/healthz")

    def load(srv: api.Server):
        if srv.name == "bare":
            return bare_paths, [""] * len(bare_paths)
        return [GET_PATH] * len(tokens), tokens

    def run(srv: api.Server, seconds: float) -> dict:
        paths, auths = load(srv)
        user0, sys0 = tree_cpu(srv.proc.pid)
        pg0 = api.backends_cpu(dsn, db_name, srv.app_name)
        result = _load.wrk_closed_loop(srv.name, f"http://127.0.0.1:{srv.port}", "GET", paths, auths,
                                       seconds, args.connections, threads=1)
        user1, sys1 = tree_cpu(srv.proc.pid)
        pg = sum(cpu - pg0.get(pid, 0.0) for pid, cpu in api.backends_cpu(dsn, db_name, srv.app_name).items())
        if result.errors:
            raise RuntimeError(f"{srv.name}: {result.errors} errors of {result.requests} requests")
        n = max(1, result.requests)
        return {"app": 1000 * (user1 - user0 + sys1 - sys0) / n, "user": 1000 * (user1 - user0) / n,
                "sys": 1000 * (sys1 - sys0) / n, "pg": 1000 * pg / n, "rps": result.rps}

    for srv in servers:
        run(srv, args.warmup)
    log(f"{'front, around a fixed app' if front else 'served'}: {len(servers)} servers x {args.rounds} rounds of "
        f"{args.seconds:g} s, one worker with {args.threads} threads each, {args.connections} requests in flight "
        f"(wrk); CPU ms per GET" + ("" if front else " of a page of 50"))
    report(play_rounds(servers, lambda srv: run(srv, args.seconds), args.rounds, log), log)
    if args.profile and not front:
        for srv in servers:
            if srv.name != "bare":
                profile(srv, load(srv), args, log)


def tree_cpu(pid: int) -> tuple[float, float]:
    """User and system CPU seconds of a process and its children, live and reaped (gunicorn's tree)."""
    user = system = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = api._stat(int(entry))
            if fields is not None and (entry == str(pid) or fields[1] == str(pid)):
                user += int(fields[11]) + int(fields[13])
                system += int(fields[12]) + int(fields[14])
    return user / api._TICK, system / api._TICK


def play_rounds(candidates: list, measure, rounds: int, log) -> dict[str, list[dict]]:
    """Each candidate measured once per round, in turn; one line per round."""
    results: dict[str, list[dict]] = {c.name: [] for c in candidates}
    for i in range(rounds):
        cells = []
        for candidate in candidates:
            r = measure(candidate)
            results[candidate.name].append(r)
            cells.append(f"{candidate.name} {r['app']:.2f}+{r['pg']:.2f}")
        log(f"round {i + 1}: app+pg ms  " + "   ".join(cells))
    return results


def report(rounds: dict[str, list[dict]], log) -> None:
    def total(r: dict) -> float:
        return r["app"] + r["pg"]

    def med(results: list[dict], key: str) -> str:
        return f"{statistics.median(r[key] for r in results):6.2f}" if key in results[0] else "     -"

    log("median over rounds (CPU ms per GET; app = user + sys):")
    log(f"  {'':<8} {'app':>6} {'user':>6} {'sys':>6} {'pg':>6} {'app+pg':>7} {'req/s':>7}")
    for name, results in rounds.items():
        log(f"  {name:<8} {med(results, 'app')} {med(results, 'user')} {med(results, 'sys')} {med(results, 'pg')} "
            f"{statistics.median(map(total, results)):7.2f} {statistics.median(r['rps'] for r in results):7.0f}")
    names = list(rounds)
    for a in names:
        for b in names:
            if a != b and (b == "bare" or (a == "new" and b != "bare")):
                ratio = statistics.median(total(y) / total(x) for x, y in zip(rounds[a], rounds[b]))
                log(f"  CPU-bound rate {a}/{b}: {ratio:.1%} (median of per-round {b} app+pg / {a} app+pg)")


def profile(srv: api.Server, load: tuple[list[str], list[str]], args, log) -> None:
    """py-spy on the one worker's GIL holder (where its Python CPU goes; waits on PostgreSQL release the
    GIL) while wrk runs: the share of samples whose stack holds each of the hottest frames (inclusive)
    and whose innermost frame it is (self), so the event loop, the hand-off and the app can be told apart."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    worker = srv.worker_pids()[0]
    args.profile_dir.mkdir(parents=True, exist_ok=True)
    raw = args.profile_dir / f"{srv.name}.txt"
    seconds = args.seconds * 3
    spy_proc = subprocess.Popen([spy, "record", "--pid", str(worker), "--format", "raw", "--rate", "250", "--gil",
                                 "--duration", str(int(seconds) + 1), "--output", str(raw), "--nonblocking"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    paths, auths = load
    _load.wrk_closed_loop(srv.name, f"http://127.0.0.1:{srv.port}", "GET", paths, auths, seconds,
                          args.connections, threads=1)
    spy_proc.wait(timeout=seconds + 30)
    inclusive: dict[str, int] = {}
    leaf: dict[str, int] = {}
    samples = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        n = int(count)
        frames = [f.split(" (")[0] + " (" + f.split(" (")[1].split(":")[0] + ")" if " (" in f else f
                  for f in stack.split(";")]
        samples += n
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + n
        leaf[frames[-1]] = leaf.get(frames[-1], 0) + n
    log(f"py-spy {srv.name}: {samples} samples ({raw}); inclusive / self share of the hottest frames:")
    for frame, n in sorted(inclusive.items(), key=lambda kv: -kv[1])[:40]:
        log(f"  {n / samples:6.1%} {leaf.get(frame, 0) / samples:6.1%}  {frame}")


if __name__ == "__main__":
    sys.exit(main())
