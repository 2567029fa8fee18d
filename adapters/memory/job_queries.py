"""The scheduled jobs' cross-user reads over a MemoryDatabase's committed state."""
from __future__ import annotations

from datetime import datetime
from typing import Iterable
from uuid import UUID

from adapters.memory.database import MemoryDatabase
from ports.job_queries import JobQueries, MissedWork, OverdueTask, UpcomingBlock, UserClock


class MemoryJobQueries(JobQueries):
    def __init__(self, database: MemoryDatabase) -> None:
        self.database = database

    def _open_blocks(self):
        state = self.database.state
        for block in state.blocks.values():
            task, user = state.tasks.get(block.task_id), state.users.get(block.user_id)
            if task is not None and task.is_open and user is not None and user.is_active:
                yield block, task, user

    def blocks_starting(self, after: datetime, until: datetime, limit: int,
                        cursor: tuple[datetime, UUID] | None = None) -> list[UpcomingBlock]:
        with self.database.lock:
            found = [UpcomingBlock(b.user_id, b.id, b.task_id, t.title, b.start, b.end, u.timezone)
                     for b, t, u in self._open_blocks() if after < b.start <= until]
        found.sort(key=lambda x: (x.start, x.block_id))
        if cursor is not None:
            found = [x for x in found if (x.start, x.block_id) > cursor]
        return found[:limit]

    def overdue_tasks(self, after: datetime, until: datetime, limit: int,
                      cursor: tuple[datetime, UUID] | None = None) -> list[OverdueTask]:
        with self.database.lock:
            state = self.database.state
            found = [OverdueTask(t.user_id, t.id, t.title, t.due, state.users[t.user_id].timezone)
                     for t in state.tasks.values()
                     if t.is_open and t.due is not None and after < t.due <= until and not t.recurrence
                     and t.user_id in state.users and state.users[t.user_id].is_active]
        found.sort(key=lambda x: (x.due, x.task_id))
        if cursor is not None:
            found = [x for x in found if (x.due, x.task_id) > cursor]
        return found[:limit]

    def missed_work(self, after: datetime, until: datetime, limit: int,
                    cursor: UUID | None = None) -> list[MissedWork]:
        per_user: dict[UUID, list[datetime]] = {}
        with self.database.lock:
            for block, _, _ in self._open_blocks():
                if after < block.end <= until:
                    per_user.setdefault(block.user_id, []).append(block.end)
        found = [MissedWork(u, max(ends), len(ends)) for u, ends in sorted(per_user.items())
                 if cursor is None or u > cursor]
        return found[:limit]

    def users(self, limit: int, cursor: UUID | None = None) -> list[UserClock]:
        with self.database.lock:
            found = sorted((UserClock(u.id, u.timezone) for u in self.database.state.users.values() if u.is_active),
                           key=lambda u: u.user_id)
        return [u for u in found if cursor is None or u.user_id > cursor][:limit]

    def already_notified(self, keys: Iterable[tuple[UUID, str]]) -> set[tuple[UUID, str]]:
        wanted = set(keys)
        with self.database.lock:
            have = {(n.user_id, n.dedupe_key) for n in self.database.state.notifications.values()}
        return wanted & have
