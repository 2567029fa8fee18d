"""The SQLite counter file is shared by real processes: concurrent increments from two of them are
all counted, and each sees the other's."""
from __future__ import annotations

import subprocess
import sys

from adapters.sql.file_cache import SqliteFileCache
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
