"""The periodic calendar sync the production way: the jobs' ``calendar_sync`` tick commits a ``CalendarSyncDue``
event to the outbox (PostgreSQL), the relay publishes it to RabbitMQ (127.0.0.1:5672), and the ``calendar_sync``
consumer (as a notifier worker runs it) reads the ICS feed served by a local HTTP server and stores its busy
time. The same message delivered again reads nothing. (tests/unit/test_calendar_sync_queue.py has the same on
the embedded profile, kombu memory://.)

The consumer's queue name is fixed (``planloom.calendar_sync``), so the test runs in a RabbitMQ virtual host of
its own on the machine's node (``rabbitmqctl add_vhost``, deleted afterwards): it shares no queue with a worker
or another test using the same node."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from adapters.sql.tables import outbox
from domain import commands
from domain.model.calendar import SYNC_PERIOD
from entrypoints.config import Settings
from entrypoints.consumers.runtime import Background
from entrypoints.container import build_container
from ports.outbox import OutboxMessage
from tests.calendar_server import calendar_server, ics  # noqa: F401 (a fixture)
from tests.databases import fresh_database
from tests.integration._processes import RabbitNode, wait_until


@pytest.fixture
def broker_url():
    """A virtual host of this test's own on the machine's RabbitMQ (guest/guest), deleted afterwards."""
    node = RabbitNode(shared=True)
    vhost = node.add_vhost()
    try:
        node.wait_amqp(vhost)
        yield node.url(vhost)
    finally:
        node.delete_vhost(vhost)
        node.stop()  # the machine's node is left running: only the test's scratch folder goes


@pytest.fixture
def container(tmp_path, broker_url):
    with fresh_database("planloom_calsync") as url:
        container = build_container(Settings(data_dir=tmp_path, database_url=url, broker_url=broker_url,
                                             secret_key=uuid.uuid4().hex * 2, calendar_allow_private=True,
                                             argon2_time_cost=1, argon2_memory_kib=1024))
        try:
            yield container
        finally:
            container.publisher().close()
            container.engine().dispose()


def _titles(container, user_id) -> list[str]:
    with container.reader() as uow:
        return sorted(b.title for b in uow.busy.list(user_id) if b.source == "calendar")


def _sync_requests(container) -> list[OutboxMessage]:
    with container.engine().connect() as conn:
        rows = conn.execute(select(outbox).where(outbox.c.name == "CalendarSyncDue")).all()
    return [OutboxMessage(r.id, r.name, r.payload, r.occurred_at, request_id=r.request_id) for r in rows]


def test_a_tick_reads_the_feed_through_rabbitmq_and_a_duplicate_reads_nothing(container, calendar_server):  # noqa: F811
    start = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
    standup = ("standup@test", start, start + timedelta(hours=1), "Standup")
    feed = calendar_server.serve("/team.ics", ics(standup))
    bus = container.bus()
    user = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1"))
    connection = bus.handle(commands.ConnectCalendar(actor_id=user.id, values={
        "kind": "ics_url", "name": "Team", "url": feed}))
    assert _titles(container, user.id) == ["Standup"]  # read once when connected
    calendar_server.serve("/team.ics", ics(standup, ("review@test", start + timedelta(hours=3),
                                                     start + timedelta(hours=4), "Review")))
    long_ago = datetime.now(timezone.utc) - 2 * SYNC_PERIOD  # last read two periods ago: due
    container.calendars().update(user.id, connection.id, lambda c: setattr(c, "last_synced_at", long_ago))
    hits = len(calendar_server.hits)
    # The events of registering and connecting go nowhere (marked relayed, unsent): the only message that can
    # reach the consumer is the tick's request, so a read is its doing (connecting's CalendarSynced would read
    # the feed too, were the consumer bound to it).
    while container.outbox().relay_batch(100, lambda messages: None, datetime.now(timezone.utc)):
        pass

    background = Background(container, ["calendar_sync"], concurrency=1).start()  # the relay + the consumer
    try:
        assert background.wait_ready(10)
        [consumer] = background.consumers
        assert container.scheduler(only=["calendar_sync"]).run_pending() == {"calendar_sync": 1}
        assert wait_until(lambda: consumer.processed == 1, timeout=30)
        assert _titles(container, user.id) == ["Review", "Standup"]
        assert len(calendar_server.hits) == hits + 1
        stored = container.calendars().get(user.id, connection.id)
        assert stored.last_synced_at > long_ago and stored.sync_requested_at is None

        [request] = _sync_requests(container)
        assert request.payload == {"user_id": str(user.id), "connection_id": str(connection.id)}
        container.publisher().publish([request])  # delivered again (a redelivery, a second jobs process)
        assert wait_until(lambda: consumer.processed == 2, timeout=30)
    finally:
        background.stop()
    assert len(calendar_server.hits) == hits + 1  # synced meanwhile: the feed was not read again
    assert _titles(container, user.id) == ["Review", "Standup"]
    assert (consumer.processed, consumer.retried, consumer.dead, consumer.rejected) == (2, 0, 0, 0)
