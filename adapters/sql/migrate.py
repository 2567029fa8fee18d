"""Apply Alembic migrations programmatically (``planloom migrate``)."""
from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config

from adapters.sql.engine import normalise_url

# An installed package (a container image) puts the migrations elsewhere: PLANLOOM_MIGRATIONS_DIR.
MIGRATIONS = Path(os.environ.get("PLANLOOM_MIGRATIONS_DIR") or Path(__file__).resolve().parents[2] / "migrations")


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)
