"""Each person's fine-tuned language model, and their image categoriser, as one MongoDB document each
(mongoengine)."""
from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from mongoengine import DictField, Document, IntField, StringField
from pymongo.errors import DuplicateKeyError

from domain.model.learning import UserModel
from ports.model_store import CategoriserStore, ModelStore
from adapters.mongo.connection import LazyCollection

_FIELDS = ("base_model", "job_id", "status", "fine_tuned_model", "error", "updated_at", "month", "jobs_in_month")


class ModelDocument(Document):
    user_id = StringField(required=True, unique=True)
    base_model = StringField(required=True)
    job_id = StringField(required=True)
    status = StringField(required=True)
    fine_tuned_model = StringField(null=True)
    error = StringField(null=True)
    updated_at = StringField(required=True)  # ISO 8601 with offset: exact, and portable across servers
    month = StringField(default="")  # YYYY-MM that jobs_in_month counts (the fine-tuning quota)
    jobs_in_month = IntField(default=0)

    meta = {"collection": "ai_models", "auto_create_index": False}


class MongoModelStore(ModelStore):
    def __init__(self, url: str) -> None:
        self._store = LazyCollection(url, ModelDocument, "models")

    def get(self, user_id: UUID) -> UserModel | None:
        document = self._store.objects().filter(user_id=str(user_id)).first()
        if document is None:
            return None
        values = {name: getattr(document, name) for name in _FIELDS}
        values["updated_at"] = datetime.fromisoformat(values["updated_at"])
        return UserModel(user_id=user_id, **values)

    def put(self, model: UserModel) -> None:
        updates = {f"set__{name}": getattr(model, name) for name in _FIELDS}
        updates["set__updated_at"] = model.updated_at.isoformat()
        self._store.objects().filter(user_id=str(model.user_id)).update_one(upsert=True, **updates)

    def close(self) -> None:
        self._store.close()


UPDATE_TRIES = 50


class CategoriserDocument(Document):
    user_id = StringField(required=True, unique=True)
    data = DictField(required=True)
    version = IntField(null=True)  # bumped by every ``update_categoriser`` (compare-and-set; absent: never)

    meta = {"collection": "image_categorisers", "auto_create_index": False}


class MongoCategoriserStore(CategoriserStore):
    def __init__(self, url: str) -> None:
        self._store = LazyCollection(url, CategoriserDocument, "categorisers")

    def get_categoriser(self, user_id: UUID) -> dict[str, Any] | None:
        document = self._store.objects().filter(user_id=str(user_id)).first()
        return dict(document.data) if document is not None else None

    def put_categoriser(self, user_id: UUID, data: dict[str, Any]) -> None:
        self._store.objects().filter(user_id=str(user_id)).update_one(upsert=True, set__data=data, inc__version=1)

    def update_categoriser(self, user_id: UUID, change) -> dict[str, Any]:
        """Compare-and-set on ``version``: a write made since the read makes the set match nothing (or, for a
        person without a categoriser, the insert meet the unique index), and the change is made again."""
        for _ in range(UPDATE_TRIES):
            document = self._store.objects().filter(user_id=str(user_id)).first()
            data = change(dict(document.data) if document is not None else None)
            if document is None:
                try:
                    self._store.raw().insert_one({"user_id": str(user_id), "data": data, "version": 1})
                    return data
                except DuplicateKeyError:
                    continue
            if self._store.objects().filter(user_id=str(user_id), version=document.version).update_one(
                    set__data=data, inc__version=1):
                return data
        raise RuntimeError(f"the categoriser of {user_id}: still changing after {UPDATE_TRIES} tries")

    def close(self) -> None:
        self._store.close()
