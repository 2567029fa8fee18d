"""Routine occurrence records in memory (records are frozen: no copy needed to keep them apart)."""
from __future__ import annotations

import threading
from datetime import datetime
from typing import Iterable
from uuid import UUID

from domain.model.routine import OccurrenceRecord
from ports.occurrences import OccurrenceLog


class MemoryOccurrenceLog(OccurrenceLog):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: dict[tuple[UUID, UUID, str], OccurrenceRecord] = {}

    def put(self, record: OccurrenceRecord) -> None:
        with self._lock:
            self._records[(record.user_id, record.task_id, record.occurrence)] = record

    def get(self, user_id: UUID, task_id: UUID, occurrence: str) -> OccurrenceRecord | None:
        return self._records.get((user_id, task_id, occurrence))

    def between(self, user_id: UUID, task_ids: Iterable[UUID], start: datetime,
                end: datetime) -> list[OccurrenceRecord]:
        wanted = set(task_ids)
        with self._lock:
            found = [r for (u, t, _), r in self._records.items() if u == user_id and t in wanted and start <= r.at < end]
        return sorted(found, key=lambda r: (str(r.task_id), r.at))

    def delete(self, user_id: UUID, task_id: UUID, occurrence: str) -> bool:
        with self._lock:
            return self._records.pop((user_id, task_id, occurrence), None) is not None

    def delete_task(self, user_id: UUID, task_id: UUID) -> None:
        with self._lock:
            for key in [k for k in self._records if k[0] == user_id and k[1] == task_id]:
                del self._records[key]
