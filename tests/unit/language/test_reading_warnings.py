"""Readings the grammar is unsure of become warnings with a code and the span they are about."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from domain.language.interpreter import interpret
from domain.language.model import WARNING_CODES, ReadingWarning, to_json

NY = "America/New_York"
THURSDAY = datetime(2026, 11, 26, 10, 0, tzinfo=ZoneInfo(NY))

# (text, zone, date order, code, the text the warning's span covers)
CASES = [
    ("pay rent on 3/5", NY, "MDY", "ambiguous_date_order", "on 3/5"),
    ("pay rent on 3/5", NY, "DMY", "ambiguous_date_order", "on 3/5"),
    ("pay rent on 4-3-2027", NY, "DMY", "ambiguous_date_order", "on 4-3-2027"),
    ("call bob next friday", NY, "MDY", "next_weekday", "next friday"),
    ("call bob thursday", NY, "MDY", "weekday_is_today", "thursday"),
    ("renew on 3/15/27", NY, "MDY", "two_digit_year", "on 3/15/27"),
    ("renew on 15.3.27", NY, "DMY", "two_digit_year", "on 15.3.27"),
    ("call bob at 7", NY, "MDY", "assumed_am_pm", "at 7"),
    ("call bob tomorrow at 9", NY, "MDY", "assumed_am_pm", "at 9"),
    ("ship it by jan 5", NY, "MDY", "year_assumed", "by jan 5"),
    ("call bob 3pm-ish tomorrow", NY, "MDY", "approximate_time", "3pm-ish"),
    ("call bob yesterday", NY, "MDY", "in_past", "yesterday"),
    ("send the card by boxing day", NY, "MDY", "holiday_elsewhere", "boxing day"),
    ("call bob on thanksgiving", "Europe/London", "MDY", "holiday_elsewhere", "thanksgiving"),
    ("call bob on thanksgiving", "UTC", "MDY", "holiday_elsewhere", "thanksgiving"),
    ("party dec 3-5", NY, "MDY", "range_start", "dec 3-5"),
    ("call bob tuesday dec 3 2026", NY, "MDY", "weekday_mismatch", "tuesday dec 3 2026"),
    ("call bob at 9am", NY, "MDY", "time_passed", "at 9am"),
    ("call bob friday monday", NY, "MDY", "several_values", "monday"),
    ("tomorrow", NY, "MDY", "no_title", "tomorrow"),
]


@pytest.mark.parametrize("text,zone,order,code,covered", CASES, ids=[f"{c[3]}:{c[0]}" for c in CASES])
def test_an_unsure_reading_is_a_warning_over_its_span(text: str, zone: str, order: str, code: str,
                                                      covered: str) -> None:
    reading = interpret(text, THURSDAY, zone, date_order=order)
    found = [w for w in reading.warning_spans if w.code == code]
    assert found, reading.warning_spans
    assert text[found[0].start:found[0].end] == covered
    assert found[0].message in reading.warnings


@pytest.mark.parametrize("text", ["call bob on 12/15", "call bob friday at 3pm", "pay rent on the 1st",
                                  "call bob on christmas", "review 2027-03-04"])
def test_a_sure_reading_has_no_warning(text: str) -> None:
    reading = interpret(text, THURSDAY, NY)
    assert reading.warnings == [] and reading.warning_spans == []


def test_a_holiday_elsewhere_is_no_date_and_stays_in_the_title() -> None:
    draft = interpret("call bob on thanksgiving", THURSDAY, "Europe/London").tasks[0]
    assert draft.due is None and draft.start is None and draft.title == "call bob on thanksgiving"


def test_next_friday_is_unsure_this_friday_is_not() -> None:
    wednesday = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo(NY))
    reading = interpret("call bob next friday", wednesday, NY)
    assert [w.code for w in reading.warning_spans] == ["next_weekday"]  # Nov 27 or Dec 4?
    reading = interpret("call bob this friday", wednesday, NY)
    assert reading.warning_spans == []


def test_spans_count_from_the_whole_input_across_lines_and_commands() -> None:
    text = "buy milk\ncall bob at 7 tomorrow; ship it on 12/5"
    reading = interpret(text, THURSDAY, NY)
    assert [(w.code, text[w.start:w.end]) for w in reading.warning_spans] == [
        ("assumed_am_pm", "at 7"), ("ambiguous_date_order", "on 12/5")]
    command = "/snooze report next friday"
    reading = interpret(command, THURSDAY, NY)
    assert [(w.code, command[w.start:w.end]) for w in reading.warning_spans] == [("next_weekday", "next friday")]


def test_every_code_is_documented_and_the_json_keeps_the_old_shape() -> None:
    reading = interpret("call bob at 7 on 3/5", THURSDAY, NY)
    assert {w.code for w in reading.warning_spans} <= set(WARNING_CODES)
    data = to_json(reading)
    assert data["warnings"] == [w.message for w in reading.warning_spans]
    assert all(isinstance(w, str) for w in data["warnings"])
    assert data["warning_spans"][0].keys() == {"code", "message", "start", "end"}


def test_placing_keeps_a_warning_that_names_its_own_part() -> None:
    own = ReadingWarning("in_past", "x", 3, 5)
    assert own.placed(0, 9) == own and own.shifted(10) == ReadingWarning("in_past", "x", 13, 15)
    assert ReadingWarning("model_unavailable", "y").shifted(4).start is None
