"""Insights over HTTP on memory, SQLite and PostgreSQL: the reports of the signed-in user only, ranges
checked (422), and the numbers as the tasks say."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from domain import commands
from entrypoints.consumers.registry import CONSUMERS
from tests.e2e.conftest import assert_problem, sign_up

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


FIELDS = ("title", "due", "start", "duration_minutes", "priority", "tags", "category", "recurrence")


def _quick_add(api, text, **fix):
    created = api.post("/api/v1/tasks/quick-add", json={"text": text})
    assert created.status_code == 201, created.get_json()
    task = created.get_json()["tasks"][0]
    if fix:
        assert api.patch(f"/api/v1/tasks/{task['id']}", json=fix).status_code == 200
    return task


def test_the_summary_counts_quick_adds_and_their_corrections(app, alice, bob):
    _quick_add(alice, "call mum tomorrow p2 #family", title="call mum and dad", priority=1)
    _quick_add(alice, "water the plants @home", duration_minutes=15)
    _quick_add(alice, "buy stamps", notes="only the notes: no correction")
    _quick_add(alice, "book the dentist")
    _quick_add(bob, "bob's own", title="bob's, fixed")
    app.container.bus().handle(commands.RebuildAnalytics())

    quick = alice.get(f"{A}/summary").get_json()["quick_add"]
    assert (quick["made"], quick["corrected"], quick["rate"]) == (4, 2, 0.5)
    assert quick["fields"] == {name: {"title": 1, "priority": 1, "duration_minutes": 1}.get(name, 0) for name in FIELDS}
    assert bob.get(f"{A}/summary").get_json()["quick_add"]["made"] == 1  # each sees their own
    nothing = alice.get(f"{A}/summary?from=2026-01-01&to=2026-01-31").get_json()["quick_add"]
    assert nothing == {"made": 0, "corrected": 0, "rate": None, "fields": {name: 0 for name in FIELDS}}

    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    schema = spec["components"]["schemas"]["QuickAddSummary"]
    assert set(schema["properties"]) == {"made", "corrected", "rate", "fields"}
    assert "30 minutes" in schema["properties"]["corrected"]["description"]


def test_quick_adds_reach_insights_through_the_outbox_as_a_rebuild_would_count_them(make_app):
    """On SQL: the analytics consumer fed by the outbox's messages (twice) ends where a rebuild does."""
    app = make_app("fresh")
    alice = sign_up(app.test_client())
    _quick_add(alice, "call mum tomorrow p2 #family", title="call mum and dad")
    _quick_add(alice, "water the plants", priority=1)
    _quick_add(alice, "buy stamps")
    container = app.container
    messages: list = []
    while container.outbox().relay_batch(1000, messages.extend, container.clock().now()):
        pass
    assert [m.name for m in messages].count("QuickAddCorrected") == 2
    names, make = CONSUMERS["analytics"]
    handle = make(container.bus())
    for message in [m for m in messages if m.name in names] * 2:
        handle(message)
    incremental = alice.get(f"{A}/summary").get_json()["quick_add"]
    assert (incremental["made"], incremental["corrected"]) == (3, 2)
    container.bus().handle(commands.RebuildAnalytics())
    assert alice.get(f"{A}/summary").get_json()["quick_add"] == incremental
