"""Quick-add lines with "every ..." make routines; "every" inside a title does not."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from domain import commands
from domain.language.interpreter import interpret
from domain.model.recurrence import parse_rrule
from entrypoints.config import Settings
from entrypoints.container import build_container

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 4, 19, 0, tzinfo=BERLIN)  # a Friday evening


def read(text: str):
    tasks = interpret(text, NOW, "Europe/Berlin").tasks
    assert len(tasks) == 1
    return tasks[0]


@pytest.mark.parametrize("text, title, rule, due, start, minutes", [
    ("every monday 9am standup 15m", "standup", "FREQ=WEEKLY;BYDAY=MO", None, "2026-12-07T09:00", 15),
    ("every weekday 30m in the morning review inbox", "review inbox", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
     "2026-12-07T12:00", None, 30),
    ("every weekday morning plan the day", "plan the day", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
     "2026-12-07T12:00", None, None),
    ("send the report every 2 weeks on friday", "send the report", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
     "2026-12-11T17:00", None, None),
    ("water plants daily", "water plants", "FREQ=DAILY", "2026-12-05T17:00", None, None),
    ("pay rent every month on the 1st", "pay rent", "FREQ=MONTHLY;BYMONTHDAY=1", "2027-01-01T17:00", None, None),
    ("every first monday of the month pay bills", "pay bills", "FREQ=MONTHLY;BYDAY=1MO", "2026-12-07T17:00",
     None, None),
    ("every 2nd tuesday team lunch", "team lunch", "FREQ=MONTHLY;BYDAY=2TU", "2026-12-08T17:00", None, None),
    ("demo the last friday of every month", "demo", "FREQ=MONTHLY;BYDAY=-1FR", "2026-12-25T17:00", None, None),
    ("every last friday at 4pm retro 1h", "retro", "FREQ=MONTHLY;BYDAY=-1FR", None, "2026-12-25T16:00", 60),
    ("every quarter review goals", "review goals", "FREQ=MONTHLY;INTERVAL=3", "2027-01-04T17:00", None, None),
    ("every day in the evening journal", "journal", "FREQ=DAILY", "2026-12-04T21:00", None, None),
])
def test_every_lines_read_as_routines(text, title, rule, due, start, minutes):
    draft = read(text)
    assert (draft.title, draft.recurrence, draft.duration_minutes) == (title, rule, minutes)
    assert (draft.due.strftime("%Y-%m-%dT%H:%M") if draft.due else None) == due
    assert (draft.start.strftime("%Y-%m-%dT%H:%M") if draft.start else None) == start
    parse_rrule(draft.recurrence)  # a rule the routine model takes


def test_daily_alone_is_a_routine_that_keeps_its_word_as_the_title():
    draft = read("daily")
    assert (draft.title, draft.recurrence) == ("daily", "FREQ=DAILY")


@pytest.mark.parametrize("text", [
    "review everything", "everyday carry bag", "read every chapter", "every one of the reports",
    "check every detail", "every so often", "every now and then tidy", "daily standup notes",
    "weekly review", "quarterly review taxes", "every morning evening",
])
def test_every_inside_a_title_is_not_a_routine(text):
    draft = read(text)
    assert draft.recurrence is None and draft.title == text


@pytest.fixture
def bus():
    container = build_container(Settings(profile="memory", secret_key="unit-tests-" * 4))
    container.clock().set(NOW.astimezone(timezone.utc))
    return container.bus()


def test_quick_add_makes_a_routine_planned_at_its_time_each_week(bus):
    user = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1",
                                            timezone="Europe/Berlin"))
    task = bus.handle(commands.QuickAdd(actor_id=user.id, text="every monday 9am standup 15m"))["tasks"][0]
    assert task.recurrence == "FREQ=WEEKLY;BYDAY=MO" and task.earliest_start == datetime(2026, 12, 7, 9, 0,
                                                                                         tzinfo=BERLIN)
    with bus.uow as uow:
        assert uow.blocks.list(user.id) == []  # no pin: the time holds for every occurrence
    bus.handle(commands.ReplanSchedule(user_id=user.id))
    with bus.uow as uow:
        starts = sorted(b.start.astimezone(BERLIN) for b in uow.blocks.list(user.id))
    assert len(starts) == 8
    assert all((s.weekday(), s.hour, s.minute) == (0, 9, 0) for s in starts)


@pytest.mark.parametrize("text, title, rule, due, start", [
    ("every 2 hours until friday drink water", "drink water", "FREQ=HOURLY;INTERVAL=2;UNTIL=20261211",
     "2026-12-04T20:00", None),  # the next whole hour; Friday is today, so next week's
    ("every weekday until 31 dec standup", "standup", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20261231",
     "2026-12-07T17:00", None),  # "until" ends the rule: the first is Monday, not 31 Dec
    ("every other week review", "review", "FREQ=WEEKLY;INTERVAL=2", "2026-12-11T17:00", None),
    ("every hour stretch", "stretch", "FREQ=HOURLY", "2026-12-04T20:00", None),
    ("every 3 hrs check mail till jan 15", "check mail", "FREQ=HOURLY;INTERVAL=3;UNTIL=20270115",
     "2026-12-04T20:00", None),
    ("every 2 hours at 9am stretch", "stretch", "FREQ=HOURLY;INTERVAL=2", None, "2026-12-05T09:00"),
])
def test_until_and_every_n_hours_read_as_rules(text, title, rule, due, start):
    draft = read(text)
    assert (draft.title, draft.recurrence) == (title, rule)
    assert (draft.due.strftime("%Y-%m-%dT%H:%M") if draft.due else None) == due
    assert (draft.start.strftime("%Y-%m-%dT%H:%M") if draft.start else None) == start
    parse_rrule(draft.recurrence)
    assert "recurrence" in {span.field for span in draft.spans}


def test_an_until_before_the_first_time_keeps_the_rule_without_an_end_and_says_so():
    result = interpret("every monday until yesterday gym", NOW, "Europe/Berlin")
    assert result.tasks[0].recurrence == "FREQ=WEEKLY;BYDAY=MO"
    assert any("ends the rule before its first time" in w for w in result.warnings)


@pytest.mark.parametrize("text", ["every 30 hours call", "every 25 hours call", "every 2 hours on monday call"])
def test_every_n_hours_past_a_day_or_with_days_is_no_hourly_rule(text):
    assert read(text).recurrence is None


def test_quick_add_every_two_hours_until_friday_plans_in_working_hours_only(bus):
    user = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1",
                                            timezone="Europe/Berlin"))
    task = bus.handle(commands.QuickAdd(actor_id=user.id, text="every 2 hours until friday drink water 5m"))["tasks"][0]
    assert task.recurrence == "FREQ=HOURLY;INTERVAL=2;UNTIL=20261211"
    bus.handle(commands.ReplanSchedule(user_id=user.id))
    with bus.uow as uow:
        starts = sorted(b.start.astimezone(BERLIN) for b in uow.blocks.list(user.id))
    assert starts and starts[-1].date().isoformat() <= "2026-12-11"  # the rule ends with Friday
    assert all(s.weekday() < 5 and 9 <= s.hour < 17 for s in starts)  # default working hours: Mon-Fri 9-17
    assert len(starts) >= 5 * 3  # several a working day, Monday to Friday
