"""Routine occurrence records as MongoDB documents (mongoengine), one per occurrence."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable
from uuid import UUID

from mongoengine import Document, StringField

from domain.model.routine import OccurrenceRecord, OccurrenceStatus
from ports.occurrences import OccurrenceLog
from adapters.mongo.connection import LazyCollection


def _utc(value: datetime) -> str:
    """A UTC instant as fixed-width ISO 8601: exact, and string order is time order."""
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


class OccurrenceDocument(Document):
    user_id = StringField(required=True)
    task_id = StringField(required=True)
    occurrence = StringField(required=True)  # local wall time key, YYYY-MM-DDTHH:MM
    at = StringField(required=True)
    status = StringField(required=True)
    recorded_at = StringField(required=True)

    meta = {"collection": "routine_occurrences", "auto_create_index": False,
            "indexes": [{"fields": ["user_id", "task_id", "occurrence"], "unique": True},
                        {"fields": ["user_id", "task_id", "at"]}]}


def _record(doc: OccurrenceDocument) -> OccurrenceRecord:
    return OccurrenceRecord(user_id=UUID(doc.user_id), task_id=UUID(doc.task_id), occurrence=doc.occurrence,
                            at=datetime.fromisoformat(doc.at), status=OccurrenceStatus(doc.status),
                            recorded_at=datetime.fromisoformat(doc.recorded_at))


class MongoOccurrenceLog(OccurrenceLog):
    def __init__(self, url: str) -> None:
        self._store = LazyCollection(url, OccurrenceDocument, "occurrences")

    def _matching(self, user_id: UUID, task_id: UUID, occurrence: str):
        return self._store.objects().filter(user_id=str(user_id), task_id=str(task_id), occurrence=occurrence)

    def put(self, record: OccurrenceRecord) -> None:
        self._matching(record.user_id, record.task_id, record.occurrence).update_one(
            upsert=True, set__at=_utc(record.at), set__status=record.status.value,
            set__recorded_at=_utc(record.recorded_at))

    def get(self, user_id: UUID, task_id: UUID, occurrence: str) -> OccurrenceRecord | None:
        doc = self._matching(user_id, task_id, occurrence).first()
        return _record(doc) if doc is not None else None

    def between(self, user_id: UUID, task_ids: Iterable[UUID], start: datetime,
                end: datetime) -> list[OccurrenceRecord]:
        ids = [str(t) for t in set(task_ids)]
        if not ids:
            return []
        docs = self._store.objects().filter(user_id=str(user_id), task_id__in=ids, at__gte=_utc(start),
                                            at__lt=_utc(end))
        return sorted((_record(d) for d in docs), key=lambda r: (str(r.task_id), r.at))

    def delete(self, user_id: UUID, task_id: UUID, occurrence: str) -> bool:
        return self._matching(user_id, task_id, occurrence).delete() > 0

    def delete_task(self, user_id: UUID, task_id: UUID) -> None:
        self._store.objects().filter(user_id=str(user_id), task_id=str(task_id)).delete()

    def close(self) -> None:
        self._store.close()
