"""The hand-written TaskDumpSchema.dump gives exactly the JSON marshmallow's declared fields give."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from marshmallow import Schema

from domain.model import Task, TaskStatus
from entrypoints.http.json import OrjsonProvider
from entrypoints.http.schemas.tasks import TaskDumpSchema


def _tasks():
    now = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=timezone.utc)
    plain = Task.create(id=uuid.uuid4(), user_id=uuid.uuid4(), now=now, title="plain")
    full = Task.create(id=uuid.uuid4(), user_id=uuid.uuid4(), now=now, title="full", notes="n",
                       duration_minutes=90, due=now + timedelta(days=2), earliest_start=now, priority=1,
                       status=TaskStatus.DONE, category_id=uuid.uuid4(), tags=["b", "a"], splittable=True,
                       min_chunk_minutes=30, depends_on=[uuid.uuid4() for _ in range(5)], recurrence="FREQ=WEEKLY")
    # the domain keeps datetimes in UTC; should a zoned one ever reach the dump (with a seconds
    # offset, say, which orjson alone would round), it still writes what marshmallow writes
    local = Task.create(id=uuid.uuid4(), user_id=uuid.uuid4(), now=now, title="local")
    local.due = datetime(2026, 3, 3, 17, 0, tzinfo=ZoneInfo("America/New_York"))
    local.earliest_start = datetime(1850, 1, 1, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    return [plain, full, local]


@pytest.fixture(scope="module")
def provider():
    return OrjsonProvider(Flask(__name__))  # the provider create_app installs


def test_fast_dump_writes_the_same_json_as_marshmallow(provider):
    schema = TaskDumpSchema(many=True)
    tasks = _tasks()
    assert provider.dumps(schema.dump(tasks)) == provider.dumps(Schema.dump(schema, tasks))
    for task in tasks:
        fast, slow = TaskDumpSchema().dump(task), Schema.dump(TaskDumpSchema(), task)
        assert list(fast) == list(slow)
        assert provider.dumps(fast) == provider.dumps(slow)
    assert "+00:19:32" in provider.dumps(TaskDumpSchema().dump(tasks[2]))
