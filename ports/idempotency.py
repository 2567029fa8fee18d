"""Stored responses of POSTs that carried an Idempotency-Key, claimed before the request runs."""
from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

PENDING = 0  # the status of a claimed key whose request is still running


@dataclass(frozen=True)
class StoredResponse:
    request_hash: str
    status: int
    body: str
    headers: dict[str, str]

    @property
    def pending(self) -> bool:
        return self.status == PENDING


class IdempotencyStore(abc.ABC):
    """A key goes: claimed (a pending entry, its own short-lived transaction) -> completed with the
    response, or released when the run failed. A claim whose process died lapses at its expiry."""

    @abc.abstractmethod
    def get(self, user_id: UUID, key: str, now: datetime) -> StoredResponse | None:
        """The live entry for this user's key (pending or completed), or None (absent or expired)."""

    @abc.abstractmethod
    def claim(self, user_id: UUID, key: str, request_hash: str, now: datetime,
              expires_at: datetime) -> StoredResponse | None:
        """Atomically take the key: None when this caller now holds it (and must run the request);
        otherwise the live entry another request holds (``pending``) or completed."""

    @abc.abstractmethod
    def complete(self, user_id: UUID, key: str, response: StoredResponse, expires_at: datetime) -> None:
        """Store the response of the claimed key, kept until ``expires_at``."""

    @abc.abstractmethod
    def release(self, user_id: UUID, key: str) -> None:
        """Give up a claim (the run failed); a completed entry stays."""
