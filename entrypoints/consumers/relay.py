"""The outbox relay: publish what units of work committed, oldest first, until told to stop."""
from __future__ import annotations

import logging
import threading

from ports.clock import Clock
from ports.event_publisher import EventPublisher
from ports.outbox import Outbox

log = logging.getLogger(__name__)


class OutboxRelay:
    def __init__(self, outbox: Outbox, publisher: EventPublisher, clock: Clock, *, batch: int = 500,
                 idle_seconds: float = 0.1) -> None:
        self.outbox, self.publisher, self.clock = outbox, publisher, clock
        self.batch, self.idle_seconds = batch, idle_seconds
        self.published = 0
        self.failures = 0
        self.wake = threading.Event()

    def run_once(self) -> int:
        count = self.outbox.relay_batch(self.batch, self.publisher.publish, self.clock.now())
        self.published += count
        return count

    def run(self, stop: threading.Event) -> None:
        pause = self.idle_seconds
        while not stop.is_set():
            try:
                count = self.run_once()
                pause = self.idle_seconds
            except Exception as exc:  # broker or database away: keep the messages, try again later
                self.failures += 1
                log.warning("outbox relay could not publish (%r); retrying in %.1fs", exc, pause)
                count = 0
                stop.wait(pause)
                pause = min(max(pause, 0.5) * 2, 10.0)
                continue
            if count < self.batch:
                self.wake.wait(self.idle_seconds)
                self.wake.clear()
        self.publisher.close()
