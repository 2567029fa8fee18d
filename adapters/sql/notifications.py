"""In-app notifications on SQL."""
from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import Connection, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from domain.model.notification import InAppNotification
from ports.repositories import NotificationRepository
from adapters.sql.tables import notifications

_FIELDS = ("id", "user_id", "kind", "title", "body", "data", "dedupe_key", "created_at", "read_at")
CHANNEL = "planloom_notifications"  # PostgreSQL NOTIFY channel: the user id of each new notification


def _entity(row) -> InAppNotification:
    return InAppNotification(**{name: getattr(row, name) for name in _FIELDS})


class SqlNotificationRepository(NotificationRepository):
    def __init__(self, connection: Connection) -> None:
        self.conn = connection

    def add(self, notification: InAppNotification) -> bool:
        dialect = postgresql if self.conn.dialect.name == "postgresql" else sqlite
        values = {name: getattr(notification, name) for name in _FIELDS}
        stmt = dialect.insert(notifications).values(**values).on_conflict_do_nothing(
            index_elements=[notifications.c.user_id, notifications.c.dedupe_key]).returning(notifications.c.id)
        added = self.conn.execute(stmt).first() is not None  # rowcount is not reliable for upserts
        if added and dialect is postgresql:  # delivered to listeners at commit, dropped on rollback
            self.conn.execute(text("SELECT pg_notify(:channel, :user_id)"),
                              {"channel": CHANNEL, "user_id": str(notification.user_id)})
        return added

    def get(self, user_id: UUID, notification_id: UUID) -> InAppNotification | None:
        row = self.conn.execute(select(notifications).where(
            notifications.c.id == notification_id, notifications.c.user_id == user_id)).first()
        return _entity(row) if row else None

    def list(self, user_id: UUID, unread_only: bool, offset: int, limit: int) -> tuple[list[InAppNotification], int]:
        where = [notifications.c.user_id == user_id]
        if unread_only:
            where.append(notifications.c.read_at.is_(None))
        rows = self.conn.execute(select(notifications).where(*where)
                                 .order_by(notifications.c.created_at.desc(), notifications.c.id.desc())
                                 .offset(offset).limit(limit)).all()
        total = self.conn.execute(select(func.count()).select_from(notifications).where(*where)).scalar_one()
        return [_entity(r) for r in rows], total

    def set_read(self, user_id: UUID, notification_id: UUID, read_at: datetime | None) -> bool:
        result = self.conn.execute(update(notifications).where(
            notifications.c.id == notification_id, notifications.c.user_id == user_id).values(read_at=read_at))
        return result.rowcount == 1

    def since(self, user_id: UUID, after: datetime, limit: int) -> list[InAppNotification]:
        rows = self.conn.execute(select(notifications).where(
            notifications.c.user_id == user_id, notifications.c.created_at > after)
            .order_by(notifications.c.created_at, notifications.c.id).limit(limit))
        return [_entity(r) for r in rows]
