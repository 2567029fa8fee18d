"""The "deadline at risk" warning is written from the plan's overload analysis (metrics.overload)."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest
from dependency_injector import providers

from adapters.memory.stores import FixedClock
from domain import commands
from entrypoints.config import Settings
from entrypoints.container import build_container

MONDAY = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)  # 10:00 in Berlin: Monday's hour is over
HOUR_A_DAY = {d: [["09:00", "10:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}


@pytest.fixture
def bus():
    container = build_container(Settings(profile="memory", secret_key="unit-tests-" * 4))
    container.clock.override(providers.Object(FixedClock(MONDAY)))
    return container.bus()


def _user(bus):
    user = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1"))
    bus.handle(commands.SavePreferences(actor_id=user.id, values={"timezone": "Europe/Berlin",
                                                                  "working_hours": HOUR_A_DAY}))
    return user


def _task(bus, user, title, minutes, due, priority, **more):
    return bus.handle(commands.CreateTask(actor_id=user.id, values={
        "title": title, "duration_minutes": minutes, "due": datetime.fromisoformat(due), "priority": priority, "splittable": True,
        "min_chunk_minutes": 30, **more}))


def _warnings(bus, user):
    bus.handle(commands.ReplanSchedule(user_id=user.id))
    bus.handle(commands.NotifyPlanOutcome(user_id=user.id, message_id=uuid.uuid4()))
    with bus.uow as uow:
        found, _ = uow.notifications.list(user.id, False, 0, 100)
    return [n for n in found if n.kind == "deadline_at_risk"]


def test_the_warning_says_who_is_late_what_is_missing_before_which_deadline_and_what_would_fix_it(bus):
    user = _user(bus)
    report = _task(bus, user, "report", 180, "2026-01-06T17:00:00+01:00", 1)
    slides = _task(bus, user, "slides", 120, "2026-01-06T17:00:00+01:00", 4)
    [note] = _warnings(bus, user)
    with bus.uow as uow:
        week = uow.plans.get(user.id).metrics["overload"][0]
    # Tuesday 09:00-10:00 is the only free hour before Tuesday 17:00; 5 h are due by then
    assert week["missing_minutes"] == 240 and week["fix"]["add_hours"] == 4
    assert note.title in ("At risk: report and 1 more", "At risk: slides and 1 more")
    assert "2 task(s) due in the week of Mon 05 Jan will be late" in note.body
    assert "4 h of working time is missing before Tue 06 Jan 17:00" in note.body  # local time, Berlin
    assert "What would fix it: add about 4 h of working time before Tue 06 Jan 17:00" in note.body
    assert 'defer or drop "slides"' in note.body  # p4: the cheapest minutes go first
    late = {x["task_id"]: x for x in note.data["late"]}
    assert set(late) == {str(report.id), str(slides.id)}
    assert all(x["late_minutes"] > 0 and x["finish"] and x["due"] for x in late.values())
    for x in late.values():
        hours = f"{x['late_minutes'] / 60:.1f}".removesuffix(".0")
        assert f'"{x["title"]}": about {hours} h late' in note.body
    assert note.data["missing_minutes"] == 240 and note.data["deadline"] == "2026-01-06T17:00:00+01:00"
    assert note.data["fix"]["defer"][0] == str(slides.id)
    assert {m["task_id"] for m in note.data["fix"]["move_deadlines"]} == set(late)


def test_the_same_situation_is_told_once_and_a_new_late_task_is_told_again(bus):
    user = _user(bus)
    _task(bus, user, "report", 180, "2026-01-06T17:00:00+01:00", 1)
    assert len(_warnings(bus, user)) == 1
    assert len(_warnings(bus, user)) == 1  # re-planned, nothing new: no second warning
    _task(bus, user, "budget", 90, "2026-01-06T12:00:00+01:00", 1)
    notes = _warnings(bus, user)
    assert len(notes) == 2 and sorted(n.title for n in notes) == ["At risk: budget and 1 more", "At risk: report"] \
        or sorted(n.title for n in notes) == ["At risk: report", "At risk: report and 1 more"]


def test_a_dated_task_left_out_of_the_plan_is_named_too(bus):
    user = _user(bus)
    # unsplittable and 2 h long: no free window of the week holds it
    _task(bus, user, "offsite prep", 120, "2026-01-09T17:00:00+01:00", 2, splittable=False)
    [note] = _warnings(bus, user)
    assert '"offsite prep": not in the plan' in note.body
    assert note.data["late"][0]["late_minutes"] is None


def test_no_overload_no_warning(bus):
    user = _user(bus)
    _task(bus, user, "small", 30, "2026-01-09T17:00:00+01:00", 3)
    assert _warnings(bus, user) == []
