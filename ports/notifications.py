"""Telling people things: in-app notifications, email, webhooks."""
from __future__ import annotations

import abc
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class Notification:
    id: UUID
    user_id: UUID
    kind: str            # block_starting, deadline_at_risk, task_overdue, plan_changed, daily_agenda
    title: str
    body: str
    created_at: datetime
    data: dict = field(default_factory=dict)
    read_at: datetime | None = None


class DeliveryFailed(Exception):
    """A channel could not deliver; ``permanent`` says retrying will not help (bad address, refused URL)."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class EmailSender(abc.ABC):
    @abc.abstractmethod
    def send(self, to: str, subject: str, text: str, html: str | None = None) -> None:
        """Hand the message to the mail server or raise DeliveryFailed."""


class WebhookSender(abc.ABC):
    @abc.abstractmethod
    def deliver(self, url: str, secret: str, event: dict) -> None:
        """POST the event as JSON with an HMAC-SHA256 signature and timestamp; raise DeliveryFailed."""
