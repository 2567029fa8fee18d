"""Domain events: facts that happened. Small frozen dataclasses with plain fields."""
from __future__ import annotations

from dataclasses import MISSING, dataclass
from datetime import datetime
from uuid import UUID


class Event:
    """Marker base class."""


@dataclass(frozen=True)
class UserRegistered(Event):
    user_id: UUID


@dataclass(frozen=True)
class TaskCreated(Event):
    user_id: UUID
    task_id: UUID


@dataclass(frozen=True)
class TaskUpdated(Event):
    user_id: UUID
    task_id: UUID
    fields: tuple[str, ...]


@dataclass(frozen=True)
class TaskCompleted(Event):
    user_id: UUID
    task_id: UUID


@dataclass(frozen=True)
class TaskDeleted(Event):
    user_id: UUID
    task_id: UUID


@dataclass(frozen=True)
class PreferencesChanged(Event):
    """The user saved preferences; ``fields``: the names of those whose value changed. A message written
    before the field existed has no ``fields`` in its payload: a consumer reads that as "any may have"."""

    user_id: UUID
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScheduleChanged(Event):
    user_id: UUID
    moved_blocks: int
    late_tasks: int
    planned_tasks: int = 0      # the problem's size: tasks placed or left out
    missed_blocks: int = 0      # blocks whose time passed with their task still open (planned again)
    engine_ms: float = 0.0      # the engine's run time
    truncated: bool = False     # the work budget or the deadline cut the search short


@dataclass(frozen=True)
class NotificationCreated(Event):
    user_id: UUID
    notification_id: UUID
    kind: str
    channels: tuple[str, ...]


@dataclass(frozen=True)
class CatalogChanged(Event):
    """A tag was renamed or deleted, or a category deleted: the user's tasks read differently."""

    user_id: UUID


@dataclass(frozen=True)
class OccurrenceRecorded(Event):
    """One occurrence of a routine was done or skipped (``status``), or opened again (``status`` "open")."""

    user_id: UUID
    task_id: UUID
    occurrence: str
    status: str


@dataclass(frozen=True)
class CalendarSynced(Event):
    """A calendar sync changed the user's busy time (the plan must move around it)."""

    user_id: UUID
    connection_id: UUID
    added: int
    updated: int
    removed: int


@dataclass(frozen=True)
class CalendarSyncDue(Event):
    """The periodic sync found the connection due (its slot in the sync period came): the ``calendar_sync``
    consumer reads it, unless it was synced meanwhile."""

    user_id: UUID
    connection_id: UUID


@dataclass(frozen=True)
class ImageUploaded(Event):
    """An image was stored and waits to be read (the ``images`` consumer reads it)."""

    user_id: UUID
    image_id: UUID


@dataclass(frozen=True)
class QuickAddCorrected(Event):
    """An edit within the correction window changed what a quick-add's reading made of the task (the
    quick-add ``record_id``). ``fields``: those the latest correction changed, of title, due, start,
    duration_minutes, priority, tags, category and recurrence; empty when the edit put back what the
    reading made (the quick-add no longer counts as corrected). Raised on each edit that changes the
    correction: a consumer keys it by the quick-add, so one is counted once, with its latest fields."""

    user_id: UUID
    task_id: UUID
    record_id: UUID
    fields: tuple[str, ...]
    corrected_at: datetime


EVENT_TYPES: dict[str, type[Event]] = {
    cls.__name__: cls
    for cls in (UserRegistered, TaskCreated, TaskUpdated, TaskCompleted, TaskDeleted, PreferencesChanged,
                ScheduleChanged, NotificationCreated, CatalogChanged, OccurrenceRecorded, CalendarSynced,
                CalendarSyncDue, ImageUploaded, QuickAddCorrected)
}


def to_payload(event: Event) -> dict:
    """A JSON-ready dict of the event's fields (UUIDs as strings, tuples as lists, moments in ISO 8601)."""
    out = {}
    for name in event.__dataclass_fields__:
        value = getattr(event, name)
        if isinstance(value, UUID):
            value = str(value)
        elif isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[name] = value
    return out


def from_payload(name: str, payload: dict) -> Event:
    """The inverse of ``to_payload``; raises KeyError/TypeError/ValueError on a malformed message."""
    cls = EVENT_TYPES[name]
    values = {}
    for field_name, field in cls.__dataclass_fields__.items():
        if field_name not in payload and field.default is not MISSING:
            continue  # a field added since the message was written: its default
        value = payload[field_name]
        if field.type in ("UUID", UUID):
            value = UUID(value)
        elif field.type in ("datetime", datetime):
            value = datetime.fromisoformat(value)
        elif str(field.type).startswith("tuple"):
            value = tuple(value)
        values[field_name] = value
    return cls(**values)
