"""Consume one queue: manual ack after the handler's work is committed, bounded retries with backoff,
then the dead-letter queue. The handler must be idempotent (the inbox makes it so).

An error whose ``permanent`` attribute is true (the domain's NotFound, ValidationError...) would fail
the same way on every retry: the message is acknowledged at once and counted in ``rejected``.

``given_up(message, reason)``, when given, runs before a message is dead-lettered after its last attempt,
so what waited on it can be told (an image stays ``pending`` otherwise); its own failure is only logged."""
from __future__ import annotations

import json
import logging
import socket
import threading
import time
from datetime import datetime, timezone
from typing import Callable
from uuid import UUID

from kombu import Producer

from ports.outbox import OutboxMessage, tell_given_up
from ports.telemetry import Telemetry
from adapters.rabbitmq.publisher import connect
from adapters.rabbitmq.topology import DEAD, RETRY, dead_queue, retry_queue, work_queue

log = logging.getLogger(__name__)
DEFAULT_BACKOFF = (1.0, 5.0, 30.0, 120.0)


def _decode(body, message) -> OutboxMessage:
    props, headers = message.properties, message.headers or {}
    payload = json.loads(body) if isinstance(body, (str, bytes)) else body
    if not isinstance(payload, dict):
        raise ValueError("payload is not an object")
    name = props.get("type") or message.delivery_info.get("routing_key")
    now = datetime.now(timezone.utc)
    occurred = datetime.fromisoformat(headers["occurred_at"]) if "occurred_at" in headers else now
    published = datetime.fromisoformat(headers["published_at"]) if "published_at" in headers else occurred
    request_id = headers.get("request_id")
    return OutboxMessage(UUID(props["message_id"]), str(name), payload, occurred, published,
                         request_id=str(request_id)[:64] if request_id else None)


class KombuConsumer:
    def __init__(self, url: str, name: str, routing_keys: list[str], handle: Callable[[OutboxMessage], None], *,
                 max_attempts: int = 5, backoff: tuple[float, ...] = DEFAULT_BACKOFF, prefetch: int = 20,
                 telemetry: Telemetry | None = None,
                 given_up: Callable[[OutboxMessage, str], None] | None = None) -> None:
        self.url, self.name, self.routing_keys, self.handle = url, name, routing_keys, handle
        self.given_up = given_up
        self.telemetry = telemetry
        self.max_attempts, self.backoff, self.prefetch = max_attempts, backoff, prefetch
        self.delayed_in_process = not url.startswith(("amqp", "pyamqp"))
        self.processed = self.retried = self.dead = self.rejected = 0
        self.ready = threading.Event()

    # -- running ------------------------------------------------------------------------
    def run(self, stop: threading.Event) -> None:
        """Consume until ``stop`` is set, reconnecting (with backoff) when the broker goes away."""
        pause = 0.5
        while not stop.is_set():
            try:
                self._consume(stop)
                pause = 0.5
            except (OSError, socket.error, ConnectionError) as exc:
                log.warning("consumer %s lost the broker (%s); reconnecting in %.1fs", self.name, exc, pause)
            except Exception as exc:  # kombu wraps transport errors in its own types
                log.warning("consumer %s failed (%r); reconnecting in %.1fs", self.name, exc, pause)
            self.ready.clear()
            stop.wait(pause)
            pause = min(pause * 2, 10.0)

    def _consume(self, stop: threading.Event) -> None:
        with connect(self.url) as conn:
            channel = conn.channel()
            queues = [work_queue(self.name, self.routing_keys), dead_queue(self.name)]
            if not self.delayed_in_process:
                queues.append(retry_queue(self.name))
            for queue in queues:
                queue(channel).declare()
            self._producer = Producer(channel)
            with conn.Consumer(queues=[work_queue(self.name, self.routing_keys)], channel=channel,
                               callbacks=[self._on_message], accept=["json"], no_ack=False) as consumer:
                consumer.qos(prefetch_count=self.prefetch)
                self.ready.set()
                while not stop.is_set():
                    try:
                        conn.drain_events(timeout=0.5)
                    except socket.timeout:
                        conn.heartbeat_check()

    # -- one message --------------------------------------------------------------------
    def _on_message(self, body, message) -> None:
        try:
            parsed = _decode(body, message)
        except (KeyError, ValueError, TypeError) as exc:
            log.error("consumer %s: malformed message (%s); dead-lettered", self.name, exc)
            self._dead_letter(body, message, f"malformed: {exc}")
            return
        try:
            self.handle(parsed)
        except Exception as exc:
            attempt = int((message.headers or {}).get("x-attempt", 1))
            if getattr(exc, "permanent", False):
                log.warning("consumer %s: %s cannot succeed (%r); acknowledged", self.name, parsed.id, exc)
                message.ack()
                self.rejected += 1
                self._count("rejected")
            elif attempt >= self.max_attempts:
                log.error("consumer %s gave up on %s after %d attempts: %r", self.name, parsed.id, attempt, exc)
                tell_given_up(self.given_up, self.name, parsed, exc)
                self._dead_letter(body, message, repr(exc))
            else:
                delay = self.backoff[min(attempt - 1, len(self.backoff) - 1)]
                log.warning("consumer %s: %s failed (attempt %d, %r); retry in %.1fs", self.name, parsed.id,
                            attempt, exc, delay)
                self._retry(body, message, attempt + 1, delay)
            return
        message.ack()
        self.processed += 1
        self._count("processed")

    def _republish(self, body, message, exchange, routing_key: str, headers: dict, **extra) -> None:
        payload = body if isinstance(body, (str, bytes)) else json.dumps(body)
        self._producer.publish(payload, exchange=exchange, routing_key=routing_key, headers=headers,
                               message_id=message.properties.get("message_id"), type=message.properties.get("type"),
                               content_type="application/json", content_encoding="utf-8", delivery_mode=2,
                               declare=[exchange], **extra)

    def _retry(self, body, message, attempt: int, delay: float) -> None:
        headers = dict(message.headers or {}) | {"x-attempt": attempt}
        if self.delayed_in_process:  # the memory transport has no TTL/dead-lettering: wait here
            time.sleep(min(delay, 2.0))
            self._republish(body, message, RETRY, f"{self.name}.again", headers)
        else:
            self._republish(body, message, RETRY, f"{self.name}.retry", headers, expiration=delay)
        message.ack()
        self.retried += 1
        self._count("retried")

    def _dead_letter(self, body, message, reason: str) -> None:
        headers = dict(message.headers or {}) | {"x-error": reason[:500]}
        self._republish(body, message, DEAD, self.name, headers)
        message.ack()
        self.dead += 1
        self._count("dead")

    def _count(self, outcome: str) -> None:
        if self.telemetry is not None:
            self.telemetry.count_message(self.name, outcome)
