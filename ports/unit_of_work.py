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

    def record(self, event: Event) -> None:
        """An event of this change that no aggregate loaded here carries (a new plan, a notification,
        saved preferences). Written to the outbox by the next commit; dropped by a rollback."""
        self.__dict__.setdefault("_recorded", []).append(event)

    def _repositories(self) -> list:
        return [self.users, self.tasks, self.categories, self.tags, self.blocks, self.busy, self.plans,
                self.notifications, self.quick_adds]

    def commit(self) -> None:
        """Write the touched aggregates and, in the same transaction, their events and the recorded ones
        to the outbox. Every repository that tracks the aggregates it handed out (``seen``) is asked."""
        aggregates = [aggregate for repo in self._repositories() for aggregate in getattr(repo, "seen", ())]
        events = [event for aggregate in aggregates for event in getattr(aggregate, "events", ())]
        events += self.__dict__.get("_recorded", [])
        now = self.now()
        messages = [OutboxMessage(uuid.uuid4(), type(e).__name__, to_payload(e), now) for e in events]
        self._commit(messages)
        for aggregate in aggregates:
            getattr(aggregate, "events", []).clear()
        self._recorded = []
        self._committed = getattr(self, "_committed", []) + events

    def rollback(self) -> None:
        """Drop the uncommitted changes and the events recorded for them."""
        self._recorded = []
        self._rollback()

    def collect_new_events(self) -> Iterator[Event]:
        """Events of committed work, once each, for in-process handlers."""
        committed, self._committed = getattr(self, "_committed", []), []
        yield from committed

    @abc.abstractmethod
    def _commit(self, messages: list[OutboxMessage]) -> None: ...

    @abc.abstractmethod
    def _rollback(self) -> None: ...
