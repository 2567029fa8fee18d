"""Missed occurrences on re-plan (docs/routines.md, "Done, skipped, missed"): an occurrence whose block
passed without a record is placed again, overdue, while no later occurrence has begun ("every monday"
waits, as in Todoist); once a later one has begun it is marked missed and leaves the plan ("every day")."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from domain import commands
from tests.unit.routines.conftest import MONDAY, statuses

BERLIN = ZoneInfo("Europe/Berlin")


def _setup(container, berliner, rule):
    bus, user = container.bus(), berliner()
    task = bus.handle(commands.CreateTask(actor_id=user.id, values={
        "title": "review", "recurrence": rule, "duration_minutes": 60}))
    return bus, user, task


def _replan(container, bus, user, task, at):
    container.clock().set(at)
    summary = bus.handle(commands.ReplanSchedule(user_id=user.id))
    with bus.uow as uow:
        blocks = sorted(b.start.astimezone(BERLIN) for b in uow.blocks.list(user.id) if b.task_id == task.id)
    return summary, blocks


def test_a_missed_every_monday_is_placed_again_overdue_until_done(container, berliner):
    bus, user, task = _setup(container, berliner, "FREQ=WEEKLY;BYDAY=MO")
    _, blocks = _replan(container, bus, user, task, MONDAY)
    assert blocks[0] == datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)  # Monday's, inside its day

    evening = MONDAY + timedelta(hours=12)  # 20:00: the block passed, nothing recorded
    summary, blocks = _replan(container, bus, user, task, evening)
    assert blocks[0] == datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN)  # re-placed: the next working hour
    late = [e for e in summary.lateness if e["task_id"] == str(task.id)]
    assert [e["occurrence"] for e in late] == ["2026-03-02T00:00"]  # and said to be late
    assert dict(statuses(container, user, task, days=10))["2026-03-02T00:00"] == "open"  # still waiting, not missed

    bus.handle(commands.UpdateTask(actor_id=user.id, task_id=task.id, changes={"status": "done"}))
    assert dict(statuses(container, user, task, days=10))["2026-03-02T00:00"] == "done"  # done completed the missed one
    _, blocks = _replan(container, bus, user, task, evening)
    assert blocks[0] == datetime(2026, 3, 9, 9, 0, tzinfo=BERLIN)  # the next Monday


def test_a_missed_every_day_is_marked_missed_once_the_next_day_begins(container, berliner):
    bus, user, task = _setup(container, berliner, "FREQ=DAILY")
    _replan(container, bus, user, task, MONDAY)
    tuesday = MONDAY + timedelta(days=1)  # Tuesday 8:00: Monday's window is over and Tuesday's has begun
    summary, blocks = _replan(container, bus, user, task, tuesday)
    assert blocks[0] == datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN)  # Tuesday's own, not Monday's again
    assert len([b for b in blocks if b.date() == blocks[0].date()]) == 1
    listed = dict(statuses(container, user, task, days=10))
    assert (listed["2026-03-02T00:00"], listed["2026-03-03T00:00"]) == ("missed", "open")
    assert not [e for e in summary.lateness if e.get("occurrence") == "2026-03-02T00:00"]
