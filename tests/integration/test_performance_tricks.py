"""Speed-ups that only a comment explained, pinned by tests that fail when someone undoes them
(``gc.freeze`` in ``load_app`` has its own, in tests/e2e/test_cli_and_server.py).

- Query views read through a read-only unit of work in autocommit mode: no BEGIN/ROLLBACK round trips
  around a single SELECT (``SqlUnitOfWork(read_only=True)``), on PostgreSQL as on SQLite.
- With Redis, the SQL token store keeps no per-process memory of "not revoked": Redis bounds that
  staleness, and a second memory on top would let a revoked session live longer.
"""
from __future__ import annotations

import pytest

from entrypoints.config import Settings
from entrypoints.container import build_container


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
