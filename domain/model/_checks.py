"""Small validators shared by the entities. Each raises a ValidationError naming the field."""
from __future__ import annotations

import re
from datetime import datetime, timezone as _utc_zone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.errors import ValidationError

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


def text(field: str, value: str, *, min_len: int = 0, max_len: int) -> str:
    if not isinstance(value, str):
        raise ValidationError.for_field(field, "must be a string")
    value = value.strip()
    if len(value) < min_len:
        raise ValidationError.for_field(field, f"must have at least {min_len} character(s)")
    if len(value) > max_len:
        raise ValidationError.for_field(field, f"must have at most {max_len} characters")
    return value


def integer(field: str, value: int, *, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError.for_field(field, "must be an integer")
    if not low <= value <= high:
        raise ValidationError.for_field(field, f"must be between {low} and {high}")
    return value


# Every instant Planloom keeps or plans around lies in these years: a plan reaches weeks past a
# due date and local time sits up to a day either side of UTC, all far from datetime's limits.
FIRST_YEAR, LAST_YEAR = 1970, 2200


def aware(field: str, value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError.for_field(field, "must carry a timezone offset")
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError.for_field(field, f"must lie in the years {FIRST_YEAR} to {LAST_YEAR}")
    return value.astimezone(_utc_zone.utc)


def timezone(field: str, value: str) -> str:
    if not isinstance(value, str) or not value or len(value) > 64 or ".." in value or value.startswith("/"):
        raise ValidationError.for_field(field, f"unknown timezone {value!r}")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError.for_field(field, f"unknown timezone {value!r}") from None
    return value


def email(field: str, value: str) -> str:
    value = text(field, value, min_len=3, max_len=254).lower()
    if not _EMAIL.match(value):
        raise ValidationError.for_field(field, "is not a valid email address")
    return value
