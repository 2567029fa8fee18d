"""The worst CPU time of any single request a fuzzing run finds, over every operation.

    .venv/bin/python bench/fuzz_cpu.py                       # 90 s of schemathesis against this tree
    .venv/bin/python bench/fuzz_cpu.py --source /tmp/main    # the same against another checkout
    .venv/bin/python bench/fuzz_cpu.py --seconds 30 --top 10

The app is built in this process on the embedded default (a fresh SQLite file, no background
threads), one user signs up, and the app is served on a loopback socket by a single thread.
schemathesis runs every phase (examples, coverage, fuzzing, stateful) with every check, as the
signed-in user, for ``--seconds``, with a fixed seed. Each request's CPU is the serving thread's
CPU time (``time.thread_time``, which unlike ``process_time`` leaves out the fuzzer's own thread)
from the start of the WSGI call to the end of its body. Printed: requests and how many answered
5xx, the worst request (operation, status, CPU ms) and the operations with the most expensive worst
request; each operation's first call (lazy imports, cold caches) is shown apart, not ranked.
Then the inputs issue 9 reproduced by hand (``HOSTILE``) are sent once each, and their CPU printed.

``--source DIR`` imports Planloom from DIR instead of this tree (e.g. ``git archive main | tar -x
-C /tmp/main``), so "before" and "after" run under the same script and fuzzer. The SSE stream
(``/notifications/stream``) and signing out are left out (see ``UNFUZZED``).
"""
from __future__ import annotations

import argparse
import gc
import re
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The SSE stream holds its request open for up to a minute by design; signing out would leave the
# rest of the run unauthenticated.
UNFUZZED = ("/api/v1/notifications/stream", "/api/v1/auth/logout")


class CpuMeter:
    """WSGI middleware: the serving thread's CPU per request, by operation (method + URL rule)."""

    def __init__(self, app) -> None:
        self.app, self.flask = app.wsgi_app, app
        self.worst: dict[str, tuple[float, int]] = defaultdict(lambda: (0.0, 0))
        self.first: dict[str, float] = {}
        self.requests = self.server_errors = 0
        self.last: tuple[float, int] = (0.0, 0)

    def __call__(self, environ, start_response):
        started, status = time.thread_time(), []

        def recording_start(code, headers, exc_info=None):
            status.append(int(code.split()[0]))
            return start_response(code, headers, exc_info)

        body = b"".join(self.app(environ, recording_start))
        spent = time.thread_time() - started
        operation = f"{environ['REQUEST_METHOD']} {self._rule(environ)}"
        self.requests += 1
        self.last = (spent, status[0] if status else 0)
        self.server_errors += bool(status and status[0] >= 500)
        if operation not in self.first:  # an operation's first call pays for lazy imports and caches
            self.first[operation] = spent
        elif spent > self.worst[operation][0]:
            self.worst[operation] = (spent, status[0] if status else 0)
        return [body]

    def _rule(self, environ) -> str:
        try:
            rule, _ = self.flask.url_map.bind_to_environ(environ).match(return_rule=True)
            return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        except Exception:  # no route: a malformed id, an unknown path or method
            return "(no route)"


def build_app(data_dir: Path):
    from adapters.sql.migrate import upgrade
    from entrypoints.config import Settings
    from entrypoints.http.app import create_app

    url = f"sqlite:///{data_dir / 'planloom.db'}"
    upgrade(url)
    settings = Settings(data_dir=data_dir, database_url=url, secret_key=uuid.uuid4().hex * 2)
    settings = replace(settings, api_rate_limit="1000000 per minute", login_rate_limit="1000000 per minute",
                       login_ip_rate_limit="1000000 per minute", argon2_time_cost=1, argon2_memory_kib=1024)
    app = create_app(settings)
    registered = app.test_client().post("/api/v1/auth/register", json={
        "email": f"fuzz-{uuid.uuid4().hex[:8]}@example.com", "password": "correct horse battery"})
    return app, registered.get_json()["access_token"]


# The inputs issue 9 reproduced by hand, sent after the fuzzing (method, path, body, extra headers).
DEEP = "[" * 100_000 + "]" * 100_000
HOSTILE = [
    ("GET", "/api/v1/tasks?page=100000000000000000000", None, {}),
    ("GET", "/api/v1/notifications?page=100000000000000000000", None, {}),
    ("GET", "/api/v1/schedule?from=9999-12-31T00:00:00%2B00:00", None, {}),
    ("POST", "/api/v1/tasks", DEEP, {}),
    ("POST", "/api/v1/tasks", '{"title": ' + DEEP + "}", {}),
    ("POST", "/api/v1/tasks", '{"title": "t", "priority": ' + "9" * 5000 + "}", {}),
    ("POST", "/api/v1/ai/parse", '{"text": "1' + " " * 9988 + 'x"}', {}),
    ("POST", "/api/v1/tasks/quick-add", '{"text": "' + "a;" * 4999 + '"}', {}),
    ("GET", "/api/v1/tasks?status=todo&status=cancelled&status=done&status=scheduled"
            "&due_after=2117-02-19T19:19:32.0%2B23:50&page=17089760", None, {}),
]


def hostile(base: str, token: str, meter: CpuMeter) -> list[tuple[str, float, int]]:
    import requests

    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    measured = []
    for method, path, body, extra in HOSTILE:
        requests.request(method, base + path, data=body, headers=headers | extra, timeout=600)
        label = f"{method} {path[:40]}" + (f" body {body[:16]!r}... ({len(body)} chars)" if body else "")
        measured.append((label, *meter.last))
    return measured


def fuzz(base: str, token: str, seconds: int, seed: int) -> int:
    import schemathesis
    from schemathesis import engine
    from schemathesis.config import SchemathesisConfig
    from schemathesis.engine import events

    config = SchemathesisConfig.from_dict({
        "seed": seed, "workers": 1, "max-time": seconds, "cache": {"enabled": False}, "headers": {"Authorization": f"Bearer {token}"},
        "checks": {"enabled": True}, "generation": {"max-examples": 200},
        "phases": {"stateful": {"enabled": True}},
    })
    schema = schemathesis.openapi.from_url(f"{base}/api/v1/openapi.json", config=config).exclude(path=list(UNFUZZED))
    scenarios = 0
    for event in engine.from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            scenarios += 1
    return scenarios


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=ROOT, help="the Planloom tree to import (default: this one)")
    parser.add_argument("--seconds", type=int, default=90, help="the fuzzing time budget")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=8, help="how many operations to list")
    args = parser.parse_args()
    sys.path.insert(0, str(args.source.resolve()))

    import logging

    from werkzeug.serving import make_server

    with tempfile.TemporaryDirectory(prefix="planloom-fuzz-") as data_dir:
        app, token = build_app(Path(data_dir))
        logging.disable(logging.CRITICAL)  # the access log and the fuzzer's 500s (logged) cost CPU too
        gc.freeze()  # what is loaded by now (app, fuzzer) is not rescanned by collections during requests
        meter = CpuMeter(app)
        server = make_server("127.0.0.1", 0, meter, threaded=False)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            started, base = time.monotonic(), f"http://127.0.0.1:{server.server_port}"
            fuzz(base, token, args.seconds, args.seed)
            elapsed = time.monotonic() - started
            fuzzed = (dict(meter.worst), meter.requests, meter.server_errors)
            hostile_inputs = hostile(base, token, meter)
        finally:
            server.shutdown()
            thread.join()
    return report(meter, fuzzed, hostile_inputs, args, elapsed)


def report(meter: CpuMeter, fuzzed: tuple, hostile_inputs: list, args, elapsed: float) -> int:
    worst, requests, server_errors = fuzzed
    ranked = sorted(worst.items(), key=lambda item: item[1][0], reverse=True)
    print(f"source: {args.source.resolve()}   budget: {args.seconds} s (ran {elapsed:.0f} s), seed {args.seed}")
    print(f"fuzzed requests: {requests} over {len(meter.first)} operations, {server_errors} answered 5xx")
    if meter.first:
        operation, cpu = max(meter.first.items(), key=lambda item: item[1])
        print(f"worst first call (warm-up, not counted below): {cpu * 1000:.1f} ms CPU  {operation}")
    if ranked:
        operation, (cpu, status) = ranked[0]
        print(f"worst single request: {cpu * 1000:.1f} ms CPU  {operation} -> {status}")
    print(f"{'operation':<52} {'worst CPU ms':>12}  status")
    for operation, (cpu, status) in ranked[:args.top]:
        print(f"{operation:<52} {cpu * 1000:>12.1f}  {status}")
    print("issue 9's hostile inputs, once each:")
    for label, cpu, status in hostile_inputs:
        print(f"{label:<90} {cpu * 1000:>10.1f} ms  {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
