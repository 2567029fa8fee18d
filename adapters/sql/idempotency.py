"""Idempotency keys on SQL; the primary key (user_id, key) settles concurrent first uses."""
from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError

from ports.idempotency import IdempotencyStore, StoredResponse
from adapters.sql.tables import idempotency_keys as keys


class SqlIdempotencyStore(IdempotencyStore):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, user_id: UUID, key: str, now: datetime) -> StoredResponse | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(keys).where(keys.c.user_id == user_id, keys.c.key == key,
                                                  keys.c.expires_at > now)).first()
        if row is None:
            return None
        return StoredResponse(row.request_hash, row.status, row.body, dict(row.headers))

    def put(self, user_id: UUID, key: str, response: StoredResponse, now: datetime, expires_at: datetime) -> bool:
        values = {"user_id": user_id, "key": key, "request_hash": response.request_hash, "status": response.status,
                  "body": response.body, "headers": response.headers, "expires_at": expires_at}
        try:
            with self.engine.begin() as conn:
                # an expired key may be reused: clear it first
                conn.execute(delete(keys).where(keys.c.user_id == user_id, keys.c.key == key,
                                                keys.c.expires_at <= now))
                conn.execute(insert(keys).values(**values))
        except IntegrityError:
            return False
        return True
