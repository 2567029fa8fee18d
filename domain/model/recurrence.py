"""A routine's repeat rule: an RFC 5545 RRULE read by python-dateutil, with the caps that keep every
rule cheap to expand.

dateutil walks a rule period by period from its DTSTART and only stops on a match, so a rule that
never matches ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30") or matches once in decades would cost seconds of
CPU per expansion. A routine's rule is therefore held to a subset of RFC 5545 in which a match comes
at least every few years, checked here from the rule's parts (docs/routines.md, "Limits").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from datetime import datetime

from dateutil.rrule import rrule, rrulestr

from domain.errors import ValidationError

MAX_RULE_LENGTH = 500
MAX_COUNT = 1000
MAX_INTERVAL = 99
MAX_TIMES_PER_DAY = 24
MAX_HOURLY_INTERVAL = 24  # every N hours, N <= 24: every day then has an occurrence (BYDAY always matches)
MAX_ORDINAL = 4  # BYDAY=4MO / -4MO: "the fourth Monday" exists in every month
FREQUENCIES = ("HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")
SUPPORTED = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "BYHOUR",
             "BYMINUTE", "WKST")
_DAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_UNTIL = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$")
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_REFERENCE = datetime(2024, 1, 1)


@dataclass(frozen=True)
class Recurrence:
    """A checked rule: ``text`` is its normal form (upper case, no ``RRULE:`` prefix, parts as given)."""

    text: str
    parts: tuple[tuple[str, str], ...]

    @cached_property
    def _by_name(self) -> dict[str, str]:
        return dict(self.parts)

    def get(self, name: str) -> str | None:
        return self._by_name.get(name)

    @property
    def freq(self) -> str:
        return self.parts[0][1] if self.parts[0][0] == "FREQ" else dict(self.parts)["FREQ"]

    @property
    def interval(self) -> int:
        return int(self.get("INTERVAL") or 1)

    @property
    def until(self) -> tuple[datetime, bool] | None:
        """UNTIL as a naive datetime, and whether it is UTC (``Z``) rather than local wall time."""
        value = self.get("UNTIL")
        if value is None:
            return None
        y, mo, d, h, mi, s, z = _UNTIL.match(value).groups()
        return datetime(int(y), int(mo), int(d), int(h or 23), int(mi or 59), int(s or 59)), bool(z)

    def rule(self, dtstart: datetime, until: datetime | None = None, extra: dict[str, str] | None = None) -> rrule:
        """The dateutil rule from ``dtstart`` (naive local wall time), ending at ``until`` (naive, the
        same wall clock) when the rule has an UNTIL; ``extra`` parts replace or add to the rule's."""
        return _built(self.parts, dtstart, until, tuple(sorted((extra or {}).items())))


@lru_cache(maxsize=4096)
def _built(pairs: tuple[tuple[str, str], ...], dtstart: datetime, until: datetime | None,
           extra: tuple[tuple[str, str], ...]) -> rrule:
    """dateutil's rule, kept: a re-plan asks for the same rules again (an rrule made without its own
    cache is not changed by iterating it, so threads may share one)."""
    parts = {k: v for k, v in pairs if k != "UNTIL"} | dict(extra)
    made = rrulestr(";".join(f"{k}={v}" for k, v in parts.items()), dtstart=dtstart)
    return made.replace(until=until) if until is not None else made


def _fail(field: str, message: str) -> ValidationError:
    return ValidationError.for_field(field, message)


def _ints(value: str | None) -> list[int]:
    return [int(v) for v in value.split(",")] if value else []


def parse_rrule(value: object, field: str = "recurrence") -> Recurrence:
    """Read ``value`` with dateutil and hold it to the routine subset, or raise a ValidationError
    that says what is wrong."""
    if isinstance(value, str) and len(value) <= MAX_RULE_LENGTH:
        return _parsed(value, field)
    return _parse(value, field)


@lru_cache(maxsize=4096)
def _parsed(value: str, field: str) -> Recurrence:
    """A rule read once (every re-plan reads each routine's rule again); refusals are not kept."""
    return _parse(value, field)


def _parse(value: object, field: str) -> Recurrence:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_RULE_LENGTH:
        raise _fail(field, f"must be a non-empty RRULE of at most {MAX_RULE_LENGTH} characters")
    text = value.strip().upper()
    if text.startswith("RRULE:"):
        text = text[len("RRULE:"):]
    pairs: list[tuple[str, str]] = []
    for part in text.split(";"):
        key, sep, val = part.partition("=")
        if not sep or not val:
            raise _fail(field, f"invalid RRULE part {part!r}: write NAME=VALUE")
        if key not in SUPPORTED:
            raise _fail(field, f"{key} is not supported in a routine (supported: {', '.join(SUPPORTED)})")
        if any(key == seen for seen, _ in pairs):
            raise _fail(field, f"{key} is given twice")
        pairs.append((key, val))
    parts = dict(pairs)
    if parts.get("FREQ") not in FREQUENCIES:
        raise _fail(field, f"FREQ must be one of {', '.join(FREQUENCIES)} (at set times of day: BYHOUR)")
    until = parts.get("UNTIL")
    if until is not None and not (_UNTIL.match(until) and 1970 <= int(until[:4]) <= 2200):
        raise _fail(field, "UNTIL must be a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS[Z]) in 1970-2200")
    if "COUNT" in parts and "UNTIL" in parts:
        raise _fail(field, "COUNT and UNTIL cannot both be given")
    try:  # dateutil checks every value's syntax and range (UNTIL without its Z: checked above)
        rrulestr(";".join(f"{k}={v.rstrip('Z') if k == 'UNTIL' else v}" for k, v in pairs), dtstart=_REFERENCE)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise _fail(field, f"not a valid RRULE: {exc}") from None
    _check_caps(parts, field)
    return Recurrence(text=";".join(f"{k}={v}" for k, v in pairs), parts=tuple(pairs))


def _check_caps(parts: dict[str, str], field: str) -> None:
    freq, interval = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    if not 1 <= interval <= MAX_INTERVAL:
        raise _fail(field, f"INTERVAL must be between 1 and {MAX_INTERVAL}")
    if "COUNT" in parts and not 1 <= int(parts["COUNT"]) <= MAX_COUNT:
        raise _fail(field, f"COUNT must be between 1 and {MAX_COUNT}")
    if freq == "HOURLY":
        _check_hourly(interval, field)
    times = max(1, len(_ints(parts.get("BYHOUR")))) * max(1, len(_ints(parts.get("BYMINUTE"))))
    if times > MAX_TIMES_PER_DAY:
        raise _fail(field, f"at most {MAX_TIMES_PER_DAY} times a day (BYHOUR x BYMINUTE)")
    days = [_DAY.match(d).groups() for d in parts["BYDAY"].split(",")] if "BYDAY" in parts else []
    ordinals = [int(n) for n, _ in days if n]
    if ordinals and freq not in ("MONTHLY", "YEARLY"):
        raise _fail(field, "a numbered BYDAY (2MO, -1FR) needs FREQ=MONTHLY or YEARLY")
    if any(not 1 <= abs(n) <= MAX_ORDINAL for n in ordinals):
        raise _fail(field, f"a numbered BYDAY must be 1-{MAX_ORDINAL} or -1 to -{MAX_ORDINAL}")
    monthdays, months = _ints(parts.get("BYMONTHDAY")), _ints(parts.get("BYMONTH"))
    coarse = {"DAILY": ("BYMONTHDAY", "BYMONTH", "BYSETPOS"), "WEEKLY": ("BYMONTHDAY", "BYMONTH"),
              "HOURLY": ("BYMONTHDAY", "BYMONTH", "BYSETPOS", "BYHOUR", "BYMINUTE")}.get(freq, ())
    for name in coarse:
        if name in parts:
            raise _fail(field, f"{name} is not supported with FREQ={freq} (use a longer FREQ)")
    if freq == "DAILY" and days and interval > 1:
        raise _fail(field, "FREQ=DAILY with INTERVAL cannot take BYDAY (use FREQ=WEEKLY)")
    if monthdays and days:
        raise _fail(field, "give BYMONTHDAY or BYDAY, not both")
    if freq in ("MONTHLY", "YEARLY") and interval > 1:
        if freq == "MONTHLY" and months:
            raise _fail(field, "FREQ=MONTHLY with INTERVAL cannot take BYMONTH")
        if any(abs(d) > 28 for d in monthdays):
            raise _fail(field, "with INTERVAL, BYMONTHDAY must lie between -28 and 28 (a day every month has)")
    if months and monthdays and not any(abs(d) <= _MONTH_DAYS[m - 1] for m in months for d in monthdays):
        raise _fail(field, "no month in BYMONTH has a day in BYMONTHDAY")
    if "BYSETPOS" in parts:
        _check_setpos(freq, _ints(parts["BYSETPOS"]), days, monthdays, times, field)


def _check_hourly(interval: int, field: str) -> None:
    """Every N hours: N at most a day, so the walk never runs long between matches (a BYHOUR that an
    interval's cycle never meets would run for ever: so no BYHOUR here; the plan keeps the occurrences that
    meet working hours instead)."""
    if interval > MAX_HOURLY_INTERVAL:
        raise _fail(field, f"FREQ=HOURLY takes an INTERVAL of at most {MAX_HOURLY_INTERVAL} hours (else FREQ=DAILY)")


def _check_setpos(freq: str, positions: list[int], days: list, monthdays: list[int], times: int, field: str) -> None:
    """BYSETPOS picks from each period's set: it must never point past the smallest such set."""
    if freq == "YEARLY":
        raise _fail(field, "BYSETPOS is not supported with FREQ=YEARLY")
    if not (days or monthdays):
        raise _fail(field, "BYSETPOS needs BYDAY or BYMONTHDAY")
    if freq == "WEEKLY":
        smallest = len(days) * times
    else:  # MONTHLY: a plain weekday comes at least 4 times a month; days 29-31 not every month
        smallest = (sum(1 if n else 4 for n, _ in days) + sum(1 for d in monthdays if abs(d) <= 28)) * times
    if any(not 1 <= abs(p) <= smallest for p in positions):
        raise _fail(field, f"BYSETPOS must lie between 1 and {smallest} (or -1 and -{smallest}) for this rule")


def validate_rrule(value: object, field: str = "recurrence") -> str:
    """The rule in normal form, or a ValidationError."""
    return parse_rrule(value, field).text
