"""Times of day: "3pm", "15:00", "at 7", "noon", "eod", "this evening", "3-4pm"."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from typing import Callable, Iterator

from domain.language.model import ReadingWarning
from domain.language.phrases import VAGUE_TIMES
from domain.language.tokens import DEADLINE, FLAGS, LB, RB, WD, Candidate, Context


@dataclass(frozen=True)
class TimeValue:
    clock: time | None = None        # an exact time of day ("3pm"): a start unless a deadline word
    vague: time | None = None        # "eod", "this evening": always a deadline time
    ambiguous_hour: int | None = None  # "at 7": am or pm decided later
    duration: int | None = None      # minutes, for ranges "3-4pm"


AMPM = r"(?:\s*(?P<ap>a\.m\.|p\.m\.|am|pm)|(?P<ap1>a|p)(?![\w.]))"
MARKS = rf"(?:(?P<mark>{DEADLINE})\s+|(?P<at>at|around|about|from|after|starting\s+at)\s+|@\s*)?"
CLOCK = re.compile(
    rf"{LB}{MARKS}(?P<h>\d{{1,2}})(?:[:.](?P<m>[0-5]\d))?{AMPM}(?P<ish>-?ish)?(?![\w])", FLAGS)
CLOCK24 = re.compile(
    rf"{LB}{MARKS}(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?:\s*(?:h|hrs)\b)?(?![\w:]|\s*(?:a\.?m|p\.?m)\b)", FLAGS)
EURO_HOUR = re.compile(rf"{LB}(?:(?P<mark>{DEADLINE})\s+|(?:at|@)\s*)(?P<h>[01]?\d|2[0-3])h(?P<m>[0-5]\d)?(?![\w:])", FLAGS)
AT_HOUR = re.compile(
    rf"{LB}(?:(?P<at>at|@)\s*(?P<h>\d{{1,2}})(?:\s*o'?clock)?|(?P<h2>\d{{1,2}})\s*o'?clock)"
    r"(?![\w:/%]|[.,]\d|\s*(?:%|percent|people|persons|times|minutes?|mins?|hours?|hrs?|h\b|days?|weeks?|months?|years?))",
    FLAGS)
BARE_DEADLINE = re.compile(  # "before 5", "by 6 tomorrow": a deadline word and a bare hour
    rf"{LB}(?P<mark>before|by|until|till|due\s+by)\s+(?P<h>\d{{1,2}})"
    rf"(?=\s*(?:$|[,;.!?)]|(?:today|tonight|tomorrow|on|this|next|{WD})\b))", FLAGS)
NOT_A_DEADLINE = {"increase", "increased", "reduce", "reduced", "decrease", "decreased", "divide", "divided",
                  "multiply", "multiplied", "raise", "raised", "cut", "grow", "drop", "lower", "up", "down",
                  "off", "grew", "fell", "rise", "rose", "sort", "sorted", "group", "grouped"}
WORD = re.compile(r"[A-Za-z]+")
STATEMENT = re.compile(r"(?:\bit[’']?s|\bit\s+is)\s*$", FLAGS)  # "it's 5 o'clock": a remark
CAPITALISED = re.compile(r"\s+(?!(?:I|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z]")
NAMED = re.compile(rf"{LB}{MARKS}(?P<name>noon|midday|midnight){RB}", FLAGS)
EOD = re.compile(
    rf"{LB}(?:(?P<mark>{DEADLINE})\s+)?(?P<eod>eod|cob|eob|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:work(?:ing)?\s+|business\s+)?day"
    rf"|close\s+of\s+business|end\s+of\s+business){RB}", FLAGS)
PART = re.compile(
    rf"{LB}(?:(?P<mark>{DEADLINE})\s+)?(?:this|in\s+the|by\s+the)\s+(?P<pod>morning|afternoon|evening){RB}", FLAGS)
SEPARATOR = r"(?:-|–|—|to|until|till|(?({between})and|(?!)))"
AP = r"(?:am|pm|a\.m\.|p\.m\.)"
# Possessive runs (``\s*+``) wherever the next token cannot start with a space: a run of spaces is
# read once, never re-split between two quantifiers ("1" + 10,000 spaces took 4 s before).
RANGE = re.compile(
    rf"{LB}(?:from\s++|(?P<between>between\s++))?(?P<h1>\d{{1,2}})(?:[:.](?P<m1>[0-5]\d))?(?:\s*+(?P<ap1>{AP}))?"
    rf"\s*+{SEPARATOR.format(between='between')}\s*+(?P<h2>\d{{1,2}})(?:[:.](?P<m2>[0-5]\d))?\s*+(?P<ap2>{AP})(?![\w])"
    rf"|{LB}(?:from\s++|(?P<between2>between\s++))?(?P<h3>[01]?\d|2[0-3]):(?P<m3>[0-5]\d)\s*+"
    rf"{SEPARATOR.format(between='between2')}\s*+(?P<h4>[01]?\d|2[0-3]):(?P<m4>[0-5]\d)(?![\w:])", FLAGS)


def _hour12(hour: int, ampm: str) -> int | None:
    if not 1 <= hour <= 12:
        return None
    if ampm.lower().startswith("a"):
        return 0 if hour == 12 else hour
    return hour if hour == 12 else hour + 12



def _cand(match: re.Match[str], value: TimeValue, deadline: bool | None = None,
          warnings: list[ReadingWarning] | None = None) -> Candidate:
    mark = bool(match.groupdict().get("mark")) if deadline is None else deadline
    return Candidate("time", match.start(), match.end(), value, mark, list(warnings or []))


def _clock(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    hour = _hour12(int(match.group("h")), match.group("ap") or match.group("ap1"))
    if hour is None:
        return None
    warnings = []
    if match.group("ish"):
        warnings.append(ReadingWarning("approximate_time", f"'{match.group(0).strip()}' is approximate; read as "
                                       f"{hour:02d}:{match.group('m') or '00'}"))
    return _cand(match, TimeValue(clock=time(hour, int(match.group("m") or 0))), warnings=warnings)


def _clock24(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    hour_text = match.group("h")
    hour, minute = int(hour_text), int(match.group("m"))
    if 1 <= hour <= 12 and not hour_text.startswith("0"):
        return _cand(match, TimeValue(ambiguous_hour=hour, clock=time(hour % 12, minute)))
    return _cand(match, TimeValue(clock=time(hour, minute)))


def _at_hour(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    hour = int(match.group("h") or match.group("h2"))
    if hour > 23 or CAPITALISED.match(text, match.end()):  # "at 5 Guys"
        return None
    if 1 <= hour <= 12:
        return _cand(match, TimeValue(ambiguous_hour=hour, clock=time(hour % 12, 0)))
    return _cand(match, TimeValue(clock=time(hour, 0)))


def _bare_deadline(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    hour = int(match.group("h"))
    recent = WORD.findall(text, max(0, match.start() - 40), match.start())[-3:]
    if not 1 <= hour <= 12 or any(word.lower() in NOT_A_DEADLINE for word in recent):
        return None  # "divide by 5", "reduce the budget by 5": arithmetic
    return _cand(match, TimeValue(ambiguous_hour=hour, clock=time(hour % 12, 0)))


def _euro_hour(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    """ "at 15h", "by 9h30": a 24-hour time in French/German style."""
    return _cand(match, TimeValue(clock=time(int(match.group("h")), int(match.group("m") or 0))))


def _named(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    name = match.group("name").lower()
    return _cand(match, TimeValue(clock=time(23, 59) if name == "midnight" else time(12, 0)))


def _eod(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    return _cand(match, TimeValue(vague=ctx.default_time), deadline=True)


def _part(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    return _cand(match, TimeValue(vague=VAGUE_TIMES[match.group("pod").lower()]))


def _range(match: re.Match[str], ctx: Context, text: str) -> Candidate | None:
    if match.group("h3"):
        start = int(match.group("h3")) * 60 + int(match.group("m3"))
        end = int(match.group("h4")) * 60 + int(match.group("m4"))
    else:
        ap2 = match.group("ap2")
        end_hour = _hour12(int(match.group("h2")), ap2)
        h1 = int(match.group("h1"))
        ap1 = match.group("ap1") or ap2
        start_hour = _hour12(h1, ap1)
        if end_hour is None or start_hour is None:
            return None
        if not match.group("ap1") and start_hour * 60 > end_hour * 60:
            start_hour = _hour12(h1, "am" if ap2.lower().startswith("p") else "pm")
            if start_hour is None:
                return None
        start = start_hour * 60 + int(match.group("m1") or 0)
        end = end_hour * 60 + int(match.group("m2") or 0)
    if end <= start:
        return None
    return _cand(match, TimeValue(clock=time(start // 60, start % 60), duration=end - start), deadline=False)


Recogniser = Callable[[re.Match[str], Context, str], "Candidate | None"]
RECOGNISERS: tuple[tuple[re.Pattern[str], Recogniser], ...] = (
    (CLOCK, _clock), (CLOCK24, _clock24), (AT_HOUR, _at_hour), (NAMED, _named), (EOD, _eod),
    (PART, _part), (RANGE, _range), (BARE_DEADLINE, _bare_deadline), (EURO_HOUR, _euro_hour),
)


def find_times(text: str, ctx: Context) -> Iterator[Candidate]:
    for pattern, recognise in RECOGNISERS:
        for match in pattern.finditer(text):
            if STATEMENT.search(text, max(0, match.start() - 12), match.start()):
                continue  # "it's 5 o'clock somewhere": a remark about the time, not a task time
            found = recognise(match, ctx, text)
            if found is not None:
                yield found
