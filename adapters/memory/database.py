"""The state the in-memory repositories share, guarded by one re-entrant lock."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID


@dataclass
class MemoryState:
    users: dict[UUID, Any] = field(default_factory=dict)
    tasks: dict[UUID, Any] = field(default_factory=dict)
    categories: dict[UUID, Any] = field(default_factory=dict)
    tags: dict[UUID, Any] = field(default_factory=dict)
    blocks: dict[UUID, Any] = field(default_factory=dict)
    plans: dict[UUID, Any] = field(default_factory=dict)
    notifications: dict[UUID, Any] = field(default_factory=dict)
    quick_adds: dict[UUID, Any] = field(default_factory=dict)
    busy: dict[UUID, Any] = field(default_factory=dict)
    outbox: list[Any] = field(default_factory=list)        # OutboxMessage, oldest first
    published: dict[UUID, Any] = field(default_factory=dict)  # id -> published_at
    inbox: set[tuple[str, UUID]] = field(default_factory=set)


class MemoryDatabase:
    def __init__(self) -> None:
        self.state = MemoryState()
        self.lock = threading.RLock()


class MemoryReadiness:
    """The readiness probe of the memory profile: an in-process database is always there."""

    def problem(self) -> str | None:
        return None
