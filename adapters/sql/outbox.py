"""The outbox relay's side of the table, and the consumers' inbox."""
from __future__ import annotations

from datetime import datetime
from typing import Callable
from uuid import UUID

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ports.outbox import Inbox, Outbox, OutboxMessage
from adapters.sql.tables import inbox, outbox


def write_messages(conn: Connection, messages: list[OutboxMessage]) -> None:
    if messages:
        conn.execute(insert(outbox), [
            {"id": m.id, "name": m.name, "payload": m.payload, "occurred_at": m.occurred_at,
             "request_id": m.request_id} for m in messages
        ])


class SqlOutbox(Outbox):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def relay_batch(self, limit: int, publish: Callable[[list[OutboxMessage]], None], now: datetime) -> int:
        with self.engine.begin() as conn:
            rows = conn.execute(
                select(outbox).where(outbox.c.published_at.is_(None))
                .order_by(outbox.c.occurred_at, outbox.c.id).limit(limit)
                .with_for_update(skip_locked=True)
            ).all()
            if not rows:
                return 0
            messages = [OutboxMessage(r.id, r.name, r.payload, r.occurred_at, request_id=r.request_id)
                        for r in rows]
            publish(messages)  # raises unless the broker confirmed: then the transaction rolls back
            conn.execute(update(outbox).where(outbox.c.id.in_([m.id for m in messages])).values(published_at=now))
            return len(messages)

    def purge_published(self, before: datetime) -> int:
        with self.engine.begin() as conn:
            return conn.execute(delete(outbox).where(outbox.c.published_at < before)).rowcount

    def pending_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(outbox)
                                .where(outbox.c.published_at.is_(None))).scalar_one()

    def oldest_pending(self) -> datetime | None:
        with self.engine.connect() as conn:  # ix_outbox_pending: (published_at, occurred_at) answers it
            return conn.execute(select(func.min(outbox.c.occurred_at))
                                .where(outbox.c.published_at.is_(None))).scalar_one()


class SqlInbox(Inbox):
    def __init__(self, connection: Connection) -> None:
        self.conn = connection

    def claim(self, consumer: str, message_id: UUID, now: datetime) -> bool:
        dialect = postgresql if self.conn.dialect.name == "postgresql" else sqlite
        stmt = dialect.insert(inbox).values(consumer=consumer, message_id=message_id, processed_at=now)
        inserted = self.conn.execute(stmt.on_conflict_do_nothing().returning(inbox.c.message_id)).first()
        return inserted is not None  # rowcount is -1 for INSERT .. ON CONFLICT on psycopg
