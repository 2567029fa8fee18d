"""Strict field types shared by every schema."""
from __future__ import annotations

import re
from zoneinfo import available_timezones

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from domain.model import _checks
from domain.model.time_of_day import BOUNDARY_OF_DAY, TIME_OF_DAY


class StrictSchema(Schema):
    class Meta:
        unknown = RAISE
        ordered = True


class StrictBool(fields.Boolean):
    """JSON true or false only: not "yes", not 0 or 1 (which equal False and True in a set)."""

    truthy = {True}
    falsy = {False}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


class StrictInt(fields.Integer):
    def __init__(self, **kwargs):
        super().__init__(strict=True, **kwargs)


def text(max_len: int, min_len: int = 0, **kwargs) -> fields.String:
    return fields.String(validate=validate.Length(min=min_len, max=max_len), **kwargs)


def _leaves(messages) -> list[str]:
    if isinstance(messages, dict):
        return [m for value in messages.values() for m in _leaves(value)]
    if isinstance(messages, list):
        return [m for value in messages for m in _leaves(value)]
    return [str(messages)]


class FlatList(fields.List):
    """A list whose items' errors are reported on the list itself (``tags``, not ``tags[0]``), as
    the domain names them."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return super()._deserialize(value, attr, data, **kwargs)
        except ValidationError as error:
            raise ValidationError(_leaves(error.messages)) from None


class FlatDict(fields.Dict):
    """A mapping whose errors are reported per key (``channels.gossip``, not ``channels.gossip.key``)."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return super()._deserialize(value, attr, data, **kwargs)
        except ValidationError as error:
            messages = error.messages
            if isinstance(messages, dict):
                raise ValidationError({key: _leaves(inner) for key, inner in messages.items()}) from None
            raise


# Whitespace to JSON Schema (ECMA-262's \s) or to Python (str.isspace, which strip() uses): a
# pattern that names these explicitly means the same in both, so client and server agree.
WHITESPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
NOT_BLANK = rf"^[{WHITESPACE}]*[^{WHITESPACE}]"
ONE_WORD = rf"^[^{WHITESPACE},#@]+$"


class Pattern(validate.Validator):
    """A JSON Schema ``pattern`` (put in the document by ``patterned``) checked as JSON Schema
    reads it: a search, with ``$`` the end of the text (Python's ``$`` also matches before a final
    newline)."""

    def __init__(self, pattern: str, error: str) -> None:
        self.pattern, self.error = pattern, error
        self._regex = re.compile(pattern.replace("$", r"\Z"))

    def __call__(self, value: str) -> str:
        if not self._regex.search(value):
            raise ValidationError(self.error)
        return value


def patterned(pattern: str, error: str, max_len: int, min_len: int = 0, **kwargs) -> fields.String:
    metadata = {"pattern": pattern} | kwargs.pop("metadata", {})
    return fields.String(validate=[validate.Length(min=min_len, max=max_len), Pattern(pattern, error)],
                         metadata=metadata, **kwargs)


def not_blank(max_len: int, **kwargs) -> fields.String:
    return patterned(NOT_BLANK, "must not be blank", max_len, 1, **kwargs)


def tag_name(**kwargs) -> fields.String:
    return patterned(ONE_WORD, "a tag is one word without spaces, commas, # or @", 50, 1, **kwargs)


def clock_time(end_of_day: bool = False, **kwargs) -> fields.String:
    """``HH:MM`` from 00:00 to 23:59, or to 24:00 with ``end_of_day``: the domain's pattern."""
    if end_of_day:
        return patterned(BOUNDARY_OF_DAY, "must be HH:MM, 00:00 to 24:00", 5, 5, **kwargs)
    return patterned(TIME_OF_DAY, "must be HH:MM, 00:00 to 23:59", 5, 5, **kwargs)


TIMEZONES = sorted(available_timezones())


def timezone_name(**kwargs) -> fields.String:
    """An IANA time zone name, e.g. ``Europe/Paris`` (the document lists them)."""
    return fields.String(validate=validate.OneOf(TIMEZONES), **kwargs)


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
