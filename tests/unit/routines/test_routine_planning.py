"""Routines planned like other work: occurrences as engine items, records and rule edits re-plan."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from domain import commands
from domain.errors import Conflict, NotFound, ValidationError
from domain.model import Preferences
from domain.scheduling import plan as run_engine
from domain.services.planning import build_problem, summary_of, to_time_blocks
from entrypoints.config import Settings
from entrypoints.container import build_container
from tests.factories import a_task, a_user

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 3, 2, 7, 0, tzinfo=timezone.utc)  # 8:00 in Berlin


def test_each_open_occurrence_is_an_engine_item_with_its_own_window():
    user = a_user(timezone="Europe/Berlin")
    standup = a_task(user, title="standup", recurrence="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=30",
                     duration_minutes=15, now=MONDAY - timedelta(days=3))
    review = a_task(user, title="review", recurrence="FREQ=WEEKLY", duration_minutes=60, now=MONDAY)
    single = a_task(user, title="report", duration_minutes=90, depends_on=[standup.id], now=MONDAY)
    prefs = Preferences(timezone="Europe/Berlin")
    recorded = {standup.id: {"2026-03-03T09:30"}}
    problem, _ = build_problem(MONDAY, prefs, [standup, review, single], [], [], recorded)
    ids = {spec.id: spec for spec in problem.tasks}
    assert f"{standup.id}@2026-03-02T09:30" in ids and f"{standup.id}@2026-03-03T09:30" not in ids
    monday = ids[f"{standup.id}@2026-03-02T09:30"]
    assert monday.earliest_start == datetime(2026, 3, 2, 9, 30, tzinfo=BERLIN)
    assert monday.due == datetime(2026, 3, 2, 9, 45, tzinfo=BERLIN)
    week = ids[f"{review.id}@2026-03-02T00:00"]
    assert week.due == datetime(2026, 3, 9, tzinfo=BERLIN)  # the end of its week
    assert ids[str(single.id)].depends_on == ()  # a routine has no single finish to wait for
    assert sum(1 for i in ids if i.startswith(str(review.id))) == 9  # each week the 8-week horizon meets

    plan = run_engine(problem, [])
    blocks = to_time_blocks(plan, user.id, [])
    standups = sorted(b.start for b in blocks if b.task_id == standup.id)
    assert standups[0] == datetime(2026, 3, 2, 9, 30, tzinfo=BERLIN)
    assert all(s.astimezone(BERLIN).hour == 9 and s.astimezone(BERLIN).minute == 30 for s in standups[:10])
    summary = summary_of(plan, user.id, MONDAY)
    for entry in summary.unscheduled + summary.lateness:
        uuid.UUID(entry["task_id"])  # readers of the summary see task ids, and the occurrence beside them

    again, previous = build_problem(MONDAY, prefs, [standup, review, single], blocks, [], recorded)
    assert {b.task_id for b in previous} <= {spec.id for spec in again.tasks}
    assert len(previous) == len(blocks)  # every stored block finds its occurrence again


@pytest.fixture
def bus():
    container = build_container(Settings(profile="memory", secret_key="unit-tests-" * 4))
    container.clock().set(MONDAY)
    return container.bus()


def _user(bus):
    return bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1",
                                            timezone="Europe/Berlin"))


def _blocks(bus, user, task):
    with bus.uow as uow:
        return sorted(b.start for b in uow.blocks.list(user.id) if b.task_id == task.id)


def test_skipping_an_occurrence_re_plans_and_the_next_one_stays(bus):
    user = _user(bus)
    task = bus.handle(commands.CreateTask(actor_id=user.id, values={
        "title": "water plants", "recurrence": "FREQ=DAILY", "duration_minutes": 10,
        "due": datetime(2026, 3, 2, 12, 0, tzinfo=BERLIN)}))
    bus.handle(commands.ReplanSchedule(user_id=user.id))
    first = _blocks(bus, user, task)
    assert first[0].astimezone(BERLIN).date().isoformat() == "2026-03-02"
    view = bus.handle(commands.RecordOccurrence(actor_id=user.id, task_id=task.id, occurrence="2026-03-02T12:00",
                                                status="skipped"))
    assert view["status"] == "skipped" and view["due"] == datetime(2026, 3, 2, 12, 0, tzinfo=BERLIN)
    again = bus.handle(commands.RecordOccurrence(actor_id=user.id, task_id=task.id, occurrence="2026-03-02T12:00",
                                                 status="skipped"))
    assert again["recorded_at"] == view["recorded_at"]  # idempotent
    bus.handle(commands.ReplanSchedule(user_id=user.id))
    after = _blocks(bus, user, task)
    assert after[0].astimezone(BERLIN).date().isoformat() == "2026-03-03" and len(after) == len(first) - 1
    bus.handle(commands.RecordOccurrence(actor_id=user.id, task_id=task.id, occurrence="2026-03-02T12:00",
                                         status=None))
    bus.handle(commands.ReplanSchedule(user_id=user.id))
    assert _blocks(bus, user, task) == first


def test_editing_the_rule_re_plans(bus):
    user = _user(bus)
    task = bus.handle(commands.CreateTask(actor_id=user.id, values={
        "title": "gym", "recurrence": "FREQ=WEEKLY;BYDAY=MO", "duration_minutes": 60}))
    bus.handle(commands.ReplanSchedule(user_id=user.id))
    assert {s.astimezone(BERLIN).weekday() for s in _blocks(bus, user, task)} == {0}
    bus.handle(commands.UpdateTask(actor_id=user.id, task_id=task.id, changes={"recurrence": "FREQ=WEEKLY;BYDAY=TH"}))
    bus.handle(commands.ReplanSchedule(user_id=user.id))
    assert {s.astimezone(BERLIN).weekday() for s in _blocks(bus, user, task)} == {3}


def test_occurrence_errors(bus):
    user, other = _user(bus), _user(bus)
    routine = bus.handle(commands.CreateTask(actor_id=user.id, values={"title": "r", "recurrence": "FREQ=DAILY"}))
    plain = bus.handle(commands.CreateTask(actor_id=user.id, values={"title": "p"}))
    record = commands.RecordOccurrence
    with pytest.raises(NotFound):
        bus.handle(record(actor_id=other.id, task_id=routine.id, occurrence="2026-03-03T00:00", status="done"))
    with pytest.raises(Conflict):
        bus.handle(record(actor_id=user.id, task_id=plain.id, occurrence="2026-03-03T00:00", status="done"))
    with pytest.raises(ValidationError):
        bus.handle(record(actor_id=user.id, task_id=routine.id, occurrence="2026-03-03T10:00", status="done"))
    with pytest.raises(ValidationError):
        bus.handle(record(actor_id=user.id, task_id=routine.id, occurrence="2026-03-01T00:00", status="done"))
    bus.handle(commands.UpdateTask(actor_id=user.id, task_id=routine.id, changes={"status": "cancelled"}))
    with pytest.raises(Conflict):
        bus.handle(record(actor_id=user.id, task_id=routine.id, occurrence="2026-03-03T00:00", status="done"))
