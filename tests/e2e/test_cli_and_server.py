"""The ``planloom`` command and a real server on a socket."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(tmp_path) -> dict[str, str]:
    return os.environ | {"PLANLOOM_DATA_DIR": str(tmp_path), "PLANLOOM_ARGON2_TIME_COST": "1",
                         "PLANLOOM_ARGON2_MEMORY_KIB": "1024"}


def _planloom(tmp_path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "entrypoints.cli", *args], cwd=ROOT, env=_env(tmp_path),
                          capture_output=True, text=True, timeout=120)


def test_migrate_create_admin_and_demo(tmp_path):
    assert _planloom(tmp_path, "migrate").returncode == 0
    admin = _planloom(tmp_path, "create-admin", "--email", "root@example.com", "--password", "a-strong-pass")
    assert admin.returncode == 0 and json.loads(admin.stdout)["role"] == "admin"
    again = _planloom(tmp_path, "create-admin", "--email", "root@example.com", "--password", "a-strong-pass")
    assert again.returncode == 2 and "already exists" in again.stderr
    demo = _planloom(tmp_path, "demo")
    assert demo.returncode == 0 and json.loads(demo.stdout)["tasks"] >= 10
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_serve_answers_over_http_and_keeps_the_secret(tmp_path):
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "entrypoints.cli", "serve", "--migrate", "--port", str(port), "--workers", "1"],
        cwd=ROOT, env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            raise AssertionError("server did not become ready")
        registered = requests.post(f"{base}/api/v1/auth/register",
                                   json={"email": "live@example.com", "password": "live-password"}, timeout=5)
        assert registered.status_code == 201
        token = registered.json()["access_token"]
        created = requests.post(f"{base}/api/v1/tasks", json={"title": "over the wire"},
                                headers={"Authorization": f"Bearer {token}"}, timeout=5)
        assert created.status_code == 201
        assert requests.get(f"{base}/api/v1/tasks", headers={"Authorization": f"Bearer {token}"},
                            timeout=5).json()[0]["title"] == "over the wire"
        bad = requests.post(f"{base}/api/v1/tasks", data="{oops", timeout=5,
                            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        assert bad.status_code == 400 and bad.headers["Content-Type"] == "application/problem+json"
    finally:
        process.terminate()
        process.wait(timeout=30)
    secret = (tmp_path / "secret_key").read_text()
    assert len(secret) >= 32
