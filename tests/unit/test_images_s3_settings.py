"""The S3 blob store's settings: read from PLANLOOM_IMAGES_S3_*, refused when half given, and the
container picks the S3 store exactly when a bucket is set (building it connects to nothing)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from adapters.filesystem.blobs import FileBlobStore
from adapters.s3.blobs import S3BlobStore
from entrypoints.config import ConfigError, Settings
from entrypoints.container import build_container

ROOT = Path(__file__).resolve().parents[2]
S3 = {"PLANLOOM_IMAGES_S3_BUCKET": "planloom", "PLANLOOM_IMAGES_S3_PREFIX": "/tenant-a/images/",
      "PLANLOOM_IMAGES_S3_ENDPOINT": "http://127.0.0.1:9", "PLANLOOM_IMAGES_S3_REGION": "eu-west-3",
      "PLANLOOM_IMAGES_S3_ACCESS_KEY_ID": "AKIAEXAMPLE", "PLANLOOM_IMAGES_S3_SECRET_ACCESS_KEY": "s" * 40}


def _settings(tmp_path, **env) -> Settings:
    return Settings.from_env({"PLANLOOM_DATA_DIR": str(tmp_path), "PLANLOOM_SECRET_KEY": "k" * 40} | env)


def test_the_bucket_selects_the_s3_store(tmp_path):
    settings = _settings(tmp_path, **S3)
    assert (settings.images_s3_bucket, settings.images_s3_region, settings.images_s3_secret_access_key) == (
        "planloom", "eu-west-3", "s" * 40)
    blobs = build_container(settings).blobs()
    assert isinstance(blobs, S3BlobStore) and (blobs.bucket, blobs.prefix) == ("planloom", "tenant-a/images/")
    assert blobs._key("a1.png") == "tenant-a/images/a1.png"
    assert isinstance(build_container(_settings(tmp_path)).blobs(), FileBlobStore)


@pytest.mark.parametrize("left_out, message", [
    ("PLANLOOM_IMAGES_S3_BUCKET", "PLANLOOM_IMAGES_S3_PREFIX is set but PLANLOOM_IMAGES_S3_BUCKET is not"),
    ("PLANLOOM_IMAGES_S3_SECRET_ACCESS_KEY", "set both PLANLOOM_IMAGES_S3_ACCESS_KEY_ID and"),
    ("PLANLOOM_IMAGES_S3_ACCESS_KEY_ID", "set both PLANLOOM_IMAGES_S3_ACCESS_KEY_ID and"),
])
def test_half_a_configuration_is_refused(tmp_path, left_out, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        _settings(tmp_path, **{name: value for name, value in S3.items() if name != left_out})


def test_the_documented_placeholders_are_refused(tmp_path):
    example = (ROOT / "deploy/env.example").read_text(encoding="utf-8")
    keys = dict(re.findall(r"^# (PLANLOOM_IMAGES_S3_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY))=(.+)$", example, flags=re.M))
    assert len(keys) == 2, "deploy/env.example no longer shows the S3 keys: update this test"
    with pytest.raises(ConfigError, match="placeholder"):
        _settings(tmp_path, **(S3 | keys))
