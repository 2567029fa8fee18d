"""Routines through HTTP: list occurrences, mark them done or skipped, and what the plan does with it."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from tests.e2e.conftest import assert_problem, sign_up

T = "/api/v1/tasks"
ALL_WEEK = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def _user(client):
    user = sign_up(client, timezone="Europe/Berlin")
    assert user.put("/api/v1/users/me/preferences", json={"working_hours": ALL_WEEK}).status_code == 200
    return user


def _daily(user, **values):
    due = (datetime.now(timezone.utc) + timedelta(hours=3)).replace(second=0, microsecond=0)
    body = {"title": "water plants", "duration_minutes": 10, "recurrence": "FREQ=DAILY", "due": due.isoformat()}
    response = user.post(T, json=body | values)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _planned(user, task_id):
    blocks = user.post("/api/v1/schedule").get_json()["blocks"]
    return sorted(b["start"] for b in blocks if b["task_id"] == task_id)


def test_list_mark_done_skip_and_reopen(client):
    user = _user(client)
    task = _daily(user)
    listed = user.get(f"{T}/{task['id']}/occurrences")
    assert listed.status_code == 200, listed.get_json()
    occurrences = listed.get_json()
    assert 28 <= len(occurrences) <= 29 and {o["status"] for o in occurrences} == {"open"}
    first, second = occurrences[0], occurrences[1]
    assert datetime.fromisoformat(second["due"]) - datetime.fromisoformat(first["due"]) == timedelta(days=1)
    assert len(_planned(user, task["id"])) >= 50  # one a day over the 8-week horizon

    done = user.put(f"{T}/{task['id']}/occurrences/{first['occurrence']}", json={"status": "done"})
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["status"] == "done" and done.get_json()["occurrence"] == first["occurrence"]
    again = user.put(f"{T}/{task['id']}/occurrences/{first['occurrence']}", json={"status": "done"})
    assert again.get_json() == done.get_json()  # idempotent
    user.put(f"{T}/{task['id']}/occurrences/{second['occurrence']}", json={"status": "skipped"})
    now_listed = user.get(f"{T}/{task['id']}/occurrences").get_json()
    assert [o["status"] for o in now_listed[:3]] == ["done", "skipped", "open"]
    planned = _planned(user, task["id"])
    assert all(datetime.fromisoformat(s) >= datetime.fromisoformat(now_listed[2]["start"]) for s in planned)

    reopened = user.delete(f"{T}/{task['id']}/occurrences/{second['occurrence']}")
    assert reopened.status_code == 200 and reopened.get_json()["status"] == "open"
    assert user.delete(f"{T}/{task['id']}/occurrences/{second['occurrence']}").get_json()["status"] == "open"


def test_errors_are_problems(client):
    user, other = _user(client), _user(client)
    task = _daily(user)
    url = f"{T}/{task['id']}/occurrences"
    key = user.get(url).get_json()[0]["occurrence"]
    assert_problem(other.get(url), 404)
    assert_problem(other.put(f"{url}/{key}", json={"status": "done"}), 404)
    plain = user.post(T, json={"title": "once"}).get_json()
    assert_problem(user.get(f"{T}/{plain['id']}/occurrences"), 409)
    assert_problem(user.put(f"{T}/{plain['id']}/occurrences/{key}", json={"status": "done"}), 409)
    assert_problem(user.put(f"{url}/{key[:11]}03:17", json={"status": "done"}), 422, "occurrence")
    assert_problem(user.put(f"{url}/2026-13-45T10:00", json={"status": "done"}), 422, "occurrence")
    assert_problem(user.put(f"{url}/{key}", json={"status": "finished"}), 422, "status")
    assert user.put(f"{url}/not-a-time", json={"status": "done"}).status_code == 404
    start = datetime.now(timezone.utc)
    assert_problem(user.get(url, query_string={"from": start.isoformat(),
                                               "to": (start + timedelta(days=400)).isoformat()}), 422, "to")
    assert_problem(user.post(T, json={"title": "x", "recurrence": "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"}),
                   422, "recurrence")
    assert_problem(user.post(T, json={"title": "x", "recurrence": "FREQ=MINUTELY"}), 422, "recurrence")
    user.patch(f"{T}/{task['id']}", json={"status": "cancelled"})
    assert_problem(user.put(f"{url}/{key}", json={"status": "done"}), 409)


def test_skips_and_rule_edits_re_plan_through_events_in_the_background(make_app):
    app = make_app("fresh", background=True)
    try:
        assert app.background.wait_ready()
        user = _user(app.test_client())
        task = _daily(user)

        def blocks():
            return sorted(b["start"] for b in user.get("/api/v1/schedule", query_string={
                "to": (datetime.now(timezone.utc) + timedelta(days=60)).isoformat()}).get_json()["blocks"]
                if b["task_id"] == task["id"])

        def wait(condition):
            deadline = time.monotonic() + 20
            while not condition() and time.monotonic() < deadline:
                time.sleep(0.05)
            return condition()

        assert wait(lambda: len(blocks()) >= 50)
        count = len(blocks())
        first = user.get(f"{T}/{task['id']}/occurrences").get_json()[0]
        user.put(f"{T}/{task['id']}/occurrences/{first['occurrence']}", json={"status": "skipped"})
        assert wait(lambda: len(blocks()) == count - 1)
        user.patch(f"{T}/{task['id']}", json={"recurrence": "FREQ=WEEKLY"})

        def weekly() -> bool:  # a block a week over the same horizon: its end may fall either side of one
            found = [datetime.fromisoformat(start) for start in blocks()]
            return (count // 7 - 1 <= len(found) <= count // 7 + 1
                    and all(b - a == timedelta(days=7) for a, b in zip(found, found[1:])))

        assert wait(weekly), blocks()
    finally:
        app.background.stop()


def test_patch_done_and_slash_done_complete_the_current_occurrence_only(client):
    user = _user(client)
    task = _daily(user)
    url = f"{T}/{task['id']}/occurrences"
    first, second, third = (o["occurrence"] for o in user.get(url).get_json()[:3])
    done = user.patch(f"{T}/{task['id']}", json={"status": "done"})
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["status"] == "todo" and done.get_json()["completed_at"] is None
    assert [o["status"] for o in user.get(url).get_json()[:2]] == ["done", "open"]
    next_start = datetime.fromisoformat(user.get(url).get_json()[1]["start"])
    assert min(map(datetime.fromisoformat, _planned(user, task["id"]))) >= next_start  # the next one appears
    command = user.post("/api/v1/ai/command", json={"text": "/done water plants"})
    assert command.status_code == 200, command.get_json()
    listed = {o["occurrence"]: o["status"] for o in user.get(url).get_json()}
    assert (listed[first], listed[second], listed[third]) == ("done", "done", "open")
    assert user.get(f"{T}/{task['id']}").get_json()["status"] == "todo"
    cancelled = user.patch(f"{T}/{task['id']}", json={"status": "cancelled"})
    assert cancelled.get_json()["status"] == "cancelled"  # cancelling ends the routine


def test_done_on_the_last_occurrence_of_a_counted_rule_ends_the_routine(client):
    user = _user(client)
    task = _daily(user, recurrence="FREQ=DAILY;COUNT=2")
    assert user.patch(f"{T}/{task['id']}", json={"status": "done"}).get_json()["status"] == "todo"
    last = user.patch(f"{T}/{task['id']}", json={"status": "done"}).get_json()
    assert last["status"] == "done" and last["completed_at"] is not None
    assert_problem(user.patch(f"{T}/{task['id']}", json={"status": "done", "priority": 0}), 422, "priority")


def test_quick_add_every_two_hours_until_a_date_and_hourly_caps(client):
    user = _user(client)
    created = user.post("/api/v1/tasks/quick-add", json={"text": "every 2 hours until 31 dec drink water 5m"})
    assert created.status_code == 201, created.get_json()
    task = created.get_json()["tasks"][0]
    assert task["title"] == "drink water" and task["recurrence"].startswith("FREQ=HOURLY;INTERVAL=2;UNTIL=")
    occurrences = user.get(f"{T}/{task['id']}/occurrences").get_json()
    starts = [datetime.fromisoformat(o["start"]) for o in occurrences[:3]]
    assert [b - a for a, b in zip(starts, starts[1:])] == [timedelta(hours=2)] * 2
    assert_problem(user.post(T, json={"title": "x", "recurrence": "FREQ=HOURLY;INTERVAL=25"}), 422, "recurrence")
    assert_problem(user.post(T, json={"title": "x", "recurrence": "FREQ=HOURLY;BYHOUR=9"}), 422, "recurrence")
