"""Shared fixtures: real databases created per session, fast password hashing, random identities."""
from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from adapters.argon2.hasher import Argon2PasswordHasher
from adapters.sql.migrate import upgrade
from tests.databases import fresh_database

pytest_plugins = ["tests.mongo_server", "tests.fake_openai", "tests.calendar_server", "tests.radicale_server"]


def random_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A fresh, migrated PostgreSQL database for this test session, dropped afterwards."""
    with fresh_database("planloom_test") as url:
        yield url


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
