"""Todoist semantics: "done" on a routine, by any path, completes its current occurrence and the next one
appears; the routine ends when cancelled, deleted, or when its rule has no occurrence left."""
from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from domain import commands
from domain.errors import Conflict, StaleVersion, ValidationError
from domain.model import TaskStatus
from tests.unit.routines.conftest import MONDAY, statuses

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def bus(container):
    return container.bus()


@pytest.fixture
def user(berliner):
    return berliner()


def _routine(bus, user, rule="FREQ=WEEKLY;BYDAY=MO", **values):
    return bus.handle(commands.CreateTask(actor_id=user.id, values={
        "title": "gym", "recurrence": rule, "duration_minutes": 60} | values))


def _done(bus, user, task, **extra):
    return bus.handle(commands.UpdateTask(actor_id=user.id, task_id=task.id, changes={"status": "done"} | extra))


def test_done_completes_the_current_occurrence_and_the_next_appears(bus, container, user):
    task = _routine(bus, user)
    after = _done(bus, user, task)
    assert after.status is TaskStatus.TODO and after.completed_at is None
    assert statuses(container, user, task)[:2] == [("2026-03-02T00:00", "done"), ("2026-03-09T00:00", "open")]
    _done(bus, user, task)  # done again: the next Monday (Todoist completes ahead too)
    assert [s for _, s in statuses(container, user, task)][:3] == ["done", "done", "open"]
    bus.handle(commands.ReplanSchedule(user_id=user.id))
    with bus.uow as uow:
        starts = sorted(b.start for b in uow.blocks.list(user.id) if b.task_id == task.id)
    assert starts[0].astimezone(BERLIN).date().isoformat() == "2026-03-16"


def test_a_missed_occurrence_is_the_one_done_completes(bus, container, user):
    task = _routine(bus, user)
    container.clock().set(MONDAY + timedelta(days=2))  # Wednesday: Monday's was missed and still waits
    assert statuses(container, user, task)[0] == ("2026-03-02T00:00", "open")
    _done(bus, user, task)
    assert statuses(container, user, task)[:2] == [("2026-03-02T00:00", "done"), ("2026-03-09T00:00", "open")]


def test_the_routine_ends_when_its_rule_has_no_more(bus, container, user):
    task = _routine(bus, user, rule="FREQ=DAILY;COUNT=2")
    assert _done(bus, user, task).status is TaskStatus.TODO
    last = _done(bus, user, task)
    assert last.status is TaskStatus.DONE and last.completed_at == MONDAY
    assert [s for _, s in statuses(container, user, task)] == ["done", "done"]


def test_a_rule_already_over_closes_at_once(bus, container, user):
    task = _routine(bus, user, rule="FREQ=DAILY;UNTIL=20260301")
    closed = _done(bus, user, task)
    assert closed.status is TaskStatus.DONE
    assert statuses(container, user, task) == []


def test_cancel_delete_and_dropping_the_rule_end_the_routine(bus, container, user):
    task = _routine(bus, user)
    cancelled = bus.handle(commands.UpdateTask(actor_id=user.id, task_id=task.id, changes={"status": "cancelled"}))
    assert cancelled.status is TaskStatus.CANCELLED
    other = _routine(bus, user)
    once = _done(bus, user, other, recurrence=None)  # "done" with the rule removed: a plain task, done
    assert once.status is TaskStatus.DONE and once.recurrence is None
    assert container.occurrences().between(user.id, [other.id], MONDAY - timedelta(days=9),
                                           MONDAY + timedelta(days=99)) == []


def test_other_changes_apply_with_done_and_a_bad_one_changes_nothing(bus, container, user):
    task = _routine(bus, user)
    renamed = _done(bus, user, task, title="gym, legs")
    assert (renamed.title, renamed.status) == ("gym, legs", TaskStatus.TODO)
    with pytest.raises(ValidationError):
        _done(bus, user, task, priority=9)
    assert [s for _, s in statuses(container, user, task)][:2] == ["done", "open"]  # not a second one


def test_slash_done_completes_one_occurrence(bus, container, user):
    task = _routine(bus, user)
    result = bus.handle(commands.RunSlashCommand(actor_id=user.id, text="/done gym"))
    assert result["status"] == "done" and result["tasks"][0].status is TaskStatus.TODO
    assert statuses(container, user, task)[0] == ("2026-03-02T00:00", "done")


def test_a_stale_version_records_no_occurrence(bus, container, user):
    task = _routine(bus, user)
    with pytest.raises(StaleVersion):
        bus.handle(commands.UpdateTask(actor_id=user.id, task_id=task.id, changes={"status": "done"},
                                       expected_version=task.version + 5))
    assert container.occurrences().between(user.id, [task.id], MONDAY - timedelta(days=9),
                                           MONDAY + timedelta(days=99)) == []


def test_done_with_every_occurrence_of_the_year_recorded_is_a_conflict(bus, container, user):
    task = _routine(bus, user, rule="FREQ=MONTHLY")
    for month in range(3, 16):  # March 2026 to March 2027 (the 2nd: the day it was made), each skipped ahead
        key = f"{2026 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}-02T00:00"
        bus.handle(commands.RecordOccurrence(actor_id=user.id, task_id=task.id, occurrence=key, status="skipped"))
    with pytest.raises(Conflict):
        _done(bus, user, task)
    assert container.occurrences().get(user.id, task.id, "2027-04-02T00:00") is None
