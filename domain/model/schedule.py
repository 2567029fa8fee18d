"""The stored plan: time blocks placing (a chunk of) a task at a fixed interval."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from domain.errors import ValidationError
from domain.model import _checks


MAX_CLEARED = 200  # cleared slots remembered per user (the oldest are forgotten first)


@dataclass
class TimeBlock:
    id: UUID
    user_id: UUID
    task_id: UUID
    start: datetime
    end: datetime
    pinned: bool = False
    reason: str = ""

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValidationError.for_field("start", "block times must carry a timezone")
        if self.end <= self.start:
            raise ValidationError.for_field("end", "a block must end after it starts")

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass
class PlanSummary:
    """What the last planning run said beyond its blocks: what did not fit, what will be late, and why."""

    user_id: UUID
    computed_at: datetime
    unscheduled: list[dict]
    lateness: list[dict]
    shortfalls: list[dict]
    metrics: dict
    # slots blocks were cleared from outside Planloom (deleted in a calendar): {"task_id", "start", "end"},
    # ISO 8601; each task keeps out of its own until the slot has ended
    cleared: list[dict] = field(default_factory=list)

    def remember_cleared(self, task_id: UUID, start: datetime, end: datetime) -> None:
        self.cleared = [*self.cleared, {"task_id": str(task_id), "start": start.isoformat(),
                                        "end": end.isoformat()}][-MAX_CLEARED:]

    def cleared_ahead(self, now: datetime) -> list[dict]:
        """The remembered slots that have not ended by ``now``."""
        return [slot for slot in self.cleared if datetime.fromisoformat(slot["end"]) > now]

    def cleared_slots(self, now: datetime) -> dict[str, list[tuple[datetime, datetime]]]:
        """The remembered slots that have not ended by ``now``, per task id."""
        out: dict[str, list[tuple[datetime, datetime]]] = {}
        for slot in self.cleared_ahead(now):
            out.setdefault(slot["task_id"], []).append((datetime.fromisoformat(slot["start"]),
                                                        datetime.fromisoformat(slot["end"])))
        return out


@dataclass
class BusyTime:
    """Time that is not free for work: a meeting, an appointment, by hand (``source`` "manual") or read from
    a connected calendar ("calendar": ``connection_id`` names it, ``external_id`` the event occurrence)."""

    id: UUID
    user_id: UUID
    start: datetime
    end: datetime
    title: str = ""
    source: str = "manual"
    connection_id: UUID | None = None
    external_id: str | None = None

    def __post_init__(self) -> None:
        self.start = _checks.aware("start", self.start)
        self.end = _checks.aware("end", self.end)
        if self.end <= self.start:
            raise ValidationError.for_field("end", "must be after start")
        if (self.end - self.start).total_seconds() > 31 * 86400:
            raise ValidationError.for_field("end", "busy time lasts at most 31 days")
        self.title = _checks.text("title", self.title, max_len=200)
