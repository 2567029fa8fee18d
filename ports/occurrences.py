"""What people did with the occurrences of their routines (a document store: SQL embedded, MongoDB in
production). One record per (user, routine, occurrence); writing one again replaces it."""
from __future__ import annotations

import abc
from datetime import datetime
from typing import Iterable
from uuid import UUID

from domain.model.routine import OccurrenceRecord


class OccurrenceLog(abc.ABC):
    @abc.abstractmethod
    def put(self, record: OccurrenceRecord) -> None:
        """Store ``record``, replacing the one of the same occurrence."""

    @abc.abstractmethod
    def get(self, user_id: UUID, task_id: UUID, occurrence: str) -> OccurrenceRecord | None: ...

    @abc.abstractmethod
    def between(self, user_id: UUID, task_ids: Iterable[UUID], start: datetime,
                end: datetime) -> list[OccurrenceRecord]:
        """The records of these routines whose occurrence lies in [start, end), by routine and time."""

    @abc.abstractmethod
    def delete(self, user_id: UUID, task_id: UUID, occurrence: str) -> bool:
        """Forget one record; whether there was one."""

    @abc.abstractmethod
    def delete_task(self, user_id: UUID, task_id: UUID) -> None:
        """Forget every record of a routine (it was deleted)."""
