"""Days named by their number or their rank in a month.

- day of month: "the third of march", "march the 3rd", "the 20th of next month", "20 of next month",
  "the 15th of this month", "Saturday the 14th" (the next date that is both), "the 1st" (only at the
  end of a phrase: "The 5th Wave" is a title);
- nth / last weekday of a month: "first tuesday of october", "the last friday of the month",
  "the 2nd friday" (of this month, or the next one when it has passed), "the first weekday of march".
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from domain.language.phrases import PRE, STRONG_AFTER, DateValue, Recogniser, date_candidate, prev_word
from domain.language.tokens import (
    FLAGS, LB, MON, MONTHS, RB, WD, WEEKDAYS, Candidate, Context, add_months, alternation, days_in_month,
)

_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth")
DAY_WORDS: dict[str, int] = {word: n for n, word in enumerate(_UNITS + _TEENS, start=1)}
DAY_WORDS.update({"twentieth": 20, "thirtieth": 30, "thirty-first": 31, "thirty first": 31})
DAY_WORDS.update({f"twenty{sep}{word}": 21 + n for n, word in enumerate(_UNITS) for sep in ("-", " ")})
RANKS: dict[str, int] = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
                         "4th": 4, "fifth": 5, "5th": 5, "last": -1}

ORD = rf"(?:(?P<num>\d{{1,2}})(?P<suffix>st|nd|rd|th)?|(?P<word>{alternation(DAY_WORDS)}))"
WHICH_MONTH = rf"(?:(?P<mon>{MON})\.?|(?:the\s+|this\s+)month|(?P<next>next)\s+month)"
OPEN = rf"{LB}{PRE}(?:sometime\s+(?:on\s+)?)?"
# "the third of march", "20 of next month", "Saturday the 14th", "the 1st"
DAY_OF = re.compile(
    rf"{OPEN}(?:(?P<wd>{WD}),?\s+)?(?P<the>the\s+)?{ORD}(?:\s+of\s+{WHICH_MONTH})?{RB}", FLAGS)
# "march the 3rd"
MONTH_THE = re.compile(rf"{OPEN}(?P<mon>{MON})\s+the\s+(?P<num>\d{{1,2}})(?P<suffix>st|nd|rd|th)?{RB}", FLAGS)
# "march 31: close the books": a leading date before a colon ("Dec 5:30" elsewhere is a time)
LEADING = re.compile(rf"^\s*+(?P<mon>{MON})\.?\s+(?P<num>\d{{1,2}})(?P<suffix>st|nd|rd|th)?(?=:\s)", FLAGS)
WEEKDAY_OR = rf"(?P<wd>{WD})|(?P<weekday>weekday|business\s+day|working\s+day)"
NTH = re.compile(
    rf"{OPEN}(?:the\s+)?(?P<rank>{alternation(RANKS)})\s+(?:{WEEKDAY_OR})"
    rf"(?:\s+(?:of|in)\s+{WHICH_MONTH})?{RB}", FLAGS)


def _group(match: re.Match[str], name: str) -> str | None:
    return match.groupdict().get(name)


def _day_number(match: re.Match[str]) -> int:
    if match.group("num"):
        return int(match.group("num"))
    return DAY_WORDS[" ".join(match.group("word").lower().split())]


def _months(match: re.Match[str], ctx: Context) -> list[date]:
    """The first days of the months a phrase may mean, in order of preference."""
    first = ctx.today.replace(day=1)
    if match.group("mon"):
        start = first.replace(month=MONTHS[match.group("mon").lower()])
        return [start.replace(year=start.year + n) for n in range(0, 3)]
    if _group(match, "next"):
        return [add_months(first, 1)]
    return [add_months(first, n) for n in range(0, 28)]


def _has_month(match: re.Match[str]) -> bool:
    return bool(match.group("mon") or _group(match, "next")) or "month" in match.group(0).lower()


def _day_of(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    wanted = _day_number(match)
    if not 1 <= wanted <= 31:
        return None
    if not _has_month(match):  # "the 1st", "on Saturday the 14th"; not "the 5th wave", "by 20", "the first"
        strong = match.group("mark") or match.group("prep") or _group(match, "wd")
        the_end = _group(match, "the") and STRONG_AFTER.match(text, match.end())
        if not (match.group("suffix") and (strong or the_end)):
            return None
    wd = _group(match, "wd")
    named = WEEKDAYS[wd.lower()] if wd else None
    for start in _months(match, ctx):
        if wanted > days_in_month(start.year, start.month):
            continue
        day = start.replace(day=wanted)
        if day >= ctx.today and (named is None or day.weekday() == named):
            return date_candidate(match, DateValue(day))
    return None


def _nth_in(month: date, rank: int, match: re.Match[str]) -> date:
    days = [month.replace(day=d) for d in range(1, days_in_month(month.year, month.month) + 1)]
    if match.group("wd"):
        wanted = WEEKDAYS[match.group("wd").lower()]
        days = [d for d in days if d.weekday() == wanted]
    else:
        days = [d for d in days if d.weekday() < 5]
    if rank < 0:
        return days[-1]
    return days[rank - 1] if rank <= len(days) else days[-1] + timedelta(days=400)  # no 5th: skip month


def _nth(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    if prev_word(text, match.start()) in ("every", "each"):
        return None  # "every first monday of the month" is a rule (recurrence.py), not one day
    rank = RANKS[match.group("rank").lower()]
    if not _has_month(match) and (rank < 0 or not match.group(0).lower().lstrip().startswith(("the", "on", "by"))):
        return None  # "last friday" is a past day (counted.py); "first monday" alone is too loose
    for month in _months(match, ctx)[:13]:
        day = _nth_in(month, rank, match)
        if day.month == month.month and day >= ctx.today:
            return date_candidate(match, DateValue(day))
    return None


ORDINAL_RECOGNISERS: tuple[tuple[re.Pattern[str], Recogniser], ...] = (
    (DAY_OF, _day_of), (MONTH_THE, _day_of), (LEADING, _day_of), (NTH, _nth),
)
