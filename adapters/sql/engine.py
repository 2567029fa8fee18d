"""Build an Engine from a URL, tuned per dialect. Called lazily by the container, never at import."""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event


def normalise_url(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def private_dir(path: Path) -> None:
    """Create ``path`` (and missing parents) for this user only (0700); an existing folder is left as is."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir(mode=0o700, exist_ok=True)


def _private_sqlite_file(path: Path) -> None:
    """Create the database file 0600 before SQLite does (it would use 0644 under a usual umask);
    SQLite gives its -wal and -shm files the database file's mode."""
    private_dir(path.parent)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def make_engine(url: str, *, pool_size: int = 10, echo: bool = False) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:" and "///" in url:
            _private_sqlite_file(Path(path))
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    # No pool_pre_ping: it costs a "SELECT 1" round trip on every checkout (two per API request).
    # A connection the server dropped fails one request and SQLAlchemy then invalidates the pool;
    # pool_recycle retires connections before PostgreSQL / a proxy idles them out.
    return create_engine(url, echo=echo, pool_size=pool_size, max_overflow=pool_size, pool_recycle=1800)
