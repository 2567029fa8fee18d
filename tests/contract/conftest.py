"""Every adapter of a port runs the same contract suite: memory, SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from adapters.memory.database import MemoryDatabase
from adapters.memory.unit_of_work import MemoryUnitOfWork
from adapters.sql.engine import make_engine
from adapters.sql.unit_of_work import SqlUnitOfWork

BACKENDS = ["memory", "sqlite", "postgres"]


@pytest.fixture(scope="session")
def sql_engines(request):
    engines = {}
    yield engines
    for engine in engines.values():
        engine.dispose()


def _engine(request, sql_engines, backend):
    if backend not in sql_engines:
        url = request.getfixturevalue("sqlite_url" if backend == "sqlite" else "postgres_url")
        sql_engines[backend] = make_engine(url)
    return sql_engines[backend]


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def engine(request, sql_engines, backend):
    return None if backend == "memory" else _engine(request, sql_engines, backend)


@pytest.fixture
def make_uow(backend, engine):
    """A factory of units of work over one store (a fresh one for memory, the session's DB for SQL)."""
    if backend == "memory":
        database = MemoryDatabase()
        return lambda: MemoryUnitOfWork(database)
    return lambda: SqlUnitOfWork(engine)
