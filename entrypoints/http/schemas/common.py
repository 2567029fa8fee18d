"""Strict field types shared by every schema."""
from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from domain.model import _checks


class StrictSchema(Schema):
    class Meta:
        unknown = RAISE
        ordered = True


class StrictBool(fields.Boolean):
    truthy = {True}
    falsy = {False}


class StrictInt(fields.Integer):
    def __init__(self, **kwargs):
        super().__init__(strict=True, **kwargs)


def text(max_len: int, min_len: int = 0, **kwargs) -> fields.String:
    return fields.String(validate=validate.Length(min=min_len, max=max_len), **kwargs)


class BoundedDateTime(fields.AwareDateTime):
    """An ISO 8601 date-time with an offset, its year as written within the range every part of
    Planloom can compute with (a due date in year 9999 overflowed the plan of anyone east of UTC).
    The range is in the document as a ``pattern`` and in the field's description."""

    def _deserialize(self, value, attr, data, **kwargs):
        when = super()._deserialize(value, attr, data, **kwargs)
        if not _checks.FIRST_YEAR <= when.year <= _checks.LAST_YEAR:
            raise ValidationError(DATES)
        return when


DATES = f"must be a date-time in the years {_checks.FIRST_YEAR} to {_checks.LAST_YEAR}, with a UTC offset"
# The years 1970-2200 as a regular expression, for clients and fuzzers; the field checks it too.
YEAR_PATTERN = r"^(19[7-9][0-9]|2[01][0-9][0-9]|2200)-"


def aware_datetime(**kwargs) -> fields.AwareDateTime:
    metadata = {"description": DATES, "pattern": YEAR_PATTERN} | kwargs.pop("metadata", {})
    return BoundedDateTime(format="iso", metadata=metadata, **kwargs)


class ProblemSchema(Schema):
    type = fields.String()
    status = fields.Integer()
    title = fields.String()
    detail = fields.String()
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
