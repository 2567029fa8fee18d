"""A user's scheduling preferences: where work may go and how it should be spaced."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from domain.errors import ValidationError
from domain.model import _checks
from domain.model.notification import NotificationSettings
from domain.model.time_of_day import is_time_of_day

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def default_working_hours() -> dict[str, list[tuple[str, str]]]:
    return {day: ([("09:00", "17:00")] if day not in ("sat", "sun") else []) for day in WEEKDAYS}


def validate_working_hours(value: Any, field: str = "working_hours") -> dict[str, list[tuple[str, str]]]:
    """Each weekday maps to sorted, non-overlapping local ``[start, end]`` ranges; ``24:00`` ends a day."""
    if not isinstance(value, dict):
        raise ValidationError.for_field(field, "must map weekdays to lists of [start, end] times")
    unknown = set(value) - set(WEEKDAYS)
    if unknown:
        raise ValidationError.for_field(f"{field}.{sorted(unknown)[0]}", f"unknown weekday; use {list(WEEKDAYS)}")
    result: dict[str, list[tuple[str, str]]] = {}
    for day in WEEKDAYS:
        ranges = value.get(day, [])
        path = f"{field}.{day}"
        if not isinstance(ranges, (list, tuple)) or len(ranges) > 12:
            raise ValidationError.for_field(path, "must be a list of at most 12 [start, end] ranges")
        clean: list[tuple[str, str]] = []
        for i, pair in enumerate(ranges):
            if not isinstance(pair, (list, tuple)) or len(pair) != 2 or not all(isinstance(x, str) for x in pair):
                raise ValidationError.for_field(f"{path}[{i}]", 'must be ["HH:MM", "HH:MM"]')
            start, end = pair
            if not is_time_of_day(start) or not is_time_of_day(end, end_of_day=True):
                raise ValidationError.for_field(f"{path}[{i}]", "times are HH:MM, 00:00 to 24:00")
            if _minutes(end) <= _minutes(start):
                raise ValidationError.for_field(f"{path}[{i}]", "end must be after start")
            clean.append((start, end))
        clean.sort()
        for (_, prev_end), (next_start, _) in zip(clean, clean[1:]):
            if _minutes(next_start) < _minutes(prev_end):
                raise ValidationError.for_field(path, "ranges must not overlap")
        result[day] = clean
    return result


@dataclass
class Preferences:
    timezone: str = "UTC"
    working_hours: dict[str, list[tuple[str, str]]] = field(default_factory=default_working_hours)
    default_duration_minutes: int = 30
    buffer_minutes: int = 0
    daily_cap_minutes: int | None = None
    date_order: str = "MDY"
    default_time: str = "17:00"  # quick-add: the time of day a date without a time gets ("pay rent friday")
    reminder_lead_minutes: int = 10
    ask_actual_minutes: bool = True  # after a task is marked done, ask how long it took (for estimate accuracy)
    notifications: NotificationSettings = field(default_factory=NotificationSettings)

    def __post_init__(self) -> None:
        self.timezone = _checks.timezone("timezone", self.timezone)
        self.working_hours = validate_working_hours(self.working_hours)
        self.default_duration_minutes = _checks.integer("default_duration_minutes", self.default_duration_minutes, low=5, high=1440)
        self.buffer_minutes = _checks.integer("buffer_minutes", self.buffer_minutes, low=0, high=240)
        if self.daily_cap_minutes is not None:
            self.daily_cap_minutes = _checks.integer("daily_cap_minutes", self.daily_cap_minutes, low=15, high=1440)
        if self.date_order not in ("MDY", "DMY"):
            raise ValidationError.for_field("date_order", "must be MDY or DMY")
        if not is_time_of_day(self.default_time):
            raise ValidationError.for_field("default_time", "must be HH:MM, 00:00 to 23:59")
        self.reminder_lead_minutes = _checks.integer("reminder_lead_minutes", self.reminder_lead_minutes, low=0, high=1440)
        if not isinstance(self.ask_actual_minutes, bool):
            raise ValidationError.for_field("ask_actual_minutes", "must be true or false")
        if not isinstance(self.notifications, NotificationSettings):
            self.notifications = NotificationSettings.from_dict(self.notifications)

    def to_dict(self) -> dict[str, Any]:
        return {
            "timezone": self.timezone,
            "working_hours": {day: [list(r) for r in ranges] for day, ranges in self.working_hours.items()},
            "default_duration_minutes": self.default_duration_minutes,
            "buffer_minutes": self.buffer_minutes,
            "daily_cap_minutes": self.daily_cap_minutes,
            "date_order": self.date_order,
            "default_time": self.default_time,
            "reminder_lead_minutes": self.reminder_lead_minutes,
            "ask_actual_minutes": self.ask_actual_minutes,
            "notifications": self.notifications.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Preferences":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)
