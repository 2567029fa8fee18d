"""Read-side queries the scheduled jobs need across all users: bounded, paged, indexed, plain values out."""
from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable
from uuid import UUID


@dataclass(frozen=True)
class UpcomingBlock:
    user_id: UUID
    block_id: UUID
    task_id: UUID
    title: str
    start: datetime
    end: datetime
    timezone: str = "UTC"  # the owner's profile timezone (preferences may override it)


@dataclass(frozen=True)
class OverdueTask:
    user_id: UUID
    task_id: UUID
    title: str
    due: datetime
    timezone: str = "UTC"


@dataclass(frozen=True)
class MissedWork:
    """A user with at least one block that ended (in the window) while its task stayed open."""

    user_id: UUID
    last_missed_end: datetime
    blocks: int


@dataclass(frozen=True)
class UserClock:
    user_id: UUID
    timezone: str  # the profile's; preferences may override it


class JobQueries(abc.ABC):
    """Every list is ordered and paged by a cursor (the last item's sort key), at most ``limit`` long.
    Only blocks and tasks of open (todo) tasks of active users are returned."""

    @abc.abstractmethod
    def blocks_starting(self, after: datetime, until: datetime, limit: int,
                        cursor: tuple[datetime, UUID] | None = None) -> list[UpcomingBlock]:
        """Blocks with ``after < start <= until``, by (start, block id), after ``cursor``."""

    @abc.abstractmethod
    def overdue_tasks(self, after: datetime, until: datetime, limit: int,
                      cursor: tuple[datetime, UUID] | None = None) -> list[OverdueTask]:
        """Open tasks with ``after < due <= until``, by (due, task id), after ``cursor``. Not routines: their
        ``due`` anchors the rule, and each occurrence has its own."""

    @abc.abstractmethod
    def missed_work(self, after: datetime, until: datetime, limit: int,
                    cursor: UUID | None = None) -> list[MissedWork]:
        """Per user (by user id, after ``cursor``): blocks with ``after < end <= until`` whose task is open."""

    @abc.abstractmethod
    def users(self, limit: int, cursor: UUID | None = None) -> list[UserClock]:
        """Active users by id, after ``cursor``."""

    @abc.abstractmethod
    def already_notified(self, keys: Iterable[tuple[UUID, str]]) -> set[tuple[UUID, str]]:
        """Which (user id, dedupe key) pairs already have a notification, so a job skips them cheaply."""
