"""The ``planloom`` command and a real server on a socket."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import requests

from tests.live_server import live_server, planloom_env

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path) -> dict[str, str]:
    return planloom_env(tmp_path)


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


def test_a_weak_secret_key_stops_the_command_with_a_clear_message(tmp_path):
    run = subprocess.run([sys.executable, "-m", "entrypoints.cli", "migrate"], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, env=_env(tmp_path) | {"PLANLOOM_SECRET_KEY": "too-short"})
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "PLANLOOM_SECRET_KEY" in run.stderr and "at least 32 bytes" in run.stderr
    assert not (tmp_path / "planloom.db").exists()


def test_the_data_folder_and_database_are_private(tmp_path):
    data = tmp_path / "fresh" / "data"
    run = subprocess.run([sys.executable, "-m", "entrypoints.cli", "migrate"], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, env=_env(data))
    assert run.returncode == 0, run.stderr
    assert data.stat().st_mode & 0o777 == 0o700
    files = [p for p in data.iterdir() if p.name.startswith("planloom.db") or p.name == "secret_key"]
    assert {p.name for p in files} >= {"planloom.db", "secret_key"}
    for path in files:  # the database, its WAL and shared-memory files, the key
        assert path.stat().st_mode & 0o777 == 0o600, path.name


def test_demo_on_the_memory_profile_needs_no_database(tmp_path):
    demo = _planloom(tmp_path, "demo", "--memory")
    assert demo.returncode == 0, demo.stderr
    assert json.loads(demo.stdout)["tasks"] >= 10
    assert not (tmp_path / "planloom.db").exists()


def test_serve_answers_over_http_and_keeps_the_secret(tmp_path):
    with live_server(tmp_path, "--workers", "1", env=_env(tmp_path)) as base:
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
    secret = (tmp_path / "secret_key").read_text()
    assert len(secret) >= 32


PROBLEM = {"now": "2026-03-02T08:00:00+01:00", "timezone": "Europe/Paris", "horizon_end": "2026-03-09T00:00:00+01:00",
           "working_hours": {"mon": [["09:00", "17:00"]]},
           "tasks": [{"id": "a", "duration_minutes": 60}, {"id": "b", "duration_minutes": 30, "depends_on": ["a"]}]}


def test_plan_prints_a_plan_from_a_file_or_stdin(tmp_path):
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(PROBLEM))
    from_file = _planloom(tmp_path, "plan", str(path))
    assert from_file.returncode == 0, from_file.stderr
    plan = json.loads(from_file.stdout)
    assert [b["task_id"] for b in plan["blocks"]] == ["a", "b"] and plan["blocks"][0]["start"].startswith("2026-03-02T09:00")
    from_stdin = subprocess.run([sys.executable, "-m", "entrypoints.cli", "plan", "-"], input=json.dumps(PROBLEM),
                                cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert json.loads(from_stdin.stdout)["blocks"] == plan["blocks"]
    bad = dict(PROBLEM, timezone="Nowhere/Land")
    refused = subprocess.run([sys.executable, "-m", "entrypoints.cli", "plan", "-"], input=json.dumps(bad), cwd=ROOT,
                             env=_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "timezone" in json.loads(refused.stderr)["errors"]


def test_parse_prints_the_drafts(tmp_path):
    data_dir = tmp_path / "data"
    result = _planloom(data_dir, "parse", "pay rent friday p2 #home", "--now", "2026-11-26T10:00", "--tz", "UTC")
    assert result.returncode == 0, result.stderr
    assert not data_dir.exists()  # parsing writes nothing: no secret key file
    body = json.loads(result.stdout)
    assert body["engine"] == "rules" and body["tasks"][0]["title"] == "pay rent"
    assert body["tasks"][0]["due"].startswith("2026-11-27") and body["tasks"][0]["priority"] == 2


def test_openapi_prints_the_served_document_without_a_server_or_data(tmp_path):
    data_dir = tmp_path / "data"
    result = _planloom(data_dir, "openapi")
    assert result.returncode == 0, result.stderr
    spec = json.loads(result.stdout)
    assert spec["openapi"] == "3.1.0" and "/api/v1/tasks/quick-add" in spec["paths"]
    assert not data_dir.exists()  # no secret key file, no database
    written = tmp_path / "spec.json"
    assert _planloom(data_dir, "openapi", "--output", str(written)).returncode == 0
    assert json.loads(written.read_text()) == spec


def test_jobs_once_runs_every_due_job(tmp_path):
    assert _planloom(tmp_path, "migrate").returncode == 0
    first = _planloom(tmp_path, "jobs", "--once")
    assert first.returncode == 0, first.stderr
    ran = json.loads(first.stdout)
    assert {"reminders", "rollover", "overdue", "digest", "calendar_sync", "outbox_purge"} <= set(ran)
    bad = _planloom(tmp_path, "jobs", "--once", "--only", "nap")
    assert bad.returncode == 2 and "nap" in bad.stderr


def test_a_server_worker_keeps_its_start_up_objects_out_of_the_collector(tmp_path):
    import gc

    from entrypoints.cli import load_app
    from entrypoints.config import Settings

    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", secret_key="k" * 32)
    frozen = gc.get_freeze_count()
    try:
        app = load_app(settings)
        assert gc.get_freeze_count() > frozen  # the app and what it built are frozen
        assert app.test_client().get("/healthz").status_code == 200
    finally:
        gc.unfreeze()
