"""Preferences as one MongoDB document per user (mongoengine), the production document store."""
from __future__ import annotations

from uuid import UUID

from mongoengine import BooleanField, DictField, Document, IntField, ListField, StringField
from mongoengine.errors import NotUniqueError

from domain.model import Preferences
from adapters.mongo.connection import LazyCollection, database_name  # noqa: F401  (database_name: API)
from ports.preferences import PreferencesStore


class PreferencesDocument(Document):
    """The stored shape: the domain's ``Preferences.to_dict()`` plus the owner's id as a string."""

    user_id = StringField(required=True, unique=True)  # canonical str(UUID)
    timezone = StringField(required=True)
    working_hours = DictField(ListField(ListField(StringField())))
    default_duration_minutes = IntField(required=True)
    buffer_minutes = IntField(required=True)
    daily_cap_minutes = IntField(null=True)
    date_order = StringField(required=True)
    default_time = StringField(default="17:00")  # documents from before the field read as the default
    reminder_lead_minutes = IntField(required=True)
    ask_actual_minutes = BooleanField(default=True)  # documents from before the field read as the default
    notifications = DictField()

    # Never bound to a class-level alias: every query goes through a store's own collection.
    meta = {"collection": "preferences", "auto_create_index": False}


def _to_preferences(document: PreferencesDocument) -> Preferences:
    data = document.to_mongo().to_dict()  # plain dicts and lists, no mongoengine containers
    data.pop("_id", None)
    data.pop("user_id", None)
    return Preferences.from_dict(data)


class MongoPreferencesStore(PreferencesStore):
    def __init__(self, url: str) -> None:
        self._store = LazyCollection(url, PreferencesDocument, "preferences")
        self.url, self.database, self.alias = url, self._store.database, self._store.alias

    def _objects(self):
        return self._store.objects()

    def close(self) -> None:
        """Disconnect this store's alias; a later call connects again."""
        self._store.close()

    # -- the port -----------------------------------------------------------------------------
    def get(self, user_id: UUID) -> Preferences | None:
        document = self._objects().filter(user_id=str(user_id)).first()
        return _to_preferences(document) if document is not None else None

    def put(self, user_id: UUID, preferences: Preferences) -> None:
        updates = {f"set__{name}": value for name, value in preferences.to_dict().items()}
        matching = self._objects().filter(user_id=str(user_id))
        try:
            matching.update_one(upsert=True, **updates)
        except NotUniqueError:
            # Two first-time upserts raced on the unique index; the loser's retry now matches the
            # winner's document and updates it in place.
            matching.update_one(upsert=True, **updates)

    def delete(self, user_id: UUID) -> None:
        self._objects().filter(user_id=str(user_id)).delete()
