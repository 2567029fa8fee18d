"""Shared fixtures: real databases created per session, fast password hashing, random identities."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from adapters.argon2.hasher import Argon2PasswordHasher
from adapters.sql.migrate import upgrade

pytest_plugins = ["tests.mongo_server", "tests.fake_openai"]
PG_ADMIN_URL = os.environ.get("PLANLOOM_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def random_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A fresh, migrated PostgreSQL database for this test session, dropped afterwards."""
    name = f"planloom_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory) -> str:
    path: Path = tmp_path_factory.mktemp("sqlite") / "planloom.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def hasher() -> Argon2PasswordHasher:
    """Real Argon2id, with cheap parameters so the suite stays fast."""
    return Argon2PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
