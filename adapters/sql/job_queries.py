"""The scheduled jobs' cross-user reads on SQL. Each is one indexed range scan, paged by a cursor."""
from __future__ import annotations

from datetime import datetime
from typing import Iterable
from uuid import UUID

from sqlalchemy import Engine, and_, func, or_, select, tuple_

from ports.job_queries import JobQueries, MissedWork, OverdueTask, UpcomingBlock, UserClock
from adapters.sql.tables import notifications, tasks, time_blocks, users

_OPEN = "todo"  # the open status
_KEY_BATCH = 500


def _after(columns, cursor):
    """Keyset pagination: rows strictly after ``cursor`` in (columns...) order."""
    first, second = columns
    return or_(first > cursor[0], and_(first == cursor[0], second > cursor[1]))


class SqlJobQueries(JobQueries):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _open_task_blocks(self, *columns):
        return (select(*columns).select_from(time_blocks.join(
            tasks, and_(tasks.c.user_id == time_blocks.c.user_id, tasks.c.id == time_blocks.c.task_id))
                                             .join(users, users.c.id == time_blocks.c.user_id))
                .where(tasks.c.status == _OPEN, users.c.is_active.is_(True)))

    def blocks_starting(self, after: datetime, until: datetime, limit: int,
                        cursor: tuple[datetime, UUID] | None = None) -> list[UpcomingBlock]:
        b = time_blocks.c
        stmt = self._open_task_blocks(b.user_id, b.id, b.task_id, tasks.c.title, b.start, b.end,
                                      users.c.timezone).where(
            b.start > after, b.start <= until)
        if cursor is not None:
            stmt = stmt.where(_after((b.start, b.id), cursor))
        with self.engine.connect() as conn:
            rows = conn.execute(stmt.order_by(b.start, b.id).limit(limit))
            return [UpcomingBlock(r.user_id, r.id, r.task_id, r.title, r.start, r.end, r.timezone) for r in rows]

    def overdue_tasks(self, after: datetime, until: datetime, limit: int,
                      cursor: tuple[datetime, UUID] | None = None) -> list[OverdueTask]:
        t = tasks.c
        stmt = (select(t.user_id, t.id, t.title, t.due, users.c.timezone).select_from(tasks.join(users, users.c.id == t.user_id))
                .where(t.due > after, t.due <= until, t.status == _OPEN, t.recurrence.is_(None),
                       users.c.is_active.is_(True)))
        if cursor is not None:
            stmt = stmt.where(_after((t.due, t.id), cursor))
        with self.engine.connect() as conn:
            rows = conn.execute(stmt.order_by(t.due, t.id).limit(limit))
            return [OverdueTask(r.user_id, r.id, r.title, r.due, r.timezone) for r in rows]

    def missed_work(self, after: datetime, until: datetime, limit: int,
                    cursor: UUID | None = None) -> list[MissedWork]:
        b = time_blocks.c
        stmt = self._open_task_blocks(b.user_id, func.max(b.end).label("last_end"), func.count().label("n")).where(
            b.end > after, b.end <= until)
        if cursor is not None:
            stmt = stmt.where(b.user_id > cursor)
        stmt = stmt.group_by(b.user_id).order_by(b.user_id).limit(limit)
        with self.engine.connect() as conn:
            return [MissedWork(r.user_id, r.last_end, r.n) for r in conn.execute(stmt)]

    def users(self, limit: int, cursor: UUID | None = None) -> list[UserClock]:
        stmt = select(users.c.id, users.c.timezone).where(users.c.is_active.is_(True))
        if cursor is not None:
            stmt = stmt.where(users.c.id > cursor)
        with self.engine.connect() as conn:
            return [UserClock(r.id, r.timezone) for r in conn.execute(stmt.order_by(users.c.id).limit(limit))]

    def already_notified(self, keys: Iterable[tuple[UUID, str]]) -> set[tuple[UUID, str]]:
        keys = list(dict.fromkeys(keys))
        found: set[tuple[UUID, str]] = set()
        n = notifications.c
        with self.engine.connect() as conn:
            for i in range(0, len(keys), _KEY_BATCH):
                batch = keys[i:i + _KEY_BATCH]
                rows = conn.execute(select(n.user_id, n.dedupe_key).where(tuple_(n.user_id, n.dedupe_key).in_(batch)))
                found.update((r.user_id, r.dedupe_key) for r in rows)
        return found
