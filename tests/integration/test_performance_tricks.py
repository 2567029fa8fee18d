"""Speed-ups that only a comment explained, pinned by tests that fail when someone undoes them
(``gc.freeze`` in ``load_app`` has its own, in tests/e2e/test_cli_and_server.py).

- Query views read through a read-only unit of work in autocommit mode: no BEGIN/ROLLBACK round trips
  around a single SELECT (``SqlUnitOfWork(read_only=True)``), on PostgreSQL as on SQLite.
- With Redis, the SQL token store keeps no per-process memory of "not revoked": Redis bounds that
  staleness, and a second memory on top would let a revoked session live longer.
- A range's blocks come with only the tasks they name (``queries.blocks_with_tasks``), never with every
  open task of the user.
"""
from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import event

from adapters.sql.engine import make_engine
from adapters.sql.unit_of_work import SqlUnitOfWork
from domain.model import TaskStatus, TimeBlock
from domain.services import queries
from entrypoints.config import Settings
from entrypoints.container import build_container
from tests.factories import a_task, a_user


def _driver_autocommits(conn) -> bool:
    """Whether the DBAPI connection itself sends no BEGIN (psycopg ``autocommit``, sqlite3 ``isolation_level``)."""
    driver = conn.connection.dbapi_connection
    return driver.autocommit is True if hasattr(driver, "autocommit") and not hasattr(driver, "isolation_level") \
        else driver.isolation_level is None


@pytest.mark.parametrize("backend", ["sqlite_url", "postgres_url"])
def test_the_reader_runs_in_autocommit_and_the_writer_in_a_transaction(request, tmp_path, backend):
    url = request.getfixturevalue(backend)
    container = build_container(Settings(data_dir=tmp_path, database_url=url, secret_key="k" * 40))
    try:
        with container.reader() as reader:
            assert _driver_autocommits(reader._conn)
        with container.uow() as writer:
            assert not _driver_autocommits(writer._conn)
    finally:
        container.engine().dispose()


def test_with_redis_the_sql_token_store_remembers_no_revocation_answers(tmp_path, sqlite_url):
    settings = Settings(data_dir=tmp_path, database_url=sqlite_url, secret_key="k" * 40,
                        redis_url="redis://127.0.0.1:6379/15", revocation_cache_seconds=5)
    store = build_container(settings).token_store()
    assert store.fallback.revocation_ttl == 0
    plain = build_container(Settings(data_dir=tmp_path, database_url=sqlite_url, secret_key="k" * 40,
                                     revocation_cache_seconds=5)).token_store()
    assert plain.revocation_ttl == 5


def test_blocks_with_their_tasks_read_only_the_tasks_the_blocks_name(postgres_url):
    """The agenda, /today and GET /schedule read a range's blocks, then only the tasks those name: not every
    open task of the user (thousands, for some). Counted in rows PostgreSQL returned from ``tasks``."""
    engine = make_engine(postgres_url)
    user, start = a_user(), datetime(2026, 12, 7, 9, tzinfo=timezone.utc)
    tasks = [a_task(user) for _ in range(300)] + [a_task(user, status=TaskStatus.DONE)]
    blocks = [TimeBlock(id=uuid.uuid4(), user_id=user.id, task_id=task.id, start=start + timedelta(hours=i),
                        end=start + timedelta(hours=i, minutes=30)) for i, task in enumerate(tasks[-3:])]
    with SqlUnitOfWork(engine) as uow:
        uow.users.add(user)
        for task in tasks:
            uow.tasks.add(task)
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        uow.blocks.replace(user.id, blocks)
        uow.commit()
    rows: list[int] = []

    @event.listens_for(engine, "after_cursor_execute")
    def _count(conn, cursor, statement, parameters, context, executemany):
        if re.search(r"\bFROM tasks\b", statement):
            rows.append(cursor.rowcount)

    try:
        found = queries.blocks_with_tasks(SqlUnitOfWork(engine, read_only=True), user.id, start, start + timedelta(days=1))
    finally:
        event.remove(engine, "after_cursor_execute", _count)
        engine.dispose()
    assert [(b.id, t.id if t else None) for b, t in found] == [(b.id, b.task_id) for b in blocks[:2]] + [(blocks[2].id, None)]
    assert sum(rows) == 2  # the two open tasks named; the done one is not open
