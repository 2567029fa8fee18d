"""A unit of work over a deep-copied working state: commit publishes it, anything else drops it."""
from __future__ import annotations

import copy

from domain.errors import StaleVersion
from adapters.memory import repositories as repos
from adapters.memory.database import MemoryDatabase, MemoryState
from ports.unit_of_work import UnitOfWork


def _stored(aggregate):
    """The copy kept in the database: without the events this commit writes to the outbox (loading it
    again raises none). Only what this unit of work collected is copied, so only that is cleared."""
    stored = copy.deepcopy(aggregate)
    stored.events = []
    return stored


class MemoryUnitOfWork(UnitOfWork):
    def __init__(self, database: MemoryDatabase, clock=None, preferences=None) -> None:
        self.database = database
        self.preferences = preferences
        if clock is not None:
            self.now = clock.now
        self._depth = 0
        state = database.state
        self.users = repos.MemoryUserRepository(state)
        self.tasks = repos.MemoryTaskRepository(state)
        self.categories = repos.MemoryCategoryRepository(state)
        self.tags = repos.MemoryTagRepository(state)
        self.blocks = repos.MemoryBlockRepository(state)
        self.inbox = repos.MemoryInbox(state)
        self.plans = repos.MemoryPlanRepository(state)
        self.notifications = repos.MemoryNotificationRepository(state)
        self.quick_adds = repos.MemoryQuickAddRepository(state)
        self.busy = repos.MemoryBusyRepository(state)

    def _use(self, state: MemoryState) -> None:
        for repo in (self.users, self.tasks, self.categories, self.tags, self.blocks, self.inbox, self.plans,
                     self.notifications, self.quick_adds, self.busy):
            repo.state = state

    def __enter__(self) -> "MemoryUnitOfWork":
        self.database.lock.acquire()
        self._depth += 1
        if self._depth == 1:
            self.users.seen, self.tasks.seen, self.tasks.loaded = [], [], {}
            self._use(copy.deepcopy(self.database.state))
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            if self._depth == 1:
                self.rollback()
        finally:
            self._depth -= 1
            self.database.lock.release()

    def _commit(self, messages) -> None:
        state = self.tasks.state
        state.outbox.extend(messages)
        for user in self.users.seen:
            if user.id in state.users:
                state.users[user.id] = _stored(user)
        committed = self.database.state.tasks
        for task in self.tasks.seen:
            loaded = self.tasks.loaded.get(task.id)
            if loaded is not None and task.id in committed and committed[task.id].version != loaded:
                self.rollback()
                raise StaleVersion("the task was changed by someone else; reload it and try again")
            if task.id in state.tasks and (loaded is None or task.version != loaded):
                state.tasks[task.id] = _stored(task)
        self.database.state = copy.deepcopy(state)
        self.tasks.loaded = {task.id: task.version for task in self.tasks.seen}

    def _rollback(self) -> None:
        self._use(copy.deepcopy(self.database.state))
