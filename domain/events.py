"""Domain events: facts that happened. Small frozen dataclasses with plain fields."""
from __future__ import annotations

from dataclasses import dataclass
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
    user_id: UUID
