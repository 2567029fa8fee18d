"""The hand-written TaskDumpSchema.dump gives exactly what marshmallow's declared fields give."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from marshmallow import Schema

from domain.model import Task, TaskStatus
from entrypoints.http.schemas.tasks import TaskDumpSchema


def _tasks():
    now = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=timezone.utc)
    plain = Task.create(id=uuid.uuid4(), user_id=uuid.uuid4(), now=now, title="plain")
    full = Task.create(id=uuid.uuid4(), user_id=uuid.uuid4(), now=now, title="full", notes="n",
                       duration_minutes=90, due=now + timedelta(days=2), earliest_start=now, priority=1,
                       status=TaskStatus.DONE, category_id=uuid.uuid4(), tags=["b", "a"], splittable=True,
                       min_chunk_minutes=30, depends_on=[uuid.uuid4(), uuid.uuid4()], recurrence="FREQ=WEEKLY")
    return [plain, full]


def test_fast_dump_equals_marshmallow_dump():
    schema = TaskDumpSchema(many=True)
    tasks = _tasks()
    assert schema.dump(tasks) == Schema.dump(schema, tasks)
    assert TaskDumpSchema().dump(tasks[1]) == Schema.dump(TaskDumpSchema(), tasks[1])
    assert list(TaskDumpSchema().dump(tasks[1])) == list(Schema.dump(TaskDumpSchema(), tasks[1]))
