"""Quick-add, parse and slash commands through HTTP, on the local interpreter."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests.e2e.conftest import assert_problem, sign_up

_NOW = datetime.now(timezone.utc)
RANGE = f"from={(_NOW - timedelta(days=1)):%Y-%m-%dT%H:%M:%SZ}&to={(_NOW + timedelta(days=60)):%Y-%m-%dT%H:%M:%SZ}"

ALL_WEEK = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def test_parse_reads_without_storing(alice):
    response = alice.post("/api/v1/ai/parse", json={"text": "draft the Q3 report by Friday, 3h, p1 #work",
                                                    "now": "2026-11-26T10:00:00+01:00", "timezone": "Europe/Berlin"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["engine"] == "rules" and body["command"] is None
    draft = body["tasks"][0]
    assert (draft["title"], draft["due"], draft["duration_minutes"], draft["priority"], draft["category"]) == (
        "draft the Q3 report", "2026-11-27T17:00:00+01:00", 180, 1, "work")
    assert {s["field"] for s in draft["spans"]} == {"due", "duration", "priority", "category"}
    assert alice.get("/api/v1/tasks").get_json() == []


def test_parse_and_quick_add_give_warnings_with_spans(alice):
    text = "call bob next friday at 7"  # 2026-11-26 is a Thursday: next week's Friday, and 7 without am/pm
    response = alice.post("/api/v1/ai/parse", json={"text": text, "now": "2026-11-26T10:00:00-05:00",
                                                    "timezone": "America/New_York"})
    body = response.get_json()
    assert [(w["code"], text[w["start"]:w["end"]]) for w in body["warning_spans"]] == [
        ("next_weekday", "next friday"), ("assumed_am_pm", "at 7")]
    assert body["warnings"] == [w["message"] for w in body["warning_spans"]]
    created = alice.post("/api/v1/tasks/quick-add", json={"text": "call bob at 7"}).get_json()
    assert "assumed_am_pm" in [w["code"] for w in created["warning_spans"]]  # and "time_passed" late in the day
    assert created["warnings"] == [w["message"] for w in created["warning_spans"]]


def test_parse_refuses_bad_input(alice):
    assert_problem(alice.post("/api/v1/ai/parse", json={"text": ""}), 422, "text")
    assert_problem(alice.post("/api/v1/ai/parse", json={"text": "x" * 10_001}), 422, "text")
    assert_problem(alice.post("/api/v1/ai/parse", json={"text": "hi", "timezone": "Moon/Base"}), 422, "timezone")
    assert_problem(alice.post("/api/v1/ai/parse", json={"text": "hi", "now": "2026-11-26T10:00:00"}), 422, "now")
    assert_problem(alice.post("/api/v1/ai/parse", json={"text": "/frobnicate now"}), 422)


def test_quick_add_creates_tasks_categories_tags_and_fixed_starts(alice):
    response = alice.post("/api/v1/tasks/quick-add",
                          json={"text": "- draft the Q3 report by Friday 3h p1 #work @report\n"
                                        "- call mum sunday at 6pm for 30m\n- buy milk"})
    assert response.status_code == 201, response.get_json()
    tasks = response.get_json()["tasks"]
    assert [t["title"] for t in tasks] == ["draft the Q3 report", "call mum", "buy milk"]
    report = tasks[0]
    assert report["priority"] == 1 and report["tags"] == ["report"] and report["duration_minutes"] == 180
    assert [c["name"] for c in alice.get("/api/v1/categories").get_json()] == ["work"]
    assert report["category_id"] == alice.get("/api/v1/categories").get_json()[0]["id"]
    schedule = alice.get(f"/api/v1/schedule?{RANGE}").get_json()
    fixed = [b for b in schedule["blocks"] if b["task_id"] == tasks[1]["id"]]
    assert len(fixed) == 1 and fixed[0]["pinned"] is True
    assert_problem(alice.post("/api/v1/tasks/quick-add", json={"text": "/done milk"}), 422, "text")


def test_slash_commands(client):
    user = sign_up(client, timezone="UTC")
    user.put("/api/v1/users/me/preferences", json={"timezone": "UTC", "working_hours": ALL_WEEK})
    user.post("/api/v1/tasks/quick-add", json={"text": "write blog post\nwrite book chapter\nbuy milk"})

    def run(text):
        response = user.post("/api/v1/ai/command", json={"text": text})
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    done = run("/done buy milk")
    assert done["status"] == "done" and done["tasks"][0]["status"] == "done"
    ambiguous = run("/p1 write")
    assert ambiguous["status"] == "ambiguous"
    assert {c["title"] for c in ambiguous["candidates"]} == {"write blog post", "write book chapter"}
    assert run("/p1 blog post")["tasks"][0]["priority"] == 1
    assert run("/tag blog @writing")["tasks"][0]["tags"] == ["writing"]
    assert run("/nothing-like-this xyz" if False else "/done quantum physics")["status"] == "not_found"
    assert run("/plan")["status"] == "done"
    week = run("/week")
    # this calendar week's blocks (Monday to Sunday, UTC): both, unless the week ends before the second
    # starts (run late on a Sunday, the plan's second block falls on Monday)
    now = datetime.now(timezone.utc)
    monday = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    planned = user.get(f"/api/v1/schedule?{RANGE}").get_json()["blocks"]
    this_week = [b["id"] for b in planned if monday <= datetime.fromisoformat(b["start"]) < monday + timedelta(7)]
    assert week["status"] == "info" and [b["id"] for b in week["blocks"]] == this_week
    assert len(planned) == 2 and (len(this_week) == 2 or monday + timedelta(7) - now < timedelta(hours=2))
    pinned = run("/pin blog")
    assert pinned["status"] == "done"
    blocks = user.get(f"/api/v1/schedule?{RANGE}").get_json()["blocks"]
    blog_id = pinned["tasks"][0]["id"]
    assert all(b["pinned"] for b in blocks if b["task_id"] == blog_id)
    snoozed = run("/snooze chapter 2030-01-07")
    assert snoozed["tasks"][0]["earliest_start"].startswith("2030-01-07")
    assert "Commands" in run("/help")["message"]
    assert_problem(user.post("/api/v1/ai/command", json={"text": "just words"}), 422, "text")


def test_a_failing_language_model_falls_back_to_the_local_reading(make_app, fake_openai):
    app = make_app("sqlite", openai_model="gpt-test", openai_api_key="sk-test", openai_base_url=fake_openai.base_url,
                   openai_timeout=2.0)
    user = sign_up(app.test_client())
    fake_openai.answer({"tasks": [{"title": "Pay rent", "priority": 2}]})
    ok = user.post("/api/v1/ai/parse", json={"text": "pay rent friday"}).get_json()
    assert ok["engine"] == "openai" and ok["tasks"][0]["title"] == "Pay rent"
    hint = fake_openai.chat_requests[-1].messages
    assert any("local_reading" in (m.get("content") or "") for m in hint)  # the rules' reading went as a hint
    fake_openai.fail(500, times=5)
    fallback = user.post("/api/v1/ai/parse", json={"text": "pay rent friday"}).get_json()
    assert fallback["engine"] == "rules" and fallback["tasks"][0]["title"] == "pay rent"
    assert any("unavailable" in w for w in fallback["warnings"])
    fake_openai.raw_content("{not json")
    garbage = user.post("/api/v1/tasks/quick-add", json={"text": "water plants"})
    assert garbage.status_code == 201 and garbage.get_json()["engine"] == "rules"


def test_two_fixed_starts_at_the_same_time_still_plan(client):
    user = sign_up(client, timezone="UTC")
    user.put("/api/v1/users/me/preferences", json={"timezone": "UTC", "working_hours": ALL_WEEK})
    first = user.post("/api/v1/tasks/quick-add", json={"text": "call mum sunday at 6pm for 30m"}).get_json()
    second = user.post("/api/v1/tasks/quick-add", json={"text": "call dad sunday at 6pm for 30m"}).get_json()
    planned = user.post("/api/v1/schedule")
    assert planned.status_code == 200, planned.get_json()
    blocks = {b["task_id"]: b for b in planned.get_json()["blocks"]}
    one, two = blocks[first["tasks"][0]["id"]], blocks[second["tasks"][0]["id"]]
    assert one["pinned"] is True
    assert one["end"] <= two["start"] or two["end"] <= one["start"]  # the clash was resolved, not kept


def test_the_default_time_of_day_is_a_preference(alice):
    def due(text):
        body = alice.post("/api/v1/ai/parse", json={"text": text, "now": "2026-11-26T10:00:00+01:00"}).get_json()
        return body["tasks"][0]["due"]

    assert alice.get("/api/v1/users/me/preferences").get_json()["default_time"] == "17:00"
    assert due("pay rent friday") == "2026-11-27T17:00:00+01:00"
    assert alice.put("/api/v1/users/me/preferences", json={"default_time": "09:30"}).status_code == 200
    assert due("pay rent friday") == "2026-11-27T09:30:00+01:00"
    assert due("report by eod") == "2026-11-27T09:30:00+01:00"  # today's 09:30 has passed at 10:00
    for bad in ("25:00", "9:30", "noon", "24:00"):
        assert_problem(alice.put("/api/v1/users/me/preferences", json={"default_time": bad}), 422, "default_time")
    assert alice.get("/api/v1/users/me/preferences").get_json()["default_time"] == "09:30"
