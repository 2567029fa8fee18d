"""Insights over HTTP on memory, SQLite and PostgreSQL: the reports of the signed-in user only, ranges
checked (422), and the numbers as the tasks say."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from domain import commands
from tests.e2e.conftest import assert_problem

A = "/api/v1/analytics"


def _finish(api, title, minutes, due=None, status="done", **extra):
    body = {"title": title, "duration_minutes": minutes, **extra}
    if due is not None:
        body["due"] = due.isoformat()
    task = api.post("/api/v1/tasks", json=body).get_json()
    patched = api.patch(f"/api/v1/tasks/{task['id']}", json={"status": status})
    assert patched.status_code == 200, patched.get_json()
    return patched.get_json()


def test_reports_follow_the_users_own_closed_tasks(app, alice, bob):
    now = datetime.now(timezone.utc)
    work = alice.post("/api/v1/categories", json={"name": "Work", "color": "#2563eb"}).get_json()["id"]
    _finish(alice, "late", 30, due=now - timedelta(hours=30), category_id=work, tags=["deep"])
    _finish(alice, "on time", 60, due=now + timedelta(days=2), category_id=work, tags=["deep", "calls"])
    _finish(alice, "no due", 15)
    _finish(alice, "dropped", 45, status="cancelled")
    _finish(bob, "bob's", 90)
    app.container.bus().handle(commands.RebuildAnalytics())

    summary = alice.get(f"{A}/summary").get_json()
    assert (summary["done"], summary["cancelled"], summary["late"], summary["on_time"]) == (3, 1, 1, 1)
    assert summary["planned_minutes"] == 30 + 60 + 15 + 45 and summary["done_minutes"] == 30 + 60 + 15
    assert {b["bucket"]: b["tasks"] for b in summary["lateness"]}["1d_to_3d"] == 1
    assert summary["streaks"] == {"current": 1, "longest": 1, "active_days": 1}
    assert sum(h["done"] for h in summary["hours"]) == 3
    categories = alice.get(f"{A}/categories").get_json()
    assert [(c["name"], c["minutes"]) for c in categories["categories"]] == [("Work", 90), ("(none)", 15)]
    assert categories["tags"] == [{"tag": "deep", "minutes": 90}, {"tag": "calls", "minutes": 60}]
    weekly = alice.get(f"{A}/weekly").get_json()["weeks"]
    assert len(weekly) >= 5 and sum(w["done"] for w in weekly) == 3
    estimates = alice.get(f"{A}/estimates").get_json()
    assert [b["bucket"] for b in estimates["by_duration"]][0] == "up_to_15"
    assert estimates["overall"]["tasks"] == 0 and estimates["correction_factor"] is None  # no actual reported

    assert bob.get(f"{A}/summary").get_json()["done"] == 1  # each sees their own
    assert bob.get(f"{A}/categories").get_json()["tags"] == []


def test_bad_ranges_are_422_and_strangers_are_401(client, alice):
    for query in ("from=2026-03-10&to=2026-03-01", "from=2025-01-01&to=2026-03-10", "from=yesterday",
                  "to=2026-02-30", "from=2026-13-01"):
        assert_problem(alice.get(f"{A}/summary?{query}"), 422)
    assert alice.get(f"{A}/weekly?from=2025-03-11&to=2026-03-10").status_code == 200  # 365 days
    assert alice.get(f"{A}/estimates?from=2026-03-01&to=2026-03-01").status_code == 200
    assert_problem(client.get(f"{A}/summary"), 401)


def test_the_openapi_document_states_the_range_cap(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    for name in ("summary", "weekly", "categories", "estimates"):
        operation = spec["paths"][f"{A}/{name}"]["get"]
        params = {p["name"]: p for p in operation["parameters"]}
        assert "366 days" in params["from"]["description"]
        assert "422" in operation["responses"]


def test_reported_actual_minutes_make_the_estimate_accuracy(app, alice, bob):
    done = _finish(alice, "overran", 30)
    assert done["actual_reported"] is False
    reported = alice.patch(f"/api/v1/tasks/{done['id']}", json={"actual_minutes": 50})
    body = reported.get_json()
    assert reported.status_code == 200 and (body["actual_minutes"], body["actual_reported"]) == (50, True)
    app.container.bus().handle(commands.RebuildAnalytics())
    overall = alice.get(f"{A}/estimates").get_json()["overall"]
    assert (overall["tasks"], overall["planned_minutes"], overall["actual_minutes"], overall["over"]) == (1, 30, 50, 1)
    open_one = alice.post("/api/v1/tasks", json={"title": "open", "duration_minutes": 20}).get_json()
    assert_problem(alice.patch(f"/api/v1/tasks/{open_one['id']}", json={"actual_minutes": 20}), 422)
    for bad in (0, 10081, "50", True):
        assert_problem(alice.patch(f"/api/v1/tasks/{done['id']}", json={"actual_minutes": bad}), 422)
    assert bob.patch(f"/api/v1/tasks/{done['id']}", json={"actual_minutes": 5}).status_code == 404
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    assert "reported" in spec["paths"][f"{A}/estimates"]["get"]["description"]
