"""Days counted from another day, forwards or back.

"last tuesday" (the most recent one before today), "friday after next", "3 fridays from now",
"7 days ago", "a week hence", "3 days later", "the day before yesterday", "a week from tomorrow",
"two days from friday", "half an hour from now", "in an hour and a half". Past days are kept, with
a warning, as "yesterday" is.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from domain.language.model import ReadingWarning
from domain.language.phrases import PRE, DateValue, Recogniser, date_candidate, prev_word
from domain.language.relative import elapsed
from domain.language.tokens import (
    DEADLINE, FLAGS, LB, NUM, RB, WD, WEEKDAYS, Candidate, Context, add_months, describe, number_value,
)

DAY_UNITS = r"days?|weeks?|wks?|fortnights?|months?|years?|yrs?"
LAST_WEEKDAY = re.compile(rf"{LB}{PRE}last\s++(?P<wd>{WD})(?![\w'’@/]){RB}", FLAGS)
AFTER_NEXT = re.compile(rf"{LB}{PRE}(?:the\s++)?(?P<wd>{WD})\s++after\s++next{RB}", FLAGS)
NTH_FROM_NOW = re.compile(
    rf"{LB}{PRE}(?P<n>{NUM})\s++(?P<wd>{WD})s\s++from\s++(?:now|today){RB}", FLAGS)
AGO = re.compile(
    rf"{LB}{PRE}(?P<n>{NUM})\s++(?P<unit>{DAY_UNITS})\s++(?P<dir>ago|hence|later|from\s++tomorrow"
    rf"|from\s++(?P<wd>{WD})|before\s++yesterday){RB}", FLAGS)
BEFORE_YESTERDAY = re.compile(rf"{LB}{PRE}(?:the\s++)?day\s++before\s++yesterday{RB}", FLAGS)
HOURS = re.compile(  # "in half an hour" is elapsed time, not a duration; "in about a quarter of an hour"
    rf"{LB}(?:(?P<mark>{DEADLINE})\s++)?(?:(?P<half>half\s++an\s++hour)\s++from\s++now"
    rf"|in\s++(?:about\s++)?(?:(?P<half2>half\s++an\s++hour)|(?P<quarter>a\s++quarter\s++of\s++an\s++hour))"
    rf"|in\s++(?:an|one)\s++hour\s++and\s++a\s++half){RB}", FLAGS)


def _count(match: re.Match[str]) -> int | None:
    count = number_value(match.group("n"))
    return count if count is not None and 0 < count <= 1000 else None


def _next_weekday(today: date, weekday: int) -> date:
    """The next such day after today (today's weekday: a week on)."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _past(match: re.Match[str], day: date, ctx: Context) -> Candidate:
    warnings = [ReadingWarning("in_past", f"'{match.group(0).strip()}' is in the past ({describe(day)})")
                ] if day < ctx.today else []
    return date_candidate(match, DateValue(day), warnings)


def _last_weekday(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    if prev_word(text, match.start()) in ("every", "each"):
        return None  # "every last friday of the month": a rule, for recurrence.py
    weekday = WEEKDAYS[match.group("wd").lower()]
    return _past(match, ctx.today - timedelta(days=(ctx.today.weekday() - weekday - 1) % 7 + 1), ctx)


def _after_next(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    day = _next_weekday(ctx.today, WEEKDAYS[match.group("wd").lower()]) + timedelta(days=7)
    return date_candidate(match, DateValue(day))


def _nth_from_now(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    count = _count(match)
    if count is None:
        return None
    day = _next_weekday(ctx.today, WEEKDAYS[match.group("wd").lower()]) + timedelta(days=7 * (count - 1))
    return date_candidate(match, DateValue(day))


def _shift(day: date, unit: str, count: int) -> date:
    unit = unit.lower()
    if unit.startswith("d"):
        return day + timedelta(days=count)
    if unit.startswith("w"):
        return day + timedelta(weeks=count)
    if unit.startswith("f"):
        return day + timedelta(weeks=2 * count)
    if unit.startswith("m"):
        return add_months(day, count)
    return add_months(day, 12 * count)


def _ago(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    count = _count(match)
    if count is None:
        return None
    direction = " ".join(match.group("dir").lower().split())
    if direction == "ago":
        return _past(match, _shift(ctx.today, match.group("unit"), -count), ctx)
    if direction == "before yesterday":
        return _past(match, _shift(ctx.today - timedelta(days=1), match.group("unit"), -count), ctx)
    anchor = ctx.today
    if direction == "from tomorrow":
        anchor = ctx.today + timedelta(days=1)
    elif match.group("wd"):
        anchor = _next_weekday(ctx.today, WEEKDAYS[match.group("wd").lower()])
    return date_candidate(match, DateValue(_shift(anchor, match.group("unit"), count)))


def _before_yesterday(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    return _past(match, ctx.today - timedelta(days=2), ctx)


def _hours(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    minutes = 30 if match.group("half") or match.group("half2") else 15 if match.group("quarter") else 90
    instant = elapsed(ctx, minutes)
    return date_candidate(match, DateValue(instant.date(), instant=instant))


COUNTED_RECOGNISERS: tuple[tuple[re.Pattern[str], Recogniser], ...] = (
    (LAST_WEEKDAY, _last_weekday), (AFTER_NEXT, _after_next), (NTH_FROM_NOW, _nth_from_now), (AGO, _ago),
    (BEFORE_YESTERDAY, _before_yesterday), (HOURS, _hours),
)
