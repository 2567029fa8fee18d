"""Exchanges and queues. One durable topic exchange; per consumer a work queue, a retry queue whose
messages dead-letter back to the work queue when their delay expires, and a dead-letter queue."""
from __future__ import annotations

from kombu import Exchange, Queue

EVENTS = Exchange("planloom.events", type="topic", durable=True)
RETRY = Exchange("planloom.retry", type="direct", durable=True)
DEAD = Exchange("planloom.dead", type="direct", durable=True)


def work_queue(consumer: str, routing_keys: list[str]) -> Queue:
    from kombu import binding

    bindings = [binding(EVENTS, routing_key=key) for key in routing_keys]
    bindings.append(binding(RETRY, routing_key=f"{consumer}.again"))  # delayed retries come back here
    return Queue(f"planloom.{consumer}", bindings=bindings, durable=True)


def retry_queue(consumer: str) -> Queue:
    """Messages wait here for their per-message expiration, then dead-letter to the work queue."""
    return Queue(f"planloom.{consumer}.retry", exchange=RETRY, routing_key=f"{consumer}.retry", durable=True,
                 queue_arguments={"x-dead-letter-exchange": RETRY.name,
                                  "x-dead-letter-routing-key": f"{consumer}.again"})


def dead_queue(consumer: str) -> Queue:
    return Queue(f"planloom.{consumer}.dead", exchange=DEAD, routing_key=consumer, durable=True)


def declare_all(channel, consumers: dict[str, list[str]]) -> None:
    """The exchange and every consumer's queues. Declared by the publisher before it relays anything:
    a topic exchange drops (and still confirms) messages no queue is bound for yet."""
    EVENTS(channel).declare()
    for name, keys in consumers.items():
        for queue in (work_queue(name, keys), retry_queue(name), dead_queue(name)):
            queue(channel).declare()
