"""A Cache in a small SQLite file of its own: what every process on one host shares without Redis.

The embedded default runs several ``planloom serve`` workers; counters kept in each process would
multiply every rate limit by the number of workers. This file (``<data>/ratelimits.db``, WAL mode)
is shared by them: each increment is one ``BEGIN IMMEDIATE`` transaction, so concurrent increments
from any process are all counted. It also backs flask-limiter (``SqliteLimitsStorage``)."""
from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path
from contextlib import contextmanager
from typing import Callable, Iterator

from limits.storage import Storage

from ports.cache import Cache
from adapters.sql.private_files import private_file

SCHEMA = "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL, expires REAL NOT NULL)"
PURGE_EVERY = 1000  # writes between two sweeps of expired entries


TIMEOUT = 10.0  # seconds a connection waits for another's lock


def _in_wal_mode(conn: sqlite3.Connection) -> None:
    """Put the file in WAL mode (once: the mode is the file's). The switch takes the file's exclusive lock,
    and while other connections of a fresh file are in transactions SQLite answers "database is locked" at
    once instead of waiting its busy timeout: try again until the timeout (processes and threads that
    start together race here on first use)."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                return
            conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class SqliteFile:
    """A small SQLite file (WAL mode) that every process on one host shares; ``SCHEMA`` makes its tables."""

    SCHEMA: tuple[str, ...] = ()

    def __init__(self, path: str | Path, clock: Callable[[], float] = time.time) -> None:
        self.path, self.clock = Path(path), clock
        self._local = threading.local()

    def _connect(self) -> sqlite3.Connection:
        """One connection per thread and process (a connection never crosses a fork); the file and its
        tables are made on first use, never at construction."""
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            private_file(self.path)  # 0600 in a 0700 folder, like the database: keys name users
            conn = sqlite3.connect(self.path, timeout=TIMEOUT, isolation_level=None, check_same_thread=False)
            _in_wal_mode(conn)
            conn.execute("PRAGMA synchronous=NORMAL")
            for statement in self.SCHEMA:
                conn.execute(statement)
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    @contextmanager
    def _immediate(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that holds the file's write lock from its first statement: what it reads
        no other process changes before it commits."""
        conn = self._connect()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


class SqliteFileCache(SqliteFile, Cache):
    SCHEMA = (SCHEMA,)

    def __init__(self, path: str | Path, clock: Callable[[], float] = time.time) -> None:
        super().__init__(path, clock)
        self._writes = 0

    def _live(self, conn: sqlite3.Connection, key: str, now: float):
        return conn.execute("SELECT value, expires FROM entries WHERE key = ? AND expires > ?", (key, now)).fetchone()

    def get(self, key: str) -> bytes | None:
        row = self._live(self._connect(), key, self.clock())
        return bytes(row[0]) if row else None

    def expiry(self, key: str) -> float | None:
        """When ``key`` expires (clock seconds), if it lives."""
        row = self._live(self._connect(), key, self.clock())
        return row[1] if row else None

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        if ttl_seconds <= 0:
            self.delete(key)
            return
        self._connect().execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                                (key, bytes(value), self.clock() + ttl_seconds))
        self._wrote()

    def delete(self, *keys: str) -> None:
        if keys:
            self._connect().execute(f"DELETE FROM entries WHERE key IN ({','.join('?' * len(keys))})", keys)

    def incr(self, key: str, ttl_seconds: int, amount: int = 1) -> int:
        """Increment a counter (creating it at ``amount``, expiring ``ttl_seconds`` after creation)."""
        with self._immediate() as conn:
            now = self.clock()
            row = self._live(conn, key, now)
            if row is None:
                value, expires = amount, now + max(int(ttl_seconds), 1)
            else:
                try:
                    value, expires = int(bytes(row[0])) + amount, row[1]
                except ValueError:
                    raise ValueError(f"cache key {key!r} does not hold an integer") from None
            conn.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", (key, str(value).encode(), expires))
        self._wrote()
        return value

    def _wrote(self) -> None:
        self._writes += 1
        if self._writes % PURGE_EVERY == 0:
            self._connect().execute("DELETE FROM entries WHERE expires <= ?", (self.clock(),))

    def clear_all(self) -> int:
        return self._connect().execute("DELETE FROM entries").rowcount


class SqliteLimitsStorage(Storage):
    """flask-limiter / limits storage over ``SqliteFileCache``: ``planloom+sqlite:///<path>``."""

    STORAGE_SCHEME = ["planloom+sqlite"]

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.cache = SqliteFileCache(uri.split("://", 1)[1])

    @property
    def base_exceptions(self):
        return sqlite3.Error

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        return self.cache.incr(key, expiry, amount)

    def get(self, key: str) -> int:
        value = self.cache.get(key)
        return int(value) if value is not None else 0

    def get_expiry(self, key: str) -> float:
        return self.cache.expiry(key) or self.cache.clock()

    def check(self) -> bool:
        self.cache.get("check")
        return True

    def reset(self) -> int | None:
        return self.cache.clear_all()

    def clear(self, key: str) -> None:
        self.cache.delete(key)
