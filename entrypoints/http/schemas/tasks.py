from __future__ import annotations

from marshmallow import fields, validate

from domain.model import TaskQuery, TaskStatus
from entrypoints.http.schemas.common import StrictBool, StrictInt, StrictSchema, aware_datetime, text

_STATUSES = [s.value for s in TaskStatus]


class TaskSchema(StrictSchema):
    id = fields.UUID(dump_only=True)
    title = text(500, 1, required=True)
    notes = text(20000)
    duration_minutes = StrictInt(validate=validate.Range(1, 10080))
    due = aware_datetime(allow_none=True)
    earliest_start = aware_datetime(allow_none=True)
    priority = StrictInt(validate=validate.Range(1, 4))
    status = fields.String(validate=validate.OneOf(_STATUSES))
    category_id = fields.UUID(allow_none=True)
    tags = fields.List(text(50, 1), validate=validate.Length(max=20))
    splittable = StrictBool()
    min_chunk_minutes = StrictInt(validate=validate.Range(5, 10080))
    depends_on = fields.List(fields.UUID(), validate=validate.Length(max=100))
    recurrence = text(500, allow_none=True)
    completed_at = fields.AwareDateTime(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)
    version = fields.Integer(dump_only=True)


class TaskDumpSchema(TaskSchema):
    status = fields.Function(lambda task: task.status.value)
    tags = fields.Function(lambda task: list(task.tags))
    depends_on = fields.Function(lambda task: sorted(str(i) for i in task.depends_on))


class TaskListArgs(StrictSchema):
    status = fields.List(fields.String(validate=validate.OneOf(_STATUSES)), validate=validate.Length(max=4))
    category_id = fields.UUID()
    tag = text(50, 1)
    due_before = aware_datetime()
    due_after = aware_datetime()
    q = text(200, 1)
    sort = fields.String(
        load_default="created_at",
        validate=validate.OneOf([p + f for f in TaskQuery.SORTABLE for p in ("", "-")]),
    )
