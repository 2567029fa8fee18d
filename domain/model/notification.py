"""What Planloom tells people, and how each person wants to be told."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any
from uuid import UUID

from domain.errors import ValidationError
from domain.model.time_of_day import is_time_of_day

KINDS = ("block_starting", "deadline_at_risk", "task_overdue", "plan_changed", "daily_agenda", "calendar_failing")
CHANNELS = ("email", "webhook")  # every notification is also kept in-app: the inbox is the record

DEFAULT_CHANNELS: dict[str, list[str]] = {
    "block_starting": [],
    "deadline_at_risk": ["email"],
    "task_overdue": [],
    "plan_changed": [],
    "daily_agenda": ["email"],
    "calendar_failing": [],
}


def _clock(value: Any, field_name: str) -> str:
    if not is_time_of_day(value):
        raise ValidationError.for_field(field_name, "must be HH:MM, 00:00 to 23:59")
    return value


@dataclass
class NotificationSettings:
    channels: dict[str, list[str]] = field(default_factory=lambda: {k: list(v) for k, v in DEFAULT_CHANNELS.items()})
    quiet_hours: tuple[str, str] | None = ("22:00", "07:00")  # local; may wrap midnight
    digest_time: str | None = "07:30"                          # local time of the daily agenda
    webhook_url: str | None = None                             # where webhook notifications go

    def __post_init__(self) -> None:
        if not isinstance(self.channels, dict):
            raise ValidationError.for_field("notifications.channels", "must map kinds to channel lists")
        clean: dict[str, list[str]] = {k: list(v) for k, v in DEFAULT_CHANNELS.items()}
        for kind, channels in self.channels.items():
            path = f"notifications.channels.{kind}"
            if kind not in KINDS:
                raise ValidationError.for_field(path, f"unknown kind; use {list(KINDS)}")
            if not isinstance(channels, (list, tuple)) or any(c not in CHANNELS for c in channels):
                raise ValidationError.for_field(path, f"channels are a list of {list(CHANNELS)}")
            clean[kind] = sorted(set(channels), key=CHANNELS.index)
        self.channels = clean
        if self.quiet_hours is not None:
            if not isinstance(self.quiet_hours, (list, tuple)) or len(self.quiet_hours) != 2:
                raise ValidationError.for_field("notifications.quiet_hours", 'must be ["HH:MM", "HH:MM"] or null')
            self.quiet_hours = (_clock(self.quiet_hours[0], "notifications.quiet_hours"),
                                _clock(self.quiet_hours[1], "notifications.quiet_hours"))
        if self.digest_time is not None:
            self.digest_time = _clock(self.digest_time, "notifications.digest_time")
        if self.webhook_url is not None:
            url = self.webhook_url
            if not isinstance(url, str) or len(url) > 2000 or not re.match(r"^https?://[^\s/]+", url):
                raise ValidationError.for_field("notifications.webhook_url", "must be an http(s) URL")

    def is_quiet(self, local: time) -> bool:
        """Inside quiet hours (local wall time), when only in-app notifications go out."""
        if self.quiet_hours is None:
            return False
        start, end = (time.fromisoformat(t) for t in self.quiet_hours)
        if start == end:
            return False
        return start <= local < end if start < end else (local >= start or local < end)

    def to_dict(self) -> dict[str, Any]:
        return {"channels": {k: list(v) for k, v in self.channels.items()},
                "quiet_hours": list(self.quiet_hours) if self.quiet_hours else None,
                "digest_time": self.digest_time, "webhook_url": self.webhook_url}

    @classmethod
    def from_dict(cls, data: Any) -> "NotificationSettings":
        if not isinstance(data, dict):
            raise ValidationError.for_field("notifications", "must be an object")
        unknown = set(data) - {"channels", "quiet_hours", "digest_time", "webhook_url"}
        if unknown:
            raise ValidationError.for_field(f"notifications.{sorted(unknown)[0]}", "unknown field")
        return cls(**data)


@dataclass
class InAppNotification:
    id: UUID
    user_id: UUID
    kind: str
    title: str
    body: str
    created_at: datetime
    dedupe_key: str
    data: dict = field(default_factory=dict)
    read_at: datetime | None = None
