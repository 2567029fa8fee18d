"""A unit of work on one SQL connection and transaction."""
from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from domain.errors import Conflict
from ports.unit_of_work import UnitOfWork
from adapters.sql.learning import SqlQuickAddRepository
from adapters.sql.notifications import SqlNotificationRepository
from adapters.sql.outbox import SqlInbox, write_messages
from adapters.sql.preferences import SqlPreferencesStore, write_preferences
from adapters.sql.repositories import (SqlBlockRepository, SqlBusyRepository, SqlCategoryRepository,
                                      SqlPlanRepository, SqlTagRepository,
                                      SqlUserRepository)
from adapters.sql.task_repository import SqlTaskRepository


class SqlUnitOfWork(UnitOfWork):
    def __init__(self, engine: Engine, clock=None, read_only: bool = False, preferences=None) -> None:
        """``preferences``: the store ``put_preferences`` writes; when it is this database's table, inside the
        transaction. ``read_only``: for queries. The connection runs in autocommit mode: no BEGIN and ROLLBACK round
        trips around a single SELECT (each statement still sees one consistent snapshot)."""
        self.engine = engine
        self.read_only = read_only
        if clock is not None:
            self.now = clock.now
        self._conn = None
        self._depth = 0
        self.preferences = preferences
        self._staged: dict = {}

    def __enter__(self) -> "SqlUnitOfWork":
        self._depth += 1
        if self._depth == 1:
            self._conn = self.engine.connect()
            if self.read_only:
                self._conn = self._conn.execution_options(isolation_level="AUTOCOMMIT")
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
            self.busy = SqlBusyRepository(self._conn)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._depth -= 1
        if self._depth == 0:
            try:
                self.rollback()
            finally:
                self._conn.close()
                self._conn = None

    def _commit_with_preferences(self, messages, staged) -> None:
        if staged and isinstance(self.preferences, SqlPreferencesStore) and self.preferences.shares(self.engine):
            self._staged = staged  # same database: one transaction holds the preferences and their events
            try:
                return self._commit(messages)
            finally:
                self._staged = {}
        return super()._commit_with_preferences(messages, staged)

    def _commit(self, messages) -> None:
        if self.read_only:
            raise RuntimeError("a read-only unit of work cannot commit")
        try:
            self.users.flush()
            self.tasks.flush()
            for user_id, prefs in self._staged.items():
                write_preferences(self._conn, user_id, prefs)
            write_messages(self._conn, messages)
            self._conn.commit()
        except IntegrityError as exc:
            self._conn.rollback()
            raise Conflict("the change conflicts with existing data") from exc
        self._conn.begin()

    def _rollback(self) -> None:
        if self._conn is not None and self._conn.in_transaction():
            self._conn.rollback()
