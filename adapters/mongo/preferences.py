"""Preferences as one MongoDB document per user (mongoengine), the production document store.

Each store owns a private mongoengine connection alias, opened on first use, so several stores
(and several servers) can live in one process. Nothing connects at import or construction time.
"""
from __future__ import annotations

import threading
import uuid
from urllib.parse import unquote, urlsplit
from uuid import UUID

import mongoengine
from mongoengine import DictField, Document, IntField, ListField, StringField
from mongoengine.connection import get_db
from mongoengine.errors import NotUniqueError
from mongoengine.queryset import QuerySet

from domain.model import Preferences
from ports.preferences import PreferencesStore

DEFAULT_DATABASE = "planloom"
SERVER_SELECTION_TIMEOUT_MS = 3000


class PreferencesDocument(Document):
    """The stored shape: the domain's ``Preferences.to_dict()`` plus the owner's id as a string."""

    user_id = StringField(required=True, unique=True)  # canonical str(UUID)
    timezone = StringField(required=True)
    working_hours = DictField(ListField(ListField(StringField())))
    default_duration_minutes = IntField(required=True)
    buffer_minutes = IntField(required=True)
    daily_cap_minutes = IntField(null=True)
    date_order = StringField(required=True)
    reminder_lead_minutes = IntField(required=True)
    notifications = DictField()

    # Never bound to a class-level alias: every query goes through a store's own collection.
    meta = {"collection": "preferences", "auto_create_index": False}


def database_name(url: str) -> str:
    """The database named in the URL path (``mongodb://host/name``), else ``planloom``. No DNS, no I/O."""
    return unquote(urlsplit(url).path.lstrip("/")) or DEFAULT_DATABASE


def _to_preferences(document: PreferencesDocument) -> Preferences:
    data = document.to_mongo().to_dict()  # plain dicts and lists, no mongoengine containers
    data.pop("_id", None)
    data.pop("user_id", None)
    return Preferences.from_dict(data)


class MongoPreferencesStore(PreferencesStore):
    def __init__(self, url: str) -> None:
        self.url = url
        self.database = database_name(url)
        self.alias = f"planloom-preferences-{uuid.uuid4().hex}"
        self._lock = threading.Lock()
        self._collection = None

    # -- connection ---------------------------------------------------------------------------
    def _objects(self) -> QuerySet:
        """A queryset over this store's collection; connects and ensures indexes on first use."""
        collection = self._collection
        if collection is None:
            with self._lock:
                if self._collection is None:
                    mongoengine.connect(db=self.database, alias=self.alias, host=self.url,
                                        serverSelectionTimeoutMS=SERVER_SELECTION_TIMEOUT_MS,
                                        uuidRepresentation="standard")
                    try:
                        collection = get_db(self.alias)[PreferencesDocument._get_collection_name()]
                        self._ensure_indexes(collection)
                    except BaseException:
                        mongoengine.disconnect(self.alias)
                        raise
                    self._collection = collection
                collection = self._collection
        return QuerySet(PreferencesDocument, collection)

    @staticmethod
    def _ensure_indexes(collection) -> None:
        """The document's declared indexes (the unique ``user_id``), created if missing."""
        for spec in PreferencesDocument._meta["index_specs"]:
            options = dict(spec)
            collection.create_index(options.pop("fields"), **options)

    def close(self) -> None:
        """Disconnect this store's alias; a later call connects again."""
        with self._lock:
            self._collection = None
            mongoengine.disconnect(self.alias)

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
