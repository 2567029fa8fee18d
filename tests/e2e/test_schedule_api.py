"""Planning through HTTP: preview, re-plan, read, pin, move, and re-planning driven by events."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

from tests.e2e.conftest import assert_problem, sign_up

S = "/api/v1/schedule"
ALL_WEEK = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def _problem(**overrides) -> dict:
    problem = {"now": "2026-03-02T08:00:00+01:00", "timezone": "Europe/Paris",
               "horizon_end": "2026-03-09T00:00:00+01:00", "working_hours": {"mon": [["09:00", "17:00"]]},
               "tasks": [{"id": "a", "duration_minutes": 120, "priority": 1, "due": "2026-03-02T12:00:00+01:00"},
                         {"id": "b", "duration_minutes": 60, "depends_on": ["a"]}]}
    return problem | overrides


def test_preview_plans_without_storing(alice):
    response = alice.post(f"{S}/preview", json=_problem())
    assert response.status_code == 200, response.get_json()
    plan = response.get_json()
    blocks = {b["task_id"]: b for b in plan["blocks"]}
    assert blocks["a"]["start"].startswith("2026-03-02T09:00") and blocks["a"]["reason"]
    assert blocks["b"]["start"] >= blocks["a"]["end"]
    assert plan["metrics"]["scheduled_tasks"] == 2 and plan["unscheduled"] == []
    assert alice.get(S).get_json()["blocks"] == []


@pytest.mark.parametrize("problem,field", [
    (_problem(timezone="Mars/Base"), "timezone"),
    (_problem(tasks=[{"id": "a", "duration_minutes": -5}]), "tasks[0].duration_minutes"),
    (_problem(tasks=[{"id": "a", "duration_minutes": 30, "depends_on": ["ghost"]}]), "tasks[0].depends_on"),
    (_problem(now="yesterday"), "now"),
    (_problem(working_hours={"mon": [["09:00", "25:61"]]}), "working_hours.mon[0]"),
])
def test_bad_problems_are_a_422_naming_the_field(alice, problem, field):
    body = assert_problem(alice.post(f"{S}/preview", json=problem), 422)
    assert any(key.startswith(field) for key in body["errors"]), body["errors"]


def test_preview_is_size_capped(alice):
    tasks = [{"id": str(i), "duration_minutes": 30} for i in range(501)]
    assert_problem(alice.post(f"{S}/preview", json=_problem(tasks=tasks)), 422, "tasks")
    assert_problem(alice.post(f"{S}/preview", json=[1, 2]), 422)


def test_the_denial_of_service_body_is_refused_and_the_caps_are_documented(alice):
    # issue 9: 60 splittable tasks of 500 minutes in 1-minute chunks, all day, 365 days
    tasks = [{"id": f"t{k}", "duration_minutes": 500, "splittable": True, "min_chunk_minutes": 1,
              "max_chunk_minutes": 1} for k in range(60)]
    body = assert_problem(alice.post(f"{S}/preview", json=_problem(
        tasks=tasks, working_hours=ALL_WEEK, horizon_end="2027-03-01T00:00:00+01:00")), 422)
    assert "tasks[0].min_chunk_minutes" in body["errors"]
    spec = alice.get("/api/v1/openapi.json").json
    text = spec["paths"][f"{S}/preview"]["post"]["requestBody"]["description"]
    assert "min_chunk_minutes >= 5" in text and "truncated" in text


def _week_user(client):
    user = sign_up(client, timezone="UTC")
    user.put("/api/v1/users/me/preferences", json={"timezone": "UTC", "working_hours": ALL_WEEK})
    return user


def test_replan_stores_blocks_and_explains(client):
    user = _week_user(client)
    due = (datetime.now(timezone.utc) + timedelta(days=2)).isoformat()
    big = user.post("/api/v1/tasks", json={"title": "report", "duration_minutes": 120, "priority": 1, "due": due})
    small = user.post("/api/v1/tasks", json={"title": "email", "duration_minutes": 15})
    planned = user.post(S)
    assert planned.status_code == 200
    body = planned.get_json()
    by_task = {b["task_id"]: b for b in body["blocks"]}
    assert set(by_task) == {big.get_json()["id"], small.get_json()["id"]}
    assert by_task[big.get_json()["id"]]["task"]["title"] == "report"
    assert body["plan"]["metrics"]["scheduled_tasks"] == 2
    listed = user.get(S).get_json()["blocks"]
    assert {b["id"] for b in listed} == {b["id"] for b in body["blocks"]}
    assert_problem(user.get(f"{S}?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z"), 422, "to")


def test_the_schedule_explains_overload(client):
    user = _week_user(client)
    due = (datetime.now(timezone.utc) + timedelta(hours=3)).isoformat()
    for title, priority in (("board pack", 1), ("budget", 2), ("filing", 4)):
        user.post("/api/v1/tasks", json={"title": title, "duration_minutes": 120, "priority": priority, "due": due})
    user.post(S)
    (week,) = user.get(S).get_json()["plan"]["metrics"]["overload"]
    assert week["missing_minutes"] >= 180 and week["fix"]["add_hours"] >= 3
    assert len(week["late"]) >= 2 and week["fix"]["defer"]


def test_pin_and_move_blocks(client):
    user = _week_user(client)
    user.post("/api/v1/tasks", json={"title": "one", "duration_minutes": 60})
    user.post("/api/v1/tasks", json={"title": "two", "duration_minutes": 60})
    blocks = user.post(S).get_json()["blocks"]
    first = blocks[0]
    pinned = user.put(f"{S}/blocks/{first['id']}/pin")
    assert pinned.status_code == 200 and pinned.get_json()["pinned"] is True
    assert user.delete(f"{S}/blocks/{first['id']}/pin").get_json()["pinned"] is False
    later = datetime.now(timezone.utc).replace(microsecond=0, second=0) + timedelta(days=3)
    moved = user.patch(f"{S}/blocks/{first['id']}", json={"start": later.isoformat(),
                                                          "end": (later + timedelta(hours=1)).isoformat()})
    assert moved.status_code == 200, moved.get_json()
    assert moved.get_json()["pinned"] is True
    assert datetime.fromisoformat(moved.get_json()["start"]) == later
    after = {b["id"]: b for b in user.get(f"{S}?to={(later + timedelta(days=1)).isoformat()}".replace("+", "%2B")).get_json()["blocks"]}
    assert after[first["id"]]["pinned"] is True
    other = next(b for b in after.values() if b["id"] != first["id"])
    assert datetime.fromisoformat(other["end"]) <= later or datetime.fromisoformat(other["start"]) >= later + timedelta(hours=1)
    assert_problem(user.patch(f"{S}/blocks/{first['id']}", json={"start": later.isoformat(),
                                                                  "end": (later - timedelta(hours=1)).isoformat()}), 422)


def test_task_changes_replan_through_events_in_the_background(make_app):
    app = make_app("fresh", background=True)
    try:
        assert app.background.wait_ready()
        client = app.test_client()
        user = _week_user(client)
        task = user.post("/api/v1/tasks", json={"title": "watch me", "duration_minutes": 45}).get_json()

        def blocks():
            return [b for b in user.get(S).get_json()["blocks"] if b["task_id"] == task["id"]]

        deadline = time.monotonic() + 20
        while not blocks() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(blocks()) == 1
        user.patch(f"/api/v1/tasks/{task['id']}", json={"status": "done"})
        deadline = time.monotonic() + 20
        while blocks() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert blocks() == []
    finally:
        app.background.stop()


def test_busy_time_keeps_work_away_and_pins_give_way_to_it(client):
    user = _week_user(client)
    task = user.post("/api/v1/tasks", json={"title": "deep work", "duration_minutes": 60}).get_json()
    first = [b for b in user.post(S).get_json()["blocks"] if b["task_id"] == task["id"]][0]
    start = datetime.fromisoformat(first["start"])
    user.put(f"{S}/blocks/{first['id']}/pin")
    meeting = user.post("/api/v1/busy", json={"start": (start - timedelta(minutes=30)).isoformat(),
                                             "end": (start + timedelta(hours=2)).isoformat(), "title": "offsite"})
    assert meeting.status_code == 201, meeting.get_json()
    busy = meeting.get_json()
    moved = [b for b in user.get(S).get_json()["blocks"] if b["task_id"] == task["id"]]
    assert len(moved) == 1
    m_start, m_end = datetime.fromisoformat(moved[0]["start"]), datetime.fromisoformat(moved[0]["end"])
    assert m_end <= datetime.fromisoformat(busy["start"]) or m_start >= datetime.fromisoformat(busy["end"])
    assert [b["title"] for b in user.get("/api/v1/busy").get_json()] == ["offsite"]
    assert_problem(user.post("/api/v1/busy", json={"start": busy["end"], "end": busy["start"]}), 422, "end")
    assert user.delete(f"/api/v1/busy/{busy['id']}").status_code == 204
    assert user.get("/api/v1/busy").get_json() == []
