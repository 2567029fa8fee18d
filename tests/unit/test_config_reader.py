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


def _names_in_the_readme_table() -> set[str]:
    """Every variable named in README's configuration table; ``PLANLOOM_SMTP_HOST``, ``_PORT`` means
    ``PLANLOOM_SMTP_PORT`` too."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = set()
    for row in section.splitlines():
        if not row.startswith("| `"):
            continue
        first_cell = row.split("|")[1]
        prefix = ""
        for name in re.findall(r"`([A-Z_][A-Z0-9_]*)`", first_cell):
            if name.startswith("_"):
                names.add(prefix + name)
            else:
                names.add(name)
                prefix = name.rsplit("_", 1)[0]
    return names


def test_the_readme_table_lists_every_variable_settings_reads():
    from tests.unit.test_deploy_files import _names_read_by_settings

    assert _names_in_the_readme_table() == _names_read_by_settings()
