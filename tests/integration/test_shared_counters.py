"""The SQLite counter file is shared by real processes: concurrent increments from two of them are
all counted, and each sees the other's."""
from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest

from adapters.sql.file_cache import SqliteFileCache
from adapters.sql.stream_slots import SqliteStreamSlots
from tests.live_server import ROOT

COUNT = 300
WORKER = """
import sys
from adapters.sql.file_cache import SqliteFileCache
cache = SqliteFileCache(sys.argv[1])
print(max(cache.incr("hits", 3600) for _ in range(int(sys.argv[2]))))
"""


def test_two_processes_count_every_increment(tmp_path):
    path = tmp_path / "ratelimits.db"
    assert SqliteFileCache(path).get("hits") is None  # the file and its table exist before both start
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(path), str(COUNT)], cwd=ROOT,
                                stdout=subprocess.PIPE, text=True) for _ in range(2)]
    highest = [int(w.communicate(timeout=120)[0]) for w in workers]
    assert all(w.returncode == 0 for w in workers)
    assert SqliteFileCache(path).get("hits") == str(2 * COUNT).encode()
    assert max(highest) == 2 * COUNT  # the later one counted on top of the other: none lost


@pytest.mark.parametrize("store", [SqliteFileCache, SqliteStreamSlots])
def test_the_shared_file_and_a_new_folder_are_private(tmp_path, store):
    """Keys name users: the file (and SQLite's -wal and -shm beside it) is 0600, a folder it makes 0700,
    whatever the umask would give."""
    folder = tmp_path / "fresh" / "data"
    previous = os.umask(0o022)
    try:
        opened = store(folder / "ratelimits.db")
        opened.incr("hits", 60) if isinstance(opened, SqliteFileCache) else opened.acquire(uuid.uuid4(), 1, 60)
    finally:
        os.umask(previous)
    assert folder.stat().st_mode & 0o777 == 0o700
    files = list(folder.iterdir())
    assert {p.name for p in files} >= {"ratelimits.db", "ratelimits.db-wal", "ratelimits.db-shm"}
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o600, path.name
