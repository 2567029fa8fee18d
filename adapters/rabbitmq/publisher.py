"""Publish outbox messages: persistent, and on RabbitMQ confirmed by the broker before returning."""
from __future__ import annotations

import json
import logging
import threading
from datetime import datetime, timezone

from kombu import Connection

from ports.event_publisher import EventPublisher
from ports.outbox import OutboxMessage
from adapters.rabbitmq.topology import EVENTS

log = logging.getLogger(__name__)


def connect(url: str) -> Connection:
    options = {"confirm_publish": True} if url.startswith(("amqp", "pyamqp")) else {}
    return Connection(url, transport_options=options, connect_timeout=5, heartbeat=0)


class KombuPublisher(EventPublisher):
    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.Lock()
        self._connection: Connection | None = None
        self._producer = None

    def _ensure(self):
        if self._connection is None:
            self._connection = connect(self.url)
            self._producer = self._connection.Producer(serializer="json")
            EVENTS(self._connection.default_channel).declare()
        return self._producer

    def publish(self, messages: list[OutboxMessage]) -> None:
        with self._lock:
            try:
                producer = self._ensure()
                published_at = datetime.now(timezone.utc).isoformat()  # every message here is committed
                for message in messages:
                    producer.publish(
                        json.dumps(message.payload), exchange=EVENTS, routing_key=message.name,
                        content_type="application/json", content_encoding="utf-8", delivery_mode=2,
                        message_id=str(message.id), type=message.name,
                        headers={"occurred_at": message.occurred_at.isoformat(), "published_at": published_at,
                                 "x-attempt": 1},
                        retry=False,
                    )
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
