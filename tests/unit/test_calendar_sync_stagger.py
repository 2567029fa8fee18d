"""The periodic calendar sync is staggered per connection: each one has its own moment within the
15-minute period (from a stable hash of its id), and is synced once per period, at the first tick after
that moment. Driven through the scheduler's ``calendar_sync`` job on the memory profile's fixed clock (the
job's requests read at once: tests/unit/test_calendar_sync_queue.py has the queue between them)."""
from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone

from adapters.memory.calendars import MemoryCalendarStore
from domain.model.calendar import SYNC_PERIOD, CalendarConnection, sync_due, sync_slot
from entrypoints.config import Settings
from entrypoints.container import build_container
from entrypoints.jobs.calendars import CalendarSyncHook
from entrypoints.jobs.scheduler import Scheduler

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
CONNECTIONS = 40


class SyncingBus:
    """Stands in for the job's requests and the ``calendar_sync`` consumer that reads them at once: marks the
    requested connections, then records when each was synced and, as the handler does, stamps it synced then."""

    def __init__(self, store: MemoryCalendarStore, clock) -> None:
        self.store, self.clock = store, clock
        self.synced: list[tuple[datetime, uuid.UUID]] = []

    def handle(self, command):
        self.store.request_sync(list(command.connections), command.now)
        for user_id, connection_id in command.connections:
            self.store.update(user_id, connection_id, lambda c: c.synced(self.clock.now()))
            self.synced.append((self.clock.now(), connection_id))
        return len(command.connections)


def _world():
    container = build_container(Settings(profile="memory", secret_key="stagger-" * 4))
    clock = container.clock()
    clock.set(T0)
    store = MemoryCalendarStore()
    user = uuid.UUID(int=1)
    for k in range(CONNECTIONS):  # fixed ids: the spread below is the same at every run
        connection = CalendarConnection(id=uuid.uuid5(uuid.NAMESPACE_URL, f"connection-{k}"), user_id=user,
                                        kind="ics_url", name=f"c{k}", created_at=T0 - timedelta(days=1))
        connection.synced(T0)  # all synced at one instant (a restart, a migration): the worst case
        store.put(connection)
    bus = SyncingBus(store, clock)
    jobs = container.jobs(bus=bus, calendar_sync=CalendarSyncHook(store, bus))
    scheduler = Scheduler([j for j in jobs.schedule() if j.name == "calendar_sync"], container.job_runs(), clock)
    return clock, store, bus, scheduler


def test_connections_are_spread_over_the_period_and_each_synced_once_per_period():
    clock, store, bus, scheduler = _world()
    for _ in range(45):  # three periods of ticks, one a minute
        clock.advance(minutes=1)
        scheduler.run_pending()
    per_connection = Counter(cid for _, cid in bus.synced)
    assert len(per_connection) == CONNECTIONS and set(per_connection.values()) == {3}
    for connection_id in per_connection:
        moments = [when for when, cid in bus.synced if cid == connection_id]
        assert [b - a for a, b in zip(moments, moments[1:])] == [SYNC_PERIOD, SYNC_PERIOD]
        slot = sync_slot(connection_id, moments[0])
        assert moments[0] - timedelta(minutes=1) < slot <= moments[0]  # at the first tick after its slot
    per_tick = Counter(when for when, _ in bus.synced if when <= T0 + SYNC_PERIOD)
    assert len(per_tick) >= 12 and max(per_tick.values()) <= 8  # not all 40 at one instant


def test_a_connection_synced_on_demand_waits_for_its_next_slot_and_a_new_one_is_due_at_once():
    connection_id = uuid.uuid5(uuid.NAMESPACE_URL, "connection-0")
    slot = sync_slot(connection_id, T0)
    assert slot <= T0 < slot + SYNC_PERIOD and sync_slot(connection_id, slot) == slot
    assert sync_slot(connection_id, slot - timedelta(microseconds=1)) == slot - SYNC_PERIOD
    assert sync_due(connection_id, None, T0)
    assert sync_due(connection_id, slot - timedelta(seconds=1), T0)
    assert not sync_due(connection_id, slot, T0)  # synced (on demand) at or after its slot: done this period
    assert sync_due(connection_id, slot, slot + SYNC_PERIOD)
    offsets = {sync_slot(uuid.uuid5(uuid.NAMESPACE_URL, f"c{k}"), T0) for k in range(100)}
    assert len(offsets) > 50  # ids land on many different moments
