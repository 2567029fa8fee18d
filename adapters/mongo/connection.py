"""A lazily connected mongoengine collection per store instance.

Each store owns a private connection alias, opened on first use, so several stores (and several
servers) can live in one process. Nothing connects at import or construction time.
"""
from __future__ import annotations

import threading
import uuid
from urllib.parse import unquote, urlsplit

import mongoengine
from mongoengine import Document
from mongoengine.connection import get_db
from mongoengine.queryset import QuerySet

DEFAULT_DATABASE = "planloom"
SERVER_SELECTION_TIMEOUT_MS = 3000


def database_name(url: str) -> str:
    """The database named in the URL path (``mongodb://host/name``), else ``planloom``. No DNS, no I/O."""
    return unquote(urlsplit(url).path.lstrip("/")) or DEFAULT_DATABASE


class LazyCollection:
    def __init__(self, url: str, document: type[Document], name: str) -> None:
        self.url = url
        self.document = document
        self.database = database_name(url)
        self.alias = f"planloom-{name}-{uuid.uuid4().hex}"
        self._lock = threading.Lock()
        self._collection = None

    def objects(self) -> QuerySet:
        """A queryset over this store's collection; connects and ensures indexes on first use."""
        collection = self._collection
        if collection is None:
            with self._lock:
                if self._collection is None:
                    mongoengine.connect(db=self.database, alias=self.alias, host=self.url,
                                        serverSelectionTimeoutMS=SERVER_SELECTION_TIMEOUT_MS,
                                        uuidRepresentation="standard")
                    try:
                        collection = get_db(self.alias)[self.document._get_collection_name()]
                        self._ensure_indexes(collection)
                    except BaseException:
                        mongoengine.disconnect(self.alias)
                        raise
                    self._collection = collection
                collection = self._collection
        return QuerySet(self.document, collection)

    def raw(self):
        """The pymongo collection under ``objects()`` (for bulk writes mongoengine has no verb for)."""
        return self.objects()._collection

    def _ensure_indexes(self, collection) -> None:
        """The document's declared indexes, created if missing."""
        for spec in self.document._meta["index_specs"]:
            options = dict(spec)
            collection.create_index(options.pop("fields"), **options)

    def close(self) -> None:
        """Disconnect this store's alias; a later call connects again."""
        with self._lock:
            self._collection = None
            mongoengine.disconnect(self.alias)
