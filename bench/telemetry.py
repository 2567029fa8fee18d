"""What /metrics costs each request: ``GET /api/v1/tasks/<id>`` through the whole Flask app (memory
profile, test client, no sockets), with the telemetry the container wires side by side with a telemetry
that records nothing, in alternating rounds of the same run. Run:
``.venv/bin/python bench/telemetry.py [--rounds N] [--multiprocess]``.

``--multiprocess`` measures the mode ``planloom serve`` uses (memory-mapped files in a shared folder):
prometheus-client picks it when first imported, so the run re-executes itself with the folder set.
Prints the median CPU per request of each, their difference and the ratio, and one scrape's cost.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dependency_injector import providers  # noqa: E402

from entrypoints.config import Settings  # noqa: E402
from entrypoints.container import build_container  # noqa: E402
from entrypoints.http.app import create_app  # noqa: E402
from ports.telemetry import Telemetry  # noqa: E402


class Nothing(Telemetry):
    """The baseline: every call returns at once."""

    def observe_request(self, *a): pass
    def observe_command(self, *a): pass
    def observe_plan(self, *a): pass
    def count_message(self, *a): pass
    def observe_job(self, *a): pass
    def count_delivery(self, *a): pass
    def count_cache(self, *a): pass
    def count_rate_limited(self, *a): pass
    def set_backlog(self, *a): pass
    def exposition(self): return b"", "text/plain"


def _client(telemetry: Telemetry | None):
    settings = Settings(profile="memory", secret_key="bench-telemetry-" * 3, metrics_dir=_folder())
    container = build_container(settings)
    if telemetry is not None:
        container.telemetry.override(providers.Object(telemetry))
    client = create_app(settings, container).test_client()
    email = f"{uuid.uuid4().hex[:8]}@ex.com"
    token = client.post("/api/v1/auth/register", json={"email": email, "password": "pass-word-1"}).get_json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    task = client.post("/api/v1/tasks", json={"title": "bench", "duration_minutes": 30}, headers=headers).get_json()
    return client, f"/api/v1/tasks/{task['id']}", headers


def _folder() -> Path | None:
    value = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    return Path(value) if value else None


def _cpu_per_request(client, path, headers, n: int) -> float:
    started = time.process_time()
    for _ in range(n):
        client.get(path, headers=headers)
    return (time.process_time() - started) / n * 1e6  # µs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--per-round", type=int, default=300)
    parser.add_argument("--multiprocess", action="store_true")
    args = parser.parse_args()
    if args.multiprocess and not _folder():
        with tempfile.TemporaryDirectory() as folder:
            argv = [sys.executable, __file__, "--rounds", str(args.rounds), "--per-round", str(args.per_round)]
            sys.exit(subprocess.call(argv, env=os.environ | {"PROMETHEUS_MULTIPROC_DIR": folder}))
    logging_off()
    measured, baseline = _client(None), _client(Nothing())
    for client in (measured, baseline):
        _cpu_per_request(*client, 50)  # warm-up
    with_metrics, without = [], []
    for _ in range(args.rounds):
        with_metrics.append(_cpu_per_request(*measured, args.per_round))
        without.append(_cpu_per_request(*baseline, args.per_round))
    a, b = statistics.median(with_metrics), statistics.median(without)
    started = time.process_time()
    for _ in range(20):
        measured[0].get("/metrics")
    scrape = (time.process_time() - started) / 20 * 1e3
    mode = f"multiprocess ({_folder()})" if _folder() else "one process"
    print(f"telemetry mode: {mode}; GET /api/v1/tasks/<id>, median CPU per request over {args.rounds} rounds "
          f"of {args.per_round}")
    print(f"  with telemetry     {a:8.1f} µs")
    print(f"  records nothing    {b:8.1f} µs")
    print(f"  difference         {a - b:8.1f} µs   ratio {a / b:.3f}")
    print(f"  one /metrics scrape {scrape:7.2f} ms CPU")


def logging_off() -> None:
    import logging

    logging.disable(logging.INFO)


if __name__ == "__main__":
    main()
