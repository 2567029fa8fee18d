"""Missed occurrences on re-plan (docs/routines.md, "Done, skipped, missed"): an occurrence whose block
passed without a record is placed again, overdue, while no later occurrence has begun ("every monday"
waits, as in Todoist); once a later one has begun it is marked missed and leaves the plan ("every day")."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from domain import commands
from domain.services.handlers.routines import list_occurrences
from entrypoints.config import Settings
from entrypoints.container import build_container

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 3, 2, 7, 0, tzinfo=timezone.utc)  # 8:00 in Berlin; working hours 9-17 Mon-Fri


@pytest.fixture
def container():
    built = build_container(Settings(profile="memory", secret_key="unit-tests-" * 4))
    built.clock().set(MONDAY)
    return built


def _setup(container, rule):
    bus = container.bus()
    user = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1",
                                            timezone="Europe/Berlin"))
    task = bus.handle(commands.CreateTask(actor_id=user.id, values={
        "title": "review", "recurrence": rule, "duration_minutes": 60}))
    return bus, user, task


def _replan(container, bus, user, task, at):
    container.clock().set(at)
    summary = bus.handle(commands.ReplanSchedule(user_id=user.id))
    with bus.uow as uow:
        blocks = sorted(b.start.astimezone(BERLIN) for b in uow.blocks.list(user.id) if b.task_id == task.id)
    return summary, blocks


def _statuses(container, user, task):
    return {o["occurrence"]: o["status"] for o in list_occurrences(
        container.uow(), container.preferences(), container.occurrences(), container.clock(), user.id, task.id,
        MONDAY - timedelta(days=1), MONDAY + timedelta(days=10))}


def test_a_missed_every_monday_is_placed_again_overdue_until_done(container):
    bus, user, task = _setup(container, "FREQ=WEEKLY;BYDAY=MO")
    _, blocks = _replan(container, bus, user, task, MONDAY)
    assert blocks[0] == datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)  # Monday's, inside its day

    evening = MONDAY + timedelta(hours=12)  # 20:00: the block passed, nothing recorded
    summary, blocks = _replan(container, bus, user, task, evening)
    assert blocks[0] == datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN)  # re-placed: the next working hour
    late = [e for e in summary.lateness if e["task_id"] == str(task.id)]
    assert [e["occurrence"] for e in late] == ["2026-03-02T00:00"]  # and said to be late
    assert _statuses(container, user, task)["2026-03-02T00:00"] == "open"  # still waiting, not missed

    bus.handle(commands.UpdateTask(actor_id=user.id, task_id=task.id, changes={"status": "done"}))
    assert _statuses(container, user, task)["2026-03-02T00:00"] == "done"  # done completed the missed one
    _, blocks = _replan(container, bus, user, task, evening)
    assert blocks[0] == datetime(2026, 3, 9, 9, 0, tzinfo=BERLIN)  # the next Monday


def test_a_missed_every_day_is_marked_missed_once_the_next_day_begins(container):
    bus, user, task = _setup(container, "FREQ=DAILY")
    _replan(container, bus, user, task, MONDAY)
    tuesday = MONDAY + timedelta(days=1)  # Tuesday 8:00: Monday's window is over and Tuesday's has begun
    summary, blocks = _replan(container, bus, user, task, tuesday)
    assert blocks[0] == datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN)  # Tuesday's own, not Monday's again
    assert len([b for b in blocks if b.date() == blocks[0].date()]) == 1
    statuses = _statuses(container, user, task)
    assert (statuses["2026-03-02T00:00"], statuses["2026-03-03T00:00"]) == ("missed", "open")
    assert not [e for e in summary.lateness if e.get("occurrence") == "2026-03-02T00:00"]
