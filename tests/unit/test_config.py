"""Settings refuse a secret key that would let anyone sign tokens."""
from __future__ import annotations

import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from entrypoints.config import ConfigError, Settings

ROOT = Path(__file__).resolve().parents[2]


def _example_secret(path: str, pattern: str) -> str:
    match = re.search(pattern, (ROOT / path).read_text(encoding="utf-8"), flags=re.M)
    assert match, f"{path} no longer shows PLANLOOM_SECRET_KEY: update this test"
    return match.group(1)


EXAMPLES = [
    _example_secret("deploy/env.example", r"^PLANLOOM_SECRET_KEY=(.+)$"),
    _example_secret("deploy/kubernetes/secret.example.yaml", r'^\s*PLANLOOM_SECRET_KEY:\s*"(.+)"\s*$'),
]


def _settings(tmp_path, key: str) -> Settings:
    return Settings.from_env({"PLANLOOM_DATA_DIR": str(tmp_path), "PLANLOOM_SECRET_KEY": key})


@pytest.mark.parametrize("key", ["", "short", "x" * 31, "é" * 15], ids=["empty-means-generate", "5", "31", "30-bytes"])
def test_a_short_key_is_refused(tmp_path, key):
    if key == "":
        assert len(_settings(tmp_path, key).secret_key) >= 32  # unset: generated and kept, as before
        return
    with pytest.raises(ConfigError, match=r"PLANLOOM_SECRET_KEY .*at least 32 bytes"):
        _settings(tmp_path, key)


@pytest.mark.parametrize("key", EXAMPLES, ids=["env.example", "secret.example.yaml"])
def test_the_documented_placeholders_are_refused(tmp_path, key):
    assert len(key.encode()) >= 32  # long enough: the length rule alone would let it through
    with pytest.raises(ConfigError, match="PLANLOOM_SECRET_KEY .*placeholder"):
        _settings(tmp_path, key)


def test_a_random_key_of_32_bytes_is_taken(tmp_path):
    key = secrets.token_hex(16)
    assert _settings(tmp_path, key).secret_key == key


def test_an_app_built_from_hand_made_settings_checks_the_key_too(tmp_path):
    from entrypoints.http.app import create_app

    with pytest.raises(ConfigError):
        create_app(Settings(data_dir=tmp_path, database_url="sqlite://", secret_key="k" * 16))


def test_a_short_key_in_the_data_folder_is_refused_naming_the_file(tmp_path):
    (tmp_path / "secret_key").write_text("edited-by-hand")
    with pytest.raises(ConfigError, match=re.escape(str(tmp_path / "secret_key"))):
        _settings(tmp_path, "")


def test_reading_the_configuration_loads_no_database_library():
    """Every CLI command reads Settings first: that must not cost SQLAlchemy's import (nor any driver's)."""
    probe = ("import sys, entrypoints.config; "
             "print(sorted(m for m in ('sqlalchemy', 'psycopg', 'redis', 'flask', 'kombu') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
