"""Configuration has one reader: only entrypoints/config.py looks at the environment, and migrations
get their URL from it through Alembic's config, never by importing an entrypoint."""
from __future__ import annotations

import re
from pathlib import Path

from entrypoints.config import Settings

ROOT = Path(__file__).resolve().parents[2]
READS_ENVIRONMENT = re.compile(r"\bos\.environ\b|\bgetenv\(|from os import [^\n]*\benviron\b")  # not a WSGI environ


def test_only_the_config_module_reads_the_environment():
    readers = sorted(str(path.relative_to(ROOT))
                     for package in ("domain", "ports", "adapters", "entrypoints", "migrations")
                     for path in (ROOT / package).rglob("*.py") if READS_ENVIRONMENT.search(path.read_text()))
    assert readers == ["entrypoints/config.py"]


def test_migrations_import_no_entrypoint():
    assert "entrypoints" not in (ROOT / "migrations" / "env.py").read_text()


def test_serve_settings_come_from_the_environment_too():
    settings = Settings.from_env({"PLANLOOM_DATA_DIR": "/tmp/x", "PLANLOOM_SECRET_KEY": "k" * 40, "HOST": "0.0.0.0",
                                  "PORT": "9000", "WEB_CONCURRENCY": "3", "PLANLOOM_BACKGROUND": "0",
                                  "PLANLOOM_MIGRATIONS_DIR": "/app/migrations"})
    assert (settings.host, settings.port, settings.web_concurrency) == ("0.0.0.0", 9000, 3)
    assert settings.background is False and settings.jobs is None  # unset: `planloom serve` decides
    assert settings.migrations_dir == Path("/app/migrations")
