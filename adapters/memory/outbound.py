"""In-memory twins of the outbound ports: e-mail, webhooks, event publishing, fine-tuning, password
hashing. Each keeps what it was handed, so a test asserts on state; each refuses what its real adapter
refuses permanently (the contract suites in tests/contract/ hold both to the same rules)."""
from __future__ import annotations

import copy
import hashlib
import hmac
import json
import logging
import re
import secrets
import threading
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from domain.errors import ValidationError
from ports.event_publisher import EventPublisher
from ports.fine_tuning import FineTuneJob, FineTuner
from ports.notifications import DeliveryFailed, EmailSender, WebhookSender
from ports.outbox import OutboxMessage, tell_given_up
from ports.password_hasher import PasswordHasher
from ports.telemetry import Telemetry

log = logging.getLogger(__name__)
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")


@dataclass(frozen=True)
class SentEmail:
    to: str
    subject: str
    text: str
    html: str | None


class MemoryEmailSender(EmailSender):
    def __init__(self) -> None:
        self.sent: list[SentEmail] = []

    def send(self, to: str, subject: str, text: str, html: str | None = None) -> None:
        if any(ch in to + subject for ch in "\r\n\x00"):
            raise DeliveryFailed("a header contains a line break or NUL", permanent=True)
        if not _ADDRESS.match(to):
            raise DeliveryFailed(f"not an email address: {to!r}", permanent=True)
        self.sent.append(SentEmail(to, subject, text, html))


@dataclass(frozen=True)
class DeliveredWebhook:
    url: str
    secret: str
    event: dict  # as the receiver would parse the JSON body


class MemoryWebhookSender(WebhookSender):
    def __init__(self) -> None:
        self.delivered: list[DeliveredWebhook] = []

    def deliver(self, url: str, secret: str, event: dict) -> None:
        parts = urlsplit(url) if isinstance(url, str) and not any(ch.isspace() for ch in url) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise DeliveryFailed(f"webhook URL is not an http(s) URL: {url!r}", permanent=True)
        if not secret:
            raise DeliveryFailed("webhook has no signing secret", permanent=True)
        try:
            body = json.dumps(event, separators=(",", ":"), ensure_ascii=False)
        except (TypeError, ValueError) as exc:
            raise DeliveryFailed(f"event is not JSON serialisable: {exc}", permanent=True) from exc
        self.delivered.append(DeliveredWebhook(url, secret, json.loads(body)))


class MemoryEventPublisher(EventPublisher):
    """Publishes to ``published`` (in order) and to every subscriber, synchronously."""

    def __init__(self) -> None:
        self.published: list[OutboxMessage] = []
        self.subscribers: list = []
        self.closed = False
        self._lock = threading.Lock()

    def publish(self, messages: list[OutboxMessage]) -> None:
        with self._lock:
            self.published.extend(messages)
            for subscriber in self.subscribers:
                for message in messages:
                    subscriber(copy.deepcopy(message))

    def close(self) -> None:
        self.closed = True


class MemoryConsumer:
    """A consumer of a MemoryEventPublisher, for the memory profile's background: the relay's thread runs
    the handler as it publishes. No retries; a failure is logged and counted (``rejected`` for a
    permanent one, ``failed`` otherwise: given up at once, so ``given_up`` runs as on RabbitMQ's last attempt)."""

    def __init__(self, publisher: MemoryEventPublisher, name: str, routing_keys: list[str], handle,
                 telemetry: Telemetry | None = None, given_up=None) -> None:
        self.publisher, self.name, self.routing_keys, self.handle = publisher, name, set(routing_keys), handle
        self.given_up = given_up
        self.telemetry = telemetry
        self.processed = self.rejected = self.failed = 0
        self.ready = threading.Event()

    def run(self, stop: threading.Event) -> None:
        self.publisher.subscribers.append(self._on_message)
        self.ready.set()
        stop.wait()
        self.publisher.subscribers.remove(self._on_message)

    def _on_message(self, message: OutboxMessage) -> None:
        if message.name not in self.routing_keys:
            return
        try:
            self.handle(message)
        except Exception as exc:  # one message's failure never stops the others
            if getattr(exc, "permanent", False):
                self.rejected += 1
                self._count("rejected")
            else:
                self.failed += 1
                self._count("dead")  # no retries here: given up at once
                tell_given_up(self.given_up, self.name, message, exc)
            log.warning("memory consumer %s: %s failed: %r", self.name, message.id, exc)
            return
        self.processed += 1
        self._count("processed")

    def _count(self, outcome: str) -> None:
        if self.telemetry is not None:
            self.telemetry.count_message(self.name, outcome)


class MemoryFineTuner(FineTuner):
    """Jobs start as ``validating_files`` and change only when a test calls ``finish`` or ``fail``."""

    def __init__(self) -> None:
        self.jobs: dict[str, FineTuneJob] = {}
        self.training: dict[str, bytes] = {}

    def start(self, training_jsonl: bytes, base_model: str, suffix: str) -> FineTuneJob:
        if not isinstance(training_jsonl, (bytes, bytearray)) or not training_jsonl.strip():
            raise ValidationError.for_field("file", "the training file is empty")
        job = FineTuneJob(id=f"ftjob-{uuid.uuid4().hex[:24]}", status="validating_files", base_model=base_model)
        self.jobs[job.id], self.training[job.id] = job, bytes(training_jsonl)
        return job

    def status(self, job_id: str) -> FineTuneJob:
        return self.jobs[job_id]

    def finish(self, job_id: str, fine_tuned_model: str) -> None:
        job = self.jobs[job_id]
        self.jobs[job_id] = FineTuneJob(job.id, "succeeded", job.base_model, fine_tuned_model)

    def fail(self, job_id: str, error: str) -> None:
        job = self.jobs[job_id]
        self.jobs[job_id] = FineTuneJob(job.id, "failed", job.base_model, error=error)


class MemoryPasswordHasher(PasswordHasher):
    """Salted SHA-256: fast for tests, never for production (Argon2 is the real adapter)."""

    def hash(self, password: str) -> str:
        salt = secrets.token_hex(8)
        return f"memory${salt}${hashlib.sha256((salt + password).encode()).hexdigest()}"

    def verify(self, hashed: str, password: str) -> bool:
        try:
            scheme, salt, digest = hashed.split("$")
        except (AttributeError, ValueError):
            return False
        if scheme != "memory" or not isinstance(password, str):
            return False
        return hmac.compare_digest(digest, hashlib.sha256((salt + password).encode()).hexdigest())
