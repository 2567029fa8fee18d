"""A transaction over the relational aggregates that rolls back unless committed."""
from __future__ import annotations

import abc
import uuid
from uuid import UUID
from datetime import datetime, timezone
from typing import Callable, Iterator

from domain.events import Event, to_payload
from domain.model import Preferences
from ports.outbox import Inbox, OutboxMessage
from ports.telemetry import REQUEST_ID
from ports.preferences import PreferencesStore
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
    preferences: PreferencesStore | None = None  # where put_preferences writes, set by the adapter
    now: Callable[[], datetime] = staticmethod(lambda: datetime.now(timezone.utc))

    def __enter__(self) -> "UnitOfWork":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.rollback()

    def record(self, event: Event) -> None:
        """An event of this change that no aggregate loaded here carries (a new plan, a notification,
        saved preferences). Written to the outbox by the next commit; dropped by a rollback."""
        self.__dict__.setdefault("_recorded", []).append(event)

    def put_preferences(self, user_id: UUID, preferences: Preferences) -> None:
        """Save the user's preferences as part of this change: the next commit writes them with the rest
        (and their PreferencesChanged event), or not at all."""
        self.__dict__.setdefault("_staged_preferences", {})[user_id] = preferences

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
        request_id = REQUEST_ID.get()
        messages = [OutboxMessage(uuid.uuid4(), type(e).__name__, to_payload(e), now, request_id=request_id)
                    for e in events]
        staged, self._staged_preferences = self.__dict__.get("_staged_preferences", {}), {}
        self._commit_with_preferences(messages, staged)
        for aggregate in aggregates:
            getattr(aggregate, "events", []).clear()
        self._recorded = []
        self._committed = getattr(self, "_committed", []) + events

    def rollback(self) -> None:
        """Drop the uncommitted changes and the events recorded for them."""
        self._recorded, self._staged_preferences = [], {}
        self._rollback()

    def collect_new_events(self) -> Iterator[Event]:
        """Events of committed work, once each, for in-process handlers."""
        committed, self._committed = getattr(self, "_committed", []), []
        yield from committed

    def _commit_with_preferences(self, messages: list[OutboxMessage], staged: dict[UUID, Preferences]) -> None:
        """Preferences in another store than the transaction (MongoDB, memory): write them first, and if the
        commit then fails, put back what was there. An adapter whose transaction can hold the preferences
        write overrides this and writes them inside it."""
        if not staged:
            return self._commit(messages)
        if self.preferences is None:
            raise RuntimeError("this unit of work has no preferences store to write to")
        previous = {user_id: self.preferences.get(user_id) for user_id in staged}
        for user_id, prefs in staged.items():
            self.preferences.put(user_id, prefs)
        try:
            self._commit(messages)
        except BaseException:
            for user_id, old in previous.items():  # compensate: the change did not happen
                if old is None:
                    self.preferences.delete(user_id)
                else:
                    self.preferences.put(user_id, old)
            raise

    @abc.abstractmethod
    def _commit(self, messages: list[OutboxMessage]) -> None: ...

    @abc.abstractmethod
    def _rollback(self) -> None: ...
