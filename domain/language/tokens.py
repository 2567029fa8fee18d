"""Shared vocabulary, regex fragments and the candidate type every recogniser emits."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from domain.language.model import ReadingWarning

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2, "weds": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}
MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "couple": 2, "a couple of": 2, "few": 3, "a few": 3,
}
ORDINAL_WORDS: dict[str, int] = {"other": 2, "second": 2, "third": 3, "fourth": 4}


def alternation(words: Any) -> str:
    """A regex alternation, longest words first so ``thurs`` wins over ``thu``."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


WD = alternation(WEEKDAYS)
MON = alternation(MONTHS)
NUM = r"\d+|" + alternation(NUMBER_WORDS)
# Words that turn a following date or time into a deadline.
DEADLINE = r"due(?:\s+(?:by|on|before|at))?|by|before|until|till|no\s+later\s+than|deadline"
LB = r"(?<![\w@#/&.:'’-])"  # left boundary of a word-ish token
RB = r"(?![\w@/])"         # right boundary

FLAGS = re.IGNORECASE
SPACES = re.compile(r"\s+")


@dataclass
class Candidate:
    """One recognised piece of a segment; ``start``/``end`` are offsets in the segment."""

    kind: str  # date | time | duration | priority | tag | category | recurrence
    start: int
    end: int
    value: Any
    deadline: bool = False
    warnings: list[ReadingWarning] = field(default_factory=list)  # placed on this candidate's span
    source: str = ""  # the matched text, filled in by the caller

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Context:
    now: datetime  # aware, in the user's zone
    tz: ZoneInfo
    date_order: str
    default_time: time

    @property
    def today(self) -> date:
        return self.now.date()


def number_value(word: str) -> int | None:
    word = SPACES.sub(" ", word.strip().lower())
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def days_in_month(year: int, month: int) -> int:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


def local(day: date, at: time, tz: ZoneInfo) -> datetime:
    """Wall time ``day at`` in ``tz``; a time inside a DST gap moves forward past the gap."""
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=tz)
    roundtrip = aware.astimezone(ZoneInfo("UTC")).astimezone(tz)
    if roundtrip.replace(tzinfo=None) != naive:
        return roundtrip
    return aware


def describe(day: date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()][:3]} {MONTH_NAMES[day.month][:3]} {day.day} {day.year}"
