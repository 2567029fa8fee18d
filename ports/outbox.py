"""The transactional outbox and the consumers' inbox (messages already processed)."""
from __future__ import annotations

import abc
import logging
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


def tell_given_up(given_up: Callable[[OutboxMessage, str], None] | None, name: str, message: OutboxMessage,
                  exc: Exception) -> None:
    """Run a consumer's ``given_up`` for ``message`` (it gave up on it: its last attempt failed with ``exc``);
    a failure of it is logged, never raised."""
    if given_up is None:
        return
    try:
        given_up(message, str(exc) or type(exc).__name__)
    except Exception as failure:  # the message is dead-lettered whatever happens here
        logging.getLogger(__name__).error("consumer %s: telling that %s was given up failed: %r", name, message.id,
                                          failure)
