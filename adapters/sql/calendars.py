"""Calendar connections in a SQL table: the shown fields as JSON, the secret encrypted by a SecretCipher; and
the digest of each user's plan-feed token."""
from __future__ import annotations

from datetime import datetime
from typing import Callable
from uuid import UUID

from sqlalchemy import Engine, delete, func, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite

from domain.model.calendar import CalendarConnection
from ports.calendars import CalendarStore, FeedTokenStore, SecretCipher
from adapters.sql.tables import calendar_connections as table
from adapters.sql.tables import calendar_feed_digests as digests
from adapters.sql.tables import calendar_feed_tokens as feed_tokens

_FEED_LOCK = 0x66656564  # "feed": keeps the feed issue lock's keys apart from other advisory locks
CHUNK = 400  # connections named by one UPDATE (two bound values each: under SQLite's old 999-variable cap)


class SqlCalendarStore(CalendarStore):
    def __init__(self, engine: Engine, cipher: SecretCipher) -> None:
        self.engine, self.cipher = engine, cipher

    def _connection(self, row) -> CalendarConnection:
        return CalendarConnection.from_dict(row.data, id=row.id, user_id=row.user_id, created_at=row.created_at,
                                            secret=self.cipher.decrypt(row.secret),
                                            sync_requested_at=row.sync_requested_at)

    def get(self, user_id: UUID, connection_id: UUID) -> CalendarConnection | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(table).where(table.c.id == connection_id, table.c.user_id == user_id)).first()
        return self._connection(row) if row is not None else None

    def list(self, user_id: UUID) -> list[CalendarConnection]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(table).where(table.c.user_id == user_id)
                                .order_by(table.c.created_at, table.c.id)).all()
        return [self._connection(row) for row in rows]

    def put(self, connection: CalendarConnection) -> None:
        values = dict(data=connection.to_dict(), secret=self.cipher.encrypt(connection.secret),
                      last_synced_at=connection.last_synced_at, sync_requested_at=connection.sync_requested_at)
        with self.engine.begin() as conn:
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            upsert = dialect.insert(table).values(id=connection.id, user_id=connection.user_id,
                                                  created_at=connection.created_at, **values)
            # keyed by (user_id, id), as a table sharded by user keeps it: the owner never changes
            conn.execute(upsert.on_conflict_do_update(index_elements=[table.c.user_id, table.c.id], set_=values))

    def update(self, user_id: UUID, connection_id: UUID,
               change: Callable[[CalendarConnection], None]) -> CalendarConnection | None:
        """The row is locked from its read to its write: PostgreSQL ``SELECT ... FOR UPDATE``; SQLite: a
        write as the transaction's first statement takes the database's write lock until the end."""
        mine = (table.c.id == connection_id, table.c.user_id == user_id)
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                row = conn.execute(select(table).where(*mine).with_for_update()).first()
            else:
                conn.execute(update(table).where(*mine).values(id=table.c.id))
                row = conn.execute(select(table).where(*mine)).first()
            if row is None:
                return None
            connection = self._connection(row)
            change(connection)
            conn.execute(update(table).where(*mine).values(
                data=connection.to_dict(), secret=self.cipher.encrypt(connection.secret),
                last_synced_at=connection.last_synced_at, sync_requested_at=connection.sync_requested_at))
        return connection

    def delete(self, user_id: UUID, connection_id: UUID) -> bool:
        with self.engine.begin() as conn:
            return conn.execute(delete(table).where(table.c.id == connection_id,
                                                    table.c.user_id == user_id)).rowcount > 0

    def stale(self, before: datetime, limit: int, *,
              pending_since: datetime | None = None) -> list[tuple[UUID, UUID, datetime | None]]:
        never = table.c.last_synced_at.is_(None)
        stmt = (select(table.c.user_id, table.c.id, table.c.last_synced_at)
                .where(never | (table.c.last_synced_at < before))
                .order_by(never.desc(), table.c.last_synced_at, table.c.id).limit(limit))
        if pending_since is not None:
            requested = table.c.sync_requested_at
            stmt = stmt.where(requested.is_(None) | (requested < pending_since))
        with self.engine.connect() as conn:
            return [(row.user_id, row.id, row.last_synced_at) for row in conn.execute(stmt)]

    def request_sync(self, connections: list[tuple[UUID, UUID]], at: datetime) -> None:
        """One UPDATE per ``CHUNK`` connections, each row named by (user_id, id)."""
        with self.engine.begin() as conn:
            for start in range(0, len(connections), CHUNK):
                chunk = connections[start:start + CHUNK]
                conn.execute(update(table).where(tuple_(table.c.user_id, table.c.id).in_(chunk))
                             .values(sync_requested_at=at))


class SqlFeedTokenStore(FeedTokenStore):
    """``calendar_feed_tokens`` holds each user's live digest; ``calendar_feed_digests`` (keyed by digest,
    written in the same transaction) says whose a digest is, so every statement on the first names the user
    (sharding: deploy/README.md). A digest is only honoured when the user's own row still holds it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @staticmethod
    def _live_digest(conn, user_id: UUID) -> str | None:
        """The user's live digest, read under a lock that makes the user's issues take turns (so none leaves a
        digest row behind). PostgreSQL: a transaction-scoped advisory lock keyed by the user (the user's
        first issue has no row to lock). SQLite: a write first takes the database's write lock now."""
        mine = feed_tokens.c.user_id == user_id
        if conn.dialect.name == "postgresql":
            key = int.from_bytes(user_id.bytes[:4], "big", signed=True)
            conn.execute(select(func.pg_advisory_xact_lock(_FEED_LOCK, key)))
            return conn.execute(select(feed_tokens.c.digest).where(mine)).scalar()
        return conn.execute(update(feed_tokens).where(mine).values(digest=feed_tokens.c.digest)
                            .returning(feed_tokens.c.digest)).scalar()

    def issue(self, user_id: UUID, digest: str, now: datetime) -> None:
        with self.engine.begin() as conn:
            live = self._live_digest(conn, user_id)
            if live is not None:
                conn.execute(delete(digests).where(digests.c.digest == live))
            conn.execute(digests.insert().values(digest=digest, user_id=user_id))
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            upsert = dialect.insert(feed_tokens).values(user_id=user_id, digest=digest, issued_at=now)
            conn.execute(upsert.on_conflict_do_update(index_elements=[feed_tokens.c.user_id],
                                                      set_=dict(digest=digest, issued_at=now)))

    def revoke(self, user_id: UUID) -> bool:
        with self.engine.begin() as conn:
            live = conn.execute(delete(feed_tokens).where(feed_tokens.c.user_id == user_id)
                                .returning(feed_tokens.c.digest)).scalar()
            if live is not None:
                conn.execute(delete(digests).where(digests.c.digest == live))
            return live is not None

    def owner(self, digest: str) -> UUID | None:
        with self.engine.connect() as conn:
            user_id = conn.execute(select(digests.c.user_id).where(digests.c.digest == digest)).scalar()
            if user_id is None:
                return None
            return conn.execute(select(feed_tokens.c.user_id).where(
                feed_tokens.c.user_id == user_id, feed_tokens.c.digest == digest)).scalar()

    def issued_at(self, user_id: UUID) -> datetime | None:
        with self.engine.connect() as conn:
            return conn.execute(select(feed_tokens.c.issued_at).where(feed_tokens.c.user_id == user_id)).scalar()
