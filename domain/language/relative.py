"""Dates relative to today: today/tonight/tomorrow, weekdays, named periods, "in 3 days"."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from domain.language.model import ReadingWarning
from domain.language.phrases import (
    POD, PRE, STRONG_AFTER, VAGUE_TIMES, DateValue, Recogniser, date_candidate, prev_word, vague_time,
)
from domain.language.tokens import (
    DEADLINE, FLAGS, LB, MON, NUM, RB, SPACES, WD, WEEKDAYS, Candidate, Context, add_months, days_in_month,
    describe, number_value,
)

RELDAY = re.compile(
    rf"{LB}{PRE}(?P<word>day\s+after\s+tomorrow|today|tonight|tonite|tomorrow|tomorow|tommorow|tmrw|tmr|tmw|yesterday){POD}{RB}",
    FLAGS)
WEEKDAY = re.compile(
    rf"{LB}{PRE}(?:(?P<rel>next|this|coming|this\s+coming)\s+)?(?P<wd>{WD})(?![\w'’@/]|\.\w)\.?"
    rf"(?P<nextweek>\s+(?:of\s+)?next\s+week)?{POD}{RB}", FLAGS)
NAMED = re.compile(
    rf"{LB}{PRE}(?P<named>next\s+week|next\s+month|next\s+year|(?:this|next|the|over\s+the)\s+weekend"
    rf"|(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:week|month|year)|eow|eom|eoy|this\s+week"
    rf"|(?:the\s+)?last\s+day\s+of\s+(?:the\s+|this\s+)?month){RB}", FLAGS)
UNITS = r"minutes?|mins?|hours?|hrs?|hr|h|days?|weeks?|wks?|fortnights?|months?|years?|yrs?"
RELATIVE = re.compile(
    rf"{LB}(?:(?P<mark>{DEADLINE})\s+)?(?:(?P<within>in|within)\s+(?P<n>\d{{1,3}}\.\d|{NUM})\s*(?:of\s+)?(?P<unit>{UNITS})"
    rf"|(?P<n2>{NUM})\s+(?P<unit2>{UNITS})\s+from\s+(?:now|today)){RB}", FLAGS)

# Words before/after a bare weekday that make it a name, not a date ("Black Friday", "Sunday school").
NOT_BEFORE_WEEKDAY = {"black", "good", "cyber", "girl", "man", "easter", "palm", "ash", "holy",
                      "maundy", "giving", "super", "fat", "blue", "bloody", "casual", "travel"}
NOT_AFTER_WEEKDAY = re.compile(
    r"\s+(?:school|times|service|services|mass|paper|league|best|roast|funday|club|special|edition|"
    r"night\s+live|night\s+fever|morning\s+live|brunch\s+club)\b", FLAGS)
PROPER_NOUN = re.compile(rf"\s+(?!(?i:{MON}|{WD}|morning|afternoon|evening|night|at|by|on)\b)[A-Z](?:[a-z]|['’][a-z])")
SHORT_RISKY = {"sat", "sun", "wed"}


def _relday(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    word = match.group("word").lower()
    warnings: list[ReadingWarning] = []
    vague = vague_time(match)
    if word.startswith("day"):
        day = ctx.today + timedelta(days=2)
    elif word in ("today",):
        day = ctx.today
    elif word in ("tonight", "tonite"):
        day, vague = ctx.today, vague or VAGUE_TIMES["evening"]
    elif word == "yesterday":
        day = ctx.today - timedelta(days=1)
        warnings.append(ReadingWarning("in_past", "'yesterday' is in the past"))
    else:
        day = ctx.today + timedelta(days=1)
    return date_candidate(match, DateValue(day, vague), warnings)


def _weekday(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    word = match.group("wd").lower()
    rel = (match.group("rel") or "").lower().split()
    strong = bool(match.group("mark") or match.group("prep") or rel or match.group("nextweek"))
    if not strong:
        if prev_word(text, match.start()) in NOT_BEFORE_WEEKDAY:
            return None
        if NOT_AFTER_WEEKDAY.match(text, match.end("wd")):
            return None
        if word in SHORT_RISKY and not match.group("pod") and not STRONG_AFTER.match(text, match.end()):
            return None
        pod = match.group("pod")
        if match.group("wd")[0].isupper() and (not pod or pod[0].isupper()) and PROPER_NOUN.match(text, match.end()):
            return None  # "Friday Harbor", "Sunday Times", "Monday Morning Quarterback"
    target = WEEKDAYS[word]
    today = ctx.today
    ahead = (target - today.weekday()) % 7
    warnings: list[ReadingWarning] = []
    next_monday = today + timedelta(days=7 - today.weekday())
    if rel and rel[0] == "next" or match.group("nextweek"):
        day = next_monday + timedelta(days=target)
        nearest = today + timedelta(days=ahead or 7)
        if nearest != day and rel:
            warnings.append(ReadingWarning("next_weekday", f"'{match.group(0).strip()}' read as {describe(day)}, "
                                           f"not {describe(nearest)}"))
    elif rel:  # this / coming
        day = today + timedelta(days=ahead)
    else:
        if ahead == 0:
            ahead = 7
            warnings.append(ReadingWarning("weekday_is_today", f"'{match.group('wd')}' is today; read as next "
                                           f"week's, {describe(today + timedelta(7))}"))
        day = today + timedelta(days=ahead)
    return date_candidate(match, DateValue(day, vague_time(match)), warnings)


def _named(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    named = SPACES.sub(" ", match.group("named").lower())
    today = ctx.today
    weekday = today.weekday()
    next_monday = today + timedelta(days=7 - weekday)
    if named == "next week":
        day = next_monday
    elif named == "next month":
        day = add_months(today.replace(day=1), 1)
    elif named == "next year":
        day = date(today.year + 1, 1, 1)
    elif named.endswith("weekend"):
        day = today + timedelta(days=(5 - weekday) % 7) if weekday < 6 else today
        if named.startswith("next"):
            day = next_monday + timedelta(days=5)
    elif named.endswith("next week"):  # end of next week
        day = next_monday + timedelta(days=4)
    elif named.endswith("next month"):
        following = add_months(today.replace(day=1), 1)
        day = following.replace(day=days_in_month(following.year, following.month))
    elif named.endswith("next year"):
        day = date(today.year + 1, 12, 31)
    elif named in ("eow", "this week") or named.endswith("week"):
        day = today + timedelta(days=4 - weekday) if weekday <= 4 else today + timedelta(days=6 - weekday)
    elif named == "eom" or named.endswith("month"):  # end of (this) month, last day of the month
        day = today.replace(day=days_in_month(today.year, today.month))
    else:  # eoy / end of year
        day = date(today.year, 12, 31)
    return date_candidate(match, DateValue(day))


def _relative(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    unit = (match.group("unit") or match.group("unit2")).lower()
    if "." in (match.group("n") or ""):  # "in 2.5 hours": tenths of an hour, not a 150-minute task
        if not unit.startswith("h"):
            return None
        instant = elapsed(ctx, round(float(match.group("n")) * 60))
        deadline = bool(match.group("mark")) or match.group("within").lower() == "within"
        return date_candidate(match, DateValue(instant.date(), instant=instant), deadline=deadline)
    count = number_value(match.group("n") or match.group("n2"))
    if count is None or count > 1000 or (unit.startswith("y") and count > 100):
        return None
    deadline = bool(match.group("mark")) or (match.group("within") or "").lower() == "within"
    if unit.startswith(("h", "mi")):
        minutes = count * (60 if unit.startswith("h") else 1)
        instant = elapsed(ctx, minutes)
        return date_candidate(match, DateValue(instant.date(), instant=instant), deadline=deadline)
    if unit.startswith("d"):
        day = ctx.today + timedelta(days=count)
    elif unit.startswith("w"):
        day = ctx.today + timedelta(weeks=count)
    elif unit.startswith("f"):
        day = ctx.today + timedelta(weeks=2 * count)
    elif unit.startswith("m"):
        day = add_months(ctx.today, count)
    else:
        day = add_months(ctx.today, 12 * count)
    return date_candidate(match, DateValue(day), deadline=deadline)


def elapsed(ctx: Context, minutes: int) -> datetime:
    """``minutes`` of real time after now, as a wall time in the user's zone: "in 3 hours" at 01:30
    on a spring-forward night is 05:30 (aware arithmetic in one zone would add wall time: 04:30)."""
    later = ctx.now.astimezone(timezone.utc) + timedelta(minutes=minutes)
    return later.astimezone(ctx.tz).replace(second=0, microsecond=0)


RELATIVE_RECOGNISERS: tuple[tuple[re.Pattern[str], Recogniser], ...] = (
    (RELDAY, _relday), (WEEKDAY, _weekday), (NAMED, _named), (RELATIVE, _relative),
)
