"""Throw-away PostgreSQL databases for tests: created on the server in PLANLOOM_TEST_POSTGRES_URL."""
from __future__ import annotations

import contextlib
import os
import uuid
from typing import Iterator

from sqlalchemy import create_engine, make_url, text

from adapters.sql.migrate import upgrade

PG_ADMIN_URL = os.environ.get("PLANLOOM_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _admin(statement: str) -> None:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(statement))
    finally:
        admin.dispose()


def create_database(prefix: str, migrate: bool = True) -> tuple[str, str]:
    """A new database named ``<prefix>_<random>``, migrated to head unless told not to: (name, url)."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    _admin(f'CREATE DATABASE "{name}"')
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    if migrate:
        upgrade(url)
    return name, url


def drop_database(name: str) -> None:
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def fresh_database(prefix: str, migrate: bool = True) -> Iterator[str]:
    name, url = create_database(prefix, migrate)
    try:
        yield url
    finally:
        drop_database(name)
