"""Round trips: what ``domain.language.formatting`` writes for a date, time, duration or recurrence
rule (the spellings warnings and echoes use), quick-add reads back to the same value, in every date
order and across time zones (clock changes included)."""
from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.language.durations import MAX_MINUTES
from domain.language.formatting import (
    describe, format_date, format_draft, format_duration, format_recurrence, format_time,
)
from domain.language.interpreter import interpret
from domain.language.recurrence import Rule
from domain.language.tokens import days_in_month, local

ZONES = ["America/New_York", "Europe/Berlin", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe",
         "Pacific/Apia", "UTC"]
ORDERS = ["MDY", "DMY", "YMD"]
TITLES = ["write the report", "call the bank", "water plants", "pay rent", "review slides"]
ROUND = settings(max_examples=int(os.environ.get("QUICKADD_EXAMPLES", "200")), deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])

nows = st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2090, 12, 31),
                    timezones=st.sampled_from(ZONES).map(ZoneInfo), allow_imaginary=False)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))
clocks = st.times().map(lambda t: t.replace(second=0, microsecond=0))


def _read(text: str, now: datetime, zone: str, order: str = "MDY"):
    reading = interpret(text, now, zone, date_order=order)
    assert len(reading.tasks) == 1, text
    return reading.tasks[0]


@ROUND
@given(day=days, now=nows, zone=st.sampled_from(ZONES), order=st.sampled_from(ORDERS),
       words=st.booleans())
def test_a_written_date_reads_back(day: date, now: datetime, zone: str, order: str, words: bool) -> None:
    written = describe(day) if words else format_date(day, order)
    draft = _read(f"pay rent on {written}", now, zone, order)
    assert draft.due is not None and draft.due.date() == day, written
    assert draft.title == "pay rent"


@ROUND
@given(day=days, at=clocks, now=nows, zone=st.sampled_from(ZONES), order=st.sampled_from(ORDERS),
       hours=st.sampled_from([12, 24]))
def test_a_written_date_and_time_read_back_as_that_wall_time(day: date, at: time, now: datetime, zone: str,
                                                             order: str, hours: int) -> None:
    text = f"call bob on {format_date(day, order)} at {format_time(at, hours)}"
    draft = _read(text, now, zone, order)
    assert draft.start == local(day, at, ZoneInfo(zone)), text  # a wall time a clock change skips moves past it
    assert draft.due is None and draft.title == "call bob"


@ROUND
@given(minutes=st.integers(min_value=1, max_value=MAX_MINUTES), now=nows, zone=st.sampled_from(ZONES))
def test_a_written_duration_reads_back(minutes: int, now: datetime, zone: str) -> None:
    draft = _read(f"review slides for {format_duration(minutes)}", now, zone)
    assert draft.duration_minutes == minutes and draft.title == "review slides"


def _weekly(interval: int, byday: frozenset[int]) -> Rule:
    return Rule("WEEKLY", interval, byday=tuple(sorted(byday)))


def _yearly(interval: int, month: int, day: int) -> Rule:
    return Rule("YEARLY", interval, bymonth=month, bymonthday=min(day, days_in_month(2024, month)))


rules = st.one_of(
    st.builds(lambda n: Rule("DAILY", n), st.integers(1, 366)),
    st.builds(_weekly, st.integers(1, 52), st.frozensets(st.integers(0, 6), max_size=7)),
    st.builds(lambda n, md: Rule("MONTHLY", n, bymonthday=md), st.integers(1, 30),
              st.one_of(st.none(), st.integers(1, 31), st.just(-1))),
    st.builds(lambda nth, wd: Rule("MONTHLY", byday=(wd,), nth=nth), st.sampled_from([1, 2, 3, 4, -1]),
              st.integers(0, 6)),
    st.builds(lambda n: Rule("YEARLY", n), st.integers(1, 100)),
    st.builds(_yearly, st.integers(1, 100), st.integers(1, 12), st.integers(1, 31)),
)


@ROUND
@given(rule=rules, now=nows, zone=st.sampled_from(ZONES))
def test_a_written_recurrence_reads_back(rule: Rule, now: datetime, zone: str) -> None:
    written = format_recurrence(rule.rrule())
    draft = _read(f"water plants {written}", now, zone)
    assert draft.recurrence == rule.rrule(), written
    assert draft.title == "water plants"


@ROUND
@given(title=st.sampled_from(TITLES), day=st.integers(1, 800), at=clocks, deadline=st.booleans(),
       minutes=st.one_of(st.none(), st.integers(1, MAX_MINUTES)), now=nows, zone=st.sampled_from(ZONES),
       order=st.sampled_from(ORDERS))
def test_a_written_draft_reads_back_to_the_same_draft(title: str, day: int, at: time, deadline: bool,
                                                      minutes: int | None, now: datetime, zone: str,
                                                      order: str) -> None:
    when = local(now.date() + timedelta(days=day), at, ZoneInfo(zone))
    original = _read(f"{title} {'by' if deadline else 'on'} {format_date(when.date(), order)} at "
                     f"{format_time(when.time())}" + (f" for {format_duration(minutes)}" if minutes else ""),
                     now, zone, order)
    again = _read(format_draft(original, ZoneInfo(zone), order), now, zone, order)
    assert (again.title, again.due, again.start, again.duration_minutes, again.recurrence) == (
        original.title, original.due, original.start, original.duration_minutes, original.recurrence)
    assert (original.due if deadline else original.start) == when


def test_the_spellings() -> None:
    assert format_date(date(2027, 3, 4), "MDY") == "3/4/2027"
    assert format_date(date(2027, 3, 4), "DMY") == "4/3/2027"
    assert format_date(date(2027, 3, 4), "YMD") == "2027-03-04"
    assert (format_time(time(19, 5)), format_time(time(19, 5), 12), format_time(time(0, 0), 12)) == (
        "19:05", "7:05pm", "12:00am")
    assert [format_duration(m) for m in (45, 60, 90)] == ["45 min", "1 h", "1 h 30 min"]
    assert format_recurrence("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH") == "every 2 weeks on monday and thursday"
    assert format_recurrence("FREQ=MONTHLY;BYDAY=-1FR") == "every last friday of the month"
    assert format_recurrence("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=5") == "every dec 5"
