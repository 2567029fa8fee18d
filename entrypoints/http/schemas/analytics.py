"""Insights: the range a report covers, and the four reports' shapes (for the OpenAPI document)."""
from __future__ import annotations

from marshmallow import fields

from domain.analytics.facts import MAX_RANGE_DAYS
from entrypoints.http.schemas.common import StrictSchema

_RANGE = (f"Local days of the user's time zone, inclusive (YYYY-MM-DD). Defaults: `to` today, `from` 29 days "
          f"before `to`. At most {MAX_RANGE_DAYS} days, `from` not after `to`: otherwise a 422.")


class DateRangeArgs(StrictSchema):
    from_ = fields.Date(data_key="from", metadata={"description": _RANGE})
    to = fields.Date(metadata={"description": _RANGE})


class _Range(StrictSchema):
    from_ = fields.String(data_key="from", attribute="from")
    to = fields.String()


class AccuracySchema(StrictSchema):
    tasks = fields.Integer(metadata={"description": "done tasks whose actual minutes the person reported (a task's "
                                                    "actual_minutes with actual_reported true); others are left out"})
    planned_minutes = fields.Integer()
    actual_minutes = fields.Integer(metadata={"description": "the reported minutes of those tasks"})
    ratio = fields.Float(allow_none=True, metadata={"description": "actual / planned; above 1: took longer"})
    mean_abs_error_minutes = fields.Float(allow_none=True)
    over = fields.Integer(metadata={"description": "tasks that took longer than planned"})
    under = fields.Integer()
    exact = fields.Integer()


class LatenessSchema(StrictSchema):
    bucket = fields.String(metadata={"description": "under_1h, 1h_to_1d, 1d_to_3d, 3d_to_7d or over_7d late"})
    tasks = fields.Integer()


class HourSchema(StrictSchema):
    hour = fields.Integer(metadata={"description": "local hour of the day, 0-23"})
    done = fields.Integer()


class StreaksSchema(StrictSchema):
    current = fields.Integer()
    longest = fields.Integer()
    active_days = fields.Integer()


class QuickAddFieldsSchema(StrictSchema):
    """How many corrected quick-adds changed each field of the reading."""

    title = fields.Integer()
    due = fields.Integer()
    start = fields.Integer()
    duration_minutes = fields.Integer()
    priority = fields.Integer()
    tags = fields.Integer()
    category = fields.Integer()
    recurrence = fields.Integer()


class QuickAddSummarySchema(StrictSchema):
    made = fields.Integer(metadata={"description": "tasks made by quick-add (or an image's accepted drafts) on these "
                                                   "days; a deleted task leaves the count"})
    corrected = fields.Integer(metadata={
        "description": "of those, how many the person edited within 30 minutes so that a field of the reading "
                       "changed (counted once however often; an edit that changed none of them is no correction)"})
    rate = fields.Float(allow_none=True, metadata={"description": "corrected / made; null when none were made"})
    fields_ = fields.Nested(QuickAddFieldsSchema, data_key="fields", attribute="fields", metadata={
        "description": "per field, how many corrected quick-adds changed it (as the latest correction left it)"})


class SummarySchema(_Range):
    done = fields.Integer()
    cancelled = fields.Integer()
    planned_minutes = fields.Integer(metadata={"description": "estimates of the tasks closed (done or cancelled)"})
    done_minutes = fields.Integer(metadata={"description": "minutes of done tasks: as reported, else their estimate"})
    on_time = fields.Integer()
    late = fields.Integer()
    without_due = fields.Integer()
    on_time_rate = fields.Float(allow_none=True)
    lateness = fields.List(fields.Nested(LatenessSchema))
    estimates = fields.Nested(AccuracySchema)
    plan_changes = fields.Integer(metadata={"description": "re-plans that moved blocks or found blocks missed"})
    moved_blocks = fields.Integer()
    missed_blocks = fields.Integer(metadata={
        "description": "blocks whose time passed while their task was still open (the plan placed the work again)"})
    busiest_hours = fields.List(fields.Nested(HourSchema), metadata={"description": "top 5 hours by tasks done"})
    hours = fields.List(fields.Nested(HourSchema))
    streaks = fields.Nested(StreaksSchema)
    quick_add = fields.Nested(QuickAddSummarySchema, metadata={
        "description": "quick-adds made on these days and how often their reading was corrected"})


class WeekSchema(StrictSchema):
    week = fields.String(metadata={"description": "the Monday of the week"})
    planned_minutes = fields.Integer()
    done_minutes = fields.Integer()
    done = fields.Integer()
    cancelled = fields.Integer()
    on_time = fields.Integer()
    late = fields.Integer()
    plan_changes = fields.Integer()


class WeeklySchema(_Range):
    weeks = fields.List(fields.Nested(WeekSchema))


class CategoryTimeSchema(StrictSchema):
    category_id = fields.UUID(allow_none=True)
    name = fields.String()
    done = fields.Integer()
    cancelled = fields.Integer()
    minutes = fields.Integer()
    planned_minutes = fields.Integer()


class TagTimeSchema(StrictSchema):
    tag = fields.String()
    minutes = fields.Integer()


class CategoriesSchema(_Range):
    categories = fields.List(fields.Nested(CategoryTimeSchema))
    tags = fields.List(fields.Nested(TagTimeSchema), metadata={"description": "the 20 tags with the most minutes"})
    other_tags_minutes = fields.Integer()


class CategoryAccuracySchema(AccuracySchema):
    category_id = fields.UUID(allow_none=True)
    name = fields.String()
    learned_minutes = fields.Integer(allow_none=True, metadata={
        "description": "the duration quick-add now proposes for this category, learned from finished tasks"})


class DurationAccuracySchema(AccuracySchema):
    bucket = fields.String(metadata={"description": "planned minutes: up_to_15, 16_to_30, 31_to_60, 61_to_120, "
                                                    "over_120"})


class EstimatesSchema(_Range):
    overall = fields.Nested(AccuracySchema)
    correction_factor = fields.Float(allow_none=True, metadata={
        "description": "actual / planned minutes over the range: multiply an estimate by it to expect the actual"})
    by_category = fields.List(fields.Nested(CategoryAccuracySchema))
    by_duration = fields.List(fields.Nested(DurationAccuracySchema))
