"""In-memory preferences, token and idempotency stores, and a settable clock."""
from __future__ import annotations

import copy
import threading
from datetime import datetime, timedelta, timezone
from typing import Any, Callable
from uuid import UUID

from adapters.memory.database import MemoryDatabase

from domain.model import Preferences
from domain.model.learning import UserModel
from ports.clock import Clock
from ports.idempotency import PENDING, IdempotencyStore, StoredResponse
from ports.outbox import Outbox, OutboxMessage
from ports.model_store import CategoriserStore, ModelStore
from ports.preferences import PreferencesStore
from ports.token_store import RefreshOutcome, RefreshUse, TokenStore


class FixedClock(Clock):
    """A clock for tests: it stands still until told to move."""

    def __init__(self, now: datetime | None = None) -> None:
        self._now = now or datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = now

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)


class MemoryPreferencesStore(PreferencesStore):
    def __init__(self) -> None:
        self._docs: dict[UUID, Preferences] = {}

    def get(self, user_id: UUID) -> Preferences | None:
        return copy.deepcopy(self._docs.get(user_id))

    def put(self, user_id: UUID, preferences: Preferences) -> None:
        self._docs[user_id] = copy.deepcopy(preferences)

    def delete(self, user_id: UUID) -> None:
        self._docs.pop(user_id, None)


class MemoryTokenStore(TokenStore):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[str, dict] = {}
        self._families: dict[str, dict] = {}

    def record_refresh(self, jti: str, family_id: str, user_id: UUID, expires_at: datetime) -> None:
        with self._lock:
            self._families.setdefault(family_id, {"user_id": user_id, "revoked_at": None})
            self._tokens[jti] = {"family_id": family_id, "user_id": user_id, "expires_at": expires_at, "used_at": None}

    def use_refresh(self, jti: str, now: datetime) -> RefreshUse:
        with self._lock:
            token = self._tokens.get(jti)
            if token is None or token["expires_at"] <= now:
                return RefreshUse(RefreshOutcome.UNKNOWN)
            family, user_id = token["family_id"], token["user_id"]
            if self._families[family]["revoked_at"] is not None:
                return RefreshUse(RefreshOutcome.REVOKED, family, user_id)
            if token["used_at"] is not None:
                return RefreshUse(RefreshOutcome.REUSED, family, user_id)
            token["used_at"] = now
            return RefreshUse(RefreshOutcome.OK, family, user_id)

    def revoke_family(self, family_id: str, now: datetime) -> None:
        with self._lock:
            family = self._families.get(family_id)
            if family is not None and family["revoked_at"] is None:
                family["revoked_at"] = now

    def family_owner(self, family_id: str) -> UUID | None:
        family = self._families.get(family_id)
        return None if family is None or family["revoked_at"] is not None else family["user_id"]

    def revoke_user(self, user_id: UUID, now: datetime) -> None:
        with self._lock:
            for family in self._families.values():
                if family["user_id"] == user_id and family["revoked_at"] is None:
                    family["revoked_at"] = now

    def purge_expired(self, now: datetime) -> int:
        with self._lock:
            gone = [jti for jti, t in self._tokens.items() if t["expires_at"] <= now]
            for jti in gone:
                del self._tokens[jti]
            return len(gone)


class MemoryIdempotencyStore(IdempotencyStore):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[tuple[UUID, str], tuple[StoredResponse, datetime]] = {}

    def get(self, user_id: UUID, key: str, now: datetime) -> StoredResponse | None:
        entry = self._entries.get((user_id, key))
        return entry[0] if entry is not None and entry[1] > now else None

    def claim(self, user_id: UUID, key: str, request_hash: str, now: datetime,
              expires_at: datetime) -> StoredResponse | None:
        with self._lock:
            held = self.get(user_id, key, now)
            if held is not None:
                return held
            self._entries[(user_id, key)] = (StoredResponse(request_hash, PENDING, "", {}), expires_at)
            return None

    def complete(self, user_id: UUID, key: str, response: StoredResponse, expires_at: datetime) -> None:
        with self._lock:
            self._entries[(user_id, key)] = (response, expires_at)

    def release(self, user_id: UUID, key: str) -> None:
        with self._lock:
            entry = self._entries.get((user_id, key))
            if entry is not None and entry[0].pending:
                del self._entries[(user_id, key)]


class MemoryOutbox(Outbox):
    """The outbox of a MemoryDatabase: what its units of work committed."""

    def __init__(self, database: MemoryDatabase) -> None:
        self.database = database

    def relay_batch(self, limit: int, publish: Callable[[list[OutboxMessage]], None], now: datetime) -> int:
        with self.database.lock:
            state = self.database.state
            batch = [m for m in state.outbox if m.id not in state.published][:limit]
            if batch:
                publish(batch)
                state.published.update((m.id, now) for m in batch)
            return len(batch)

    def purge_published(self, before: datetime) -> int:
        with self.database.lock:
            state = self.database.state
            old = {i for i, at in state.published.items() if at < before}
            state.outbox[:] = [m for m in state.outbox if m.id not in old]
            for message_id in old:
                del state.published[message_id]
            return len(old)

    def pending_count(self) -> int:
        state = self.database.state
        return sum(1 for m in state.outbox if m.id not in state.published)

    def oldest_pending(self) -> datetime | None:
        state = self.database.state
        return min((m.occurred_at for m in state.outbox if m.id not in state.published), default=None)


class MemoryModelStore(ModelStore):
    def __init__(self) -> None:
        self._models: dict[UUID, UserModel] = {}

    def get(self, user_id: UUID) -> UserModel | None:
        return copy.deepcopy(self._models.get(user_id))

    def put(self, model: UserModel) -> None:
        self._models[model.user_id] = copy.deepcopy(model)


class MemoryCategoriserStore(CategoriserStore):
    def __init__(self) -> None:
        self._models: dict[UUID, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def get_categoriser(self, user_id: UUID) -> dict[str, Any] | None:
        return copy.deepcopy(self._models.get(user_id))

    def put_categoriser(self, user_id: UUID, data: dict[str, Any]) -> None:
        self._models[user_id] = copy.deepcopy(data)

    def update_categoriser(self, user_id: UUID, change) -> dict[str, Any]:
        with self._lock:
            data = change(copy.deepcopy(self._models.get(user_id)))
            self._models[user_id] = copy.deepcopy(data)
            return data
