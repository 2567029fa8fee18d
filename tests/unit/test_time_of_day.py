"""HH:MM is defined once, in the domain: the preferences and the notification settings take the same
times and refuse the same ones (the OpenAPI document publishes the same pattern: test_openapi_document)."""
from __future__ import annotations

import pytest

from domain.errors import ValidationError
from domain.model import Preferences
from domain.model.notification import NotificationSettings
from domain.model.time_of_day import is_time_of_day

ALIKE_BAD = ["9:00", "24:00", "23:60", "09:00\n", "\u0660\u0669:\u0660\u0660", "0900", "", None, 900]


@pytest.mark.parametrize("value", ["00:00", "09:30", "23:59"])
def test_times_of_the_day_are_taken_everywhere(value):
    assert is_time_of_day(value) and is_time_of_day(value, end_of_day=True)
    assert Preferences(timezone="UTC", default_time=value).default_time == value
    assert NotificationSettings.from_dict({"digest_time": value}).digest_time == value


@pytest.mark.parametrize("value", ALIKE_BAD)
def test_what_is_not_hh_mm_is_refused_by_the_domain(value):
    assert not is_time_of_day(value)
    with pytest.raises(ValidationError):
        Preferences(timezone="UTC", default_time=value)
    with pytest.raises(ValidationError):
        NotificationSettings.from_dict({"quiet_hours": [value, "07:00"]})


def test_24_00_only_ends_a_working_range():
    assert is_time_of_day("24:00", end_of_day=True) and not is_time_of_day("24:01", end_of_day=True)
    assert Preferences(timezone="UTC", working_hours={"mon": [["18:00", "24:00"]]}).working_hours["mon"]
    with pytest.raises(ValidationError):
        Preferences(timezone="UTC", working_hours={"mon": [["24:00", "24:00"]]})
