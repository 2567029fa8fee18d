"""Idempotency keys on SQL; the primary key (user_id, key) settles concurrent claims: each claim is
its own transaction, so a duplicate sees it (or waits on the row lock) while the request runs."""
from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from ports.idempotency import PENDING, IdempotencyStore, StoredResponse
from adapters.sql.tables import idempotency_keys as keys


class SqlIdempotencyStore(IdempotencyStore):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _mine(self, user_id: UUID, key: str):
        return (keys.c.user_id == user_id) & (keys.c.key == key)

    def get(self, user_id: UUID, key: str, now: datetime) -> StoredResponse | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(keys).where(self._mine(user_id, key), keys.c.expires_at > now)).first()
        if row is None:
            return None
        return StoredResponse(row.request_hash, row.status, row.body, dict(row.headers))

    def claim(self, user_id: UUID, key: str, request_hash: str, now: datetime,
              expires_at: datetime) -> StoredResponse | None:
        values = {"user_id": user_id, "key": key, "request_hash": request_hash, "status": PENDING, "body": "",
                  "headers": {}, "expires_at": expires_at}
        try:
            with self.engine.begin() as conn:
                # an expired entry (or a lapsed claim) frees the key: clear it first
                conn.execute(delete(keys).where(self._mine(user_id, key), keys.c.expires_at <= now))
                conn.execute(insert(keys).values(**values))
        except IntegrityError:
            held = self.get(user_id, key, now)
            # gone between the insert and the read (completed and expired, or released): a stand-in
            # pending entry makes the caller wait or retry rather than run without a claim
            return held if held is not None else StoredResponse(request_hash, PENDING, "", {})
        return None

    def complete(self, user_id: UUID, key: str, response: StoredResponse, expires_at: datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(keys).where(self._mine(user_id, key)).values(
                request_hash=response.request_hash, status=response.status, body=response.body,
                headers=response.headers, expires_at=expires_at))

    def release(self, user_id: UUID, key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(keys).where(self._mine(user_id, key), keys.c.status == PENDING))
