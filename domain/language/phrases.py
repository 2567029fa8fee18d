"""Shared pieces of the date grammar: the date value, prefixes, parts of day, guards."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Callable, Iterator

from domain.language.model import ReadingWarning
from domain.language.tokens import DEADLINE, FLAGS, Candidate, Context

VAGUE_TIMES: dict[str, time] = {
    "morning": time(12, 0), "afternoon": time(17, 0), "evening": time(21, 0), "night": time(21, 0),
}


@dataclass(frozen=True)
class DateValue:
    day: date | None
    vague: time | None = None      # part of day ("morning"): a deadline time, not a start
    instant: datetime | None = None  # "in 2 hours": a full datetime


PRE = rf"(?:(?P<mark>{DEADLINE})\s+|(?P<prep>on|this\s+coming)\s+)?"
POD = r"(?:\s+(?:in\s+the\s+)?(?P<pod>morning|afternoon|evening|night|am|pm)(?![\w.]))?"
END = r"(?![\w/:@]|[.,]\d)"

STRONG_AFTER = re.compile(
    r"\s*(?:$|[,;:!?)\-–]|\.(?!\d)|(?:at|by|@)\b|\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}"
    r"|[#@]|p[1-4]\b|for\b|every\b)", FLAGS)

PREV_WORD = re.compile(r"(?<![A-Za-z])([A-Za-z]++)\W*+$")  # starts at a word's start: linear


def prev_word(text: str, index: int) -> str:
    match = PREV_WORD.search(text, max(0, index - 40), index)
    return match.group(1).lower() if match else ""


def date_candidate(match: re.Match[str], value: DateValue, warnings: list[ReadingWarning] | None = None,
               deadline: bool | None = None) -> Candidate:
    mark = bool(match.groupdict().get("mark")) if deadline is None else deadline
    return Candidate("date", match.start(), match.end(), value, mark, list(warnings or []))


POD_WORDS = {"am": "morning", "pm": "afternoon"}


def vague_time(match: re.Match[str]) -> time | None:
    pod = (match.groupdict().get("pod") or "").lower()
    return VAGUE_TIMES[POD_WORDS.get(pod, pod)] if pod else None


Recogniser = Callable[[re.Match[str], Context, str], "Candidate | None"]


def recognise_all(text: str, ctx: Context,
                  recognisers: tuple[tuple[re.Pattern[str], Recogniser], ...]) -> Iterator[Candidate]:
    for pattern, recognise in recognisers:
        for match in pattern.finditer(text):
            found = recognise(match, ctx, text)
            if found is not None:
                yield found
