"""The transactional outbox and the consumers' inbox (messages already processed)."""
from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import datetime
from typing import Callable
from uuid import UUID


@dataclass(frozen=True)
class OutboxMessage:
    id: UUID
    name: str          # the event type, also the routing key
    payload: dict
    occurred_at: datetime
    published_at: datetime | None = None  # set by the consumer side: when the relay handed it over
    request_id: str | None = None  # the request that caused it (ports.telemetry.REQUEST_ID), for tracing


class Outbox(abc.ABC):
    """Events written in the same transaction as the change that caused them, waiting to be published."""

    @abc.abstractmethod
    def relay_batch(self, limit: int, publish: Callable[[list[OutboxMessage]], None], now: datetime) -> int:
        """Take up to ``limit`` of the oldest unpublished messages, hand them to ``publish`` and mark them
        published, in one transaction: if ``publish`` raises, they stay pending. Concurrent relays never
        take the same messages. Returns how many were published."""

    @abc.abstractmethod
    def pending_count(self) -> int: ...

    @abc.abstractmethod
    def oldest_pending(self) -> datetime | None:
        """When the oldest message still waiting occurred (None: none waits): the relay's lag."""

    @abc.abstractmethod
    def purge_published(self, before: datetime) -> int: ...


class Inbox(abc.ABC):
    """What each consumer has already processed; claimed inside the unit of work that does the work."""

    @abc.abstractmethod
    def claim(self, consumer: str, message_id: UUID, now: datetime) -> bool:
        """True the first time; False when this consumer already processed the message."""
