"""Every quick-add pattern does work linear in its input: no request can make a regex backtrack.

How the work is measured (deterministic, no clock): ``regex_work.WorkCounter`` replays a pattern's
own parse tree with a backtracking matcher that makes the same choices as ``re`` and counts the
nodes it tries (see its docstring; ``test_the_counter_agrees_with_re`` keeps it honest). Hypothesis
builds adversarial texts from the grammar's own pieces: a prefix, a unit repeated ``k`` times, a
suffix ("1" + " " * k + "x" is the one reported). The same text shape with ``4k`` repetitions may
cost at most ``RATIO`` times the work of the ``k`` one: linear work costs 4x (plus rounding at the
ends), quadratic 16x, worse more.

Which work counts depends on how the interpreter uses a pattern:
- scanned patterns (``finditer``, ``search``, ``sub``, ``findall``) try every start position, so
  the whole scan must be linear;
- anchored helpers (``.match(text, pos)`` only: "what follows this date?") are called at the end
  of a candidate and must be linear from one position. The candidates of one pattern never
  overlap, so the text a helper reads after each call is read by at most one candidate per
  pattern, and the calls together stay linear too.
"""
from __future__ import annotations

import importlib
import math
import os
import pkgutil
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import domain.language
from quickadd_corpus import load
from regex_work import BudgetExceeded, WorkCounter, agrees_with_re

RATIO = 5
ANCHORED = re.compile(r"\b(?P<name>[A-Z][A-Z0-9_]*)\.(?:match|fullmatch)\(")
SCANNED = re.compile(r"\b(?P<name>[A-Z][A-Z0-9_]*)\.(?:finditer|search|sub|subn|findall|split)\(")
PIECES = [
    "1", "12", "5", "0", "2026", " ", "  ", "\t", "-", "–", ":", ".", "/", ",", ";", "~", "'", "@", "#", "!",
    "a", "x", "A", "at", "by", "due", "on", "in", "the", "of", "and", "to", "for", "from", "between",
    "every", "each", "other", "mon", "Friday", "sat", "dec", "May", "pm", "am", "a.m.", "h", "m", "min",
    "hours", "st", "th", "day", "days", "week", "month", "morning", "this", "next", "o'clock", "half",
    "quarter", "past", "three", "thirty", "tonight", "tomorrow",
    "an", "hour", "p", "priority", "it's", "[ ]", "*", "\n", '"', "&", "+", "ish", "end", "last",
    # issue 13's modules: ordinals, clock words, counted days, zones, holidays
    "1st", "3rd", "third", "twenty", "five", "to", "sharp", "noon", "fridays", "ago", "hence", "after",
    "CET", "PST", "UTC", "+2", "PT", "christmas", "eve", "thanksgiving", "boxing", "new", "years", "15.2.",
]


def _patterns() -> list[tuple[str, re.Pattern[str], bool]]:
    """(name, pattern, scanned?) for every module-level pattern of ``domain.language``; a pattern
    counts as scanned unless the sources only ever call its ``match``/``fullmatch`` (patterns in
    recogniser tables are scanned through a loop variable)."""
    root = Path(domain.language.__file__).parent
    sources = "\n".join(p.read_text(encoding="utf-8") for p in root.glob("*.py"))
    anchored = {m.group("name") for m in ANCHORED.finditer(sources)}
    anchored -= {m.group("name") for m in SCANNED.finditer(sources)}
    found: dict[int, tuple[str, re.Pattern[str], bool]] = {}
    for info in pkgutil.iter_modules(domain.language.__path__):
        module = importlib.import_module(f"domain.language.{info.name}")
        own = (root / f"{info.name}.py").read_text(encoding="utf-8")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and re.search(rf"^{name} = re\.compile", own, re.M):
                found[id(value)] = (f"{info.name}.{name}", value, name not in anchored)
    return sorted(found.values(), key=lambda item: item[0])


PATTERNS = _patterns()
IDS = [name for name, _, _ in PATTERNS]
# Heads of real phrases, so a prefix can open a recogniser and let it run into the repeated unit.
HEADS = [
    "Dec 5", "5 December", "the 5th of", "12/5", "2026-12-05", "on the 5th", "at 7", "3pm", "15:00", "3-4pm",
    "from 2pm", "between 2", "for 2h", "1h", "1.5", "~", "half an", "a couple of", "every", "every mon",
    "every 2 weeks", "every 15th", "daily", "monthly on", "in 3", "3 days", "next", "this coming", "tomorrow",
    "friday", "Sunday", "p1", "priority", "@home", "#work", "by", "due by", "end of", "it's", "- [ ]", "1.",
    "/snooze", '"', "'", "the", "call mum", "Black",
    "the third of", "the twenty-first of", "20 of next", "Saturday the 14th", "march the", "march 31",
    "first tuesday of", "the last friday of the", "1st sat", "sometime on the",
    "a quarter past", "20 to", "half past ten", "at 3 15", "at 1030", "at three", "ten thirty", "at 8 in the",
    "9 tomorrow", "tomorrow 9", "this morning at", "at nine sharp", "at twelve noon", "twenty-five past",
    "last tuesday", "friday after next", "3 fridays from", "7 days ago", "a week from", "day before",
    "half an hour from", "in an hour and a",
    "2-15", "on 3-4", "10.31.1974", "15.2.", "4-3-2026", "2026.03.04", "2026-03-04T14:30", "20260304", "15-Mar-2026",
    "end of next quarter", "eoq", "the next business", "within 2 working",
    "on christmas", "by thanksgiving", "the day after", "new year's", "presidents' day",
    "4pm CET", "8:00 PST", "noon UTC", "3pm UTC+2", "9am PT",
    "next year's", "Read This Week", "Watch High Noon", "listen to", "the 5 o'clock", "March 3 miles", "rate it 4/5",
]
EXAMPLES = settings(max_examples=int(os.environ.get("QUICKADD_REGEX_EXAMPLES", "25")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
pieces = st.lists(st.sampled_from(PIECES), max_size=4).map("".join)
prefixes = st.one_of(pieces, st.sampled_from(HEADS), st.tuples(st.sampled_from(HEADS), pieces).map("".join))
units = st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join)


def work(pattern: re.Pattern[str], text: str, scanned: bool, at: int) -> int:
    counter = WorkCounter(pattern, budget=2_000_000)
    try:
        counter.scan(text) if scanned else counter.match_at(text, at)
    except BudgetExceeded:
        pass  # the steps so far are already far past any linear bound
    return counter.steps


def growth(pattern: re.Pattern[str], scanned: bool, prefix: str, unit: str, suffix: str) -> tuple[int, int]:
    k = max(2, math.ceil(30 / len(unit)))
    small, large = (prefix + unit * n + suffix for n in (k, 4 * k))
    at = 0 if scanned else len(prefix)  # anchored: from the start of the repeated run
    return work(pattern, small, scanned, at), work(pattern, large, scanned, at)


def test_every_pattern_is_found() -> None:
    """Patterns live at module level, where this test finds them: no ``re.sub(r"...")`` inline."""
    root = Path(domain.language.__file__).parent
    for path in root.glob("*.py"):
        inline = re.findall(r"\bre\.(?:sub|subn|search|match|fullmatch|findall|finditer|split)\(", path.read_text())
        assert not inline, f"{path.name} calls {inline[0]} with an inline pattern"
    names = set(IDS)
    assert {"times.RANGE", "durations.DURATION", "dates.MONTHDAY", "recurrence.UNIT", "labels.TAG"} <= names
    assert len(PATTERNS) >= 40


@pytest.mark.parametrize(("name", "pattern", "scanned"), PATTERNS, ids=IDS)
@EXAMPLES
@given(prefix=prefixes, unit=units, suffix=pieces)
@example(prefix="1", unit=" ", suffix="x")
@example(prefix="for 1", unit=" ", suffix="- hours")
@example(prefix="every ", unit="mon, ", suffix="")
@example(prefix="Dec 5", unit=" ", suffix="x")
@example(prefix="", unit="the 1st ", suffix="")
@example(prefix="at ", unit="a quarter past ", suffix="3pm")
@example(prefix="", unit="at three thirty ", suffix="")
@example(prefix="", unit="4pm CET ", suffix="")
@example(prefix="", unit="8:00 PST UTC+2 ", suffix="")
@example(prefix="", unit="on christmas eve ", suffix="")
def test_work_grows_linearly(name: str, pattern: re.Pattern[str], scanned: bool,
                             prefix: str, unit: str, suffix: str) -> None:
    small, large = growth(pattern, scanned, prefix, unit, suffix)
    assert large <= RATIO * small + 50, (
        f"{name}: {small} steps for k repetitions of {unit!r}, {large} for 4k (linear would be ~{4 * small})")


def test_a_quadratic_pattern_is_caught() -> None:
    """The measure can fail: adjacent ``\\s*`` around an optional group is the bug that was reported."""
    small, large = growth(re.compile(r"\d\s*(?:am)?\s*-"), True, "1", " ", "x")
    assert large > RATIO * small + 50
    fixed_small, fixed_large = growth(re.compile(r"\d\s*+(?:am\s*+)?-"), True, "1", " ", "x")
    assert fixed_large <= RATIO * fixed_small + 50


@pytest.mark.parametrize(("name", "pattern", "scanned"), PATTERNS, ids=IDS)
def test_the_counter_agrees_with_re(name: str, pattern: re.Pattern[str], scanned: bool) -> None:
    """The counting matcher finds exactly the matches ``re`` finds, on every eighth corpus line."""
    for entry in load()[::8]:
        assert agrees_with_re(pattern, entry["t"]), f"{name} on {entry['t']!r}"
