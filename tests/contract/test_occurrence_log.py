"""The routine occurrence log on every adapter: memory, SQLite, PostgreSQL and MongoDB."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from adapters.memory.occurrences import MemoryOccurrenceLog
from adapters.sql.engine import make_engine
from adapters.sql.occurrences import SqlOccurrenceLog
from domain.model.routine import OccurrenceRecord, OccurrenceStatus

AT = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)


@pytest.fixture(params=["memory", "sqlite", "postgres", "mongo"])
def log(request):
    if request.param == "memory":
        yield MemoryOccurrenceLog()
    elif request.param == "mongo":
        from adapters.mongo.occurrences import MongoOccurrenceLog

        store = MongoOccurrenceLog(request.getfixturevalue("mongo_url"))
        yield store
        store.close()
    else:
        engine = make_engine(request.getfixturevalue(f"{request.param}_url"))
        yield SqlOccurrenceLog(engine)
        engine.dispose()


def record(user_id, task_id, days=0, status=OccurrenceStatus.DONE, **values):
    at = AT + timedelta(days=days)
    values = dict(user_id=user_id, task_id=task_id, occurrence=(at + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
                  at=at, status=status, recorded_at=AT + timedelta(days=days, minutes=5)) | values
    return OccurrenceRecord(**values)


def test_a_record_round_trips_and_a_second_write_replaces_it(log):
    user_id, task_id = uuid.uuid4(), uuid.uuid4()
    first = record(user_id, task_id)
    assert log.get(user_id, task_id, first.occurrence) is None
    log.put(first)
    assert log.get(user_id, task_id, first.occurrence) == first
    skipped = record(user_id, task_id, status=OccurrenceStatus.SKIPPED, recorded_at=AT + timedelta(hours=2))
    log.put(skipped)
    assert log.get(user_id, task_id, first.occurrence) == skipped
    assert log.between(user_id, [task_id], AT - timedelta(days=1), AT + timedelta(days=1)) == [skipped]


def test_records_are_found_by_routine_and_time_and_only_the_owners(log):
    user_id, other_user = uuid.uuid4(), uuid.uuid4()
    a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    for days in (0, 1, 2, 5):
        log.put(record(user_id, a, days))
    log.put(record(user_id, b, 1))
    log.put(record(user_id, c, 1))
    log.put(record(other_user, a, 1))
    found = log.between(user_id, [a, b], AT + timedelta(days=1), AT + timedelta(days=5))
    assert sorted((r.task_id, r.at) for r in found) == sorted(
        [(a, AT + timedelta(days=1)), (a, AT + timedelta(days=2)), (b, AT + timedelta(days=1))])
    assert [r.at for r in found if r.task_id == a] == [AT + timedelta(days=1), AT + timedelta(days=2)]
    assert all(r.user_id == user_id for r in found)
    assert log.between(user_id, [], AT, AT + timedelta(days=9)) == []
    assert log.get(other_user, b, record(user_id, b, 1).occurrence) is None


def test_delete_one_and_delete_a_routines_records(log):
    user_id, a, b = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    first, second = record(user_id, a, 0), record(user_id, a, 1)
    for item in (first, second, record(user_id, b, 0)):
        log.put(item)
    assert log.delete(user_id, a, first.occurrence) is True
    assert log.delete(user_id, a, first.occurrence) is False
    assert log.get(user_id, a, first.occurrence) is None and log.get(user_id, a, second.occurrence) == second
    log.delete_task(user_id, a)
    assert log.between(user_id, [a, b], AT - timedelta(days=9), AT + timedelta(days=9)) == [record(user_id, b, 0)]
