"""The routine subset of RFC 5545, read by dateutil: what passes, and what each refusal says."""
from __future__ import annotations

import pytest

from domain.errors import ValidationError
from domain.model.recurrence import MAX_COUNT, parse_rrule, validate_rrule


@pytest.mark.parametrize("rule, normal", [
    ("FREQ=DAILY", "FREQ=DAILY"),
    ("rrule:freq=weekly;byday=mo,th", "FREQ=WEEKLY;BYDAY=MO,TH"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
    ("FREQ=MONTHLY;BYMONTHDAY=1", "FREQ=MONTHLY;BYMONTHDAY=1"),
    ("FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR"),
    ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"),
    ("FREQ=DAILY;BYHOUR=9,17;BYMINUTE=30", "FREQ=DAILY;BYHOUR=9,17;BYMINUTE=30"),
    ("FREQ=DAILY;UNTIL=20270101T120000Z", "FREQ=DAILY;UNTIL=20270101T120000Z"),
    (f"FREQ=DAILY;COUNT={MAX_COUNT}", f"FREQ=DAILY;COUNT={MAX_COUNT}"),
    ("FREQ=HOURLY;INTERVAL=2;UNTIL=20261211", "FREQ=HOURLY;INTERVAL=2;UNTIL=20261211"),
    ("FREQ=HOURLY;INTERVAL=24;BYDAY=MO,TU,WE,TH,FR", "FREQ=HOURLY;INTERVAL=24;BYDAY=MO,TU,WE,TH,FR"),
])
def test_rules_of_the_subset_pass_in_normal_form(rule, normal):
    assert validate_rrule(rule) == normal


@pytest.mark.parametrize("rule, says", [
    ("", "non-empty"),
    ("X" * 501, "at most 500"),
    ("FREQ=DAILY;;", "NAME=VALUE"),
    ("BYDAY=MO", "FREQ must be one of"),
    ("FREQ=MINUTELY", "FREQ must be one of"),
    ("FREQ=HOURLY;INTERVAL=25", "at most 24 hours"),
    ("FREQ=HOURLY;INTERVAL=5;BYHOUR=3", "BYHOUR is not supported with FREQ=HOURLY"),  # 5h never meets 3:00 from 0:00
    ("FREQ=HOURLY;BYMINUTE=30", "BYMINUTE is not supported with FREQ=HOURLY"),
    ("FREQ=HOURLY;BYMONTHDAY=1", "not supported with FREQ=HOURLY"),
    ("FREQ=HOURLY;BYDAY=1MO", "numbered BYDAY"),
    ("FREQ=SECONDLY", "FREQ must be one of"),
    ("FREQ=DAILY;FREQ=WEEKLY", "given twice"),
    ("FREQ=WEEKLY;BYWEEKNO=20", "BYWEEKNO is not supported"),
    ("FREQ=YEARLY;BYYEARDAY=100", "BYYEARDAY is not supported"),
    ("FREQ=DAILY;BYDAY=XX", "not a valid RRULE"),
    ("FREQ=DAILY;BYHOUR=25", "not a valid RRULE"),
    ("FREQ=DAILY;INTERVAL=0", "INTERVAL must be between"),
    ("FREQ=DAILY;INTERVAL=100", "INTERVAL must be between"),
    (f"FREQ=DAILY;COUNT={MAX_COUNT + 1}", "COUNT must be between"),
    ("FREQ=DAILY;COUNT=3;UNTIL=20270101", "COUNT and UNTIL"),
    ("FREQ=DAILY;UNTIL=30000101", "UNTIL must be"),
    ("FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12;BYMINUTE=0,30", "times a day"),
    ("FREQ=WEEKLY;BYDAY=2MO", "numbered BYDAY"),
    ("FREQ=MONTHLY;BYDAY=5MO", "numbered BYDAY must be"),
    # never (or hardly ever) matching: dateutil would walk day by day to the year 9999
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "not supported with FREQ=DAILY"),
    ("FREQ=DAILY;INTERVAL=7;BYDAY=TU", "cannot take BYDAY"),
    ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "no month in BYMONTH"),
    ("FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31", "no month in BYMONTH"),
    ("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30", "between -28 and 28"),
    ("FREQ=MONTHLY;INTERVAL=2;BYMONTH=3", "cannot take BYMONTH"),
    ("FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR", "not both"),
    ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=5", "BYSETPOS must lie between 1 and 4"),
    ("FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs"),
    ("FREQ=YEARLY;BYDAY=MO;BYSETPOS=1", "BYSETPOS is not supported"),
])
def test_bad_or_costly_rules_are_refused_naming_the_field(rule, says):
    with pytest.raises(ValidationError) as caught:
        parse_rrule(rule)
    assert list(caught.value.field_errors) == ["recurrence"]
    assert says in caught.value.field_errors["recurrence"][0]


def test_until_reads_as_local_or_utc():
    assert parse_rrule("FREQ=DAILY;UNTIL=20270102").until[1] is False
    value, utc = parse_rrule("FREQ=DAILY;UNTIL=20270102T080000Z").until
    assert utc and (value.hour, value.minute) == (8, 0)
