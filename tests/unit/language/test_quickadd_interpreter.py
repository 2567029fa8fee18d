"""Unit tests of the quick-add interpreter: contract, time zones, warnings, spans, commands."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from domain.errors import ValidationError
from domain.language.interpreter import interpret
from domain.language.model import Span, to_json

NY = "America/New_York"
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=ZoneInfo(NY))  # Thursday


def one(text: str, **kwargs):
    result = interpret(text, kwargs.pop("now", NOW), kwargs.pop("tz", NY), **kwargs)
    assert len(result.tasks) == 1
    return result.tasks[0], result.warnings


def test_bare_date_is_due_at_default_time_and_clock_time_is_start() -> None:
    draft, _ = one("pay rent friday")
    assert draft.due == datetime(2026, 11, 27, 17, 0, tzinfo=ZoneInfo(NY)) and draft.start is None
    draft, _ = one("call mum Sunday at 6pm")
    assert draft.start == datetime(2026, 11, 29, 18, 0, tzinfo=ZoneInfo(NY)) and draft.due is None
    draft, _ = one("report by Sunday 6pm")
    assert draft.due == datetime(2026, 11, 29, 18, 0, tzinfo=ZoneInfo(NY)) and draft.start is None


def test_default_time_is_a_preference() -> None:
    draft, _ = one("pay rent friday", default_time="09:30")
    assert (draft.due.hour, draft.due.minute) == (9, 30)


def test_now_in_another_zone_is_converted_to_the_users_zone() -> None:
    now_utc = datetime(2026, 11, 27, 3, 0, tzinfo=timezone.utc)  # still Thursday 22:00 in New York
    draft, _ = one("x tomorrow", now=now_utc)
    assert draft.due == datetime(2026, 11, 27, 17, 0, tzinfo=ZoneInfo(NY))


def test_dates_are_dst_correct() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    now = datetime(2027, 3, 26, 12, 0, tzinfo=berlin)  # Friday before the spring change
    draft, _ = one("x monday 9am", now=now, tz="Europe/Berlin")
    assert draft.start == datetime(2027, 3, 29, 9, 0, tzinfo=berlin)
    assert draft.start.utcoffset() == timedelta(hours=2)
    draft, _ = one("x sunday 2:30am", now=now, tz="Europe/Berlin")  # 02:30 does not exist that night
    assert draft.start is not None and draft.start.utcoffset() == timedelta(hours=2)
    assert (draft.start.hour, draft.start.minute) == (3, 30)


def test_date_order_preference() -> None:
    assert one("x 5/12")[0].due.date().isoformat() == "2027-05-12"
    assert one("x 5/12", date_order="DMY")[0].due.date().isoformat() == "2026-12-05"


def test_ambiguity_is_resolved_toward_the_future_and_reported() -> None:
    draft, warnings = one("x 12/5")
    assert any("month/day" in w for w in warnings)
    draft, warnings = one("x thursday")  # today is Thursday
    assert draft.due.date().isoformat() == "2026-12-03" and any("today" in w for w in warnings)
    draft, warnings = one("x at 9am")  # already past
    assert draft.start.date().isoformat() == "2026-11-27" and any("passed" in w for w in warnings)
    draft, warnings = one("x nov 1")
    assert draft.due.year == 2027 and any("no year" in w for w in warnings)
    draft, warnings = one("x next friday")
    assert draft.due.date().isoformat() == "2026-12-04" and warnings


def test_spans_cover_the_understood_parts() -> None:
    text = "draft the Q3 report by Friday, 3h, p1 #work @desk every monday"
    draft, _ = one(text)
    fields = {s.field: s.text for s in draft.spans}
    assert fields == {"due": "by Friday", "duration": "3h", "priority": "p1", "category": "#work",
                      "tag": "@desk", "recurrence": "every monday"}
    for span in draft.spans:
        assert text[span.start:span.end] == span.text


def test_spans_are_offsets_into_the_whole_input() -> None:
    text = "- buy milk\n- call bob at 3pm"
    result = interpret(text, NOW, NY)
    span = result.tasks[1].spans[0]
    assert span == Span("start", text.index("at 3pm"), text.index("at 3pm") + 6, "at 3pm")


def test_to_json_uses_iso_datetimes() -> None:
    data = to_json(interpret("call bob tomorrow 3pm p2 @phone", NOW, NY))
    task = data["tasks"][0]
    assert task["start"] == "2026-11-27T15:00:00-05:00"
    assert task["priority"] == 2 and task["tags"] == ["phone"] and data["command"] is None


@pytest.mark.parametrize("kwargs, field", [
    ({"now": datetime(2026, 11, 26, 10, 0)}, "now"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"date_order": "XYZ"}, "date_order"),
    ({"default_time": "25:00"}, "default_time"),
    ({"text": "x" * 10_001}, "text"),
])
def test_bad_input_is_a_validation_error(kwargs: dict, field: str) -> None:
    args = {"text": "x", "now": NOW, "timezone": NY} | kwargs
    with pytest.raises(ValidationError) as caught:
        interpret(**args)
    assert field in caught.value.field_errors


def test_slash_commands() -> None:
    result = interpret("/snooze weekly report next monday 9am", NOW, NY)
    assert result.command.name == "snooze" and result.command.task_query == "weekly report"
    assert result.command.when == datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo(NY))
    result = interpret("/p2 fix login", NOW, NY)
    assert (result.command.name, result.command.priority, result.command.task_query) == ("priority", 2, "fix login")
    result = interpret("/add buy milk tomorrow", NOW, NY)
    assert result.command.name == "add" and result.tasks[0].title == "buy milk"
    span = result.tasks[0].spans[0]
    assert "/add buy milk tomorrow"[span.start:span.end] == "tomorrow"
    with pytest.raises(ValidationError, match="unknown command /frob"):
        interpret("/frob it", NOW, NY)
    with pytest.raises(ValidationError):
        interpret("/add ;", NOW, NY)


def test_several_dates_keep_the_first_and_warn() -> None:
    draft, warnings = one("move meeting from monday to friday")
    assert draft.due.date().isoformat() == "2026-11-30"
    assert draft.title == "move meeting to friday" and any("left in the title" in w for w in warnings)


def test_out_of_range_years_are_not_dates() -> None:
    draft, _ = one("x 0001-01-01")
    assert draft.due is None and draft.title == "x 0001-01-01"


def test_recurrence_skips_a_day_the_time_zone_skipped() -> None:
    # Samoa skipped Friday 30 December 2011; the first Friday 09:00 is therefore 6 January.
    now = datetime(2011, 12, 29, 0, 0, tzinfo=ZoneInfo(NY))
    draft, _ = one("x every tue, wed and fri at 9", now=now, tz="Pacific/Apia")
    assert draft.start == datetime(2012, 1, 3, 9, 0, tzinfo=ZoneInfo("Pacific/Apia"))


def test_a_time_inside_a_dst_gap_is_moved_and_reported() -> None:
    now = datetime(2027, 3, 10, 12, 0, tzinfo=ZoneInfo(NY))
    draft, warnings = one("x 2027-03-14 2:30am", now=now)
    assert (draft.start.hour, draft.start.minute) == (3, 30)
    assert any("clock change" in w for w in warnings)


def test_quoted_text_is_never_interpreted() -> None:
    draft, _ = one('buy "The Day After Tomorrow" DVD p2')
    assert draft.due is None and draft.priority == 2
    assert draft.title == 'buy "The Day After Tomorrow" DVD'


def test_a_line_longer_than_the_cap_is_refused_before_any_parsing() -> None:
    from domain.language.interpreter import MAX_LINE_LENGTH

    interpret("ok\n" + "y" * MAX_LINE_LENGTH, NOW, NY)
    with pytest.raises(ValidationError) as caught:
        interpret("ok\n" + "y" * (MAX_LINE_LENGTH + 1), NOW, NY)
    assert caught.value.field_errors == {"text": [f"line 2 is longer than {MAX_LINE_LENGTH} characters"]}
    with pytest.raises(ValidationError):  # the reported slow input is now a clear 422
        interpret("1" + " " * 9988 + "x", NOW, NY)


def test_more_segments_than_the_cap_are_refused() -> None:
    from domain.language.interpreter import MAX_SEGMENTS

    assert len(interpret("a;" * MAX_SEGMENTS, NOW, NY).tasks) == MAX_SEGMENTS
    with pytest.raises(ValidationError) as caught:
        interpret("a;" * MAX_SEGMENTS + "\nb", NOW, NY)
    assert caught.value.field_errors == {"text": [f"holds more than {MAX_SEGMENTS} tasks"]}
    with pytest.raises(ValidationError):
        interpret("/add " + "a;" * (MAX_SEGMENTS + 1), NOW, NY)


@pytest.mark.parametrize(("now", "text", "expected"), [
    ("2026-03-08T01:30-05:00", "call Bob in 3 hours", "2026-03-08T05:30-04:00"),   # spring forward
    ("2026-03-08T01:30-05:00", "call Bob in 30 minutes", "2026-03-08T03:00-04:00"),
    ("2026-11-01T00:30-04:00", "call Bob in 1 hour", "2026-11-01T01:30-04:00"),    # fall back: first 01:30
    ("2026-11-01T00:30-04:00", "call Bob in 2 hours", "2026-11-01T01:30-05:00"),   # the second 01:30
    ("2026-11-01T00:30-04:00", "/snooze invoice 2h", "2026-11-01T01:30-05:00"),
])
def test_hours_from_now_are_elapsed_time_across_clock_changes(now: str, text: str, expected: str) -> None:
    result = interpret(text, datetime.fromisoformat(now), "America/New_York")
    when = result.command.when if result.command else result.tasks[0].due
    assert when is not None and when.isoformat(timespec="minutes") == expected


@pytest.mark.parametrize(("text", "expected", "field"), [
    ("call Bob at 5pm CET", "2026-02-11T11:00-05:00", "start"),
    ("call Bob by 6pm UTC friday", "2026-02-13T13:00-05:00", "due"),
    ("call Bob 9am PT", "2026-02-11T12:00-05:00", "start"),
    ("call Bob at 9am PT on July 1", "2026-07-01T12:00-04:00", "start"),  # PT follows its clock change
    ("call Bob at 3pm UTC-3", "2026-02-11T13:00-05:00", "start"),
])
def test_a_named_zone_converts_the_time_to_the_user_zone(text: str, expected: str, field: str) -> None:
    draft = interpret(text, datetime(2026, 2, 11, 10, 0, tzinfo=ZoneInfo("America/New_York")),
                      "America/New_York").tasks[0]
    assert getattr(draft, field).isoformat(timespec="minutes") == expected
    assert draft.title == "call Bob"


@pytest.mark.parametrize("text", ["Email the GMT team", "Read about CET history", "Fix the UTC conversion bug"])
def test_a_zone_name_without_a_time_stays_in_the_title(text: str) -> None:
    draft = interpret(text, datetime(2026, 2, 11, 10, 0, tzinfo=ZoneInfo("America/New_York")),
                      "America/New_York").tasks[0]
    assert (draft.title, draft.due, draft.start) == (text, None, None)


@pytest.mark.parametrize("text", ["Call Bob every first monday of the month", "Call Bob every last friday of the month"])
def test_a_rank_of_a_weekday_after_every_is_left_to_the_recurrence_grammar(text: str) -> None:
    """"every first monday of the month" must not silently become one Monday with "every" dropped."""
    draft = interpret(text,
                      datetime(2026, 2, 11, 10, 0, tzinfo=ZoneInfo("America/New_York")), "America/New_York").tasks[0]
    assert draft.recurrence is not None or "every" in draft.title


@pytest.mark.parametrize("text", ["Call Gran about Sunday", "Ask Tom about Friday p1 #family", "Think about tomorrow",
                                  "Talk to Ana re Tuesday", "Email Jo regarding next week"])
def test_a_date_an_item_ends_on_after_about_is_what_it_is_about(text: str) -> None:
    """Not when: taken out, it would leave "Call Gran about"."""
    draft, _ = one(text)
    assert draft.due is None and draft.start is None
    assert draft.title == text.split(" p1")[0]


@pytest.mark.parametrize("text, title, due", [
    ("ask Sam about Friday plans", "ask Sam about plans", datetime(2026, 11, 27, 17, 0, tzinfo=ZoneInfo(NY))),
    ("Think about it tomorrow", "Think about it", datetime(2026, 11, 27, 17, 0, tzinfo=ZoneInfo(NY))),
    ("Call Gran on Sunday", "Call Gran", datetime(2026, 11, 29, 17, 0, tzinfo=ZoneInfo(NY))),
])
def test_a_date_not_right_after_about_or_with_words_after_it_is_when(text: str, title: str, due: datetime) -> None:
    draft, _ = one(text)
    assert (draft.title, draft.due) == (title, due)
