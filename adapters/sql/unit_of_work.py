"""A unit of work on one SQL connection and transaction."""
from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from domain.errors import Conflict
from ports.unit_of_work import UnitOfWork
from adapters.sql.learning import SqlQuickAddRepository
from adapters.sql.notifications import SqlNotificationRepository
from adapters.sql.outbox import SqlInbox, write_messages
from adapters.sql.repositories import (SqlBlockRepository, SqlCategoryRepository, SqlPlanRepository, SqlTagRepository,
                                      SqlUserRepository)
from adapters.sql.task_repository import SqlTaskRepository


class SqlUnitOfWork(UnitOfWork):
    def __init__(self, engine: Engine, clock=None) -> None:
        self.engine = engine
        if clock is not None:
            self.now = clock.now
        self._conn = None
        self._depth = 0

    def __enter__(self) -> "SqlUnitOfWork":
        self._depth += 1
        if self._depth == 1:
            self._conn = self.engine.connect()
            self._conn.begin()
            self.users = SqlUserRepository(self._conn)
            self.tasks = SqlTaskRepository(self._conn)
            self.categories = SqlCategoryRepository(self._conn)
            self.tags = SqlTagRepository(self._conn)
            self.blocks = SqlBlockRepository(self._conn)
            self.inbox = SqlInbox(self._conn)
            self.plans = SqlPlanRepository(self._conn)
            self.notifications = SqlNotificationRepository(self._conn)
            self.quick_adds = SqlQuickAddRepository(self._conn)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._depth -= 1
        if self._depth == 0:
            try:
                self.rollback()
            finally:
                self._conn.close()
                self._conn = None

    def _commit(self, messages) -> None:
        try:
            self.users.flush()
            self.tasks.flush()
            write_messages(self._conn, messages)
            self._conn.commit()
        except IntegrityError as exc:
            self._conn.rollback()
            raise Conflict("the change conflicts with existing data") from exc
        self._conn.begin()

    def rollback(self) -> None:
        if self._conn is not None and self._conn.in_transaction():
            self._conn.rollback()
