"""Build an Engine from a URL, tuned per dialect. Called lazily by the container, never at import.

A PostgreSQL that stops answering must not hold a request for as long as it hangs: the connection
attempt has a deadline (libpq ``connect_timeout``), a checkout waits at most ``pool_timeout`` for a
free connection, and every statement is cancelled by the server after ``statement_timeout_ms``
(0 turns a limit off; migrations run without a statement limit)."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from adapters.sql.private_files import private_file


def normalise_url(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def postgres_connect_args(connect_timeout: float, statement_timeout_ms: int) -> dict:
    """libpq parameters: a connect deadline (whole seconds, at least 2: libpq's floor), TCP keepalives
    so a peer that vanished is noticed, and server-side limits on statements and idle transactions."""
    args: dict = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3}
    if connect_timeout:
        args["connect_timeout"] = max(2, int(round(connect_timeout)))
    if statement_timeout_ms:
        idle_ms = max(statement_timeout_ms * 2, 60_000)
        args["options"] = (f"-c statement_timeout={int(statement_timeout_ms)} "
                           f"-c idle_in_transaction_session_timeout={idle_ms}")
    return args


def make_engine(url: str, *, pool_size: int = 10, echo: bool = False, connect_timeout: float = 10.0,
                pool_timeout: float = 30.0, statement_timeout_ms: int = 0, poolclass=None) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:" and "///" in url:
            private_file(Path(path))
        extra = {"poolclass": poolclass} if poolclass else {}
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30}, **extra)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    connect_args = postgres_connect_args(connect_timeout, statement_timeout_ms)
    if poolclass is not None:
        return create_engine(url, echo=echo, poolclass=poolclass, connect_args=connect_args)
    # No pool_pre_ping: it costs a "SELECT 1" round trip on every checkout (two per API request).
    # A connection the server dropped fails one request and SQLAlchemy then invalidates the pool;
    # pool_recycle retires connections before PostgreSQL / a proxy idles them out.
    return create_engine(url, echo=echo, pool_size=pool_size, max_overflow=pool_size, pool_recycle=1800,
                         pool_timeout=pool_timeout, connect_args=connect_args)
