"""Calendar dates: "Dec 5", "5 December", "12/5" (date order), "2026-12-05", "on the 5th".

Cautious by design: a phrase becomes a date only when its shape leaves little doubt, never because
a word merely contains date-like letters. Relative phrases live in ``relative.py``.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from domain.language.phrases import (
    END, POD, PRE, STRONG_AFTER, DateValue, Recogniser, date_candidate, prev_word, recognise_all, vague_time,
)
from domain.language.counted import COUNTED_RECOGNISERS
from domain.language.feasts import find_holidays
from domain.language.model import ReadingWarning
from domain.language.ordinals import ORDINAL_RECOGNISERS
from domain.language.periods import PERIOD_RECOGNISERS
from domain.language.relative import RELATIVE_RECOGNISERS
from domain.language.tokens import (
    DEADLINE, FLAGS, LB, MON, MONTHS, RB, WD, WEEKDAYS, Candidate, Context, add_months, days_in_month,
    describe,
)

MIN_YEAR, MAX_YEAR = 1900, 2200  # explicit years outside are not dates ("1984" never is, anyway)
MONTHDAY = re.compile(
    rf"{LB}{PRE}(?:(?P<wd>{WD}),?\s+)?(?P<mon>{MON})\.?\s+(?P<day>\d{{1,2}})(?P<ord>st|nd|rd|th)?"
    rf"(?P<range>\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>\d{{4}}))?{POD}{END}", FLAGS)
DAYMONTH = re.compile(
    rf"{LB}{PRE}(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?P<ord>st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<mon>{MON})\.?(?:,?\s+(?P<year>\d{{4}}))?{POD}{RB}", FLAGS)
NUMERIC = re.compile(
    rf"{LB}{PRE}(?:(?P<wd>{WD}),?\s+)?(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})(?:/(?P<y>\d{{4}}|\d{{2}}))?(?![\w/%]|[.,]\d)", FLAGS)
ISO = re.compile(rf"{LB}{PRE}(?P<y>\d{{4}})(?P<sep>[-/])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})(?![\w/:-])", FLAGS)
ORDINAL = re.compile(
    rf"{LB}(?:(?P<mark>{DEADLINE})|(?P<prep>on))\s+the\s+(?P<day>\d{{1,2}})(?P<ord>st|nd|rd|th)"
    rf"(?:\s+of\s+(?:the|this)\s+month)?{POD}{RB}", FLAGS)

VERB_MONTHS = {"may", "march", "jan"}
MEASURES = re.compile(r"\s*+(?:miles?|km|kilometers?|kilometres?|laps?|reps?|steps|times|people|persons)\b", FLAGS)
RATING_WORD = re.compile(r"[A-Za-z]++")
RATING_WORDS = {"rate", "rated", "rating", "score", "scored", "grade", "graded", "give", "gave"}
FRACTION_UNITS = re.compile(
    r"\s*(?:cups?|tsp|tbsp|teaspoons?|tablespoons?|lbs?|pounds?|oz|ounces?|kg|g|grams?|inch(?:es)?|"
    r"in\b|miles?|km|gallons?|liters?|litres?|l\b|pints?|dozen|price|off|of\b|stars?|ratio|split|scale|mile)\b", FLAGS)


def _future_year(ctx: Context, month: int, day: int, text: str, warnings: list[ReadingWarning]) -> date | None:
    for year in range(ctx.today.year, ctx.today.year + 9):  # 9: the next February 29 is in reach
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found >= ctx.today:
            if year != ctx.today.year:
                warnings.append(ReadingWarning("year_assumed", f"'{text}' has no year; read as {describe(found)}"))
            return found
    return None


def dated(ctx: Context, year: str | None, month: int, day: int, text: str,
          warnings: list[ReadingWarning]) -> date | None:
    """The day ``month``/``day`` of ``year`` (four figures or two, read as 20xx), or without a year
    the next one from today; None when there is no such day. Doubts go to ``warnings``."""
    if year:
        value = int(year) + (2000 if len(year) == 2 else 0)
        if len(year) == 2:
            warnings.append(ReadingWarning("two_digit_year", f"'{text}' has a two-digit year; read as {value}"))
        if not MIN_YEAR <= value <= MAX_YEAR:
            return None
        try:
            found = date(value, month, day)
        except ValueError:
            return None
        if found < ctx.today:
            warnings.append(ReadingWarning("in_past", f"'{text}' is in the past"))
        return found
    return _future_year(ctx, month, day, text, warnings)


def _monthday(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    mon_word = match.group("mon")
    strong = bool(match.group("mark") or match.group("prep") or match.group("year") or match.group("ord")
                  or match.group("wd"))
    if not strong and mon_word.lower() in VERB_MONTHS and not mon_word[0].isupper():
        if not STRONG_AFTER.match(text, match.end()):
            return None
    if not strong and mon_word.lower() == "may" and prev_word(text, match.start()) in ("i", "you", "we", "they", "he", "she", "it"):
        return None
    if not strong and MEASURES.match(text, match.end()):
        return None  # "March 3 miles"
    warnings: list[ReadingWarning] = []
    day = dated(ctx, match.group("year"), MONTHS[mon_word.lower()], int(match.group("day")),
                 match.group(0).strip(), warnings)
    if day is None:
        return None
    _check_weekday(match, day, warnings)
    if match.groupdict().get("range"):
        warnings.append(ReadingWarning("range_start", f"'{match.group(0).strip()}' is a range; the first day is used"))
    return date_candidate(match, DateValue(day, vague_time(match)), warnings)


def _check_weekday(match: re.Match[str], day: date, warnings: list[ReadingWarning]) -> None:
    named = match.groupdict().get("wd")
    if named and WEEKDAYS[named.lower()] != day.weekday():
        warnings.append(ReadingWarning("weekday_mismatch",
                                       f"'{match.group(0).strip()}': {describe(day)} is not a {named}"))


def _numeric(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    a, b = int(match.group("a")), int(match.group("b"))
    strong = bool(match.group("mark") or match.group("prep") or match.group("y") or match.group("wd"))
    if not strong:
        if match.group(0) in ("24/7", "9/11") or (a < b and b in (2, 3, 4, 8)):
            return None  # "24/7", "9/11", "1/2 cup": not dates
        if FRACTION_UNITS.match(text, match.end()):
            return None
        if RATING_WORDS & {w.lower() for w in RATING_WORD.findall(text, max(0, match.start() - 30), match.start())[-3:]}:
            return None  # "rate it 4/5"
    month, day_of_month = (b, a) if ctx.date_order == "DMY" else (a, b)
    warnings: list[ReadingWarning] = []
    day = dated(ctx, match.group("y"), month, day_of_month, match.group(0).strip(), warnings)
    if day is None:
        return None
    if a <= 12 and b <= 12 and a != b:
        order = "day/month" if ctx.date_order == "DMY" else "month/day"
        warnings.append(ReadingWarning("ambiguous_date_order",
                                       f"'{match.group('a')}/{match.group('b')}' read as {describe(day)} ({order})"))
    _check_weekday(match, day, warnings)
    return date_candidate(match, DateValue(day), warnings)


def _iso(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    warnings: list[ReadingWarning] = []
    day = dated(ctx, match.group("y"), int(match.group("m")), int(match.group("d")),
                 match.group(0).strip(), warnings)
    return None if day is None else date_candidate(match, DateValue(day), warnings)


def _ordinal(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    wanted = int(match.group("day"))
    if not 1 <= wanted <= 31:
        return None
    first = ctx.today.replace(day=1)
    for months in range(0, 13):
        start = add_months(first, months)
        if wanted <= days_in_month(start.year, start.month):
            found = start.replace(day=wanted)
            if found >= ctx.today:
                return date_candidate(match, DateValue(found, vague_time(match)))
    return None


ABSOLUTE_RECOGNISERS: tuple[tuple[re.Pattern[str], Recogniser], ...] = (
    (MONTHDAY, _monthday), (DAYMONTH, _monthday), (NUMERIC, _numeric), (ISO, _iso), (ORDINAL, _ordinal),
)


def find_dates(text: str, ctx: Context) -> Iterator[Candidate]:
    yield from recognise_all(text, ctx, RELATIVE_RECOGNISERS + ABSOLUTE_RECOGNISERS + ORDINAL_RECOGNISERS + COUNTED_RECOGNISERS
                             + PERIOD_RECOGNISERS)
    yield from find_holidays(text, ctx)
