"""Recurrence phrases -> RFC 5545 RRULE strings, and the first occurrence of a rule.

Rules are written in one canonical order: FREQ, INTERVAL, BYDAY, BYMONTH, BYMONTHDAY.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Iterator

from domain.language.phrases import STRONG_AFTER, VAGUE_TIMES
from domain.language.tokens import (
    FLAGS, LB, MON, MONTHS, ORDINAL_WORDS, RB, SPACES, WD, WEEKDAY_CODES, WEEKDAYS, Candidate, Context,
    days_in_month, local, number_value,
)


MAX_HOURLY_INTERVAL = 24  # the routine subset's cap (domain/model/recurrence.py, a sibling layer)


@dataclass(frozen=True)
class Rule:
    freq: str  # HOURLY | DAILY | WEEKLY | MONTHLY | YEARLY
    interval: int = 1
    byday: tuple[int, ...] = ()
    bymonth: int | None = None
    bymonthday: int | None = None  # -1 = last day of the month
    vague: time | None = None      # "every morning"
    nth: int | None = None         # MONTHLY: the nth of the ``byday`` weekday in the month (-1: the last)

    def rrule(self) -> str:
        parts = [f"FREQ={self.freq}"]
        if self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.byday:
            nth = str(self.nth) if self.nth else ""
            parts.append("BYDAY=" + ",".join(nth + WEEKDAY_CODES[d] for d in sorted(self.byday)))
        if self.bymonth:
            parts.append(f"BYMONTH={self.bymonth}")
        if self.bymonthday:
            parts.append(f"BYMONTHDAY={self.bymonthday}")
        return ";".join(parts)

    def until(self, last: date) -> str:
        """The rule ending with the day ``last`` (a local date: its occurrences that day still count)."""
        return f"{self.rrule()};UNTIL={last.strftime('%Y%m%d')}"

    def matches(self, day: date, anchor: date) -> bool:
        """Does ``day`` fit the BY* parts? The interval counts from the first occurrence (DTSTART),
        so it never decides which day comes first."""
        if self.freq in ("HOURLY", "DAILY"):
            return True
        if self.freq == "WEEKLY":
            return day.weekday() in (self.byday or (anchor.weekday(),))
        if self.nth is not None:
            last = days_in_month(day.year, day.month)
            place = -1 if day.day + 7 > last and self.nth == -1 else (day.day - 1) // 7 + 1
            return day.weekday() in self.byday and place == self.nth
        monthday = self.bymonthday or anchor.day
        if monthday == -1:
            monthday = days_in_month(day.year, day.month)
        if self.freq == "MONTHLY":
            return day.day == monthday
        return day.month == (self.bymonth or anchor.month) and day.day == monthday

    def first(self, anchor: date, at: time, ctx: Context, strict: bool = True) -> datetime | None:
        """First occurrence (the DTSTART) on or after ``anchor`` at ``at``; not before ``now``
        when ``strict``."""
        day = anchor
        for _ in range(3000):
            if self.matches(day, anchor):
                found = local(day, at, ctx.tz)
                exists = found.replace(tzinfo=None) == datetime.combine(day, at)  # not in a DST gap
                if exists and (not strict or found >= ctx.now):
                    return found
            day += timedelta(days=1)
        return None


EVERY = r"(?:every|each)\s+"
COUNT = r"(?P<n>\d+|other|second|third|fourth|two|three|four|five|six)(?:st|nd|rd|th)?\s+"
SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*\+\s*|\s*/\s*|\s+)"
DAYS = rf"(?:{WD})s?(?:{SEP}(?:{WD})s?)*"
ON_DAY = r"(?:\s+on\s+the\s+(?P<md>\d{1,2}|last)(?:st|nd|rd|th)?(?:\s+day)?(?:\s+of\s+the\s+month)?)?"
UNIT = re.compile(
    rf"{LB}{EVERY}(?:{COUNT})?(?P<unit>hours?|hrs?|days?|weeks?|months?|quarters?|years?|weekdays?|workdays?|work\s+days?"
    rf"|business\s+days?|weekends?|mornings?|afternoons?|evenings?|nights?)"
    rf"(?:\s+(?:in\s+the\s+)?(?P<pod>morning|afternoon|evening|night)s?(?=\W|$))?"
    rf"(?:\s+on\s+(?P<days>{DAYS}))?{ON_DAY}"
    rf"(?:\s+on\s+(?P<ymon>{MON})\.?\s+(?P<yday>\d{{1,2}})(?:st|nd|rd|th)?)?{RB}", FLAGS)
POD = r"(?:\s+(?P<pod>morning|afternoon|evening|night)s?)?"
WEEKDAY_LIST = re.compile(rf"{LB}{EVERY}(?:(?P<other>other)\s+)?(?P<days>{DAYS}){POD}{RB}", FLAGS)
MONTHDAY = re.compile(
    rf"{LB}(?:{EVERY}(?P<md>\d{{1,2}})(?:st|nd|rd|th)(?:\s+(?:day\s+)?of\s+(?:the|each|every)\s+month)?"
    rf"|(?:(?:on|by|before|due)\s+)?the\s+(?P<md2>\d{{1,2}})(?:st|nd|rd|th)\s+of\s+(?:every|each)\s+month"
    rf"|{EVERY}(?P<last>last\s+day|end)\s+of\s+(?:the\s+)?month){RB}", FLAGS)
YEARDAY = re.compile(
    rf"{LB}{EVERY}(?:(?P<mon>{MON})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?:the\s+)?(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{MON})){RB}", FLAGS)
ADVERB = re.compile(
    rf"{LB}(?P<adv>daily|weekly|monthly|quarterly|yearly|annually|biweekly|fortnightly|nightly)"
    rf"(?:\s+on\s+(?P<days>{DAYS}))?{ON_DAY}"
    rf"(?:\s+on\s+(?P<ymon>{MON})\.?\s+(?P<yday>\d{{1,2}})(?:st|nd|rd|th)?)?{RB}", FLAGS)
NTH_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}
NTH = r"first|second|third|fourth|last|1st|2nd|3rd|4th"
NTH_WEEKDAY = re.compile(  # "every first monday (of the month)", "every 2nd tuesday", "the last friday of every month"
    rf"{LB}(?:{EVERY}(?P<nth>{NTH})\s+(?P<day>{WD})(?:\s+(?:of|in)\s+(?:the|each|every)\s+month)?"
    rf"|(?:on\s+)?the\s+(?P<nth2>{NTH})\s+(?P<day2>{WD})\s+of\s+(?:every|each)\s+month){RB}", FLAGS)
WEEKDAY_NAME = re.compile(WD, FLAGS)
ADVERBS = {"daily": ("DAILY", 1), "nightly": ("DAILY", 1), "weekly": ("WEEKLY", 1), "monthly": ("MONTHLY", 1),
           "quarterly": ("MONTHLY", 3),
           "yearly": ("YEARLY", 1), "annually": ("YEARLY", 1), "biweekly": ("WEEKLY", 2),
           "fortnightly": ("WEEKLY", 2)}


def _days(text: str | None) -> tuple[int, ...]:
    if not text:
        return ()
    names = WEEKDAY_NAME.findall(text)
    return tuple(sorted({WEEKDAYS[n.lower()] for n in names}))


def _count(text: str | None) -> int | None:
    if not text:
        return 1
    text = text.lower()
    return ORDINAL_WORDS.get(text) or number_value(text)


def _monthday(text: str | None) -> int | None:
    if not text:
        return None
    return -1 if text.lower() == "last" else int(text)


def _unit(match: re.Match[str]) -> Rule | None:
    unit = SPACES.sub(" ", match.group("unit").lower()).rstrip("s")
    interval = _count(match.group("n"))
    if not interval or interval > 366:
        return None
    days, monthday = _days(match.group("days")), _monthday(match.group("md"))
    pod = match.group("pod")
    vague = VAGUE_TIMES[pod.lower()] if pod else None
    if pod and unit not in ("day", "weekday", "workday", "work day", "business day", "weekend"):
        return None  # "every morning evening": not a phrase
    if unit in ("hour", "hr"):  # every N hours: N <= 24 (the routine subset, domain/model/recurrence.py)
        return Rule("HOURLY", interval) if interval <= MAX_HOURLY_INTERVAL and not (days or monthday) else None
    if unit in ("weekday", "workday", "work day", "business day"):
        return Rule("WEEKLY", byday=(0, 1, 2, 3, 4), vague=vague)
    if unit == "weekend":
        return Rule("WEEKLY", byday=(5, 6), vague=vague)
    if unit in VAGUE_TIMES:
        return Rule("DAILY", interval, vague=VAGUE_TIMES[unit])
    if unit == "day":
        return Rule("DAILY", interval, vague=vague)
    if unit == "week":
        return Rule("WEEKLY", interval, byday=days)
    if unit == "month":
        return Rule("MONTHLY", interval, bymonthday=monthday)
    if unit == "quarter":
        return Rule("MONTHLY", interval * 3, bymonthday=monthday) if interval * 3 <= 99 else None
    if match.group("ymon"):
        return Rule("YEARLY", interval, bymonth=MONTHS[match.group("ymon").lower()], bymonthday=int(match.group("yday")))
    return Rule("YEARLY", interval)


def _rules(text: str) -> Iterator[tuple[re.Match[str], Rule | None]]:
    for match in UNIT.finditer(text):
        yield match, _unit(match)
    for match in WEEKDAY_LIST.finditer(text):
        pod = match.group("pod")
        yield match, Rule("WEEKLY", 2 if match.group("other") else 1, byday=_days(match.group("days")),
                          vague=VAGUE_TIMES[pod.lower()] if pod else None)
    for match in NTH_WEEKDAY.finditer(text):
        day = WEEKDAYS[(match.group("day") or match.group("day2")).lower()]
        yield match, Rule("MONTHLY", byday=(day,), nth=NTH_WORDS[(match.group("nth") or match.group("nth2")).lower()])
    for match in MONTHDAY.finditer(text):
        day = -1 if match.group("last") else int(match.group("md") or match.group("md2"))
        yield match, Rule("MONTHLY", bymonthday=day) if day == -1 or 1 <= day <= 31 else None
    for match in YEARDAY.finditer(text):
        month = MONTHS[(match.group("mon") or match.group("mon2")).lower()]
        day = int(match.group("day") or match.group("day2"))
        yield match, Rule("YEARLY", bymonth=month, bymonthday=day) if day <= days_in_month(2024, month) else None
    for match in ADVERB.finditer(text):
        if not (match.group("days") or match.group("md") or match.group("ymon")) \
                and not STRONG_AFTER.match(text, match.end()):
            continue  # "daily standup": an adjective, not a rule
        freq, interval = ADVERBS[match.group("adv").lower()]
        days, monthday = _days(match.group("days")), _monthday(match.group("md"))
        vague = VAGUE_TIMES["night"] if match.group("adv").lower() == "nightly" else None
        if freq == "YEARLY" and match.group("ymon"):
            month, day = MONTHS[match.group("ymon").lower()], int(match.group("yday"))
            yield match, Rule("YEARLY", bymonth=month, bymonthday=day) if day <= days_in_month(2024, month) else None
            continue
        yield match, Rule(freq, interval, byday=days if freq == "WEEKLY" else (),
                          bymonthday=monthday if freq == "MONTHLY" else None, vague=vague)


def find_recurrences(text: str, ctx: Context) -> Iterator[Candidate]:
    for match, rule in _rules(text):
        if rule is not None:
            yield Candidate("recurrence", match.start(), match.end(), rule)
