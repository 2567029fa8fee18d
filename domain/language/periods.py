"""Quarters and business days: "end of quarter", "EOQ", "end of next quarter", "next business day",
"in 3 working days", "within 2 business days". Business days are Monday to Friday, less the national
public holidays of the country of the user's zone (``feasts.is_business_day``, the ``holidays``
package): "next business day" on the Friday before Memorial Day is the Tuesday."""
from __future__ import annotations

import re
from datetime import date, timedelta

from domain.language.feasts import is_business_day
from domain.language.phrases import PRE, STRONG_AFTER, DateValue, Recogniser, date_candidate
from domain.language.tokens import (
    DEADLINE, FLAGS, LB, NUM, RB, Candidate, Context, add_months, days_in_month, number_value,
)

QUARTER_END = re.compile(
    rf"{LB}{PRE}(?P<which>eoq|(?:the\s++)?end\s++of\s++(?:the\s++|this\s++|(?P<next>next)\s++)?quarter){RB}", FLAGS)
NEXT_BUSINESS_DAY = re.compile(rf"{LB}{PRE}(?:the\s++)?next\s++(?:business|working|work)\s++day{RB}", FLAGS)
BUSINESS_DAYS = re.compile(
    rf"{LB}(?:(?P<mark>{DEADLINE})\s++)?(?P<within>in|within)\s++(?P<n>{NUM})\s++(?:business|working|work)\s++days?"
    rf"{RB}", FLAGS)


def add_business_days(day: date, count: int, zone: str) -> date:
    """The ``count``-th business day after ``day`` in the country of ``zone``."""
    while count > 0:
        day += timedelta(days=1)
        count -= is_business_day(day, zone)
    return day


def _quarter_end(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    if not (match.group("mark") or match.group("prep") or STRONG_AFTER.match(text, match.end())):
        return None  # "the end of quarter checklist": a name
    first = ctx.today.replace(day=1, month=(ctx.today.month - 1) // 3 * 3 + 1)
    last = add_months(first, 2 + (3 if match.group("next") else 0))
    return date_candidate(match, DateValue(last.replace(day=days_in_month(last.year, last.month))))


def _next_business_day(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    return date_candidate(match, DateValue(add_business_days(ctx.today, 1, ctx.tz.key)))


def _business_days(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    count = number_value(match.group("n"))
    if count is None or not 0 < count <= 1000:
        return None
    deadline = bool(match.group("mark")) or match.group("within").lower() == "within"
    return date_candidate(match, DateValue(add_business_days(ctx.today, count, ctx.tz.key)), deadline=deadline)


PERIOD_RECOGNISERS: tuple[tuple[re.Pattern[str], Recogniser], ...] = (
    (QUARTER_END, _quarter_end), (NEXT_BUSINESS_DAY, _next_business_day), (BUSINESS_DAYS, _business_days),
)
