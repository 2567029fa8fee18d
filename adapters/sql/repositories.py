"""Users, categories, tags and time blocks on SQL."""
from __future__ import annotations

from datetime import datetime
from typing import Iterable
from uuid import UUID

from sqlalchemy import Connection, delete, func, insert, select, update

from domain.errors import StaleVersion
from domain.model import BusyTime, Category, PlanSummary, Role, Tag, TimeBlock, User
from ports import repositories as ports
from adapters.sql.tables import busy_times, categories, plans, tags, tasks, time_blocks, user_emails, users
from adapters.sql.task_repository import rewrite_tag_name

_PLAN_LOCK = 0x706C616E  # "plan": keeps the planning lock's keys apart from other advisory locks
_USER_COLUMNS = ("email", "password_hash", "display_name", "timezone", "is_active", "created_at", "version")


def _user(row) -> User:
    return User(id=row.id, role=Role(row.role), **{name: getattr(row, name) for name in _USER_COLUMNS})


class SqlUserRepository(ports.UserRepository):
    """Users by id; an e-mail address names its user through ``user_emails`` (keyed by the address, written
    with the user's row), so no statement on ``users`` goes without the id (sharding: deploy/README.md)."""

    def __init__(self, connection: Connection) -> None:
        super().__init__()
        self.conn = connection
        self._loaded: dict[UUID, tuple[int, str]] = {}  # version and e-mail address as read

    def _add(self, user: User) -> None:
        self.conn.execute(insert(users).values(id=user.id, role=user.role.value,
                                               **{name: getattr(user, name) for name in _USER_COLUMNS}))
        # the address's key: a second account with it, even one being added at this moment, stops here
        self.conn.execute(insert(user_emails).values(email=user.email, user_id=user.id))
        self._loaded[user.id] = (user.version, user.email)

    def _get(self, user_id: UUID) -> User | None:
        row = self.conn.execute(select(users).where(users.c.id == user_id)).first()
        return self._track(row)

    def _get_by_email(self, email: str) -> User | None:
        user_id = self.conn.execute(select(user_emails.c.user_id).where(user_emails.c.email == email)).scalar()
        return self._get(user_id) if user_id is not None else None

    def _track(self, row) -> User | None:
        if row is None:
            return None
        self._loaded[row.id] = (row.version, row.email)
        return _user(row)

    def list(self, offset: int, limit: int) -> tuple[list[User], int]:
        rows = self.conn.execute(select(users).order_by(users.c.created_at, users.c.id).offset(offset).limit(limit))
        total = self.conn.execute(select(func.count()).select_from(users)).scalar_one()
        return [_user(row) for row in rows], total

    def flush(self) -> None:
        for user in self.seen:
            values = {name: getattr(user, name) for name in _USER_COLUMNS} | {"role": user.role.value}
            if user.id in self._loaded and user.version != self._loaded[user.id][0]:
                version, email = self._loaded[user.id]
                result = self.conn.execute(update(users).where(
                    users.c.id == user.id, users.c.version == version).values(**values))
                if result.rowcount != 1:
                    raise StaleVersion("the account was changed concurrently; try again")
                if user.email != email:  # the lookup follows the address
                    self.conn.execute(delete(user_emails).where(user_emails.c.email == email))
                    self.conn.execute(insert(user_emails).values(email=user.email, user_id=user.id))
                self._loaded[user.id] = (user.version, user.email)


class SqlCategoryRepository(ports.CategoryRepository):
    def __init__(self, connection: Connection) -> None:
        self.conn = connection

    @staticmethod
    def _entity(row) -> Category:
        return Category(id=row.id, user_id=row.user_id, name=row.name, color=row.color, created_at=row.created_at)

    def add(self, category: Category) -> None:
        values = {"name": category.name, "name_key": category.name.lower(), "color": category.color}
        result = self.conn.execute(update(categories).where(
            categories.c.id == category.id, categories.c.user_id == category.user_id).values(**values))
        if result.rowcount == 0:
            self.conn.execute(insert(categories).values(
                id=category.id, user_id=category.user_id, created_at=category.created_at, **values))

    def get(self, user_id: UUID, category_id: UUID) -> Category | None:
        row = self.conn.execute(select(categories).where(
            categories.c.id == category_id, categories.c.user_id == user_id)).first()
        return self._entity(row) if row else None

    def get_by_name(self, user_id: UUID, name: str) -> Category | None:
        row = self.conn.execute(select(categories).where(
            categories.c.user_id == user_id, categories.c.name_key == name.strip().lower())).first()
        return self._entity(row) if row else None

    def list(self, user_id: UUID) -> list[Category]:
        rows = self.conn.execute(select(categories).where(categories.c.user_id == user_id)
                                 .order_by(categories.c.name_key, categories.c.id))
        return [self._entity(row) for row in rows]

    def delete(self, category: Category) -> None:
        # Its tasks lose it first: the key from tasks names (user_id, category_id), on which Citus allows no
        # ON DELETE SET NULL (migration 0024).
        self.conn.execute(update(tasks).where(tasks.c.user_id == category.user_id, tasks.c.category_id == category.id)
                          .values(category_id=None))
        self.conn.execute(delete(categories).where(
            categories.c.id == category.id, categories.c.user_id == category.user_id))


class SqlTagRepository(ports.TagRepository):
    def __init__(self, connection: Connection) -> None:
        self.conn = connection

    @staticmethod
    def _entity(row) -> Tag:
        return Tag(id=row.id, user_id=row.user_id, name=row.name, created_at=row.created_at)

    def add(self, tag: Tag) -> None:
        stored = self.get(tag.user_id, tag.id)
        if stored is not None and stored.name != tag.name:
            rewrite_tag_name(self.conn, tag.user_id, tag.id, stored.name, tag.name)
        result = self.conn.execute(update(tags).where(tags.c.id == tag.id, tags.c.user_id == tag.user_id)
                                   .values(name=tag.name))
        if result.rowcount == 0:
            self.conn.execute(insert(tags).values(id=tag.id, user_id=tag.user_id, name=tag.name,
                                                  created_at=tag.created_at))

    def get(self, user_id: UUID, tag_id: UUID) -> Tag | None:
        row = self.conn.execute(select(tags).where(tags.c.id == tag_id, tags.c.user_id == user_id)).first()
        return self._entity(row) if row else None

    def get_by_names(self, user_id: UUID, names: Iterable[str]) -> list[Tag]:
        names = list(names)
        if not names:
            return []
        rows = self.conn.execute(select(tags).where(tags.c.user_id == user_id, tags.c.name.in_(names)))
        return [self._entity(row) for row in rows]

    def list(self, user_id: UUID) -> list[Tag]:
        rows = self.conn.execute(select(tags).where(tags.c.user_id == user_id).order_by(tags.c.name))
        return [self._entity(row) for row in rows]

    def delete(self, tag: Tag) -> None:
        stored = self.get(tag.user_id, tag.id)
        if stored is not None:
            rewrite_tag_name(self.conn, tag.user_id, tag.id, stored.name, None)
        self.conn.execute(delete(tags).where(tags.c.id == tag.id, tags.c.user_id == tag.user_id))


class SqlBlockRepository(ports.BlockRepository):
    def __init__(self, connection: Connection) -> None:
        self.conn = connection

    @staticmethod
    def _entity(row) -> TimeBlock:
        return TimeBlock(id=row.id, user_id=row.user_id, task_id=row.task_id, start=row.start, end=row.end,
                         pinned=row.pinned, reason=row.reason)

    def list(self, user_id: UUID, start: datetime | None = None, end: datetime | None = None) -> list[TimeBlock]:
        stmt = select(time_blocks).where(time_blocks.c.user_id == user_id)
        if start is not None:
            stmt = stmt.where(time_blocks.c.end > start)
        if end is not None:
            stmt = stmt.where(time_blocks.c.start < end)
        return [self._entity(row) for row in self.conn.execute(stmt.order_by(time_blocks.c.start, time_blocks.c.id))]

    def replace(self, user_id: UUID, blocks: list[TimeBlock]) -> None:
        self.conn.execute(delete(time_blocks).where(time_blocks.c.user_id == user_id))
        if blocks:
            self.conn.execute(insert(time_blocks), [self._row(b) for b in blocks])

    def get(self, user_id: UUID, block_id: UUID) -> TimeBlock | None:
        row = self.conn.execute(select(time_blocks).where(
            time_blocks.c.id == block_id, time_blocks.c.user_id == user_id)).first()
        return self._entity(row) if row else None

    def save(self, block: TimeBlock) -> None:
        row = self._row(block)
        result = self.conn.execute(update(time_blocks).where(
            time_blocks.c.id == block.id, time_blocks.c.user_id == block.user_id).values(**row))
        if result.rowcount == 0:
            self.conn.execute(insert(time_blocks).values(**row))

    @staticmethod
    def _row(block: TimeBlock) -> dict:
        return {"id": block.id, "user_id": block.user_id, "task_id": block.task_id, "start": block.start,
                "end": block.end, "pinned": block.pinned, "reason": block.reason}


class SqlPlanRepository(ports.PlanRepository):
    def __init__(self, connection: Connection) -> None:
        self.conn = connection

    def get(self, user_id: UUID) -> PlanSummary | None:
        row = self.conn.execute(select(plans).where(plans.c.user_id == user_id)).first()
        if row is None:
            return None
        return PlanSummary(user_id=row.user_id, computed_at=row.computed_at, **row.data)

    def save(self, summary: PlanSummary) -> None:
        data = {"unscheduled": summary.unscheduled, "lateness": summary.lateness,
                "shortfalls": summary.shortfalls, "metrics": summary.metrics, "cleared": summary.cleared}
        updated = self.conn.execute(update(plans).where(plans.c.user_id == summary.user_id)
                                    .values(computed_at=summary.computed_at, data=data))
        if updated.rowcount == 0:
            self.conn.execute(insert(plans).values(user_id=summary.user_id, computed_at=summary.computed_at, data=data))

    def lock(self, user_id: UUID) -> None:
        """PostgreSQL: a transaction-scoped advisory lock keyed on the user (no row needs to exist
        yet, and other writers of the user's rows are not held up). SQLite: a write as the
        transaction's first statement takes the database's write lock until the end (a second
        writer waits for it, up to the busy timeout)."""
        if self.conn.dialect.name == "postgresql":
            key = int.from_bytes(user_id.bytes[:8], "big", signed=True) ^ _PLAN_LOCK
            self.conn.execute(select(func.pg_advisory_xact_lock(key)))
        else:
            self.conn.execute(update(plans).where(plans.c.user_id == user_id).values(user_id=user_id))


_BUSY = ("id", "user_id", "start", "end", "title", "source", "connection_id", "external_id")
_DELETE_CHUNK = 500  # ids per DELETE ... IN (...): well under SQLite's bound-parameter limit


class SqlBusyRepository(ports.BusyRepository):
    def __init__(self, connection: Connection) -> None:
        self.conn = connection

    def add(self, busy: BusyTime) -> None:
        self.conn.execute(insert(busy_times).values(**{name: getattr(busy, name) for name in _BUSY}))

    def get(self, user_id: UUID, busy_id: UUID) -> BusyTime | None:
        row = self.conn.execute(select(busy_times).where(busy_times.c.id == busy_id,
                                                         busy_times.c.user_id == user_id)).first()
        return BusyTime(**{name: getattr(row, name) for name in _BUSY}) if row else None

    def list(self, user_id: UUID, start: datetime | None = None, end: datetime | None = None) -> list[BusyTime]:
        stmt = select(busy_times).where(busy_times.c.user_id == user_id)
        if start is not None:
            stmt = stmt.where(busy_times.c.end > start)
        if end is not None:
            stmt = stmt.where(busy_times.c.start < end)
        rows = self.conn.execute(stmt.order_by(busy_times.c.start, busy_times.c.id))
        return [BusyTime(**{name: getattr(row, name) for name in _BUSY}) for row in rows]

    def delete(self, busy: BusyTime) -> None:
        self.conn.execute(delete(busy_times).where(busy_times.c.id == busy.id, busy_times.c.user_id == busy.user_id))

    def for_connection(self, user_id: UUID, connection_id: UUID) -> list[BusyTime]:
        rows = self.conn.execute(select(busy_times).where(busy_times.c.user_id == user_id,
                                                          busy_times.c.connection_id == connection_id))
        return [BusyTime(**{name: getattr(row, name) for name in _BUSY}) for row in rows]

    def delete_connection(self, user_id: UUID, connection_id: UUID) -> int:
        return self.conn.execute(delete(busy_times).where(busy_times.c.user_id == user_id,
                                                          busy_times.c.connection_id == connection_id)).rowcount

    def add_many(self, items: list[BusyTime]) -> None:
        if items:  # one executemany: the driver batches it (psycopg pipelines, sqlite3 loops in C)
            self.conn.execute(insert(busy_times), [{name: getattr(b, name) for name in _BUSY} for b in items])

    def delete_many(self, items: list[BusyTime]) -> None:
        by_user: dict[UUID, list[UUID]] = {}
        for busy in items:
            by_user.setdefault(busy.user_id, []).append(busy.id)
        for user_id, ids in by_user.items():
            for at in range(0, len(ids), _DELETE_CHUNK):
                self.conn.execute(delete(busy_times).where(busy_times.c.user_id == user_id,
                                                           busy_times.c.id.in_(ids[at:at + _DELETE_CHUNK])))
