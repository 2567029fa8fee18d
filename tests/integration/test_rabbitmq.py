"""The kombu adapters against the real RabbitMQ on 127.0.0.1:5672 and the memory:// transport."""
from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime, timezone

import pytest
from kombu import Connection

from adapters.prometheus.telemetry import PrometheusTelemetry
from adapters.rabbitmq.consumer import KombuConsumer
from adapters.rabbitmq.publisher import KombuPublisher
from domain.errors import NotFound
from ports.outbox import OutboxMessage
from tests.prometheus_text import samples

AMQP = "amqp://guest:guest@127.0.0.1:5672//"


def _messages(n: int, name: str = "TaskCreated") -> list[OutboxMessage]:
    now = datetime.now(timezone.utc)
    return [OutboxMessage(uuid.uuid4(), name, {"user_id": str(uuid.uuid4()), "n": i}, now) for i in range(n)]


def wait_until(predicate, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


@pytest.fixture(params=[AMQP, "memory://"])
def url(request):
    return request.param


@pytest.fixture
def running(url):
    """Start consumers in threads; stop them and delete their queues afterwards."""
    stop = threading.Event()
    started: list[tuple[KombuConsumer, threading.Thread]] = []

    def start(handle, keys=("TaskCreated",), **options) -> KombuConsumer:
        consumer = KombuConsumer(url, f"test-{uuid.uuid4().hex[:8]}", list(keys), handle, **options)
        thread = threading.Thread(target=consumer.run, args=(stop,), daemon=True)
        thread.start()
        assert consumer.ready.wait(10)
        started.append((consumer, thread))
        return consumer

    yield start
    stop.set()
    for consumer, thread in started:
        thread.join(10)
        if url.startswith("amqp"):
            with Connection(url) as conn:
                channel = conn.channel()
                for suffix in ("", ".retry", ".dead"):
                    try:
                        channel.queue_delete(f"planloom.{consumer.name}{suffix}")
                    except Exception:
                        channel = conn.channel()


def _dead_letters(url: str, consumer: KombuConsumer) -> list[dict]:
    from adapters.rabbitmq.topology import dead_queue

    out = []
    with Connection(url) as conn:
        queue = dead_queue(consumer.name)(conn.channel())
        while (message := queue.get(no_ack=True)) is not None:
            out.append({"id": message.properties["message_id"], "error": message.headers.get("x-error")})
    return out


def test_every_message_is_delivered_once_in_order(url, running):
    got = []
    consumer = running(lambda m: got.append(m))
    messages = _messages(200)
    publisher = KombuPublisher(url)
    publisher.publish(messages)
    publisher.close()
    assert wait_until(lambda: len(got) == 200)
    time.sleep(0.2)
    assert [m.id for m in got] == [m.id for m in messages]
    assert got[0].payload == messages[0].payload and got[0].name == "TaskCreated"
    assert consumer.processed == 200


def test_the_request_id_rides_along_and_survives_a_retry(url, running):
    got = []

    def second_time_lucky(message):
        got.append(message)
        if len(got) == 1:
            raise RuntimeError("transient")

    running(second_time_lucky, backoff=(0.05,), max_attempts=3)
    traced, untraced = _messages(2)
    traced = OutboxMessage(traced.id, traced.name, traced.payload, traced.occurred_at, request_id="req-42")
    KombuPublisher(url).publish([traced, untraced])
    assert wait_until(lambda: len(got) == 3)
    by_id = {}
    for message in got:
        by_id.setdefault(message.id, set()).add(message.request_id)
    assert by_id == {traced.id: {"req-42"}, untraced.id: {None}}


def test_only_bound_events_arrive(url, running):
    got = []
    running(lambda m: got.append(m.name), keys=["TaskDeleted"])
    publisher = KombuPublisher(url)
    publisher.publish(_messages(3, "TaskCreated") + _messages(2, "TaskDeleted"))
    assert wait_until(lambda: len(got) == 2)
    time.sleep(0.3)
    assert got == ["TaskDeleted", "TaskDeleted"]


def test_failures_are_retried_with_backoff_then_succeed(url, running):
    attempts: dict[uuid.UUID, int] = {}

    def flaky(message):
        attempts[message.id] = attempts.get(message.id, 0) + 1
        if attempts[message.id] < 3:
            raise RuntimeError("transient")

    telemetry = PrometheusTelemetry()
    consumer = running(flaky, backoff=(0.05, 0.1), max_attempts=5, telemetry=telemetry)
    message = _messages(1)[0]
    KombuPublisher(url).publish([message])
    assert wait_until(lambda: consumer.processed == 1)
    assert attempts[message.id] == 3 and consumer.retried == 2
    counted = {dict(labels)["outcome"]: count for (name, labels), count in samples(telemetry.exposition()[0]).items()
               if name == "planloom_consumer_messages_total"}
    assert counted == {"retried": 2, "processed": 1}


def test_poison_messages_go_to_the_dead_letter_queue(url, running):
    def broken(message):
        raise ValueError("always broken")

    consumer = running(broken, backoff=(0.05,), max_attempts=2)
    message = _messages(1)[0]
    KombuPublisher(url).publish([message])
    assert wait_until(lambda: consumer.dead == 1)
    if url.startswith("amqp"):  # the memory transport's queues live in the consumer's process only
        dead = _dead_letters(url, consumer)
        assert [d["id"] for d in dead] == [str(message.id)] and "always broken" in dead[0]["error"]


def test_what_waited_on_a_message_is_told_when_it_is_given_up(url, running):
    told, attempts = [], []

    def broken(message):
        attempts.append(message.id)
        raise ValueError("always broken")

    def given_up(message, reason):
        told.append((message.id, reason))
        raise RuntimeError("the telling fails too")  # logged; the message is dead-lettered all the same

    consumer = running(broken, backoff=(0.05,), max_attempts=3, given_up=given_up)
    message = _messages(1)[0]
    KombuPublisher(url).publish([message])
    assert wait_until(lambda: consumer.dead == 1)
    assert told == [(message.id, "always broken")] and attempts == [message.id] * 3  # once, after the last try
    if url.startswith("amqp"):
        assert [d["id"] for d in _dead_letters(url, consumer)] == [str(message.id)]


def test_a_permanent_error_is_acknowledged_and_counted_not_retried(url, running):
    attempts: list[uuid.UUID] = []

    def gone(message):
        attempts.append(message.id)
        raise NotFound("the user was deleted meanwhile")

    consumer = running(gone, backoff=(0.05,), max_attempts=5)
    messages = _messages(2)
    KombuPublisher(url).publish(messages)
    assert wait_until(lambda: consumer.rejected == 2)
    time.sleep(0.3)
    assert attempts == [m.id for m in messages]
    assert (consumer.retried, consumer.dead, consumer.processed) == (0, 0, 0)
    if url.startswith("amqp"):
        assert _dead_letters(url, consumer) == []


def test_publisher_reports_an_unreachable_broker():
    publisher = KombuPublisher("amqp://guest:guest@127.0.0.1:1//")
    with pytest.raises(Exception):
        publisher.publish(_messages(1))


def test_events_published_before_any_consumer_started_are_kept():
    """A topic exchange drops (and still confirms) what no queue is bound for: the publisher declares
    every consumer's queues first, so a first deploy or a lagging consumer loses nothing."""
    name = f"test-{uuid.uuid4().hex[:8]}"
    publisher = KombuPublisher(AMQP, consumers={name: ["TaskCreated"]})
    try:
        publisher.publish(_messages(5))
        with Connection(AMQP) as conn:
            declared = conn.channel().queue_declare(f"planloom.{name}", passive=True)
            assert declared.message_count == 5
    finally:
        publisher.close()
        with Connection(AMQP) as conn:
            channel = conn.channel()
            for suffix in ("", ".retry", ".dead"):
                channel.queue_delete(f"planloom.{name}{suffix}")


def test_a_batch_is_confirmed_once_not_per_message():
    name = f"test-{uuid.uuid4().hex[:8]}"
    publisher = KombuPublisher(AMQP, consumers={name: ["TaskCreated"]})
    try:
        publisher.publish(_messages(300))
        assert publisher._acked == publisher._sent == 300  # every message confirmed before publish returned
    finally:
        publisher.close()
        with Connection(AMQP) as conn:
            channel = conn.channel()
            for suffix in ("", ".retry", ".dead"):
                channel.queue_delete(f"planloom.{name}{suffix}")
