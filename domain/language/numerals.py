"""Dates written in figures beyond "12/5" and "2026-12-05" (dates.py): with dashes or dots, in the
user's date order, with a year or without; ISO date-times; "20260304"; "15-Mar-2026".

Without a year a figure pair is a date only when it cannot be anything else: "2-15" (15 is no
month), "on 3-4", "15.2." (a trailing dot), "on 3.15"; "Buy 4-6 tomatoes", "Score was 10-4",
"Python 3.12", "section 3.4" stay titles. Year first is always YMD; a first number over 12 in MDY
is read as a day (and a second over 12 in DMY as a day).
"""
from __future__ import annotations

import re
from datetime import date, time
from typing import Iterator

from domain.language.dates import FRACTION_UNITS, dated
from domain.language.model import ReadingWarning
from domain.language.phrases import PRE, STRONG_AFTER, DateValue, date_candidate
from domain.language.times import TimeValue
from domain.language.tokens import FLAGS, LB, MON, MONTHS, WD, Candidate, Context, describe

# "2-15", "on 3-4", "10.31.1974", "15.2.", "4-3-2026", "3-15-26", "on 2026.03.04"
FIGURES = re.compile(
    rf"{LB}{PRE}(?:(?P<wd>{WD}),?\s+)?(?:(?P<y1>\d{{4}})\.(?P<m1>\d{{1,2}})\.(?P<d1>\d{{1,2}})"
    rf"|(?P<a>\d{{1,2}})(?P<sep>[-.])(?P<b>\d{{1,2}})(?:(?P=sep)(?P<y>\d{{4}}|\d{{2}})|(?P<dot>\.))?)"
    r"(?![\w/%-]|[.,:]\d)", FLAGS)
# "2026-03-04T14:30", "2026-03-04T14:30:00"
ISO_TIME = re.compile(
    r"(?<![\w/.-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?P<t>T(?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d)(?::[0-5]\d)?)"
    r"(?![\w:.+-])")
COMPACT = re.compile(r"(?<![\w/.-])(?P<y>(?:19|2[01])\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>[0-3]\d)(?![\w/.-])")
DAY_MON_YEAR = re.compile(rf"{LB}{PRE}(?P<d>\d{{1,2}})-(?P<mon>{MON})-(?P<y>\d{{4}})(?![\w/-])", FLAGS)


def _order(a: int, b: int, ctx: Context) -> tuple[int, int] | None:
    """(month, day) of a figure pair in the user's order; an impossible month means a day."""
    month, day = (b, a) if ctx.date_order == "DMY" else (a, b)
    if month > 12 and day <= 12:
        month, day = day, month
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def _figures(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    warnings: list[ReadingWarning] = []
    source = match.group(0).strip()
    if match.group("y1"):
        day = dated(ctx, match.group("y1"), int(match.group("m1")), int(match.group("d1")), source, warnings)
        return None if day is None else date_candidate(match, DateValue(day), warnings)
    a, b = int(match.group("a")), int(match.group("b"))
    year_text = match.group("y")
    strong = match.group("mark") or match.group("prep") or match.group("wd")
    if year_text is None and not (strong or match.group("dot")):
        if match.group("sep") == "." or FRACTION_UNITS.match(text, match.end()):
            return None  # "Python 3.12", "3-4 cups"
        second_is_day = b > 12 if ctx.date_order != "DMY" else a > 12
        if not second_is_day or not STRONG_AFTER.match(text, match.end()):
            return None  # "Score was 10-4", "Buy 4-6 tomatoes"
    order = _order(a, b, ctx)
    if order is None:
        return None
    day = dated(ctx, year_text, order[0], order[1], source, warnings)
    if day is None:
        return None
    if a <= 12 and b <= 12 and a != b:
        order_name = "day-month" if ctx.date_order == "DMY" else "month-day"
        warnings.append(ReadingWarning("ambiguous_date_order", f"'{source}' read as {describe(day)} ({order_name})"))
    return date_candidate(match, DateValue(day), warnings)


def _iso_time(match: re.Match[str]) -> Iterator[Candidate]:
    try:
        day = date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return
    yield Candidate("date", match.start(), match.start("t"), DateValue(day))
    yield Candidate("time", match.start("t"), match.end(),
                    TimeValue(clock=time(int(match.group("hh")), int(match.group("mm")))))


def _compact(match: re.Match[str], ctx: Context) -> Candidate | None:
    warnings: list[ReadingWarning] = []
    day = dated(ctx, match.group("y"), int(match.group("m")), int(match.group("d")), match.group(0), warnings)
    return None if day is None else date_candidate(match, DateValue(day), warnings, deadline=False)


def _day_mon_year(match: re.Match[str], ctx: Context) -> Candidate | None:
    warnings: list[ReadingWarning] = []
    day = dated(ctx, match.group("y"), MONTHS[match.group("mon").lower()], int(match.group("d")),
                match.group(0), warnings)
    return None if day is None else date_candidate(match, DateValue(day), warnings)


def find_figures(text: str, ctx: Context) -> Iterator[Candidate]:
    for match in FIGURES.finditer(text):
        found = _figures(match, ctx, text)
        if found is not None:
            yield found
    for match in ISO_TIME.finditer(text):
        yield from _iso_time(match)
    for pattern, recognise in ((COMPACT, _compact), (DAY_MON_YEAR, _day_mon_year)):
        for match in pattern.finditer(text):
            found = recognise(match, ctx)
            if found is not None:
                yield found
