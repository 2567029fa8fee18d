"""Repositories of the relational aggregates. Every tenant-owned lookup takes the owner's id."""
from __future__ import annotations

import abc
from datetime import datetime
from typing import Iterable
from uuid import UUID

from domain.model import BusyTime, Category, PlanSummary, Tag, Task, TaskQuery, TimeBlock, User
from domain.model.learning import QuickAddRecord
from domain.model.notification import InAppNotification


class _Tracking:
    """Remembers the aggregates a unit of work touched, so it can collect their events."""

    seen: list

    def _see(self, aggregate) -> None:
        self.seen[:] = [a for a in self.seen if a.id != aggregate.id]
        self.seen.append(aggregate)


class UserRepository(_Tracking, abc.ABC):
    def __init__(self) -> None:
        self.seen: list = []

    def add(self, user: User) -> None:
        self._add(user)
        self._see(user)

    def get(self, user_id: UUID) -> User | None:
        user = self._get(user_id)
        if user is not None:
            self._see(user)
        return user

    def get_by_email(self, email: str) -> User | None:
        user = self._get_by_email(email.strip().lower())
        if user is not None:
            self._see(user)
        return user

    @abc.abstractmethod
    def _add(self, user: User) -> None: ...

    @abc.abstractmethod
    def _get(self, user_id: UUID) -> User | None: ...

    @abc.abstractmethod
    def _get_by_email(self, email: str) -> User | None: ...

    @abc.abstractmethod
    def list(self, offset: int, limit: int) -> tuple[list[User], int]:
        """Users ordered by creation, and the total count."""


class TaskRepository(_Tracking, abc.ABC):
    def __init__(self) -> None:
        self.seen: list = []

    def add(self, task: Task) -> None:
        self._add(task)
        self._see(task)

    def get(self, user_id: UUID, task_id: UUID) -> Task | None:
        task = self._get(user_id, task_id)
        if task is not None:
            self._see(task)
        return task

    def delete(self, task: Task) -> None:
        task.mark_deleted()
        self._see(task)
        self._delete(task)

    @abc.abstractmethod
    def _add(self, task: Task) -> None: ...

    @abc.abstractmethod
    def _get(self, user_id: UUID, task_id: UUID) -> Task | None: ...

    @abc.abstractmethod
    def _delete(self, task: Task) -> None:
        """Remove the task, its blocks, its quick-add reading, and its id from other tasks' dependencies."""

    @abc.abstractmethod
    def list(self, user_id: UUID, query: TaskQuery) -> tuple[list[Task], int]:
        """One page of the user's tasks matching ``query``, and the total number matching."""

    @abc.abstractmethod
    def existing_ids(self, user_id: UUID, ids: Iterable[UUID]) -> set[UUID]:
        """Which of ``ids`` are tasks of this user."""

    @abc.abstractmethod
    def dependency_graph(self, user_id: UUID) -> dict[UUID, frozenset[UUID]]:
        """task id -> ids it depends on, for every task of the user that has dependencies."""

    @abc.abstractmethod
    def open_tasks(self, user_id: UUID) -> list[Task]:
        """Every open (todo) task of the user (for planning)."""

    @abc.abstractmethod
    def open_tasks_among(self, user_id: UUID, ids: Iterable[UUID], dependencies: bool = True) -> list[Task]:
        """The user's open tasks among ``ids`` (the tasks some blocks name: only those rows are read); an id
        of a closed, deleted or another user's task is left out. ``dependencies=False``: for reads that
        never show them (the schedule), ``depends_on`` is left empty and the dependency rows are not read;
        such tasks are for display only, never to be saved."""

    @abc.abstractmethod
    def count_open(self, user_id: UUID) -> int:
        """How many open (todo) tasks the user has, for the open-task cap: the count holds until this unit of
        work ends, because every other ``count_open`` of the same user waits for it (two concurrent creators
        count one after the other, and the second sees the first's task)."""

    @abc.abstractmethod
    def done_durations(self, user_id: UUID, category_id: UUID | None = None, tag: str | None = None,
                       limit: int = 50) -> list[int]:
        """Planned minutes of the user's most recently completed tasks, optionally in a category or with a tag."""


class CategoryRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, category: Category) -> None: ...

    @abc.abstractmethod
    def get(self, user_id: UUID, category_id: UUID) -> Category | None: ...

    @abc.abstractmethod
    def get_by_name(self, user_id: UUID, name: str) -> Category | None:
        """Case-insensitive."""

    @abc.abstractmethod
    def list(self, user_id: UUID) -> list[Category]: ...

    @abc.abstractmethod
    def delete(self, category: Category) -> None:
        """Remove it; tasks in it keep existing with no category."""


class TagRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, tag: Tag) -> None: ...

    @abc.abstractmethod
    def get(self, user_id: UUID, tag_id: UUID) -> Tag | None: ...

    @abc.abstractmethod
    def get_by_names(self, user_id: UUID, names: Iterable[str]) -> list[Tag]: ...

    @abc.abstractmethod
    def list(self, user_id: UUID) -> list[Tag]: ...

    @abc.abstractmethod
    def delete(self, tag: Tag) -> None:
        """Remove it, and from every task that carried it."""


class BlockRepository(abc.ABC):
    @abc.abstractmethod
    def list(self, user_id: UUID, start: datetime | None = None, end: datetime | None = None) -> list[TimeBlock]:
        """The user's blocks overlapping [start, end), ordered by start."""

    @abc.abstractmethod
    def replace(self, user_id: UUID, blocks: list[TimeBlock]) -> None:
        """Make ``blocks`` the user's whole stored plan."""

    @abc.abstractmethod
    def get(self, user_id: UUID, block_id: UUID) -> TimeBlock | None: ...

    @abc.abstractmethod
    def save(self, block: TimeBlock) -> None: ...


class PlanRepository(abc.ABC):
    """The summary of each user's latest planning run."""

    @abc.abstractmethod
    def get(self, user_id: UUID) -> PlanSummary | None: ...

    @abc.abstractmethod
    def save(self, summary: PlanSummary) -> None: ...

    @abc.abstractmethod
    def lock(self, user_id: UUID) -> None:
        """Hold the user's planning lock until this unit of work ends. Re-plans of one user then run
        one after the other, each reading the blocks and summary the previous one committed, so two
        at once (a handler's and the re-plan consumer's) cannot both write a plan. Call it before
        reading what the plan is built from."""


class NotificationRepository(abc.ABC):
    """A user's in-app notifications. ``dedupe_key`` is unique per user: the same reminder twice is one."""

    @abc.abstractmethod
    def add(self, notification: InAppNotification) -> bool:
        """Store it; False (and nothing stored) when the user already has one with this dedupe key."""

    @abc.abstractmethod
    def get(self, user_id: UUID, notification_id: UUID) -> InAppNotification | None: ...

    @abc.abstractmethod
    def list(self, user_id: UUID, unread_only: bool, offset: int, limit: int) -> tuple[list[InAppNotification], int]:
        """Newest first, and the total matching."""

    @abc.abstractmethod
    def set_read(self, user_id: UUID, notification_id: UUID, read_at: datetime | None) -> bool: ...

    @abc.abstractmethod
    def since(self, user_id: UUID, after: datetime, limit: int) -> list[InAppNotification]:
        """Created strictly after ``after``, oldest first (for the live stream)."""


class QuickAddRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, record: QuickAddRecord) -> None: ...

    @abc.abstractmethod
    def for_task(self, user_id: UUID, task_id: UUID) -> QuickAddRecord | None: ...

    @abc.abstractmethod
    def save(self, record: QuickAddRecord) -> None: ...

    @abc.abstractmethod
    def corrected(self, user_id: UUID, limit: int) -> list[QuickAddRecord]:
        """The user's corrected readings, oldest first."""

    @abc.abstractmethod
    def page(self, user_id: UUID, offset: int, limit: int) -> list[QuickAddRecord]:
        """One page of all the user's readings, oldest first (by time, then id). A deleted task's reading
        goes with it."""


class BusyRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, busy: BusyTime) -> None: ...

    @abc.abstractmethod
    def get(self, user_id: UUID, busy_id: UUID) -> BusyTime | None: ...

    @abc.abstractmethod
    def list(self, user_id: UUID, start: datetime | None = None, end: datetime | None = None) -> list[BusyTime]:
        """The user's busy time overlapping [start, end), ordered by start."""

    @abc.abstractmethod
    def delete(self, busy: BusyTime) -> None: ...

    @abc.abstractmethod
    def for_connection(self, user_id: UUID, connection_id: UUID) -> list[BusyTime]:
        """The busy time imported from one calendar connection of the user."""

    @abc.abstractmethod
    def delete_connection(self, user_id: UUID, connection_id: UUID) -> int:
        """Remove the busy time imported from one connection; how many there were."""

    def add_many(self, items: list[BusyTime]) -> None:
        """Add each of ``items`` (durable adapters do it in one round trip: a calendar import brings thousands)."""
        for busy in items:
            self.add(busy)

    def delete_many(self, items: list[BusyTime]) -> None:
        """Delete each of ``items`` (durable adapters: in few statements)."""
        for busy in items:
            self.delete(busy)
