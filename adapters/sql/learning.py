"""Quick-add readings and per-user models on SQL."""
from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from domain.model.learning import QuickAddRecord, UserModel
from ports.model_store import CategoriserStore, ModelStore
from ports.repositories import QuickAddRepository
from adapters.sql.tables import ai_models, image_categorisers, quick_adds

_FIELDS = ("id", "user_id", "task_id", "text", "draft", "created_at", "corrected", "corrected_at", "produced")


def _record(row) -> QuickAddRecord:
    return QuickAddRecord(**{name: getattr(row, name) for name in _FIELDS})


class SqlQuickAddRepository(QuickAddRepository):
    def __init__(self, connection: Connection) -> None:
        self.conn = connection

    def add(self, record: QuickAddRecord) -> None:
        self.conn.execute(insert(quick_adds).values(**{name: getattr(record, name) for name in _FIELDS}))

    def save(self, record: QuickAddRecord) -> None:
        self.conn.execute(update(quick_adds).where(quick_adds.c.id == record.id, quick_adds.c.user_id == record.user_id)
                          .values(corrected=record.corrected, corrected_at=record.corrected_at))

    def for_task(self, user_id: UUID, task_id: UUID) -> QuickAddRecord | None:
        row = self.conn.execute(select(quick_adds).where(quick_adds.c.user_id == user_id,
                                                         quick_adds.c.task_id == task_id)).first()
        return _record(row) if row else None

    def corrected(self, user_id: UUID, limit: int) -> list[QuickAddRecord]:
        rows = self.conn.execute(select(quick_adds).where(quick_adds.c.user_id == user_id,
                                                          quick_adds.c.corrected_at.is_not(None))
                                 .order_by(quick_adds.c.created_at, quick_adds.c.id).limit(limit))
        return [_record(r) for r in rows]

    def page(self, user_id: UUID, offset: int, limit: int) -> list[QuickAddRecord]:
        rows = self.conn.execute(select(quick_adds).where(quick_adds.c.user_id == user_id)
                                 .order_by(quick_adds.c.created_at, quick_adds.c.id).offset(offset).limit(limit))
        return [_record(r) for r in rows]


class SqlModelStore(ModelStore):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, user_id: UUID) -> UserModel | None:
        with self.engine.connect() as conn:
            data = conn.execute(select(ai_models.c.data).where(ai_models.c.user_id == user_id)).scalar()
        if data is None:
            return None
        return UserModel(user_id=user_id, updated_at=datetime.fromisoformat(data.pop("updated_at")), **data)

    def put(self, model: UserModel) -> None:
        data = {"base_model": model.base_model, "job_id": model.job_id, "status": model.status,
                "fine_tuned_model": model.fine_tuned_model, "error": model.error,
                "updated_at": model.updated_at.isoformat(), "month": model.month,
                "jobs_in_month": model.jobs_in_month}
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        stmt = dialect.insert(ai_models).values(user_id=model.user_id, data=data)
        with self.engine.begin() as conn:
            conn.execute(stmt.on_conflict_do_update(index_elements=[ai_models.c.user_id], set_={"data": data}))


class SqlCategoriserStore(CategoriserStore):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get_categoriser(self, user_id: UUID) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return conn.execute(select(image_categorisers.c.data)
                                .where(image_categorisers.c.user_id == user_id)).scalar()

    def put_categoriser(self, user_id: UUID, data: dict[str, Any]) -> None:
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        stmt = dialect.insert(image_categorisers).values(user_id=user_id, data=data)
        with self.engine.begin() as conn:
            conn.execute(stmt.on_conflict_do_update(index_elements=[image_categorisers.c.user_id], set_={"data": data}))

    def update_categoriser(self, user_id: UUID, change) -> dict[str, Any]:
        """The row is locked from its read to its write: an empty one is inserted first when there is none
        (``ON CONFLICT DO NOTHING``: on SQLite that write takes the database's write lock until the end), then
        read ``FOR UPDATE`` on PostgreSQL. A change that fails rolls the empty row back too."""
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        mine = image_categorisers.c.user_id == user_id
        with self.engine.begin() as conn:
            conn.execute(dialect.insert(image_categorisers).values(user_id=user_id, data={})
                         .on_conflict_do_nothing(index_elements=[image_categorisers.c.user_id]))
            read = select(image_categorisers.c.data).where(mine)
            stored = conn.execute(read.with_for_update() if dialect is postgresql else read).scalar()
            data = change(stored or None)
            conn.execute(update(image_categorisers).where(mine).values(data=data))
        return data
