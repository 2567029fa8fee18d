"""A real ``planloom serve`` subprocess on a free loopback port, for tests that need the real server."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def planloom_env(data_dir, **extra: str) -> dict[str, str]:
    return os.environ | {"PLANLOOM_DATA_DIR": str(data_dir), "PLANLOOM_ARGON2_TIME_COST": "1",
                         "PLANLOOM_ARGON2_MEMORY_KIB": "1024"} | extra


def start_server(data_dir, *args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """A ``planloom serve`` in its own process group (so the whole server, workers too, can be killed at
    once), and its base URL once ``/readyz`` answers 200."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "entrypoints.cli", "serve", "--migrate", "--port", str(port), *args],
        cwd=ROOT, env=env or planloom_env(data_dir), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if requests.get(f"{base}/readyz", timeout=2).status_code == 200:
                return process, base
        except requests.RequestException:  # refused, or no answer yet while it starts
            time.sleep(0.2)
    stop_server(process)
    raise AssertionError("server did not become ready")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)
    process.stdout.close()


@contextmanager
def live_server(data_dir, *args: str, env: dict[str, str] | None = None):
    """Yields the base URL once ``/readyz`` answers 200; terminates the server on the way out."""
    process, base = start_server(data_dir, *args, env=env)
    try:
        yield base
    finally:
        stop_server(process)
