"""Image records as MongoDB documents (mongoengine): the shown fields beside the owner and upload time."""
from __future__ import annotations

from datetime import datetime, timezone
from uuid import UUID

from mongoengine import DictField, Document, StringField

from domain.model.image import ImageRecord
from ports.images import ImageStore
from adapters.mongo.connection import LazyCollection

_STAMP = "%Y-%m-%dT%H:%M:%S.%fZ"


class ImageDocument(Document):
    image_id = StringField(required=True, unique=True)  # canonical str(UUID)
    user_id = StringField(required=True)
    created_at = StringField(required=True)  # fixed-width UTC ISO 8601: exact, sorts as text
    data = DictField()

    meta = {"collection": "images", "auto_create_index": False, "indexes": [("user_id", "-created_at")]}


def _record(document: ImageDocument) -> ImageRecord:
    return ImageRecord.from_dict(dict(document.data), id=UUID(document.image_id), user_id=UUID(document.user_id),
                                 created_at=datetime.strptime(document.created_at, _STAMP).replace(tzinfo=timezone.utc))


class MongoImageStore(ImageStore):
    def __init__(self, url: str) -> None:
        self._store = LazyCollection(url, ImageDocument, "images")

    def close(self) -> None:
        self._store.close()

    def get(self, user_id: UUID, image_id: UUID) -> ImageRecord | None:
        document = self._store.objects().filter(image_id=str(image_id), user_id=str(user_id)).first()
        return _record(document) if document is not None else None

    def list(self, user_id: UUID, limit: int) -> list[ImageRecord]:
        documents = self._store.objects().filter(user_id=str(user_id)).order_by("-created_at", "-image_id")
        return [_record(d) for d in documents.limit(limit)]

    def count(self, user_id: UUID) -> int:
        return self._store.objects().filter(user_id=str(user_id)).count()

    def put(self, record: ImageRecord) -> None:
        # the owner is part of the match: another user's id updates nothing (the unique image_id refuses the insert)
        stamp = record.created_at.astimezone(timezone.utc).strftime(_STAMP)
        self._store.objects().filter(image_id=str(record.id), user_id=str(record.user_id)).update_one(
            upsert=True, set__data=record.to_dict(), set__created_at=stamp)

    def delete(self, user_id: UUID, image_id: UUID) -> bool:
        return self._store.objects().filter(image_id=str(image_id), user_id=str(user_id)).delete() > 0

    def blob_names(self, after: UUID | None, limit: int) -> list[tuple[UUID, str]]:
        # the whole data projected: a nested projection ("data.blob_name") is not served by every compatible
        # server (nx-27017 leaves it out)
        query = {} if after is None else {"image_id": {"$gt": str(after)}}
        found = self._store.raw().find(query, {"_id": 0, "image_id": 1, "data": 1})
        return [(UUID(row["image_id"]), row["data"]["blob_name"]) for row in found.sort("image_id", 1).limit(limit)]
