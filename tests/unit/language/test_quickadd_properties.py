"""Property-based tests: the interpreter never crashes and its answers are self-consistent."""
from __future__ import annotations

import os
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.errors import ValidationError
from domain.language.interpreter import interpret
from domain.language.model import to_json
from domain.language.tokens import local
from domain.model.recurrence import parse_rrule

ZONES = ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "UTC", "Pacific/Apia"]
WORDS = [
    "call", "mum", "Sunday", "at", "6pm", "by", "friday", "fri", "next", "this", "weekend", "tomorrow",
    "tonight", "today", "in", "3", "days", "2", "weeks", "Dec", "5", "December", "12/5", "2026-12-05",
    "15:00", "noon", "eod", "morning", "due", "before", "for", "2h", "45m", "1.5", "hours", "~30min",
    "p1", "p4", "!!!", "urgent", "#work", "@home", "every", "day", "weekday", "monday", "and", "thursday",
    "other", "month", "on", "the", "1st", "5th", "Wave", "Renovation", "May", "march", "1984", "911",
    "-", "*", "[ ]", ";", "\n", ",", "3-4pm", "at 7", "half an hour", "/", "o'clock", "31st", "Feb 29",
    "2/30", "0001-01-01", "9999-12-31", "1899-12-31", "every 400 days", "in 999 years", "00:00", "23:59", "12am", "12pm", "13pm", "0am",
]
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
texts = st.one_of(phrases, st.text(max_size=120))
# a clock never reads a wall time that a zone skipped (Pacific/Apia had no 30 Dec 2011)
nows = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31),
                    timezones=st.sampled_from(ZONES).map(ZoneInfo), allow_imaginary=False)
# QUICKADD_EXAMPLES=5000 for a long fuzzing run; the suite default stays fast.
FAST = settings(max_examples=int(os.environ.get("QUICKADD_EXAMPLES", "300")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def _interpret(text: str, now: datetime, zone: str, order: str = "MDY"):
    try:
        return interpret(text, now, zone, date_order=order)
    except ValidationError:
        assert text.lstrip().startswith("/"), "only slash commands may be rejected"
        return None


@FAST
@given(text=texts, now=nows, zone=st.sampled_from(ZONES), order=st.sampled_from(["MDY", "DMY", "YMD"]))
def test_never_crashes_and_spans_point_into_the_text(text: str, now: datetime, zone: str, order: str) -> None:
    result = _interpret(text, now, zone, order)
    if result is None:
        return
    to_json(result)  # serialisable
    for draft in result.tasks:
        for span in draft.spans:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start:span.end] == span.text
        for when in (draft.due, draft.start):
            assert when is None or when.tzinfo is not None
        assert draft.priority in (None, 1, 2, 3, 4)
        assert draft.duration_minutes is None or draft.duration_minutes > 0


@FAST
@given(text=texts, now=nows, zone=st.sampled_from(ZONES))
def test_title_never_empty_for_text_with_content(text: str, now: datetime, zone: str) -> None:
    result = _interpret(text, now, zone)
    if result is None or result.command is not None:
        return
    if any(ch.isalnum() for ch in text):
        assert result.tasks, "text with letters or digits yields at least one task"
    for draft in result.tasks:
        assert draft.title.strip()


@FAST
@given(text=texts, now=nows, zone=st.sampled_from(ZONES))
def test_spans_of_one_draft_never_overlap(text: str, now: datetime, zone: str) -> None:
    result = _interpret(text, now, zone)
    for draft in result.tasks if result else []:
        spans = sorted(draft.spans, key=lambda s: s.start)
        for left, right in zip(spans, spans[1:]):
            assert left.end <= right.start


@FAST
@given(text=texts, now=nows, zone=st.sampled_from(ZONES))
def test_deterministic(text: str, now: datetime, zone: str) -> None:
    first, second = _interpret(text, now, zone), _interpret(text, now, zone)
    assert (to_json(first) if first else None) == (to_json(second) if second else None)


RECURRING = st.sampled_from([
    "every day", "every weekday", "every monday and thursday", "every 2 weeks", "every month on the 1st",
    "every other day", "every 15th", "every last day of the month", "every dec 12", "every year on feb 29",
    "every other friday 4pm", "every weekend", "every 3 months", "every morning", "daily at 8am",
    "every sat 10am", "every 31st", "every tue, wed and fri at 9",
    "every first monday of the month", "every 2nd tuesday", "every last friday at 4pm", "every quarter",
    "every weekday morning", "every day in the evening", "the last friday of every month",
])


@FAST
@given(phrase=RECURRING, now=nows, zone=st.sampled_from(ZONES))
def test_recurrence_is_a_valid_rrule_whose_first_occurrence_is_the_date(phrase: str, now: datetime, zone: str) -> None:
    draft = interpret(f"task {phrase}", now, zone).tasks[0]
    assert draft.recurrence
    first = draft.start or draft.due
    assert first is not None
    assert first.astimezone(timezone.utc) >= now.astimezone(timezone.utc) - timedelta(minutes=1)
    naive = first.replace(tzinfo=None)
    parse_rrule(draft.recurrence)  # a rule a routine takes
    rule = rrulestr(draft.recurrence, dtstart=naive)
    assert rule[0] == naive, f"{phrase}: RRULE {draft.recurrence} starts {rule[0]}, draft says {naive}"


@FAST
@given(now=nows, zone=st.sampled_from(ZONES), days=st.integers(min_value=0, max_value=400))
def test_relative_days_keep_the_wall_clock_across_dst(now: datetime, zone: str, days: int) -> None:
    draft = interpret(f"x in {days} days", now, zone).tasks[0]
    local_now = now.astimezone(ZoneInfo(zone))
    assert draft.due is not None
    # 17:00 on that day, or past the gap when the day has no 17:00 (Pacific/Apia skipped 30 Dec 2011)
    assert draft.due == local(local_now.date() + timedelta(days=days), time(17, 0), ZoneInfo(zone))
