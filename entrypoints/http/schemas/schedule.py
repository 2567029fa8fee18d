from __future__ import annotations

from datetime import timedelta

from marshmallow import fields

from domain.errors import ValidationError

from entrypoints.http.schemas.common import StrictSchema, aware_datetime


class RangeArgs(StrictSchema):
    from_ = aware_datetime(data_key="from")
    to = aware_datetime()


MAX_RANGE = timedelta(days=366)


def time_range(args: dict, now, default: timedelta):
    """[from, to) from RangeArgs: ``from`` defaults to now, ``to`` to ``from`` + default; at most a year."""
    start = args.get("from_") or now
    end = args.get("to") or start + default
    if end <= start or end - start > MAX_RANGE:
        raise ValidationError.for_field("to", "must be after from, and at most a year later")
    return start, end


class BlockTaskSchema(StrictSchema):
    id = fields.UUID()
    title = fields.String()
    priority = fields.Integer()
    due = fields.AwareDateTime(allow_none=True)
    status = fields.Function(lambda task: task.status.value)


class BlockSchema(StrictSchema):
    id = fields.UUID(dump_only=True)
    task_id = fields.UUID(dump_only=True)
    start = aware_datetime(required=True)
    end = aware_datetime(required=True)
    pinned = fields.Boolean(dump_only=True)
    reason = fields.String(dump_only=True)


class BlockWithTaskSchema(BlockSchema):
    task = fields.Nested(BlockTaskSchema, allow_none=True)


class PlanSummarySchema(StrictSchema):
    computed_at = fields.AwareDateTime()
    unscheduled = fields.List(fields.Dict())
    lateness = fields.List(fields.Dict())
    shortfalls = fields.List(fields.Dict())
    metrics = fields.Dict()


class ScheduleSchema(StrictSchema):
    blocks = fields.List(fields.Nested(BlockWithTaskSchema))
    plan = fields.Nested(PlanSummarySchema, allow_none=True)


