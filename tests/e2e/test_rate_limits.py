"""Rate limits hold across processes on the embedded default (a SQLite file the processes share),
registration has its own limit, and while Redis is down the limits count per process instead of
not at all."""
from __future__ import annotations

import subprocess
import sys

import requests

from tests.conftest import random_email
from tests.e2e.conftest import PASSWORD, assert_problem, sign_up
from tests.live_server import ROOT, live_server, planloom_env

CLOSED_REDIS = "redis://127.0.0.1:1/0"


def test_registration_has_its_own_limit_per_address(make_app):
    client = make_app("sqlite", register_rate_limit="2 per minute").test_client()
    for _ in range(2):
        sign_up(client)
    limited = client.post("/api/v1/auth/register", json={"email": random_email(), "password": PASSWORD})
    assert_problem(limited, 429)
    assert int(limited.headers["Retry-After"]) > 0
    assert client.post("/api/v1/auth/login", json={"email": random_email(), "password": PASSWORD}).status_code == 401


def test_limits_count_per_process_while_redis_is_down(make_app):
    app = make_app("sqlite", redis_url=CLOSED_REDIS, login_rate_limit="3 per minute", api_rate_limit="5 per minute")
    client = app.test_client()
    user = sign_up(client)
    wrong = {"email": user.email, "password": "wrong-password"}
    assert [client.post("/api/v1/auth/login", json=wrong).status_code for _ in range(4)] == [401, 401, 401, 429]
    assert_problem(client.post("/api/v1/auth/login", json=wrong), 429)
    statuses = [user.get("/api/v1/tasks").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    assert_problem(user.get("/api/v1/tasks"), 429)


def test_two_apps_on_one_host_share_their_counters_without_redis(make_app):
    one = make_app("sqlite", login_rate_limit="2 per minute").test_client()
    two = make_app("sqlite", login_rate_limit="2 per minute").test_client()  # same data folder
    user = sign_up(one)
    wrong = {"email": user.email, "password": "wrong-password"}
    assert one.post("/api/v1/auth/login", json=wrong).status_code == 401
    assert two.post("/api/v1/auth/login", json=wrong).status_code == 401
    assert_problem(one.post("/api/v1/auth/login", json=wrong), 429)
    assert_problem(two.post("/api/v1/auth/login", json=wrong), 429)


def test_two_server_processes_share_login_and_api_limits(tmp_path):
    env = planloom_env(tmp_path, PLANLOOM_LOGIN_RATE_LIMIT="4 per minute", PLANLOOM_API_RATE_LIMIT="8 per minute")
    subprocess.run([sys.executable, "-m", "entrypoints.cli", "migrate"], cwd=ROOT, env=env, check=True, timeout=120)
    with live_server(tmp_path, "--workers", "1", env=env) as first, live_server(tmp_path, "--workers", "1",
                                                                                  env=env) as second:
        bases = [first, second]
        email = random_email()
        registered = requests.post(f"{first}/api/v1/auth/register", json={"email": email, "password": PASSWORD},
                                   timeout=30)
        assert registered.status_code == 201
        wrong = {"email": email, "password": "wrong-password"}
        statuses = [requests.post(f"{bases[i % 2]}/api/v1/auth/login", json=wrong, timeout=30).status_code
                    for i in range(6)]
        assert statuses == [401, 401, 401, 401, 429, 429]  # 4 a minute in all, not 4 per process

        headers = {"Authorization": f"Bearer {registered.json()['access_token']}"}
        statuses = [requests.get(f"{bases[i % 2]}/api/v1/tasks", headers=headers, timeout=30).status_code
                    for i in range(10)]
        assert statuses == [200] * 8 + [429, 429]
