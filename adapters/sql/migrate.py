"""Apply Alembic migrations programmatically (``planloom migrate``)."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from adapters.sql.engine import normalise_url

# Beside the code in a checkout; an installed package (a container image) passes its own folder
# (Settings.migrations_dir, from PLANLOOM_MIGRATIONS_DIR).
MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(url: str, migrations_dir: Path | None = None) -> Config:
    """The URL goes to migrations/env.py through the config: env.py reads no environment."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir or MIGRATIONS))
    config.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head", *, migrations_dir: Path | None = None) -> None:
    command.upgrade(alembic_config(url, migrations_dir), revision)


def downgrade(url: str, revision: str, *, migrations_dir: Path | None = None) -> None:
    command.downgrade(alembic_config(url, migrations_dir), revision)
