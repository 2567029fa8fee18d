"""``/metrics``: the Prometheus text format from the real app, counted by route template and status class,
for the monitoring network or the token only; and from a real ``planloom serve`` with two workers, whose
figures any worker adds up."""
from __future__ import annotations

import concurrent.futures

import pytest
import requests

from tests.e2e.conftest import assert_problem, sign_up
from tests.live_server import live_server, planloom_env
from tests.prometheus_text import samples, value

TOKEN = "scrape-token-" + "x" * 20


def scrape(client, **kw) -> dict:
    response = client.get("/metrics", **kw)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.content_type.startswith("text/plain")
    return samples(response.get_data(as_text=True))


@pytest.fixture(params=["memory", "sqlite"])
def metered(request, make_app):
    return make_app(request.param, metrics_token=TOKEN)


def test_requests_are_counted_by_route_template_and_status_class(metered):
    client = metered.test_client()
    alice = sign_up(client)
    tasks = [alice.post("/api/v1/tasks", json={"title": f"Task {i}", "duration_minutes": 30}).get_json()
             for i in range(3)]
    for task in tasks:
        assert alice.get(f"/api/v1/tasks/{task['id']}").status_code == 200
    assert alice.get("/api/v1/tasks/00000000-0000-0000-0000-000000000000").status_code == 404
    client.get("/no/such/api/path/" + "x" * 50)
    client.open("/api/v1/tasks", method="BREW")

    found = scrape(client)
    one = "/api/v1/tasks/<uuid:task_id>"
    count = "planloom_http_request_duration_seconds_count"
    assert value(found, count, route=one, method="GET", status="2xx") == 3  # one series for every id
    assert value(found, count, route=one, method="GET", status="4xx") == 1
    assert value(found, count, route="/api/v1/tasks", method="POST", status="2xx") == 3
    assert value(found, count, route="unmatched", method="other", status="4xx") == 1  # no client-made label
    assert not any("xxxxx" in str(key) or "BREW" in str(key) for key in found)
    assert value(found, "planloom_http_request_duration_seconds_bucket",
                 route=one, method="GET", status="2xx", le="+Inf") == 3


def test_commands_plans_and_the_outbox_backlog_are_measured(metered):
    client = metered.test_client()
    alice = sign_up(client)
    for i in range(4):
        assert alice.post("/api/v1/tasks", json={"title": f"Write {i}", "duration_minutes": 45}).status_code == 201
    assert alice.post("/api/v1/schedule").status_code in (200, 201)

    found = scrape(client)
    assert value(found, "planloom_command_duration_seconds_count", command="CreateTask", outcome="ok") == 4
    assert value(found, "planloom_command_duration_seconds_count", command="ReplanSchedule", outcome="ok") >= 1
    assert value(found, "planloom_plan_duration_seconds_count", truncated="no") >= 1
    assert value(found, "planloom_plan_tasks_sum") >= 4  # the problem held the four tasks
    # Nothing relays in this app: the events wait, and the backlog says so at scrape time.
    assert value(found, "planloom_outbox_pending_messages") >= 5
    assert value(found, "planloom_outbox_lag_seconds") >= 0


def test_a_command_that_raises_is_counted_as_failed(metered):
    client = metered.test_client()
    alice = sign_up(client)
    missing = "/api/v1/tasks/00000000-0000-0000-0000-000000000000"
    assert_problem(alice.patch(missing, json={"title": "renamed"}), 404)  # UpdateTask raises NotFound
    assert alice.post("/api/v1/tasks", json={"title": "x", "duration_minutes": 30}).status_code == 201
    found = scrape(client)
    assert value(found, "planloom_command_duration_seconds_count", command="UpdateTask", outcome="failed") == 1
    assert value(found, "planloom_command_duration_seconds_count", command="UpdateTask", outcome="ok") == 0
    assert value(found, "planloom_command_duration_seconds_count", command="CreateTask", outcome="ok") == 1


def test_metrics_answer_the_monitoring_network_or_the_token_only(metered):
    client = metered.test_client()
    outside = {"environ_base": {"REMOTE_ADDR": "203.0.113.9"}}
    assert_problem(client.get("/metrics", **outside), 403)
    assert_problem(client.get("/metrics", headers={"Authorization": "Bearer wrong"}, **outside), 403)
    assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}, **outside).status_code == 200
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "::1"}).status_code == 200


def test_a_monitoring_network_can_be_configured(make_app):
    client = make_app("memory", metrics_networks=["10.0.0.0/8"]).test_client()
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "10.2.3.4"}).status_code == 200
    assert_problem(client.get("/metrics"), 403)  # loopback is no longer in the list; and no token is set
    assert_problem(client.get("/metrics", headers={"Authorization": "Bearer "}), 403)


def test_a_real_server_with_two_workers_adds_up_every_worker(tmp_path):
    with live_server(tmp_path, "--workers", "2") as base:
        def hit(_):
            return requests.get(f"{base}/api/v1/tasks", timeout=10, headers={"Connection": "close"}).status_code

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(hit, range(40)))
        assert statuses == [401] * 40
        folder = tmp_path / "metrics" / base.rsplit(":", 1)[1]
        assert sorted(folder.glob("histogram_*.db")), "the workers write their figures to the shared folder"
        for _ in range(6):  # each scrape may reach either worker: every one sees all 40
            found = samples(requests.get(f"{base}/metrics", timeout=10, headers={"Connection": "close"}).text)
            assert value(found, "planloom_http_request_duration_seconds_count",
                         route="/api/v1/tasks", method="GET", status="4xx") == 40
