"""Job runs and their lease on SQL: one row per job, the lease taken by a conditional UPDATE.

``UPDATE ... WHERE locked_until IS NULL OR locked_until <= :now`` is atomic on both dialects: PostgreSQL
re-checks the WHERE clause on the row once a concurrent writer commits (READ COMMITTED), SQLite holds
the database write lock. Exactly one of N concurrent callers sees rowcount 1.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ports.job_runs import JobRuns
from adapters.sql.tables import job_runs


class SqlJobRuns(JobRuns):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _ensure(self, conn, name: str) -> None:
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        conn.execute(dialect.insert(job_runs).values(name=name).on_conflict_do_nothing(
            index_elements=[job_runs.c.name]))

    def try_lock(self, name: str, owner: str, now: datetime, ttl: timedelta) -> bool:
        with self.engine.begin() as conn:
            self._ensure(conn, name)
        with self.engine.begin() as conn:
            result = conn.execute(update(job_runs).where(
                job_runs.c.name == name,
                or_(job_runs.c.locked_until.is_(None), job_runs.c.locked_until <= now, job_runs.c.locked_by == owner),
            ).values(locked_until=now + ttl, locked_by=owner))
            return result.rowcount == 1

    def unlock(self, name: str, owner: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(job_runs).where(job_runs.c.name == name, job_runs.c.locked_by == owner)
                         .values(locked_until=None, locked_by=None))

    def last_run(self, name: str) -> datetime | None:
        with self.engine.connect() as conn:
            return conn.execute(select(job_runs.c.last_run_at).where(job_runs.c.name == name)).scalar()

    def record_run(self, name: str, owner: str, at: datetime) -> bool:
        with self.engine.begin() as conn:
            result = conn.execute(update(job_runs).where(job_runs.c.name == name, job_runs.c.locked_by == owner)
                                  .values(last_run_at=at))
            return result.rowcount == 1
