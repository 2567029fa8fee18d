"""Migrations are the only way the schema is made: they must match the adapter's tables exactly,
and go down and up again cleanly, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from adapters.sql.engine import make_engine
from adapters.sql.migrate import downgrade, upgrade
from adapters.sql.tables import metadata
from tests.databases import fresh_database


@pytest.fixture(params=["sqlite", "postgres"])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.db'}"
        return
    with fresh_database("planloom_mig", migrate=False) as url:
        yield url


def test_migrations_match_the_tables_and_round_trip(empty_database):
    upgrade(empty_database)
    engine = make_engine(empty_database)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == [], diff
    downgrade(empty_database, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(empty_database)
    assert {"users", "tasks", "task_tags", "preferences"} <= set(inspect(engine).get_table_names())
    engine.dispose()
