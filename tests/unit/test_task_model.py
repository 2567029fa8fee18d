"""The Task aggregate's invariants."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, strategies as st

from domain import events
from domain.errors import ValidationError
from domain.model import TaskStatus, _checks
from domain.model.recurrence import validate_rrule
from domain.model.task import find_cycle
from tests.factories import NOW, a_task, a_user

USER = a_user()


def test_create_records_an_event_and_normalises():
    task = a_task(USER, title="  Write  ", tags=["Work", "work", "q3"], due=datetime(2026, 3, 3, 18, tzinfo=timezone(timedelta(hours=1))))
    assert task.title == "Write" and task.tags == ("work", "q3")
    assert task.due.tzinfo == timezone.utc and task.due.hour == 17
    assert task.events == [events.TaskCreated(user_id=USER.id, task_id=task.id)]


@pytest.mark.parametrize("values,field", [
    ({"title": ""}, "title"), ({"title": "x" * 501}, "title"), ({"duration_minutes": 0}, "duration_minutes"),
    ({"duration_minutes": 10081}, "duration_minutes"), ({"priority": 0}, "priority"), ({"priority": True}, "priority"),
    ({"due": datetime(2026, 1, 1)}, "due"), ({"status": "nope"}, "status"), ({"tags": "work"}, "tags"),
    ({"tags": [f"t{i}" for i in range(21)]}, "tags"), ({"recurrence": "FREQ=HOURLY;BYDAY=XX"}, "recurrence"),
    ({"splittable": 1}, "splittable"), ({"depends_on": ["not-a-uuid"]}, "depends_on"),
])
def test_invalid_values_name_their_field(values, field):
    with pytest.raises(ValidationError) as info:
        a_task(USER, **values)
    assert field in info.value.field_errors


def test_update_is_all_or_nothing():
    task = a_task(USER, title="keep", duration_minutes=60)
    with pytest.raises(ValidationError) as info:
        task.update({"title": "new", "duration_minutes": -5, "priority": 9}, NOW)
    assert set(info.value.field_errors) == {"duration_minutes", "priority"}
    assert (task.title, task.duration_minutes, task.version) == ("keep", 60, 1)


def test_update_tracks_completion_and_changed_fields():
    task = a_task(USER)
    task.events.clear()
    later = NOW + timedelta(hours=2)
    assert task.update({"status": "done", "title": task.title}, later) == ("status",)
    assert task.completed_at == later and task.version == 2 and task.updated_at == later
    assert [type(e) for e in task.events] == [events.TaskCompleted, events.TaskUpdated]
    task.update({"status": "todo"}, later)
    assert task.completed_at is None and task.status is TaskStatus.TODO
    assert task.update({}, later) == () and task.version == 3


def test_cross_field_rules():
    with pytest.raises(ValidationError):
        a_task(USER, earliest_start=NOW + timedelta(days=2), due=NOW + timedelta(days=1))
    task = a_task(USER, duration_minutes=120, splittable=True, min_chunk_minutes=30)
    with pytest.raises(ValidationError):
        task.update({"duration_minutes": 20}, NOW)
    with pytest.raises(ValidationError):
        task.update({"depends_on": [task.id]}, NOW)


def test_find_cycle():
    a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    assert find_cycle({a: frozenset({b}), b: frozenset({c})}, a) is None
    assert find_cycle({a: frozenset({b}), b: frozenset({c}), c: frozenset({a})}, a) == [a, b, c, a]


@pytest.mark.parametrize("rule", ["FREQ=DAILY", "RRULE:FREQ=WEEKLY;BYDAY=MO,TH", "freq=monthly;bymonthday=1",
                                  "FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=DAILY;UNTIL=20261231T000000Z"])
def test_valid_rrules(rule):
    assert validate_rrule(rule).startswith("FREQ=")


@pytest.mark.parametrize("rule", ["", "DAILY", "FREQ=SOMETIMES", "FREQ=DAILY;FREQ=DAILY", "INTERVAL=2",
                                  "FREQ=DAILY;INTERVAL=0", "FREQ=WEEKLY;BYDAY=XY", "FREQ=DAILY;COUNT=1;UNTIL=20260101"])
def test_invalid_rrules(rule):
    with pytest.raises(ValidationError):
        validate_rrule(rule)


@given(st.text(max_size=600))
def test_rrule_validator_never_crashes(text):
    try:
        validate_rrule(text)
    except ValidationError:
        pass


@given(title=st.text(max_size=600), minutes=st.integers(-10, 20000), priority=st.integers(-3, 8))
def test_task_creation_either_validates_or_raises_validation_error(title, minutes, priority):
    try:
        task = a_task(USER, title=title, duration_minutes=minutes, priority=priority)
    except ValidationError as exc:
        assert exc.field_errors
    else:
        assert 1 <= len(task.title) <= 500 and 1 <= task.duration_minutes <= 10080 and 1 <= task.priority <= 4


@pytest.mark.parametrize("year", [1, 1969, 2201, 9999])
def test_instants_outside_the_supported_years_are_refused(year):
    with pytest.raises(ValidationError) as refused:
        _checks.aware("due", datetime(year, 12, 31, 23, tzinfo=timezone.utc))
    assert "due" in refused.value.field_errors
    assert _checks.aware("due", datetime(2200, 12, 31, 23, tzinfo=timezone.utc)).year == 2200
