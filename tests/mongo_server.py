"""A MongoDB for the test session: nx-27017 (MongoDB wire protocol on SQLite) started on a free
port, or a real server when ``PLANLOOM_TEST_MONGO_URL`` is set. Either way the session gets a
fresh database of its own, dropped afterwards. Registered by ``pytest_plugins`` in tests/conftest.py.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pymongo
import pytest
from pymongo.errors import PyMongoError

REAL_MONGO_URL = os.environ.get("PLANLOOM_TEST_MONGO_URL", "")
START_TIMEOUT_S = 20.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _with_database(url: str, name: str) -> str:
    """``url`` with its path set to ``/name``, keeping credentials, hosts and options."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _ping(url: str, timeout_ms: int = 500) -> bool:
    client = pymongo.MongoClient(url, serverSelectionTimeoutMS=timeout_ms, connectTimeoutMS=timeout_ms)
    try:
        client.admin.command("ping")
        return True
    except PyMongoError:
        return False
    finally:
        client.close()


def nx_27017_command(port: int, workdir: Path) -> list[str]:
    """The server in the foreground, with its data, log and pid file kept in ``workdir`` (the
    default pid file, /tmp/nx_27017.pid, would make a second server on this machine refuse to start)."""
    return [sys.executable, "-m", "nx_27017.nx_27017", "--host", "127.0.0.1", "--port", str(port),
            "--data-dir", str(workdir / "data"), "--log-file", str(workdir / "nx-27017.log"),
            "--pid-file", str(workdir / "nx-27017.pid")]


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def start_nx_27017(workdir: Path, attempts: int = 3) -> tuple[subprocess.Popen, str]:
    """Start nx-27017 on a free port and wait until it answers ``ping``; retries on another port
    if the chosen one was taken in the meantime."""
    (workdir / "data").mkdir(parents=True, exist_ok=True)
    output = workdir / "nx-27017.out"
    for _ in range(attempts):
        port = _free_port()
        url = f"mongodb://127.0.0.1:{port}/"
        with open(output, "ab") as sink:  # a file, never a pipe nobody reads
            process = subprocess.Popen(nx_27017_command(port, workdir), stdout=sink, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, cwd=workdir)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and process.poll() is None:
            if _ping(url):
                return process, url
            time.sleep(0.1)
        _stop(process)
    tail = output.read_text(errors="replace")[-2000:] if output.exists() else ""
    raise RuntimeError(f"nx-27017 did not answer ping after {attempts} attempts; its output:\n{tail}")


@pytest.fixture(scope="session")
def mongo_url(tmp_path_factory) -> str:
    """A MongoDB URL naming a fresh database for this session (``.../planloom_test_<hex>``)."""
    process = None
    if REAL_MONGO_URL:
        server_url = REAL_MONGO_URL
    else:
        process, server_url = start_nx_27017(tmp_path_factory.mktemp("nx-27017"))
    url = _with_database(server_url, f"planloom_test_{uuid.uuid4().hex[:12]}")
    try:
        yield url
    finally:
        try:
            if process is None:  # a real, shared server: leave nothing behind
                client = pymongo.MongoClient(url, serverSelectionTimeoutMS=3000)
                try:
                    client.drop_database(client.get_default_database())
                finally:
                    client.close()
        finally:
            if process is not None:
                _stop(process)
