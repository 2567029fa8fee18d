"""A transaction over the relational aggregates that rolls back unless committed."""
from __future__ import annotations

import abc
import uuid
from datetime import datetime, timezone
from typing import Callable, Iterator

from domain.events import Event, to_payload
from ports.outbox import Inbox, OutboxMessage
from ports.repositories import (BlockRepository, BusyRepository, CategoryRepository, NotificationRepository, PlanRepository,
                                QuickAddRepository, TagRepository, TaskRepository, UserRepository)


class UnitOfWork(abc.ABC):
    users: UserRepository
    tasks: TaskRepository
    categories: CategoryRepository
    tags: TagRepository
    blocks: BlockRepository
    busy: BusyRepository
    plans: PlanRepository
    notifications: NotificationRepository
    quick_adds: QuickAddRepository
    inbox: Inbox
    now: Callable[[], datetime] = staticmethod(lambda: datetime.now(timezone.utc))

    def __enter__(self) -> "UnitOfWork":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.rollback()

    def commit(self) -> None:
        """Write the touched aggregates and, in the same transaction, their events to the outbox."""
        events = [event for repo in (self.users, self.tasks) for aggregate in repo.seen
                  for event in aggregate.events]
        now = self.now()
        messages = [OutboxMessage(uuid.uuid4(), type(e).__name__, to_payload(e), now) for e in events]
        self._commit(messages)
        for repo in (self.users, self.tasks):
            for aggregate in repo.seen:
                aggregate.events.clear()
        self._committed = getattr(self, "_committed", []) + events

    def collect_new_events(self) -> Iterator[Event]:
        """Events of committed work, once each, for in-process handlers."""
        committed, self._committed = getattr(self, "_committed", []), []
        yield from committed

    @abc.abstractmethod
    def _commit(self, messages: list[OutboxMessage]) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...
