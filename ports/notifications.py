"""Telling people things outside the app: email and webhooks (the in-app inbox is a repository)."""
from __future__ import annotations

import abc


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
