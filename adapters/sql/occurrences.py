"""Routine occurrence records in a SQL table (the embedded default document store)."""
from __future__ import annotations

from datetime import datetime
from typing import Iterable
from uuid import UUID

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from domain.model.routine import OccurrenceRecord, OccurrenceStatus
from ports.occurrences import OccurrenceLog
from adapters.sql.tables import routine_occurrences as table

_KEY = ("user_id", "task_id", "occurrence")


def _record(row) -> OccurrenceRecord:
    return OccurrenceRecord(user_id=row.user_id, task_id=row.task_id, occurrence=row.occurrence, at=row.at,
                            status=OccurrenceStatus(row.status), recorded_at=row.recorded_at)


class SqlOccurrenceLog(OccurrenceLog):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def put(self, record: OccurrenceRecord) -> None:
        values = {"user_id": record.user_id, "task_id": record.task_id, "occurrence": record.occurrence,
                  "at": record.at, "status": record.status.value, "recorded_at": record.recorded_at}
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        upsert = dialect.insert(table).values(**values)
        changes = {name: values[name] for name in ("at", "status", "recorded_at")}
        with self.engine.begin() as conn:
            conn.execute(upsert.on_conflict_do_update(index_elements=[table.c[k] for k in _KEY], set_=changes))

    def get(self, user_id: UUID, task_id: UUID, occurrence: str) -> OccurrenceRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(table).where(table.c.user_id == user_id, table.c.task_id == task_id,
                                                   table.c.occurrence == occurrence)).first()
        return _record(row) if row else None

    def between(self, user_id: UUID, task_ids: Iterable[UUID], start: datetime,
                end: datetime) -> list[OccurrenceRecord]:
        ids = sorted(set(task_ids), key=str)
        if not ids:
            return []
        found: list[OccurrenceRecord] = []
        with self.engine.connect() as conn:
            for index in range(0, len(ids), 500):  # bounded IN lists
                rows = conn.execute(select(table).where(table.c.user_id == user_id,
                                                        table.c.task_id.in_(ids[index:index + 500]),
                                                        table.c.at >= start, table.c.at < end))
                found.extend(_record(r) for r in rows)
        return sorted(found, key=lambda r: (str(r.task_id), r.at))

    def delete(self, user_id: UUID, task_id: UUID, occurrence: str) -> bool:
        with self.engine.begin() as conn:
            gone = conn.execute(delete(table).where(table.c.user_id == user_id, table.c.task_id == task_id,
                                                    table.c.occurrence == occurrence))
        return gone.rowcount > 0

    def delete_task(self, user_id: UUID, task_id: UUID) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(table).where(table.c.user_id == user_id, table.c.task_id == task_id))
