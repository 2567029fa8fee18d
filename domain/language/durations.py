"""Durations: "for 2h", "45m", "1.5 hours", "~30min", "1h30", "half an hour"."""
from __future__ import annotations

import re
from typing import Iterator

from domain.language.phrases import prev_word
from domain.language.tokens import FLAGS, LB, Candidate, Context

MAX_MINUTES = 7 * 24 * 60
PRE = r"(?:(?P<pre>for|takes?|taking|lasting|approx\.?|approximately|about|around|roughly)\s++)?(?P<tilde>~\s*+)?"
HOURS = r"(?:h|hrs?|hours?)"
MINUTES = r"(?:mins?|minutes?)"
# "2 - hours", "30-min": spaces, an optional hyphen, spaces. Possessive runs, so a long run of
# spaces is read once instead of being re-split between two quantifiers (quadratic before).
GAP = r"\s*+(?:-\s*+)?"
DURATION = re.compile(
    rf"{LB}{PRE}(?:"
    rf"(?P<h>\d++(?:\.\d++)?){GAP}{HOURS}(?:(?P<hm>[0-5]?\d)(?!\d)(?:\s*+{MINUTES}|m)?"
    rf"|\s*+(?:and\s++)?(?P<hm2>\d{{1,2}})\s*+(?:{MINUTES}|m))?"
    rf"|(?P<m>\d++)(?:{GAP}{MINUTES}|m)"
    rf"|(?P<half>half\s++an?\s++hour)"
    rf"|(?P<hw>an?|one|two|three|four)\s++(?P<hwu>hours?)(?P<andhalf>\s++and\s++a\s++half)?"
    rf"|(?P<mw>a\s++few|a\s++couple\s++of)\s++(?P<mwu>{MINUTES}|hours?)"
    rf")(?![\w/])", FLAGS)
OFFSET = re.compile(r"\s++(?:before|after|ago|earlier|later|early|late|prior)\b", FLAGS)  # "24h before": not a length
WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
SINGULAR = re.compile(r"(?:hour|hr|minute|min)$", re.I)
# "the 24 hour pharmacy": after "the", a singular unit before a noun names a kind of thing (while
# "a 30-min call" is the task's own length)
NOUN_AFTER = re.compile(r"\s++(?!(?:at|on|by|in|for|to|from|and|or|before|after|every|each|today|tonight|tomorrow"
                        r"|this|next|p[1-4])\b)[a-z]")


def _minutes(match: re.Match[str]) -> int | None:
    if match.group("h"):
        total = float(match.group("h")) * 60
        total += int(match.group("hm") or match.group("hm2") or 0)
        return round(total)
    if match.group("m"):
        return int(match.group("m"))
    if match.group("half"):
        return 30
    if not (match.group("pre") or match.group("tilde")):
        return None  # "an hour" alone is too loose
    if match.group("hw"):
        base = WORDS[match.group("hw").lower()] * 60
        return base + (30 if match.group("andhalf") else 0)
    return None


def find_durations(text: str, ctx: Context) -> Iterator[Candidate]:
    for match in DURATION.finditer(text):
        minutes = _minutes(match)
        if not (match.group("pre") or match.group("tilde")) and OFFSET.match(text, match.end()):
            continue
        if not (match.group("pre") or match.group("tilde")) and prev_word(text, match.start()) == "the" \
                and SINGULAR.search(match.group(0)) and NOUN_AFTER.match(text, match.end()):
            continue
        if minutes is not None and 0 < minutes <= MAX_MINUTES:
            yield Candidate("duration", match.start(), match.end(), minutes)
