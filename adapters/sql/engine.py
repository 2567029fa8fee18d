"""Build an Engine from a URL, tuned per dialect. Called lazily by the container, never at import."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event


def normalise_url(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str, *, pool_size: int = 10, echo: bool = False) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
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
