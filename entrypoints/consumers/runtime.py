"""Run the outbox relay, consumers and jobs the container built, in threads: inside `planloom serve` on
the embedded default (memory:// is process-local), or in `planloom worker` processes against RabbitMQ."""
from __future__ import annotations

import logging
import threading

from entrypoints.consumers.registry import CONSUMERS

log = logging.getLogger(__name__)


class Background:
    def __init__(self, container, consumers: list[str] | None = None, relay: bool = True, jobs: bool = False,
                 concurrency: int | None = None) -> None:
        """``concurrency``: consumers per queue in this process (each its own connection and thread),
        so one slow message does not hold up the queue; default PLANLOOM_CONSUMER_CONCURRENCY."""
        names = list(CONSUMERS) if consumers is None else consumers
        unknown = set(names) - set(CONSUMERS)
        if unknown:
            raise ValueError(f"unknown consumers {sorted(unknown)}; known: {sorted(CONSUMERS)}")
        settings = container.settings()
        self.stop_event = threading.Event()
        self.relay = container.relay() if relay else None
        copies = max(1, concurrency if concurrency is not None else settings.consumer_concurrency)
        self.consumers = [container.consumer(name=name) for name in names for _ in range(copies)]
        self.threads: list[threading.Thread] = []
        self.scheduler = container.scheduler() if jobs else None  # job leases keep each job to one run

    def start(self) -> "Background":
        runners = [(f"consumer-{c.name}-{i}", c.run) for i, c in enumerate(self.consumers)]
        if self.relay is not None:
            runners.append(("outbox-relay", self.relay.run))
        if self.scheduler is not None:
            runners.append(("jobs", self.scheduler.run))
        for name, target in runners:
            thread = threading.Thread(target=target, args=(self.stop_event,), name=name, daemon=True)
            thread.start()
            self.threads.append(thread)
        log.info("background started: %s", ", ".join(name for name, _ in runners))
        return self

    def wait_ready(self, timeout: float = 10.0) -> bool:
        return all(c.ready.wait(timeout) for c in self.consumers)

    def stop(self, timeout: float = 10.0) -> None:
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout)
