"""Routines expanded into occurrences: their windows, DST, records and the next occurrence."""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from itertools import takewhile
from zoneinfo import ZoneInfo

import pytest

from domain.model.routine import Routine, open_occurrences, parse_key
from domain.errors import ValidationError
from tests.factories import a_task, a_user

UTC = timezone.utc
BERLIN, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")


def routine(rule, zone="Europe/Berlin", created=datetime(2026, 1, 5, 10, 0, tzinfo=UTC), **values):
    return Routine(a_task(a_user(), recurrence=rule, now=created, **values), zone)


@pytest.mark.parametrize("zone, before, after", [
    (BERLIN, datetime(2026, 3, 27, tzinfo=UTC), datetime(2026, 3, 31, tzinfo=UTC)),   # spring forward
    (BERLIN, datetime(2026, 10, 23, tzinfo=UTC), datetime(2026, 10, 27, tzinfo=UTC)),  # fall back
    (NEW_YORK, datetime(2026, 3, 6, tzinfo=UTC), datetime(2026, 3, 10, tzinfo=UTC)),
    (NEW_YORK, datetime(2026, 10, 30, tzinfo=UTC), datetime(2026, 11, 3, tzinfo=UTC)),
])
def test_a_daily_fixed_time_stays_at_the_same_local_time_across_a_clock_change(zone, before, after):
    start = datetime(2026, 1, 5, 9, 0, tzinfo=zone)
    daily = routine("FREQ=DAILY", zone.key, earliest_start=start, duration_minutes=15)
    found = daily.between(before, after)
    assert len(found) == 4
    assert {o.earliest_start.astimezone(zone).time() for o in found} == {time(9, 0)}
    assert len({o.earliest_start.utcoffset() for o in found}) == 2  # the offset did change
    assert all(o.due - o.earliest_start == timedelta(minutes=15) and o.fixed for o in found)
    assert [o.key[11:] for o in found] == ["09:00"] * 4


def test_a_weekly_standup_at_nine_through_byhour_stays_at_nine_in_new_york():
    standup = routine("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", "America/New_York", duration_minutes=15)
    found = standup.between(datetime(2026, 2, 25, tzinfo=UTC), datetime(2026, 3, 20, tzinfo=UTC))
    assert [o.key for o in found] == ["2026-03-02T09:00", "2026-03-09T09:00", "2026-03-16T09:00"]
    assert [o.earliest_start.astimezone(UTC).hour for o in found] == [14, 13, 13]  # EST, then EDT


def test_each_occurrence_is_due_at_the_tasks_due_time_on_its_own_day():
    weekdays = routine("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", due=datetime(2026, 3, 2, 12, 0, tzinfo=BERLIN))
    found = weekdays.between(datetime(2026, 3, 5, tzinfo=UTC), datetime(2026, 3, 9, 22, tzinfo=UTC))
    assert [o.key for o in found] == ["2026-03-05T12:00", "2026-03-06T12:00", "2026-03-09T12:00"]
    for o in found:  # the morning window: from the start of its day to noon
        assert o.earliest_start.astimezone(BERLIN).time() == time(0, 0)
        assert o.due.astimezone(BERLIN).time() == time(12, 0)
        assert o.earliest_start.date() == o.due.date() and not o.fixed


def test_without_a_time_an_occurrence_is_due_at_the_end_of_its_period():
    daily = routine("FREQ=DAILY").between(datetime(2026, 3, 5, 12, tzinfo=UTC), datetime(2026, 3, 5, 22, tzinfo=UTC))
    assert [(o.earliest_start.astimezone(BERLIN), o.due.astimezone(BERLIN)) for o in daily] == [
        (datetime(2026, 3, 5, tzinfo=BERLIN), datetime(2026, 3, 6, tzinfo=BERLIN))]
    # created on a Monday: weekly occurrences fall on Mondays and are due when their week ends
    weekly = routine("FREQ=WEEKLY").between(datetime(2026, 3, 4, tzinfo=UTC), datetime(2026, 3, 12, tzinfo=UTC))
    assert [o.due.astimezone(BERLIN) for o in weekly] == [datetime(2026, 3, 9, tzinfo=BERLIN),
                                                          datetime(2026, 3, 16, tzinfo=BERLIN)]
    assert all(o.earliest_start.astimezone(BERLIN).weekday() == 0 for o in weekly)
    monthly = routine("FREQ=MONTHLY").between(datetime(2026, 3, 10, tzinfo=UTC), datetime(2026, 3, 12, tzinfo=UTC))
    assert [(o.earliest_start.astimezone(BERLIN).date().isoformat(), o.due.astimezone(BERLIN).date().isoformat())
            for o in monthly] == [("2026-03-01", "2026-04-01")]
    rent = routine("FREQ=MONTHLY;BYMONTHDAY=1").between(datetime(2026, 3, 10, tzinfo=UTC),
                                                        datetime(2026, 4, 2, tzinfo=UTC))
    assert [(o.key, o.due.astimezone(BERLIN)) for o in rent] == [("2026-04-01T00:00", datetime(2026, 4, 2, tzinfo=BERLIN))]


@pytest.mark.parametrize("rule", [
    "FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "FREQ=WEEKLY;INTERVAL=3",
    "FREQ=MONTHLY", "FREQ=MONTHLY;INTERVAL=5", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-3",
    "FREQ=YEARLY", "FREQ=YEARLY;INTERVAL=3", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYDAY=1MO",
    "FREQ=DAILY;BYHOUR=8,20", "FREQ=DAILY;UNTIL=20300101", "FREQ=WEEKLY;COUNT=600",
])
def test_a_routine_from_long_ago_expands_as_if_walked_from_its_first_day(rule):
    """Rules without COUNT start from a DTSTART moved forward by whole intervals: same occurrences."""
    _expands_as_walked(rule, datetime(1971, 1, 31, 15, 0, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC),
                       datetime(2033, 6, 1, tzinfo=UTC), timedelta(days=366))


def _expands_as_walked(rule, created, low, high, before):
    old = routine(rule, created=created)
    end = high.replace(tzinfo=None) + timedelta(days=1)
    walls = takewhile(lambda w: w < end, old.rule.rule(old.dtstart, old.until))
    walked = [old._occurrence(w) for w in walls if w >= low.replace(tzinfo=None) - before]
    expected = [o for o in walked if o.due > low and o.earliest_start < high][:366]
    assert old.between(low, high) == expected


def test_find_names_an_occurrence_only_when_the_rule_has_one_then():
    fridays = routine("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", due=datetime(2026, 3, 6, 17, 0, tzinfo=BERLIN))
    assert fridays.find("2026-03-20T17:00").due == datetime(2026, 3, 20, 17, 0, tzinfo=BERLIN)
    assert fridays.find("2026-03-13T17:00") is None  # the odd week
    assert fridays.find("2026-03-20T16:00") is None
    assert fridays.find("2026-02-27T17:00") is None  # before the first one
    with pytest.raises(ValidationError):
        parse_key("2026-02-30T17:00")


def test_done_or_skipped_occurrences_leave_the_plan_and_the_next_one_stays():
    daily = routine("FREQ=DAILY", due=datetime(2026, 3, 2, 18, 0, tzinfo=BERLIN))
    now = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)
    first = open_occurrences(daily, now, now + timedelta(days=3), set())
    assert [o.key for o in first] == ["2026-03-05T18:00", "2026-03-06T18:00", "2026-03-07T18:00",
                                         "2026-03-08T18:00"]
    after = open_occurrences(daily, now, now + timedelta(days=3), {"2026-03-05T18:00"})
    assert [o.key for o in after] == ["2026-03-06T18:00", "2026-03-07T18:00", "2026-03-08T18:00"]


def test_a_missed_every_monday_waits_until_done_then_the_next_monday_is_first():
    mondays = routine("FREQ=WEEKLY;BYDAY=MO", due=datetime(2026, 3, 2, 17, 0, tzinfo=BERLIN))
    wednesday = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)
    waiting = open_occurrences(mondays, wednesday, wednesday + timedelta(days=10), set())
    assert [o.key for o in waiting] == ["2026-03-09T17:00", "2026-03-16T17:00"]  # last Monday's, overdue
    done = open_occurrences(mondays, wednesday, wednesday + timedelta(days=10), {"2026-03-09T17:00"})
    assert [o.key for o in done] == ["2026-03-16T17:00"]


def test_a_missed_daily_gives_way_to_todays():
    daily = routine("FREQ=DAILY", due=datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN))
    now = datetime(2026, 3, 5, 10, 0, tzinfo=UTC)  # today's 9:00 has passed: it is the one that waits
    assert [o.key for o in open_occurrences(daily, now, now + timedelta(days=1), set())] == [
        "2026-03-05T09:00", "2026-03-06T09:00"]


def test_until_and_count_end_the_routine():
    until = routine("FREQ=DAILY;UNTIL=20260307", due=datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN))
    assert until.between(datetime(2026, 3, 5, tzinfo=UTC), datetime(2026, 3, 20, tzinfo=UTC))[-1].key == \
        "2026-03-07T09:00"
    count = routine("FREQ=WEEKLY;COUNT=2", due=datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN))
    assert [o.key for o in count.between(datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC))] == [
        "2026-03-02T09:00", "2026-03-09T09:00"]


def test_expansion_is_capped():
    twice = routine("FREQ=DAILY;BYHOUR=8,20")
    assert len(twice.between(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))) == 366
    assert len(twice.between(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC), limit=10)) == 10


@pytest.mark.parametrize("rule", [
    "FREQ=HOURLY", "FREQ=HOURLY;INTERVAL=5", "FREQ=HOURLY;INTERVAL=7;BYDAY=MO,WE", "FREQ=HOURLY;INTERVAL=24",
    "FREQ=HOURLY;INTERVAL=3;UNTIL=20260201",
])
def test_an_hourly_routine_from_long_ago_expands_as_if_walked_from_its_first_hour(rule):
    _expands_as_walked(rule, datetime(2023, 5, 7, 13, 41, tzinfo=UTC), datetime(2026, 1, 10, tzinfo=UTC),
                       datetime(2026, 3, 1, tzinfo=UTC), timedelta(days=2))


def test_every_two_hours_runs_from_its_anchor_each_window_until_the_next():
    due = datetime(2026, 3, 2, 9, 30, tzinfo=BERLIN)
    water = routine("FREQ=HOURLY;INTERVAL=2;UNTIL=20260303", due=due, duration_minutes=5)
    found = water.between(datetime(2026, 3, 2, 0, 0, tzinfo=BERLIN), datetime(2026, 3, 5, tzinfo=BERLIN))
    assert found[0].key == "2026-03-02T09:30" and found[-1].key == "2026-03-03T23:30"  # UNTIL: that day included
    assert all(o.due - o.earliest_start == timedelta(hours=2) and not o.fixed for o in found)
    assert all(b.earliest_start == a.due for a, b in zip(found, found[1:]))
    assert len(found) == 20  # 9:30..23:30 on Monday (8), all of Tuesday (12)
    assert not water.has_after(found[-1]) and water.has_after(found[-2])
