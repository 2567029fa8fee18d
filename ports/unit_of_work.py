"""A transaction over the relational aggregates that rolls back unless committed."""
from __future__ import annotations

import abc
from typing import Iterator

from domain.events import Event
from ports.repositories import BlockRepository, CategoryRepository, TagRepository, TaskRepository, UserRepository


class UnitOfWork(abc.ABC):
    users: UserRepository
    tasks: TaskRepository
    categories: CategoryRepository
    tags: TagRepository
    blocks: BlockRepository

    def __enter__(self) -> "UnitOfWork":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.rollback()

    def commit(self) -> None:
        self._commit()

    def collect_new_events(self) -> Iterator[Event]:
        for repo in (self.users, self.tasks):
            for aggregate in repo.seen:
                while aggregate.events:
                    yield aggregate.events.pop(0)

    @abc.abstractmethod
    def _commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...
