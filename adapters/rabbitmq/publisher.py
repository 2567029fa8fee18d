"""Publish outbox messages: persistent, and on RabbitMQ confirmed by the broker before returning."""
from __future__ import annotations

import json
import logging
import socket
import threading
import time
from datetime import datetime, timezone

from kombu import Connection

from ports.event_publisher import EventPublisher
from ports.outbox import OutboxMessage
from adapters.rabbitmq.topology import EVENTS, declare_all

log = logging.getLogger(__name__)
CONFIRM_TIMEOUT = 10.0


class NotConfirmed(ConnectionError):
    """The broker refused (nack) or did not confirm a batch in time: the relay keeps it pending."""


def connect(url: str) -> Connection:
    options = {"confirm_publish": True} if url.startswith(("amqp", "pyamqp")) else {}
    return Connection(url, transport_options=options, connect_timeout=5, heartbeat=0)


class KombuPublisher(EventPublisher):
    def __init__(self, url: str, consumers: dict[str, list[str]] | None = None) -> None:
        self.url = url
        self.consumers = consumers or {}  # queue name -> routing keys, declared before publishing
        self.confirms = url.startswith(("amqp", "pyamqp"))
        self._lock = threading.Lock()
        self._connection: Connection | None = None
        self._producer = None
        self._sent = self._acked = 0
        self._nacked = False

    def _ensure(self):
        if self._connection is None:
            # Confirms are awaited once per batch (publish()), not once per message: a round trip per
            # message caps the relay at a few hundred events/s.
            self._connection = Connection(self.url, connect_timeout=5, heartbeat=0)
            channel = self._connection.default_channel
            declare_all(channel, self.consumers)
            self._producer = self._connection.Producer(channel, serializer="json")
            if self.confirms:
                channel.confirm_select()
                channel.events["basic_ack"].add(self._on_ack)
                channel.events["basic_nack"].add(self._on_nack)
                self._sent = self._acked = 0
        return self._producer

    def _on_ack(self, delivery_tag: int, multiple: bool) -> None:
        self._acked = max(self._acked, delivery_tag)

    def _on_nack(self, delivery_tag: int, multiple: bool) -> None:
        self._nacked = True

    def _await_confirms(self) -> None:
        deadline = time.monotonic() + CONFIRM_TIMEOUT
        while self._acked < self._sent and not self._nacked:
            left = deadline - time.monotonic()
            if left <= 0:
                raise NotConfirmed(f"{self._sent - self._acked} message(s) not confirmed in {CONFIRM_TIMEOUT}s")
            try:
                self._connection.drain_events(timeout=min(left, 1.0))
            except socket.timeout:
                continue
        if self._nacked:
            raise NotConfirmed("the broker refused (nack) a message of the batch")

    def publish(self, messages: list[OutboxMessage]) -> None:
        with self._lock:
            try:
                producer = self._ensure()
                published_at = datetime.now(timezone.utc).isoformat()  # every message here is committed
                self._nacked = False
                for message in messages:
                    producer.publish(
                        json.dumps(message.payload), exchange=EVENTS, routing_key=message.name,
                        content_type="application/json", content_encoding="utf-8", delivery_mode=2,
                        message_id=str(message.id), type=message.name,
                        headers={"occurred_at": message.occurred_at.isoformat(), "published_at": published_at,
                                 "x-attempt": 1, **({"request_id": message.request_id} if message.request_id else {})},
                        retry=False,
                    )
                    self._sent += 1
                if self.confirms:
                    self._await_confirms()
            except Exception:
                self._reset()
                raise

    def _reset(self) -> None:
        if self._connection is not None:
            try:
                self._connection.release()
            except Exception:  # the connection is already broken; nothing more to release
                log.debug("release failed", exc_info=True)
        self._connection = self._producer = None

    def close(self) -> None:
        with self._lock:
            self._reset()
