"""Times said the way people say them: minutes relative to an hour, hours in words, an hour with
its part of the day, an hour beside a day word.

"a quarter past 3pm", "20 to 5", "half past ten", "at 3 15", "at 1030", "at three am", "ten thirty",
"at 8 in the evening", "at 4:30 this afternoon", "at 11 tonight", "9 tomorrow", "tomorrow 9",
"this morning at 11am", "at nine sharp", "at twelve noon". Hour words need a sign that they are a
time ("at", am/pm, minutes, o'clock, a part of day): "Watch Eleven", "Read Ten Little Indians" stay.
"""
from __future__ import annotations

import re
from datetime import time
from typing import Callable, Iterator

from domain.language.phrases import STRONG_AFTER
from domain.language.times import MARKS, TimeValue
from domain.language.tokens import FLAGS, LB, RB, Candidate, Context, alternation

_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen")
HOUR_WORDS: dict[str, int] = {word: n for n, word in enumerate(_ONES + _TEENS[:3], start=1)}
MINUTE_WORDS: dict[str, int] = {word: n for n, word in enumerate(_TEENS, start=10)}
MINUTE_WORDS.update({f"oh{sep}{word}": n for n, word in enumerate(_ONES, start=1) for sep in (" ", "-")})
for tens, base in (("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50)):
    MINUTE_WORDS[tens] = base
    MINUTE_WORDS.update({f"{tens}{sep}{word}": base + n for n, word in enumerate(_ONES, start=1) for sep in (" ", "-")})
OFFSET_WORDS: dict[str, int] = {"quarter": 15, "a quarter": 15, "half": 30, "five": 5, "ten": 10, "twenty": 20,
                                "twenty-five": 25, "twenty five": 25}

HOUR = rf"(?P<h>\d{{1,2}}|{alternation(HOUR_WORDS)}|(?P<hname>noon|midnight))"
AP = r"(?:\s*+(?P<ap>am|pm|a\.m\.|p\.m\.)(?![\w.]))"
POD = r"(?:\s++(?:(?:in\s++the|this)\s++(?P<pod>morning|afternoon|evening)|(?P<night>at\s++night|tonight)))"
# "a quarter past 3pm", "20 to 5", "half past ten", "ten to noon", "25 past 11"
PAST_TO = re.compile(
    rf"{LB}{MARKS}(?P<off>{alternation(OFFSET_WORDS)}|\d{{1,2}})(?:\s++minutes?)?\s++(?P<dir>past|after|to|till)\s++"
    rf"{HOUR}{AP}?{POD}?{RB}", FLAGS)
# "at three am", "ten thirty", "at four thirty", "at nine sharp", "at twelve noon", "at 8 in the evening"
SAID = re.compile(
    rf"{LB}{MARKS}(?P<h>\d{{1,2}}|{alternation(HOUR_WORDS)})"
    rf"(?:[\s-]++(?P<mw>{alternation(MINUTE_WORDS)})|\s++(?P<oclock>o'?clock)|:(?P<m>[0-5]\d))?"
    rf"(?:\s++(?P<sharp>sharp))?(?:\s++(?P<noon>noon))?{AP}?{POD}?{RB}", FLAGS)
# "at 3 15", "at 1030", "friday at 0930"; not "at 650-650-6500" (a phone number)
COMPACT = re.compile(rf"{LB}(?:(?P<at>at|@)\s*+)(?P<h>[01]?\d|2[0-3])(?P<gap>\s?)(?P<m>[0-5]\d)(?![\w:.,/]|-\d)", FLAGS)
# "9 tomorrow", "tomorrow 9": a bare hour beside a day word (only the hour is this candidate)
BESIDE_DAY = re.compile(
    r"(?<![\w.,:/-])(?P<h>1[0-2]|[1-9])(?=\s++(?:today|tomorrow|tonight)\b)"
    r"|\b(?:today|tomorrow)\s++(?P<h2>1[0-2]|[1-9])(?=\s*+(?:$|[,;!?)]|\.(?!\d)))", FLAGS)
# "this morning at 11am", "this afternoon at 4": the part of day and the time are one reading
PART_AT = re.compile(
    rf"{LB}this\s++(?P<pod>morning|afternoon|evening)\s++at\s++(?P<h>\d{{1,2}})(?::(?P<m>[0-5]\d))?{AP}?{RB}", FLAGS)


def _hour_of(word: str) -> int:
    return int(word) if word.isdigit() else HOUR_WORDS[word.lower()]


def _value(hour: int, minute: int, match: re.Match[str]) -> TimeValue | None:
    """A clock time from a 1-12 (or 0-23) hour: am/pm, part of day, or left ambiguous."""
    groups = match.groupdict()
    ap = (groups.get("ap") or "").lower()
    pod = (groups.get("pod") or ("evening" if groups.get("night") else "")).lower()
    if hour > 23 or minute > 59:
        return None
    if ap or pod:
        if not 1 <= hour <= 12:
            return None
        pm = ap.startswith("p") or pod in ("afternoon", "evening")
        hour = hour % 12 + (12 if pm else 0)
        return TimeValue(clock=time(hour, minute))
    if 1 <= hour <= 12:
        return TimeValue(ambiguous_hour=hour, clock=time(hour % 12, minute))
    return TimeValue(clock=time(hour, minute))


def _cand(match: re.Match[str], value: TimeValue | None, start: int | None = None) -> Candidate | None:
    if value is None:
        return None
    mark = bool(match.groupdict().get("mark"))
    return Candidate("time", match.start() if start is None else start, match.end(), value, mark)


def _past_to(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    off_text = match.group("off").lower()
    offset = int(off_text) if off_text.isdigit() else OFFSET_WORDS[" ".join(off_text.split())]
    before = match.group("dir").lower() in ("to", "till")
    if off_text.isdigit() and (offset % 5 or offset > 30 or (before and not match.group("at") and offset < 10)):
        return None  # "9 to 5", "1 to 3": a range or a score, not "minutes to"
    if off_text == "half" and before:
        return None
    name = (match.group("hname") or "").lower()
    if name:
        minutes = (0 if name == "midnight" else 12 * 60) + (-offset if before else offset)
        return _cand(match, TimeValue(clock=time((minutes // 60) % 24, minutes % 60)))
    hour = _hour_of(match.group("h"))
    if before:
        hour, minute = (hour - 1) or 12, 60 - offset
    else:
        minute = offset
    return _cand(match, _value(hour, minute, match))


def _said(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    word = not match.group("h").isdigit()
    minute = MINUTE_WORDS[" ".join(match.group("mw").lower().replace("-", " ").split())] if match.group("mw") else 0
    minute = int(match.group("m")) if match.group("m") else minute
    day_part = match.group("pod") or match.group("night")
    if word:  # "at three am", "ten thirty", "five o'clock", "at eleven in the morning"; not "Watch Eleven"
        said = match.group("ap") or day_part or match.group("mw") or match.group("oclock") or match.group("noon")
        at_end = (match.group("at") or match.group("mark")) and STRONG_AFTER.match(text, match.end())
        if not (said or at_end or match.group("sharp")):
            return None
    elif not (day_part or match.group("sharp") or match.group("noon") or match.group("mw")):
        return None  # "3pm", "at 5", "5 o'clock": times.py reads these
    hour = _hour_of(match.group("h"))
    if match.group("noon"):
        return _cand(match, TimeValue(clock=time(12, 0))) if hour == 12 else None
    return _cand(match, _value(hour, minute, match))


def _compact(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    hour_text = match.group("h")
    value = _value(int(hour_text), int(match.group("m")), match)
    if value is not None and hour_text.startswith("0"):
        value = TimeValue(clock=time(int(hour_text), int(match.group("m"))))
    return _cand(match, value)


def _beside_day(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    group = "h" if match.group("h") else "h2"
    hour = int(match.group(group))
    found = _cand(match, TimeValue(ambiguous_hour=hour, clock=time(hour % 12, 0)), start=match.start(group))
    if found is not None:
        found.end = match.end(group)
    return found


def _part_at(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    return _cand(match, _value(int(match.group("h")), int(match.group("m") or 0), match))


Recogniser = Callable[[re.Match[str], Context, str], "Candidate | None"]
RECOGNISERS: tuple[tuple[re.Pattern[str], Recogniser], ...] = (
    (PAST_TO, _past_to), (SAID, _said), (COMPACT, _compact), (BESIDE_DAY, _beside_day), (PART_AT, _part_at),
)


def find_clock_words(text: str, ctx: Context) -> Iterator[Candidate]:
    for pattern, recognise in RECOGNISERS:
        for match in pattern.finditer(text):
            found = recognise(match, ctx, text)
            if found is not None:
                yield found
