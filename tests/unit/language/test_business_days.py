"""Business days skip weekends and the national public holidays of the user's country."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from domain.language.feasts import is_business_day
from domain.language.interpreter import interpret
from domain.language.periods import add_business_days

# (zone, today, text, expected day, why)
CASES = [
    ("America/New_York", date(2026, 5, 22), "next business day", date(2026, 5, 26), "Memorial Day Mon May 25"),
    ("America/New_York", date(2026, 2, 11), "in 3 business days", date(2026, 2, 17), "Presidents' Day Mon Feb 16"),
    ("America/New_York", date(2026, 2, 11), "in 2 business days", date(2026, 2, 13), "no holiday on the way"),
    ("America/New_York", date(2026, 12, 31), "on the next working day", date(2027, 1, 4), "New Year's Day, a weekend"),
    ("America/New_York", date(2026, 11, 25), "within 2 working days", date(2026, 11, 30), "Thanksgiving, Friday open"),
    ("Europe/London", date(2026, 12, 24), "next business day", date(2026, 12, 29), "Boxing Day observed Mon 28"),
    ("Europe/Berlin", date(2026, 12, 24), "in 2 working days", date(2026, 12, 29), "Christmas Fri 25, Sat 26"),
    ("Europe/Berlin", date(2027, 1, 5), "next business day", date(2027, 1, 6), "Epiphany is regional only"),
    ("UTC", date(2026, 5, 22), "next business day", date(2026, 5, 25), "no country: weekends only"),
    ("UTC", date(2026, 12, 24), "in 2 business days", date(2026, 12, 28), "no country: Christmas is a weekday"),
]


@pytest.mark.parametrize("zone,today,text,expected,why", CASES, ids=[f"{c[0]}:{c[2]}:{c[4]}" for c in CASES])
def test_business_days_skip_the_countrys_public_holidays(zone: str, today: date, text: str, expected: date,
                                                         why: str) -> None:
    now = datetime.combine(today, datetime.min.time()).replace(hour=10, tzinfo=ZoneInfo(zone))
    draft = interpret(f"send the invoice {text}", now, zone).tasks[0]
    assert draft.due is not None and draft.due.date() == expected, why
    assert draft.title == "send the invoice"


def test_within_is_a_deadline_and_in_is_not_changed_by_holidays() -> None:
    now = datetime(2026, 5, 22, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    within = interpret("file it within 1 business day", now, "America/New_York")
    assert [s.field for s in within.tasks[0].spans] == ["due"]
    assert within.tasks[0].due.date() == date(2026, 5, 26)


def test_a_business_day_is_a_weekday_that_is_no_national_holiday() -> None:
    assert is_business_day(date(2026, 7, 2), "America/Chicago")
    assert not is_business_day(date(2026, 7, 3), "America/Chicago")  # July 4th on a Saturday, observed Friday
    assert not is_business_day(date(2026, 7, 4), "America/Chicago")  # a Saturday anyway
    assert is_business_day(date(2026, 7, 3), "Europe/Paris")
    assert not is_business_day(date(2026, 7, 14), "Europe/Paris")  # Bastille Day


def test_counting_many_business_days_keeps_every_skip() -> None:
    day = add_business_days(date(2026, 1, 1), 250, "America/New_York")
    plain = add_business_days(date(2026, 1, 1), 250, "UTC")
    assert day > plain  # eleven federal holidays fall on weekdays in 2026
    assert sum(not is_business_day(d, "America/New_York") and d.weekday() < 5
               for d in (date.fromordinal(o) for o in range(date(2026, 1, 2).toordinal(), day.toordinal() + 1))) >= 10
