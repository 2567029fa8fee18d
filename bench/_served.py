"""Shared by ``bench/streams.py`` and ``bench/slowloris.py``: start ``planloom serve`` and a baseline
on fresh SQLite data folders, and sample ``/healthz`` latency with a deadline per request.

The baseline is the server model ``planloom serve`` had before: gunicorn's gthread workers (same
``--workers``/``--threads``), running the app of this tree (the columns then differ only in the worker
model) or, with ``--baseline-tree DIR``, of another checkout, e.g. the code before the change:
``mkdir /tmp/before && git archive main | tar -x -C /tmp/before``."""
from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from api import ROOT, Server, free_port, http

TIMEOUT_S = 3.0  # a /healthz slower than this counts as unanswered


def add_arguments(parser) -> None:
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--baseline-tree", type=Path, default=ROOT,
                        help="checkout whose code the gthread baseline runs (default: this tree)")


def start(kind: str, workdir: Path, workers: int, threads: int, extra_env: dict[str, str],
          tree: Path = ROOT) -> Server:
    data = workdir / kind
    data.mkdir(parents=True)
    tree = tree.resolve()
    env = os.environ | {"PLANLOOM_DATA_DIR": str(data), "PLANLOOM_ARGON2_TIME_COST": "1",
                        "PLANLOOM_ARGON2_MEMORY_KIB": "1024", "PYTHONPATH": str(tree)} | extra_env
    subprocess.run([sys.executable, "-m", "entrypoints.cli", "migrate"], env=env, cwd=tree, check=True)
    port = free_port()
    if kind == "gthread":
        env |= {"PLANLOOM_BACKGROUND": "1", "PLANLOOM_JOBS": "1"}  # what serve sets on the embedded default
        cmd = [sys.executable, "-m", "gunicorn", "--worker-class", "gthread", "--workers", str(workers),
               "--threads", str(threads), "--bind", f"127.0.0.1:{port}", "--timeout", "60",
               "entrypoints.http.app:create_app()"]
    else:
        cmd = [sys.executable, "-m", "entrypoints.cli", "serve", "--port", str(port), "--workers", str(workers),
               "--threads", str(threads)]
    server = Server(kind, cmd, env, port, workdir, cwd=tree)
    server.wait_ready("/readyz")
    return server


KINDS = ("gthread", "serve")


def on_each_server(args, env: dict[str, str], run) -> None:
    """Start the baseline, then ``planloom serve``; ``run(kind, server)`` measures each; always cleaned up."""
    workdir = Path(tempfile.mkdtemp(prefix="planloom-bench-"))
    try:
        for kind in KINDS:
            tree = args.baseline_tree if kind == "gthread" else ROOT
            server = start(kind, workdir, args.workers, args.threads, env, tree)
            try:
                run(kind, server)
            finally:
                server.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def register(base: str, count: int) -> list[str]:
    tokens = []
    for i in range(count):
        status, _, body = http("POST", f"{base}/api/v1/auth/register",
                            body={"email": f"bench-{i}-{time.monotonic_ns()}@example.com", "password": "bench-password"})
        assert status == 201, (status, body)
        tokens.append(body["access_token"])
    return tokens


async def one_healthz(port: int) -> float | None:
    started = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), TIMEOUT_S)
    except (asyncio.TimeoutError, OSError):
        return None
    try:
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
        left = TIMEOUT_S - (time.perf_counter() - started)
        answer = await asyncio.wait_for(reader.read(), max(0.01, left))
        return time.perf_counter() - started if answer.startswith(b"HTTP/1.1 200") else None
    except (asyncio.TimeoutError, OSError):
        return None
    finally:
        writer.close()


async def sample_healthz(port: int, count: int) -> dict:
    """Sequential requests; gives up after 3 unanswered in a row (the server is not answering)."""
    times, missed, streak = [], 0, 0
    for _ in range(count):
        took = await one_healthz(port)
        if took is None:
            missed, streak = missed + 1, streak + 1
            if streak >= 3:
                break
        else:
            times.append(took * 1000)
            streak = 0
        await asyncio.sleep(0.02)
    return {"answered": len(times), "missed": missed, "p50": statistics.median(times) if times else None,
            "p99": max(times) if len(times) < 100 and times else (statistics.quantiles(times, n=100)[98] if times else None)}


def cell(result: dict) -> str:
    if not result["answered"]:
        return f"no answer ({result['missed']} x >{TIMEOUT_S:g} s)"
    text = f"{result['p50']:7.1f} / {result['p99']:7.1f} ms"
    return text + (f" ({result['missed']} missed)" if result["missed"] else "")
