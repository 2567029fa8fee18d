"""The periodic calendar sync through the queue: the ``calendar_sync`` job reads no calendar, it asks for each
due connection once (a ``CalendarSyncDue`` event through the outbox, the connection marked requested), and the
``calendar_sync`` consumer reads it if it is still due. On the memory profile (fixtures of test_calendar_sync),
and end to end on the embedded profile (SQLite, kombu memory://, consumers in threads, a real ICS feed)."""
from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta, timezone

from domain import commands
from domain.model.calendar import SYNC_PERIOD
from entrypoints.config import Settings
from entrypoints.consumers.registry import CONSUMERS, calendar_sync
from entrypoints.jobs.scheduler import Window
from ports.calendars import CalendarUnavailable
from tests.calendar_server import calendar_server, ics  # noqa: F401 (a fixture)
from tests.unit.test_calendar_sync import (FEED, NOW, bus, busy_of, connect, container, meeting, remote,  # noqa: F401
                                           user_id)


def _tick(container, minutes: float = 0) -> int:
    """One run of the job's hook ``minutes`` after the clock's time (the clock moves there)."""
    container.clock().advance(minutes=minutes)
    now = container.clock().now()
    return container.jobs().calendar_hook(Window(now - timedelta(minutes=1), now))


def _due_messages(container) -> list:
    return [m for m in container.database().state.outbox if m.name == "CalendarSyncDue"]


def test_the_job_asks_for_each_due_connection_once_and_again_when_the_request_is_a_period_old(
        container, bus, remote, user_id):
    remote.publish(FEED, [meeting("a", 2)])
    connection = connect(bus, user_id)
    fetches = remote.fetches
    assert _tick(container) == 0 and _due_messages(container) == []  # just synced
    assert _tick(container, 20) == 1
    [message] = _due_messages(container)
    assert message.payload == {"user_id": str(user_id), "connection_id": str(connection.id)}
    assert remote.fetches == fetches  # the job read nothing
    stored = container.calendars().get(user_id, connection.id)
    assert stored.sync_requested_at == container.clock().now() and stored.last_synced_at == NOW
    for _ in range(15):  # pending: not asked for again within the period, though still due
        assert _tick(container, 1) == 0
    assert len(_due_messages(container)) == 1
    assert _tick(container, 1) == 1  # the request is over a period old and nothing read it (lost): asked again
    assert len(_due_messages(container)) == 2 and remote.fetches == fetches


def test_a_sync_clears_the_request_so_the_next_slot_asks_again(container, bus, remote, user_id):
    remote.publish(FEED, [])
    connection = connect(bus, user_id)
    assert _tick(container, 20) == 1
    calendar_sync(bus)(_due_messages(container)[-1])
    read = container.calendars().get(user_id, connection.id)
    assert read.sync_requested_at is None and read.last_synced_at == container.clock().now()
    assert sum(_tick(container, 1) for _ in range(16)) == 1  # once in the next 16 minutes: at its slot


def test_the_consumer_reads_a_due_connection_and_skips_one_synced_meanwhile(container, bus, remote, user_id):
    remote.publish(FEED, [meeting("a", 2)])
    connection = connect(bus, user_id)
    remote.publish(FEED, [meeting("a", 2), meeting("b", 4)])
    assert _tick(container, 20) == 1
    [message] = _due_messages(container)
    fetches = remote.fetches
    calendar_sync(bus)(message)
    assert remote.fetches == fetches + 1
    assert sorted(b[0] for b in busy_of(container, user_id)) == ["a", "b"]
    calendar_sync(bus)(message)  # the same message again (redelivered): synced meanwhile, nothing read
    assert remote.fetches == fetches + 1

    container.clock().advance(minutes=20)
    assert _tick(container) == 1
    [*_, late] = _due_messages(container)
    bus.handle(commands.SyncCalendar(user_id=user_id, connection_id=connection.id))  # "Sync now" reads, always
    assert remote.fetches == fetches + 2
    calendar_sync(bus)(late)  # the periodic request arrives after it: nothing read
    assert remote.fetches == fetches + 2
    assert container.calendars().get(user_id, connection.id).sync_requested_at is None
    assert "calendar_sync" in CONSUMERS and CONSUMERS["calendar_sync"][0] == ["CalendarSyncDue"]


def test_a_request_for_a_calendar_gone_or_failing_is_done_with_the_failure_recorded(container, bus, remote, user_id):
    remote.publish(FEED, [])
    failing, gone = connect(bus, user_id), connect(bus, user_id, name="Gone")
    assert _tick(container, 20) == 2
    bus.handle(commands.DisconnectCalendar(actor_id=user_id, connection_id=gone.id))
    remote.fail(FEED, CalendarUnavailable("the server answered 503"))
    fetches = remote.fetches
    for message in _due_messages(container):
        calendar_sync(bus)(message)  # neither raises: no retry of a calendar that is down, no error for one gone
    assert remote.fetches == fetches + 1
    stored = container.calendars().get(user_id, failing.id)
    assert (stored.status, stored.failures, stored.last_error) == ("error", 1, "the server answered 503")
    assert stored.sync_requested_at is None and stored.last_synced_at == container.clock().now()
    assert sum(_tick(container, 1) for _ in range(16)) == 1  # tried: asked for again at its next slot only


def test_the_job_asks_in_chunks_and_at_most_its_batch(container, bus, remote, user_id):
    from entrypoints.jobs.calendars import CalendarSyncHook

    remote.publish(FEED, [])
    other = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1"))
    made = [connect(bus, owner, name=f"c{k}") for k in range(3) for owner in (user_id, other.id)]
    hook = CalendarSyncHook(container.calendars(), bus, batch=5, chunk=2)
    container.clock().advance(minutes=20)
    now = container.clock().now()
    assert hook(Window(now - timedelta(minutes=1), now)) == 5
    asked = [(m.payload["user_id"], m.payload["connection_id"]) for m in _due_messages(container)]
    assert len(asked) == 5 and len(set(asked)) == 5
    assert {(str(c.user_id), str(c.id)) for c in made} > set(asked)
    assert hook(Window(now - timedelta(minutes=1), now)) == 1  # the one left over, on the next tick


def test_on_the_embedded_profile_a_tick_reads_the_feed_through_the_queue(tmp_path, calendar_server):  # noqa: F811
    from adapters.sql.migrate import upgrade
    from entrypoints.consumers.runtime import Background
    from entrypoints.container import build_container

    url = f"sqlite:///{tmp_path / 'embedded.db'}"
    upgrade(url)
    container = build_container(Settings(data_dir=tmp_path, database_url=url, broker_url="memory://",
                                         secret_key=uuid.uuid4().hex * 2, calendar_allow_private=True,
                                         argon2_time_cost=1, argon2_memory_kib=1024))
    start = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
    feed = calendar_server.serve("/team.ics", ics(("standup@test", start, start + timedelta(hours=1), "Standup")))
    bus = container.bus()
    user = bus.handle(commands.RegisterUser(email=f"{uuid.uuid4().hex[:8]}@ex.com", password="pass-word-1"))
    connection = bus.handle(commands.ConnectCalendar(actor_id=user.id, values={
        "kind": "ics_url", "name": "Team", "url": feed}))
    calendar_server.serve("/team.ics", ics(("standup@test", start, start + timedelta(hours=1), "Standup"),
                                           ("review@test", start + timedelta(hours=3), start + timedelta(hours=4),
                                            "Review")))
    long_ago = datetime.now(timezone.utc) - 2 * SYNC_PERIOD  # last read two periods ago: due
    container.calendars().update(user.id, connection.id, lambda c: setattr(c, "last_synced_at", long_ago))
    hits = len(calendar_server.hits)
    background = Background(container, ["calendar_sync"], concurrency=1).start()  # relay + the consumer
    try:
        assert background.wait_ready(5)
        assert container.scheduler(only=["calendar_sync"]).run_pending() == {"calendar_sync": 1}
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(_titles(container, user.id)) < 2:
            time.sleep(0.05)
    finally:
        background.stop()
    assert _titles(container, user.id) == ["Review", "Standup"]
    assert len(calendar_server.hits) == hits + 1 and background.consumers[0].processed == 1
    stored = container.calendars().get(user.id, connection.id)
    assert stored.last_synced_at > long_ago and stored.sync_requested_at is None
    container.engine().dispose()


def _titles(container, user_id) -> list[str]:
    with container.reader() as uow:
        return sorted(b.title for b in uow.busy.list(user_id) if b.source == "calendar")
