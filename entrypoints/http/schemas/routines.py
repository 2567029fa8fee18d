from __future__ import annotations

from marshmallow import fields, validate
from werkzeug.routing import BaseConverter

from domain.model.recurrence import MAX_COUNT, MAX_HOURLY_INTERVAL, MAX_INTERVAL, MAX_RULE_LENGTH, MAX_TIMES_PER_DAY
from domain.model.routine import MAX_OCCURRENCES
from domain.services.planning import HORIZON
from entrypoints.http.schemas.common import StrictSchema

HORIZON_WEEKS = HORIZON.days // 7
OCCURRENCE_PATTERN = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"
RULE_LIMITS = (
    f"An RFC 5545 RRULE (at most {MAX_RULE_LENGTH} characters), read by python-dateutil and held to the "
    f"routine subset that stays cheap to expand (else a 422 that says why): FREQ HOURLY (INTERVAL <= "
    f"{MAX_HOURLY_INTERVAL} hours, no BYHOUR/BYMINUTE), DAILY, WEEKLY, MONTHLY or YEARLY; INTERVAL <= "
    f"{MAX_INTERVAL}; COUNT <= {MAX_COUNT} (not with UNTIL); at most {MAX_TIMES_PER_DAY} times a day (BYHOUR x "
    f"BYMINUTE); BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, BYHOUR, BYMINUTE, WKST and UNTIL, without combinations "
    f"that would match rarely or never (see docs/routines.md). Cap: a plan holds at most {MAX_OCCURRENCES} "
    f"occurrences of one routine per planning horizon ({HORIZON_WEEKS} weeks; nearest first, and of an "
    f"every-N-hours routine only those meeting working hours).")


class OccurrenceConverter(BaseConverter):
    """An occurrence in a URL: its local wall time, ``YYYY-MM-DDTHH:MM``."""

    regex = OCCURRENCE_PATTERN


def occurrence_parameter(converter) -> dict:
    return {"type": "string", "pattern": f"^{OCCURRENCE_PATTERN}$",
            "description": "the occurrence's local date and time in the user's zone, YYYY-MM-DDTHH:MM"}


class OccurrenceSchema(StrictSchema):
    occurrence = fields.String(metadata={"description": "local wall time YYYY-MM-DDTHH:MM: the occurrence's name"})
    start = fields.AwareDateTime(metadata={"description": "it may be worked on from here"})
    due = fields.AwareDateTime()
    fixed_time = fields.Boolean(metadata={"description": "true: it starts at a time of day (start)"})
    status = fields.String(validate=validate.OneOf(["open", "done", "skipped", "missed"]))
    recorded_at = fields.AwareDateTime(allow_none=True)


class OccurrenceStatusSchema(StrictSchema):
    status = fields.String(required=True, validate=validate.OneOf(["done", "skipped"]))
