"""Wake-ups for the notification streams from PostgreSQL: every new notification is announced with
``NOTIFY planloom_notifications, '<user id>'`` in the transaction that stores it (``SqlNotificationRepository``),
so every process listening learns of it at commit, whichever process wrote it (a consumer in
``planloom worker``, a job, a request)."""
from __future__ import annotations

import logging
import time
import uuid

import psycopg
from sqlalchemy.engine import make_url

from adapters.sql.notifications import CHANNEL

log = logging.getLogger("planloom.streams")


class PostgresNotificationListener:
    """``wait(timeout)`` returns the users notified meanwhile. A lost connection is opened again on
    the next call (after a pause); while it is away, ``wait`` just waits (the hub's sweep goes on)."""

    def __init__(self, url: str, connect_timeout: float = 5.0, retry_seconds: float = 5.0) -> None:
        parsed = make_url(url).set(drivername="postgresql")
        self.dsn = parsed.render_as_string(hide_password=False)
        self.connect_timeout, self.retry_seconds = connect_timeout, retry_seconds
        self._conn: psycopg.Connection | None = None
        self._failed_at = 0.0

    def _connection(self) -> psycopg.Connection | None:
        if self._conn is not None and not self._conn.closed:
            return self._conn
        if time.monotonic() - self._failed_at < self.retry_seconds:
            return None
        try:
            self._conn = psycopg.connect(self.dsn, autocommit=True, connect_timeout=max(2, int(self.connect_timeout)))
            self._conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            self._failed_at, self._conn = time.monotonic(), None
            log.warning("notification streams: cannot LISTEN on PostgreSQL (%s); polling only", exc)
        return self._conn

    def wait(self, timeout: float) -> set[uuid.UUID]:
        conn = self._connection()
        if conn is None:
            time.sleep(timeout)
            return set()
        users: set[uuid.UUID] = set()
        try:
            # Back at the first one (so it is delivered at once), with whatever else is already here.
            for batch in (conn.notifies(timeout=timeout, stop_after=1), conn.notifies(timeout=0.01)):
                for notify in batch:
                    try:
                        users.add(uuid.UUID(notify.payload))
                    except ValueError:
                        continue
        except psycopg.Error as exc:
            log.warning("notification streams: LISTEN connection lost (%s)", exc)
            self.close()
            self._failed_at = time.monotonic()
        return users

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None
