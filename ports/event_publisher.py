from __future__ import annotations

import abc

from ports.outbox import OutboxMessage


class EventPublisher(abc.ABC):
    @abc.abstractmethod
    def publish(self, messages: list[OutboxMessage]) -> None:
        """Publish in order; return only when every message is safely with the broker, else raise."""

    def close(self) -> None:
        """Release connections."""
