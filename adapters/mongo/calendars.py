"""Calendar connections as MongoDB documents (mongoengine): the shown fields, and the secret encrypted by a
SecretCipher."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable
from uuid import UUID

from mongoengine import DictField, Document, IntField, StringField
from mongoengine.queryset.visitor import Q

from domain.model.calendar import CalendarConnection
from ports.calendars import CalendarStore, FeedTokenStore, SecretCipher
from adapters.mongo.connection import LazyCollection


UPDATE_TRIES = 50
CHUNK = 500  # connections marked by one update


class CalendarConnectionDocument(Document):
    connection_id = StringField(required=True, unique=True)  # canonical str(UUID)
    user_id = StringField(required=True)
    data = DictField()
    secret = StringField(required=True)        # encrypted
    created_at = StringField(required=True)  # fixed-width UTC ISO 8601 (_stamp): exact, sorts as text
    last_synced_at = StringField(null=True)
    sync_requested_at = StringField(null=True)  # _stamp: the periodic sync's pending request (cleared by a sync)
    version = IntField(null=True)  # bumped by every write: ``update``'s compare-and-set (absent: never updated)

    meta = {"collection": "calendar_connections", "auto_create_index": False,
            "indexes": [("user_id", "created_at"), "last_synced_at"]}


_STAMP = "%Y-%m-%dT%H:%M:%S.%fZ"


def _stamp(value: datetime | None) -> str | None:
    return value.astimezone(timezone.utc).strftime(_STAMP) if value is not None else None


def _instant(value: str) -> datetime:
    return datetime.strptime(value, _STAMP).replace(tzinfo=timezone.utc)


class MongoCalendarStore(CalendarStore):
    def __init__(self, url: str, cipher: SecretCipher) -> None:
        self._store = LazyCollection(url, CalendarConnectionDocument, "calendars")
        self.cipher = cipher

    def close(self) -> None:
        self._store.close()

    def _connection(self, document: CalendarConnectionDocument) -> CalendarConnection:
        data = dict(document.data)
        return CalendarConnection.from_dict(
            data, id=UUID(document.connection_id), user_id=UUID(document.user_id),
            created_at=_instant(document.created_at), secret=self.cipher.decrypt(document.secret),
            sync_requested_at=_instant(document.sync_requested_at) if document.sync_requested_at else None)

    def get(self, user_id: UUID, connection_id: UUID) -> CalendarConnection | None:
        document = self._store.objects().filter(connection_id=str(connection_id), user_id=str(user_id)).first()
        return self._connection(document) if document is not None else None

    def list(self, user_id: UUID) -> list[CalendarConnection]:
        documents = self._store.objects().filter(user_id=str(user_id)).order_by("created_at", "connection_id")
        return [self._connection(d) for d in documents]

    def put(self, connection: CalendarConnection) -> None:
        # the owner is part of the match: an id of another user's connection updates nothing (and the
        # unique connection_id refuses the insert the upsert would try)
        self._store.objects().filter(connection_id=str(connection.id), user_id=str(connection.user_id)).update_one(
            upsert=True, set__data=connection.to_dict(), set__secret=self.cipher.encrypt(connection.secret),
            set__created_at=_stamp(connection.created_at), set__last_synced_at=_stamp(connection.last_synced_at),
            set__sync_requested_at=_stamp(connection.sync_requested_at), inc__version=1)

    def update(self, user_id: UUID, connection_id: UUID,
               change: Callable[[CalendarConnection], None]) -> CalendarConnection | None:
        """Compare-and-set on the document's ``version``: a write made since the read makes the set match
        nothing, and the change is made again on what is stored now."""
        mine = dict(connection_id=str(connection_id), user_id=str(user_id))
        for _ in range(UPDATE_TRIES):
            document = self._store.objects().filter(**mine).first()
            if document is None:
                return None
            connection = self._connection(document)
            change(connection)
            if self._store.objects().filter(**mine, version=document.version).update_one(
                    set__data=connection.to_dict(), set__secret=self.cipher.encrypt(connection.secret),
                    set__last_synced_at=_stamp(connection.last_synced_at),
                    set__sync_requested_at=_stamp(connection.sync_requested_at), inc__version=1):
                return connection
        raise RuntimeError(f"calendar connection {connection_id}: still changing after {UPDATE_TRIES} tries")

    def delete(self, user_id: UUID, connection_id: UUID) -> bool:
        return self._store.objects().filter(connection_id=str(connection_id), user_id=str(user_id)).delete() > 0

    def stale(self, before: datetime, limit: int, *,
              pending_since: datetime | None = None) -> list[tuple[UUID, UUID, datetime | None]]:
        wanted = Q(last_synced_at=None) | Q(last_synced_at__lt=_stamp(before))
        if pending_since is not None:
            wanted &= Q(sync_requested_at=None) | Q(sync_requested_at__lt=_stamp(pending_since))
        documents = (self._store.objects().filter(wanted)
                     .order_by("last_synced_at", "connection_id").limit(limit))  # BSON sorts null first
        return [(UUID(d.user_id), UUID(d.connection_id),
                 _instant(d.last_synced_at) if d.last_synced_at else None) for d in documents]

    def request_sync(self, connections: list[tuple[UUID, UUID]], at: datetime) -> None:
        """One update per ``CHUNK`` connections. ``version`` stays as it is: an ``update`` under way keeps its
        compare-and-set (at worst a sync finishing at that moment drops the mark, and the connection, synced
        just now, is not due anyway)."""
        for start in range(0, len(connections), CHUNK):
            chunk = connections[start:start + CHUNK]
            named = [{"connection_id": str(connection_id), "user_id": str(user_id)} for user_id, connection_id in chunk]
            self._store.objects().filter(__raw__={"$or": named}).update(set__sync_requested_at=_stamp(at))


class FeedTokenDocument(Document):
    user_id = StringField(required=True, unique=True)
    digest = StringField(required=True, unique=True)  # SHA-256 hex of the token; never the token
    issued_at = StringField(required=True)            # _stamp

    meta = {"collection": "calendar_feed_tokens", "auto_create_index": False}


class MongoFeedTokenStore(FeedTokenStore):
    def __init__(self, url: str) -> None:
        self._store = LazyCollection(url, FeedTokenDocument, "calendar feed tokens")

    def close(self) -> None:
        self._store.close()

    def issue(self, user_id: UUID, digest: str, now: datetime) -> None:
        self._store.objects().filter(user_id=str(user_id)).update_one(
            upsert=True, set__digest=digest, set__issued_at=_stamp(now))

    def revoke(self, user_id: UUID) -> bool:
        return self._store.objects().filter(user_id=str(user_id)).delete() > 0

    def owner(self, digest: str) -> UUID | None:
        document = self._store.objects().filter(digest=digest).first()
        return UUID(document.user_id) if document is not None else None

    def issued_at(self, user_id: UUID) -> datetime | None:
        document = self._store.objects().filter(user_id=str(user_id)).first()
        return _instant(document.issued_at) if document is not None else None
