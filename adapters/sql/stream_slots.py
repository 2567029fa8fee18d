"""Stream slots in the SQLite file the processes of one host share without Redis (``<data>/ratelimits.db``,
beside the rate-limit counters): each acquire is one ``BEGIN IMMEDIATE`` transaction, so two processes
never both take a user's last slot."""
from __future__ import annotations

import uuid
from typing import Iterable
from uuid import UUID

from ports.stream_slots import StreamLease, StreamSlots
from adapters.sql.file_cache import SqliteFile


class SqliteStreamSlots(SqliteFile, StreamSlots):
    SCHEMA = (
        "CREATE TABLE IF NOT EXISTS stream_leases (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires REAL NOT NULL)",
        "CREATE INDEX IF NOT EXISTS ix_stream_leases_user ON stream_leases (user_id)",
    )

    def acquire(self, user_id: UUID, limit: int, ttl_seconds: float) -> StreamLease | None:
        with self._immediate() as conn:
            now = self.clock()
            conn.execute("DELETE FROM stream_leases WHERE expires <= ?", (now,))  # lapsed: their process died
            held = conn.execute("SELECT count(*) FROM stream_leases WHERE user_id = ?", (str(user_id),)).fetchone()[0]
            if held >= limit:
                return None
            lease = StreamLease(user_id, uuid.uuid4().hex)
            conn.execute("INSERT INTO stream_leases VALUES (?, ?, ?)", (lease.id, str(user_id), now + ttl_seconds))
        return lease

    def refresh(self, leases: Iterable[StreamLease], ttl_seconds: float) -> None:
        rows = [(lease.id, str(lease.user_id), self.clock() + ttl_seconds) for lease in leases]
        if rows:
            with self._immediate() as conn:
                conn.executemany("INSERT OR REPLACE INTO stream_leases VALUES (?, ?, ?)", rows)

    def release(self, lease: StreamLease) -> None:
        self._connect().execute("DELETE FROM stream_leases WHERE id = ?", (lease.id,))
