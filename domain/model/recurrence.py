"""A minimal RFC 5545 RRULE validator: the grammar of the value, not its expansion."""
from __future__ import annotations

import re

from domain.errors import ValidationError

_FREQ = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
_DAY = r"(?:[+-]?(?:[1-9]|[1-4][0-9]|5[0-3]))?(?:MO|TU|WE|TH|FR|SA|SU)"
_INT_LIST = r"[+-]?\d{1,3}(?:,[+-]?\d{1,3})*"
_PARTS = {
    "FREQ": None,
    "INTERVAL": re.compile(r"^[1-9]\d{0,3}$"),
    "COUNT": re.compile(r"^[1-9]\d{0,4}$"),
    "UNTIL": re.compile(r"^\d{8}(?:T\d{6}Z?)?$"),
    "BYDAY": re.compile(rf"^{_DAY}(?:,{_DAY})*$"),
    "BYMONTHDAY": re.compile(rf"^{_INT_LIST}$"),
    "BYMONTH": re.compile(rf"^{_INT_LIST}$"),
    "BYSETPOS": re.compile(rf"^{_INT_LIST}$"),
    "BYHOUR": re.compile(rf"^{_INT_LIST}$"),
    "BYMINUTE": re.compile(rf"^{_INT_LIST}$"),
    "BYYEARDAY": re.compile(rf"^{_INT_LIST}$"),
    "BYWEEKNO": re.compile(rf"^{_INT_LIST}$"),
    "WKST": re.compile(r"^(?:MO|TU|WE|TH|FR|SA|SU)$"),
}


def validate_rrule(value: str, field: str = "recurrence") -> str:
    """Return the rule normalised (upper case, no ``RRULE:`` prefix) or raise ValidationError."""
    if not isinstance(value, str) or not value.strip() or len(value) > 500:
        raise ValidationError.for_field(field, "must be a non-empty RRULE of at most 500 characters")
    rule = value.strip().upper()
    if rule.startswith("RRULE:"):
        rule = rule[len("RRULE:"):]
    seen: dict[str, str] = {}
    for part in rule.split(";"):
        key, sep, val = part.partition("=")
        if not sep or key not in _PARTS or key in seen or not val:
            raise ValidationError.for_field(field, f"invalid RRULE part {part!r}")
        pattern = _PARTS[key]
        if (key == "FREQ" and val not in _FREQ) or (pattern is not None and not pattern.match(val)):
            raise ValidationError.for_field(field, f"invalid value in {part!r}")
        seen[key] = val
    if "FREQ" not in seen:
        raise ValidationError.for_field(field, "an RRULE needs FREQ")
    if "COUNT" in seen and "UNTIL" in seen:
        raise ValidationError.for_field(field, "COUNT and UNTIL cannot both be given")
    return rule
