from __future__ import annotations

from datetime import timezone

from marshmallow import fields, validate

from domain.model import TaskQuery, TaskStatus
from domain.model.recurrence import MAX_RULE_LENGTH
from domain.model.task import MAX_ACTUAL_MINUTES
from entrypoints.http.schemas.routines import RULE_LIMITS
from entrypoints.http.schemas.common import (FlatList, StrictBool, StrictInt, StrictSchema, aware_datetime, not_blank,
                                             tag_name, text)

_STATUSES = [s.value for s in TaskStatus]


class TaskSchema(StrictSchema):
    id = fields.UUID(dump_only=True)
    title = not_blank(500, required=True)
    notes = text(20000)
    duration_minutes = StrictInt(validate=validate.Range(1, 10080))
    due = aware_datetime(allow_none=True)
    earliest_start = aware_datetime(allow_none=True)
    priority = StrictInt(validate=validate.Range(1, 4))
    status = fields.String(validate=validate.OneOf(_STATUSES), metadata={"description": (
        "todo, done or cancelled. On an open routine (a task with a recurrence), done completes its current "
        "occurrence (the one missed and still waiting, else the next) and the routine stays todo; it is done "
        "once its rule has no occurrence left; cancelled ends it.")})
    category_id = fields.UUID(allow_none=True)
    tags = FlatList(tag_name(), validate=validate.Length(max=20))
    splittable = StrictBool()
    min_chunk_minutes = StrictInt(validate=validate.Range(5, 10080))
    depends_on = fields.List(fields.UUID(), validate=validate.Length(max=100))
    recurrence = text(MAX_RULE_LENGTH, allow_none=True, metadata={"description": RULE_LIMITS})
    completed_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    actual_minutes = StrictInt(allow_none=True, validate=validate.Range(1, MAX_ACTUAL_MINUTES), metadata={
        "description": "How long a done task took, 1 to 10080. Send it (PATCH, with or after status done) to "
                       "report it; null forgets a reported value. Unreported, it is the minutes of the task's "
                       "blocks that had begun when it was marked done, which never exceed its duration."})
    actual_reported = fields.Boolean(dump_only=True, metadata={
        "description": "Whether actual_minutes was reported (only reported ones count in estimate accuracy)"})
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)
    version = fields.Integer(dump_only=True)


class TaskDumpSchema(TaskSchema):
    status = fields.Function(lambda task: task.status.value)
    tags = fields.Function(lambda task: list(task.tags))
    depends_on = fields.Function(lambda task: sorted(str(i) for i in task.depends_on))

    def dump(self, obj, *, many=None):
        """The same JSON as the declared fields give (tests/unit/test_task_dump.py holds them equal),
        without marshmallow's per-field machinery: a page of 50 tasks is 900 field dumps. Ids and
        UTC datetimes are left as objects for the JSON provider (orjson writes them in C, exactly as
        ``str`` and ``isoformat`` do); any other datetime is formatted here, as marshmallow would."""
        many = self.many if many is None else many
        if type(self) is not TaskDumpSchema or self.only or self.exclude:  # subclasses may add fields
            return super().dump(obj, many=many)
        return [_dump_task(task) for task in obj] if many else _dump_task(obj)


def _when(value):
    return value if value is None or value.tzinfo is timezone.utc else value.isoformat()


def _dump_task(task) -> dict:
    return {
        "id": task.id, "title": task.title, "notes": task.notes, "duration_minutes": task.duration_minutes,
        "due": _when(task.due), "earliest_start": _when(task.earliest_start), "priority": task.priority,
        "status": task.status.value, "category_id": task.category_id,
        "tags": list(task.tags), "splittable": task.splittable, "min_chunk_minutes": task.min_chunk_minutes,
        "depends_on": sorted(task.depends_on),  # a UUID's order is its canonical string's order
        "recurrence": task.recurrence, "completed_at": _when(task.completed_at),
        "actual_minutes": task.actual_minutes, "actual_reported": task.actual_reported,
        "created_at": _when(task.created_at),
        "updated_at": _when(task.updated_at), "version": task.version,
    }


class TaskListArgs(StrictSchema):
    status = fields.List(fields.String(validate=validate.OneOf(_STATUSES)), validate=validate.Length(max=len(_STATUSES)))
    category_id = fields.UUID()
    tag = text(50, 1)
    due_before = aware_datetime()
    due_after = aware_datetime()
    q = text(200, 1)
    recurring = fields.Boolean(metadata={"description": "true: only routines (tasks with a recurrence rule); "
                                                        "false: only one-off tasks"})
    sort = fields.String(
        load_default="created_at",
        validate=validate.OneOf([p + f for f in TaskQuery.SORTABLE for p in ("", "-")]),
    )
