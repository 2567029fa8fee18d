"""Readings written back as quick-add text: what a warning or an echo shows is something the
grammar reads again to the same value (the round-trip property tests hold it to that).

Dates come in two spellings: in words (``describe``: "Fri Dec 11 2026", the one warnings use) and
in figures in the user's date order ("12/11/2026", "11/12/2026", "2026-12-11"); times in 24 hours
("19:05", what warnings say) or 12 ("7:05pm"); durations as the SPA writes them ("1 h 30 min");
recurrence rules as phrases ("every 2 weeks on monday and thursday").
"""
from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from domain.language.model import TaskDraft
from domain.language.tokens import MONTH_NAMES, WEEKDAY_CODES, WEEKDAY_NAMES, describe

__all__ = ["describe", "format_date", "format_time", "format_duration", "format_recurrence", "format_draft"]

ADVERBS = {("DAILY", 1): "daily", ("WEEKLY", 1): "weekly", ("MONTHLY", 1): "monthly", ("YEARLY", 1): "yearly"}
UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
NTH = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


def format_date(day: date, date_order: str) -> str:
    """``day`` in figures, in the user's order, with its four-figure year (no guessing on reading)."""
    if date_order == "YMD":
        return day.isoformat()
    first, second = (day.day, day.month) if date_order == "DMY" else (day.month, day.day)
    return f"{first}/{second}/{day.year}"


def format_time(at: time, hours: int = 24) -> str:
    """``at`` as "19:05" (``hours=24``) or "7:05pm" (``hours=12``); seconds are not written."""
    if hours == 24:
        return at.strftime("%H:%M")
    hour = at.hour % 12 or 12
    return f"{hour}:{at.minute:02d}{'am' if at.hour < 12 else 'pm'}"


def format_duration(minutes: int) -> str:
    """``90`` -> "1 h 30 min", as the SPA's ``formatDuration`` writes it."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def _ordinal(number: int) -> str:
    suffix = "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _days(codes: list[str]) -> str:
    names = [WEEKDAY_NAMES[WEEKDAY_CODES.index(code)].lower() for code in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def format_recurrence(rrule: str) -> str:
    """A rule the grammar writes (FREQ, INTERVAL, BYDAY, BYMONTH, BYMONTHDAY) as a phrase that reads
    back to it: "every weekday", "every 2 weeks on monday and thursday", "every last friday of the
    month", "every month on the 15th", "every year on dec 5"."""
    parts = dict(part.split("=", 1) for part in rrule.split(";"))
    freq, interval = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    byday = parts["BYDAY"].split(",") if "BYDAY" in parts else []
    if freq == "WEEKLY" and interval == 1 and byday == ["MO", "TU", "WE", "TH", "FR"]:
        return "every weekday"
    if freq == "MONTHLY" and byday:  # "1MO", "-1FR"
        code = byday[0]
        return f"every {NTH[int(code[:-2])]} {WEEKDAY_NAMES[WEEKDAY_CODES.index(code[-2:])].lower()} of the month"
    every = ADVERBS[freq, 1] if interval == 1 else f"every {interval} {UNITS[freq]}s"
    if byday:
        return f"{every} on {_days(byday)}"
    if freq == "YEARLY" and "BYMONTH" in parts:
        day = f"{MONTH_NAMES[int(parts['BYMONTH'])][:3].lower()} {int(parts['BYMONTHDAY'])}"
        return f"every {day}" if interval == 1 else f"{every} on {day}"
    if "BYMONTHDAY" in parts:
        monthday = int(parts["BYMONTHDAY"])
        return f"{every} on the {'last' if monthday == -1 else _ordinal(monthday)}"
    return every


def format_draft(draft: TaskDraft, tz: ZoneInfo, date_order: str) -> str:
    """The draft as one quick-add line: title, date in figures, 24-hour time, duration, rule.

    A deadline is written after "by", a start after "on"/"at", so the field comes back too.
    """
    pieces = [draft.title]
    when: datetime | None = draft.due or draft.start
    if when is not None:
        local_when = when.astimezone(tz)
        word = "by" if draft.due is not None else "on"
        pieces.append(f"{word} {format_date(local_when.date(), date_order)} {'at ' if word == 'on' else ''}"
                      f"{format_time(local_when.time())}")
    if draft.duration_minutes:
        pieces.append(f"for {format_duration(draft.duration_minutes)}")
    if draft.recurrence:
        pieces.append(format_recurrence(draft.recurrence))
    return " ".join(pieces)
