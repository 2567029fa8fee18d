"""Stored responses of POSTs that carried an Idempotency-Key."""
from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class StoredResponse:
    request_hash: str
    status: int
    body: str
    headers: dict[str, str]


class IdempotencyStore(abc.ABC):
    @abc.abstractmethod
    def get(self, user_id: UUID, key: str, now: datetime) -> StoredResponse | None:
        """The live stored response for this user's key, or None (absent or expired)."""

    @abc.abstractmethod
    def put(self, user_id: UUID, key: str, response: StoredResponse, now: datetime, expires_at: datetime) -> bool:
        """Store it unless a live one exists; False when another request stored first."""
